"""The one-pass matcher: whole words, leftmost-longest, one verdict per match."""

from __future__ import annotations

from checker.glossary import Entry, Variant
from checker.matcher import SUBSET_SCANS, FormKind, TermMatcher, Verdict


def _matcher():
    return TermMatcher([
        Entry("Báo Điện tử Chính phủ", "publication", aliases=("Báo Chính phủ",), variants=(Variant("Bảo Chính Phủ"),)),
        Entry("Chính phủ", "body"),
        Entry("Gunma", "place", variants=(Variant("Sơn Ma"), Variant("Quần Mã", after=("tỉnh",))), source_forms=("群馬",)),
        Entry("Phạm Minh Chính", "person", short_forms=("Chính",), titles=("Thủ tướng",)),
        Entry("Ito Naoki", "person", order="family-first"),
    ])


def _verdicts(text):
    return [(m.raw, m.verdict) for m in _matcher().scan(text)]


def test_accepted_forms_are_returned_without_verdict():
    assert _verdicts("Báo Chính phủ và Chính phủ") == [("Báo Chính phủ", None), ("Chính phủ", None)]


def test_longest_match_wins_over_the_shorter_form_inside_it():
    # "Chính Phủ" alone would be a casing finding; inside the variant it is not reported twice
    assert _verdicts("Nguồn: Bảo Chính Phủ") == [("Bảo Chính Phủ", Verdict.VARIANT)]


def test_whole_words_only():
    assert _verdicts("Gunmaken và Sơn Mai") == []


def test_cjk_source_form_matches_without_spaces():
    assert _verdicts("tỉnh群馬県") == [("群馬", Verdict.SOURCE)]


def test_short_form_reports_the_name_not_the_title():
    (match,) = _matcher().scan("Tiếp theo, Thủ tướng Chinh phát biểu.")
    assert (match.raw, match.verdict, match.form.kind) == ("Chinh", Verdict.DIACRITICS, FormKind.SHORT)
    assert match.start == len("Tiếp theo, Thủ tướng ")


def test_reversed_person_name():
    assert _verdicts("ông Naoki Ito") == [("Naoki Ito", Verdict.ORDER)]


def test_context_gated_variant():
    assert _verdicts("tỉnh Quần Mã") == [("Quần Mã", Verdict.VARIANT)]
    assert _verdicts("nhà thơ Quần Mã") == []


def test_offsets_are_those_of_the_original_text():
    text = "Ngày 25, Thủ tướng Phạm Minh Chinh đến."
    (match,) = _matcher().scan(text)
    assert text[match.start:match.end] == "Phạm Minh Chinh"


def test_empty_glossary_matches_nothing():
    assert TermMatcher([]).scan("Gunma") == []


def test_an_unpickled_matcher_finds_what_the_built_one_finds():
    """The glossary cache pickles the matcher without its automaton, which
    is built again from the keys: the matches must not change, in text
    with marks before the match (offsets are code points, not bytes) and
    with CJK source forms, whether the automaton is the whole glossary's
    or one of the first scans' (tests/test_matcher_subset.py)."""
    import pickle

    built = _matcher()
    built.build_automaton()
    text = "Ở tỉnh群馬県, Thủ tướng Chinh gặp Naoki Ito; Bảo Chính Phủ đưa tin về Sơn Ma."
    loaded = pickle.loads(pickle.dumps(built))
    assert loaded.__dict__.get("_automaton") is None
    for _ in range(SUBSET_SCANS + 1):
        assert [(m.start, m.end, m.raw, m.verdict) for m in loaded.scan(text)] == \
            [(m.start, m.end, m.raw, m.verdict) for m in built.scan(text)]
    assert loaded.__dict__.get("_automaton") is not None
    assert [m.raw for m in built.scan(text)] == ["群馬", "Chinh", "Naoki Ito", "Bảo Chính Phủ", "Sơn Ma"]


def test_a_verdict_read_from_the_context_is_not_reused_elsewhere():
    """The matcher decides each (text, key) once per run, except where the
    verdict read the text around the match: the same words are a variant
    after "tỉnh" only, and stripped marks are an error in a Vietnamese
    line only, whichever the matcher met first."""
    matcher = _matcher()
    for _ in range(2):
        assert [(m.raw, m.verdict) for m in matcher.scan("nhà thơ Quần Mã")] == []
        assert [(m.raw, m.verdict) for m in matcher.scan("tỉnh Quần Mã")] == [("Quần Mã", Verdict.VARIANT)]
    text = "Prime Minister Pham Minh Chinh arrived.\nÔng Pham Minh Chinh đến.\nPham Minh Chinh"
    for _ in range(2):
        assert [(m.start, m.verdict) for m in matcher.scan(text)] == [(text.index("Ông") + 4, Verdict.DIACRITICS)]


def test_decisions_met_in_one_document_hold_in_the_next():
    matcher = _matcher()
    first = [(m.raw, m.verdict) for m in matcher.scan("Bảo Chính Phủ, Chính phủ, ông Naoki Ito, đầu tư")]
    assert first == [("Bảo Chính Phủ", Verdict.VARIANT), ("Chính phủ", None), ("Naoki Ito", Verdict.ORDER)]
    assert [(m.raw, m.verdict) for m in matcher.scan("Chính phủ và Bảo Chính Phủ; Naoki Ito")] == \
        [("Chính phủ", None), ("Bảo Chính Phủ", Verdict.VARIANT), ("Naoki Ito", Verdict.ORDER)]
    import pickle

    assert pickle.loads(pickle.dumps(matcher))._decisions == {}  # a run's decisions are not cached with the glossary
