"""render-* rules: one name written several ways in a document or across
the documents of one run, and names with stripped marks. Seed 000, the
native seeds and the fixtures in tests/fixtures/consistency/."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEED_000, gold_entries, overlaps
from checker import rules as registry
from checker.config import Config
from checker.glossary import Glossary
from checker.linter import Linter
from checker.model import Severity
from checker.rules import render_inconsistent
from checker.rules.render_inconsistent import _near_pairs

CASES = FIXTURES / "consistency"
VI = "Hội nghị đã diễn ra tại Hà Nội với sự tham gia của nhiều đại biểu trong và ngoài nước."


def run(glossary, paths, select, *options):
    config = Config(select=(select,), default_glossary=False, jobs=1)
    for option in options:
        config = config.with_rule_options(registry, option)
    return Linter(glossary, config).lint_paths([str(p) for p in paths])


def lint(glossary, text, select, *options):
    config = Config(select=(select,), default_glossary=False)
    for option in options:
        config = config.with_rule_options(registry, option)
    return Linter(glossary, config).lint_text(text)


def spans(text, findings):
    lines = text.split("\n")
    return [lines[f.line - 1][f.column - 1:f.end_column - 1] for f in findings]


# -- seed 000 ---------------------------------------------------------------------

def test_chinh_drift_found_without_any_glossary():
    result = run(Glossary(), [SEED_000], "render-inconsistent")
    golds = [g for g in gold_entries("diacritics") if g["text"] == "Phạm Minh Chinh"]
    assert len(golds) == 4
    for gold in golds:
        hits = [f for f in result.findings if overlaps(f, gold)]
        assert [(f.suggestion, f.category, f.severity) for f in hits] == [
            ("Phạm Minh Chính", "diacritics", Severity.WARNING)], gold
    # the one correct mention (line 157) is the canonical form, not a finding
    assert not [f for f in result.findings if f.line == 157]


def test_chinh_drift_uses_the_glossary_form_and_merges_with_term_diacritics(mini_glossary):
    config = Config(select=("term-diacritics", "render-inconsistent"), default_glossary=False)
    findings = Linter(mini_glossary, config).lint_paths([SEED_000]).findings
    on_22 = [f for f in findings if f.line == 22 and f.column == 232]
    assert [f.rule for f in on_22] == ["term-diacritics"]  # one span, one finding


def test_english_captions_are_not_name_mentions():
    result = run(Glossary(), [SEED_000], "render")
    captions = {g["line"] for g in gold_entries("untranslated")}
    assert not [f for f in result.findings if f.line in captions]


# -- across documents --------------------------------------------------------------

@pytest.fixture(scope="module")
def two_reports():
    return run(Glossary(), sorted((CASES / "two-reports").glob("*.txt")), "render")


def test_name_order_drift_across_two_reports(two_reports):
    order = [f for f in two_reports.findings if f.rule == "render-inconsistent"]
    assert [(f.path.rsplit("/", 1)[1], f.line, f.column, f.suggestion, f.category) for f in order] == [
        ("report-a.txt", 3, 30, "Ito Naoki", "name-order")]
    assert "report-b.txt:3" in order[0].message


def test_stripped_name_takes_the_marked_form_of_the_other_report(two_reports):
    stripped = [f for f in two_reports.findings if f.rule == "render-stripped"]
    assert [(f.path.rsplit("/", 1)[1], f.line, f.column, f.end_column, f.suggestion) for f in stripped] == [
        ("report-a.txt", 5, 15, 27, "Trần Hồng Hà")]
    assert "elsewhere" in stripped[0].message


def test_names_differing_in_one_mark_across_reports_may_be_two_people(two_reports):
    # "Nguyễn Văn Thanh" (report a) and "Nguyễn Văn Thành" (report b)
    assert not [f for f in two_reports.findings if "Nguyễn" in f.message]


def test_cross_document_drift_needs_more_than_one_document(mini_glossary):
    text = (CASES / "two-reports" / "report-a.txt").read_text(encoding="utf-8")
    assert not [f for f in lint(Glossary(), text, "render-inconsistent")]


# -- inside one document -------------------------------------------------------------

def test_one_letter_and_hyphen_differences_are_minor(mini_glossary):
    result = run(Glossary(), [CASES / "drift.txt"], "render-inconsistent")
    text = (CASES / "drift.txt").read_text(encoding="utf-8")
    found = [(s, f.suggestion, f.severity) for s, f in zip(spans(text, result.findings), result.findings)]
    assert found == [("Yamanasi", "Yamanashi", Severity.INFO),
                     ("Alexander Arnold", "Alexander-Arnold", Severity.INFO)]
    raised = run(Glossary(), [CASES / "drift.txt"], "render-inconsistent", "render-inconsistent.minor=warning")
    assert {f.severity for f in raised.findings} == {Severity.WARNING}
    off = run(Glossary(), [CASES / "drift.txt"], "render-inconsistent", "render-inconsistent.fuzzy_min_length=0")
    assert [f.suggestion for f in off.findings] == ["Alexander-Arnold"]


def test_glossary_form_beats_the_majority(mini_glossary):
    text = f"{VI}\nĐoàn tỉnh Vinh Long và tỉnh Vinh Long đến thăm; tỉnh Vĩnh Long đón tiếp.\n"
    findings = lint(mini_glossary, text, "render-inconsistent")
    assert [(s, f.suggestion) for s, f in zip(spans(text, findings), findings)] == [
        ("Vinh Long", "Vĩnh Long"), ("Vinh Long", "Vĩnh Long")]
    assert "glossary" in findings[0].message


@pytest.mark.parametrize("text", [
    f"Ông Minh Anh và ông Anh Minh cùng dự họp. {VI}",        # two Vietnamese names, not one reversed
    f"Phim Hollywood và phim Bollywood đều có mặt. {VI}",     # first letters differ: two words
    f"Gia đình Kardashian và chương trình Kardashians. {VI}",  # a plural, not a slip
    f"Tỉnh Thanh Hóa và tỉnh Thanh Hoá. {VI}",                # tone placement: text-tone-style
    f"Theo Reuters, Thủ tướng Phạm Minh Chính nói. Theo Phạm Minh Chính, đó là ưu tiên. {VI}",
    f"{VI}\nPrime Minister Pham Minh Chinh attends the forum\nThủ tướng Phạm Minh Chính dự diễn đàn.",
])
def test_inconsistent_stays_quiet(text):
    assert lint(Glossary(), text, "render-inconsistent") == []


# -- render-stripped ------------------------------------------------------------------

@pytest.mark.slow
def test_stripped_names_with_a_guess():
    text = (CASES / "stripped.txt").read_text(encoding="utf-8")
    findings = run(Glossary(), [CASES / "stripped.txt"], "render-stripped").findings
    assert spans(text, findings) == ["Le Thi Hong Van", "Ha Long"]
    # pyvi restores in context; the suggestion is flagged as a guess
    assert findings[1].suggestion == "Hạ Long"
    assert all("guess" in f.message for f in findings)
    assert all(f.severity is Severity.WARNING and f.category == "diacritics" for f in findings)


def test_stripped_names_without_a_guess():
    findings = run(Glossary(), [CASES / "stripped.txt"], "render-stripped", "render-stripped.guess=none").findings
    assert [f.suggestion for f in findings] == [None, None]
    assert not any("guess" in f.message for f in findings)


def test_stripped_name_suggestion_from_the_glossary(mini_glossary):
    text = f"{VI}\nÔng Pham Minh Chinh phát biểu tại hội nghị.\n"
    findings = lint(mini_glossary, text, "render-stripped")
    assert [(s, f.suggestion) for s, f in zip(spans(text, findings), findings)] == [
        ("Pham Minh Chinh", "Phạm Minh Chính")]
    assert "glossary" in findings[0].message


def test_the_glossary_suggests_but_does_not_decide(mini_glossary):
    # Thanh Hoa (Tsinghua) is not the province Thanh Hóa of the glossary
    text = f"{VI}\nGiáo sư Đại học Thanh Hoa (Trung Quốc) dự đoán mạng 6G sẽ ra đời.\n"
    assert lint(mini_glossary, text, "render-stripped") == []


@pytest.mark.parametrize("text", [
    "Sau đó, đoàn gặp ông Minh Thu và ông Quang Huy tại tỉnh Long An.",     # names without marks
    "Thông tin từ tài khoản Do Huong cho biết vé đã được bán hết.",          # an account name
    "Món ăn có màu sắc bắt mắt. (Ảnh: Luong Viet Chuong).",                 # a photo credit
    "Kỹ sư Thao Truong, người Mỹ gốc Việt, giới thiệu dự án.",              # Western order
    "Nam diễn viên Park Bo Gum đóng vai chính.",                            # a Korean name
    "Cầu thủ Van De Beek vào sân từ hiệp hai.",                              # a Dutch name
    "Meeting between Prime Minister Pham Minh Chinh and local governments",  # an English line
])
def test_stripped_stays_quiet(text):
    assert lint(Glossary(), f"{VI}\n{text}\n{VI}", "render-stripped") == []


# -- blocking ---------------------------------------------------------------------------

def _brute_force(keys):
    from rapidfuzz.distance import Levenshtein

    pairs = set()
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            short, long_ = sorted((a, b), key=len)
            if a[0] == b[0] and Levenshtein.distance(a, b) == 1 and long_ != short + "s":
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcs ", min_size=2, max_size=7), min_size=2, max_size=25, unique=True))
def test_deletion_neighbourhoods_find_exactly_the_one_edit_pairs(keys):
    assert _near_pairs(keys) == _brute_force(keys)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="abcs ", min_size=2, max_size=7), min_size=51, max_size=90, unique=True))
def test_deletion_neighbourhoods_of_many_keys_find_exactly_the_one_edit_pairs(keys):
    # more keys than a bucket may hold: the deletion index, not the pairwise
    # comparison of a document's few names (no bucket here exceeds the cap)
    assert len(keys) > render_inconsistent._MAX_BUCKET
    assert _near_pairs(keys) == _brute_force(keys)


def test_near_pairs_on_names():
    keys = ["yamanashi", "yamanasi", "hollywood", "bollywood", "kardashian", "kardashians", "azerbaijan"]
    random.Random(1).shuffle(keys)
    assert _near_pairs(keys) == [("yamanashi", "yamanasi")]


def test_stripped_names_on_a_megabyte_line_stay_cheap(tmp_path, monkeypatch):
    """A name without marks and without a marked form anywhere gets pyvi's
    guess, computed on the words around it, not on its whole line: on a
    1 MB line of such names, every candidate took the whole line along
    (gigabytes in the summaries) and pyvi ran on it for each mention. Now
    the context is a paragraph's worth and a run makes a bounded number of
    guesses (each repeated mention is guessed once)."""
    from checker.rules import render_stripped

    calls = []
    monkeypatch.setattr(render_stripped, "_restore_accents",
                        lambda line, offset, raw: calls.append(len(line)) or "Lê Văn Tuấn")
    sentence = "Hôm qua ông Le Van Tuan đã đến thăm trường và nói chuyện với các em học sinh. "
    path = tmp_path / "mega.txt"
    path.write_text(sentence * (1_000_000 // len(sentence)), encoding="utf-8")
    result = run(Glossary(), [path], "render-stripped")
    assert len(result.findings) >= 1000
    assert all(f.suggestion == "Lê Văn Tuấn" for f in result.findings[:render_stripped._MAX_GUESSES // 2])
    assert 0 < len(calls) <= render_stripped._MAX_GUESSES
    assert max(calls) <= 2 * render_stripped._CONTEXT + len("Le Van Tuan")


# -- the name-mention view --------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aáBđ -\n\r1", max_size=40))
def test_mentions_judge_a_line_as_unmarked_lines_does(text):
    from checker.document import line_starts
    from checker.language import unmarked_lines
    from checker.mentions import _unmarked_line

    starts = line_starts(text)
    unmarked = {start for start, _end in unmarked_lines(text)}
    assert [_unmarked_line(text, starts, i) for i in range(len(starts))] == [s in unmarked for s in starts]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab ,.\n", max_size=30), st.text(alphabet="ab", min_size=1, max_size=3))
def test_mentions_find_a_lower_case_word_as_two_searches_do(text, low):
    from checker.mentions import _Usage

    expected = f" {low} " in text or f" {low}," in text
    assert _Usage(text, indexed=False).written_in_lower_case(low) == expected
    assert _Usage(text, indexed=True).written_in_lower_case(low) == expected  # the long texts' index


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["á", ",", " ", " ", "B", "Ba", "Đá", "\n"]), max_size=12),
       st.lists(st.sampled_from(["Ba", "Đá"]), min_size=2, max_size=2))
def test_mentions_find_a_run_inside_a_sentence_by_index_as_by_search(tokens, words):
    from checker.mentions import _Usage

    text, run = "".join(tokens), " ".join(words)
    expected = any(text.startswith(run, pos) and text[pos - 1] == " "
                   and (text[pos - 2].islower() or text[pos - 2] == ",") for pos in range(2, len(text)))
    assert _Usage(text, indexed=False).inside_a_sentence(run) == expected
    assert _Usage(text, indexed=True).inside_a_sentence(run) == expected


def test_mentions_of_long_documents_from_indexes_are_those_from_searches(monkeypatch):
    # news articles one after another (a piece of a big file, an HTML page
    # read whole): the first words of sentences are told apart the same way
    from checker import mentions
    from checker.context import CheckContext
    from checker.loaders import text_document
    from conftest import CORPUS

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:80])
    doc = text_document("long.txt", text)
    assert len(doc.text) >= mentions._INDEXED_FROM
    found = {}
    for indexed_from in (0, 10 ** 9):
        monkeypatch.setattr(mentions, "_INDEXED_FROM", indexed_from)
        found[indexed_from] = CheckContext(doc, Glossary(), Config(default_glossary=False)).name_mentions
    assert len(found[0]) > 1000 and found[0] == found[10 ** 9]


def test_mention_positions_are_the_span_positions():
    from checker.context import CheckContext
    from checker.loaders import text_document
    from checker.rules.render_common import mention_positions, span_position

    text = (f"{VI}\nÔng Phạm Minh Chính gặp Naoki Ito tại Hà Nội.\n\n"
            f"Thủ tướng Phạm Minh Chinh và Alexander-Arnold đến Tokyo.")
    doc = text_document("a.txt", text)
    mentions = CheckContext(doc, Glossary(), Config(default_glossary=False)).name_mentions
    assert len(mentions) >= 5
    assert mention_positions(doc, mentions) == [span_position(doc, m.start, m.end) for m in mentions]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AaÁáĐđ -‐.\n1", max_size=40))
def test_mention_runs_match_as_without_possessive_quantifiers(text):
    import re

    from checker.mentions import _RUN, _UNMARKED, _UPPER

    word = rf"[{_UPPER}][^\W\d_]*(?:[-‐][^\W\d_]+)*"
    backtracking = re.compile(rf"{word}(?: {word})+|[{_UPPER}][{_UNMARKED}]{{3,}}(?:[-‐][^\W\d_]+)*(?![^\W\d_])")
    assert [m.span() for m in _RUN.finditer(text)] == [m.span() for m in backtracking.finditer(text)]


@pytest.mark.parametrize("run, expected", [
    ("Việt Nam Naoki Ito", [("Việt Nam", "viet nam", True, False), ("Naoki Ito", "ito naoki", False, True)]),
    ("Kim Jong Un", [("Kim Jong Un", "kim jong un", False, True)]),
    ("UBND Hà Nội", [("Hà Nội", "ha noi", True, False)]),          # an acronym splits a run
    ("Hà Nội Lào Cai Bắc Giang Nam", []),                          # a title-case heading
    ("Tokyo", [("Tokyo", "tokyo", False, True)]),
    ("Minh", []),                                                   # one Vietnamese word is no name
    ("Bộ Y Tế NATO Jens Stoltenberg", [("Jens Stoltenberg", "jens stoltenberg", False, True)]),
])
def test_analysis_of_a_capitalised_run(run, expected):
    from checker.mentions import _analyse

    pieces = _analyse(run)
    assert [(raw, key, marked, foreign) for _s, _e, raw, key, _r, marked, foreign in pieces] == expected
    assert all(run[start:end] == raw for start, end, raw, *_rest in pieces)


def _pair_spans_both_ways(text):
    """The name pairs render-name-order finds inside the capitalised runs, and
    those a scan of the whole text finds."""
    from checker.context import CheckContext
    from checker.loaders import text_document
    from checker.rules.render_name_order import _PAIR, _pairs

    doc = text_document("a.txt", text)
    text = doc.text
    runs = CheckContext(doc, Glossary(), Config(default_glossary=False)).capitalised_runs
    return [m.span() for m in _pairs(text, runs)], [m.span() for m in _PAIR.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Tanaka", "Haruki", "Ito", "Élan", "Hà", "X", "X1", "aa", "iPhone",
                                 " ", " ", "-", "‐", ".", "&", "'", "\n", "1"]), max_size=12))
def test_name_pairs_inside_the_capitalised_runs_are_those_of_the_whole_text(tokens):
    inside, whole = _pair_spans_both_ways("".join(tokens))
    assert inside == whole


def test_name_pairs_inside_the_capitalised_runs_on_real_text():
    from conftest import CORPUS, SEEDS

    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))[:300]
    found = 0
    for path in paths:
        inside, whole = _pair_spans_both_ways(path.read_text(encoding="utf-8"))
        assert inside == whole, path
        found += len(whole)
    assert found >= 100
