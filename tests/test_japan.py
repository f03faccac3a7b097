"""Japan context and Sino-Vietnamese readings anywhere (rule term-reading,
issue 13): readings of Japanese places are reported in a text about Japan
and not in Vietnamese history. Sentences written for these tests."""

from __future__ import annotations

import random

import pytest

from checker import rules as registry
from checker.config import Config
from checker.linter import Linter

JAPAN = "Đoàn doanh nghiệp Nhật Bản đã đến thăm {} vào tuần trước. Người dân Nhật Bản ở đây rất thân thiện."
HISTORY = "Dưới thời nhà Lê, vùng {} là nơi đóng quân của quân đội Đại Việt."
NO_CONTEXT = "Trong chuyến đi tới {} vào tuần trước, đoàn đã gặp nhiều người dân địa phương."


def _reading_findings(linter, text):
    return [f for f in linter.lint_text(text) if f.rule == "term-reading"]


def _span(text, finding):
    line = text.split("\n")[finding.line - 1]
    return line[finding.column - 1:finding.end_column - 1]


@pytest.fixture(scope="module")
def linter(shipped_glossary):
    return Linter(shipped_glossary, Config(select=("term-reading", "term-variant")))


@pytest.mark.parametrize(("text", "span", "suggestion"), [
    ("Các doanh nghiệp Nhật Bản tụ họp tại Đông Kinh để bàn về đầu tư vào Việt Nam.", "Đông Kinh", "Tokyo"),
    ("Người Nhật ở thành phố Đại Phản rất yêu thích món phở Việt Nam.", "Đại Phản", "Osaka"),
    ("Theo báo chí Nhật Bản, người dân Phúc Cương đã quyên góp cho miền Trung.", "Phúc Cương", "Fukuoka"),
    ("Tân Túc là khu vực sầm uất nhất của Tokyo, thủ đô Nhật Bản.", "Tân Túc", "Shinjuku"),
])
def test_reading_anywhere_in_japan_context(linter, text, span, suggestion):
    found = [(_span(text, f), f.suggestion) for f in _reading_findings(linter, text)]
    assert (span, suggestion) in found


def test_after_tinh_stays_with_term_variant(linter):
    text = "Thống đốc tỉnh Quần Mã gặp doanh nghiệp Nhật Bản và người Nhật tại Gunma."
    findings = linter.lint_text(text)
    assert [(f.rule, _span(text, f)) for f in findings if "Quần Mã" in _span(text, f)] == [("term-variant", "Quần Mã")]


@pytest.mark.parametrize("text", [
    # Vietnamese history: Đông Kinh is also Hanoi, Đông Kinh Nghĩa Thục a school of 1907
    "Dưới thời nhà Lê, Đông Kinh là kinh đô của Đại Việt.",
    "Trường Đông Kinh Nghĩa Thục được lập năm 1907 theo gương Nhật Bản, nhiều thanh niên sang Nhật Bản du học.",
    "Phong trào Đông Du đưa thanh niên sang Nhật Bản; ở Đông Kinh, các sĩ phu bàn việc nước với người Nhật.",
    # no Japan context at all
    "Đoàn khách đã đến thăm Đông Kinh vào tuần trước.",
    # a Vietnamese person whose name reads like kanji
    "Người lao động tại Nhật Bản như anh Vũ Thành cho biết công việc ở Nhật Bản rất vất vả.",
    # part of a longer name: the actress Tả Đại Phân
    "Khán giả Nhật Bản yêu mến diễn viên Tả Đại Phân, người từng sang Nhật Bản biểu diễn.",
])
def test_quiet_outside_japan_context(linter, text):
    assert _reading_findings(linter, text) == []


def test_anywhere_option(shipped_glossary):
    config = Config(select=("term-reading",)).with_rule_options(registry, "term-reading.context=anywhere")
    linter = Linter(shipped_glossary, config)
    assert [f.suggestion for f in _reading_findings(linter, "Đoàn khách đã đến thăm Đông Kinh vào tuần trước.")] == ["Tokyo"]


def _sample(shipped_glossary, size=20, seed=13):
    """A seeded sample of municipalities (not prefectures) of the gazetteer
    that have a reading."""
    from checker.gazetteer import places_by_name

    by_name = places_by_name()
    entries = [e for e in shipped_glossary.entries
               if e.readings and e.path.endswith(".tsv.gz")
               and any(p.type != "prefecture" for p in by_name.get(e.canonical, ()))]
    entries.sort(key=lambda e: e.canonical)
    return random.Random(seed).sample(entries, size)


def test_seeded_sample_of_municipalities(shipped_glossary, linter):
    sample = _sample(shipped_glossary)
    assert len(sample) == 20
    missed, noisy = [], []
    for entry in sample:
        reading = entry.readings[0]
        owners = {e.canonical for e in shipped_glossary.entries if reading in e.readings}
        text = JAPAN.format(reading)
        found = [(_span(text, f), f.suggestion) for f in _reading_findings(linter, text)]
        if not any(span == reading and suggestion in owners for span, suggestion in found):
            missed.append((entry.canonical, reading, found))
        for quiet in (HISTORY.format(reading), NO_CONTEXT.format(reading)):
            if _reading_findings(linter, quiet):
                noisy.append((entry.canonical, reading, quiet))
    assert not missed, missed
    assert not noisy, noisy


def test_japan_context_sections(shipped_glossary):
    """A Markdown section about Vietnamese history is no Japan context, even
    in a document whose other section is about Japan."""
    linter = Linter(shipped_glossary, Config(select=("term-reading",)))
    text = ("# Nhật Bản\n\nDoanh nghiệp Nhật Bản đầu tư vào Việt Nam. Người Nhật đến Đại Phản.\n\n"
            "# Lịch sử Hà Nội\n\n" + "Hà Nội có nhiều tên gọi. " * 80 + "Đông Kinh là một tên cũ.\n")
    findings = linter.lint_text(text, path="doc.md")
    assert [f.suggestion for f in findings] == ["Osaka"]


def test_an_unclassified_reading_hides_no_other_match():
    """"do Bộ" folds like the reading "Do Bộ" but is no name: the glossary
    match that overlaps it ("Bộ Giáo dục") must still be found."""
    from checker.glossary import Entry
    from checker.matcher import TermMatcher, Verdict

    matcher = TermMatcher([Entry("Dobu", "place", readings=("Do Bộ",)), Entry("Bộ Giáo dục", "body")])
    matches = matcher.scan("Đề thi do Bộ Giáo Dục công bố.")
    assert [(m.raw, m.verdict) for m in matches] == [("Bộ Giáo Dục", Verdict.CASING)]
    matches = matcher.scan("Ông đến Do Bộ hôm qua.")
    assert [(m.raw, m.verdict) for m in matches] == [("Do Bộ", Verdict.READING)]
    assert matcher.entries_named("Do Bộ") == {}  # a reading names nothing in a source text


def test_term_admin_tries_its_noun_patterns_only_where_a_noun_starts():
    # term-admin scans once for the nouns its three prefecture patterns
    # open with and tries them only there; on texts built of those nouns,
    # their look-alikes (xbang, đbang, tiểu bang) and what follows them,
    # that must find exactly what a full search of each pattern finds.
    import random

    from checker.patterns import matches_at
    from checker.rules import term_admin

    pieces = ["Tiểu bang", "tiểu bang", "bang", "Bang", "quận", "Quận", "huyện", "Huyện", " ", "\n", "của",
              "ở", "Nhật", "Nhật Bản", "như", "là", "gồm", "Aichi", "Osaka", "Kita", "xbang", "tiểu", "nước",
              "Tokyo", ",", ".", "các", "đbang", "Tiểu", "bangx", "thuộc", "Hokkaido", "47"]
    rng = random.Random(19)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(1, 14)))
        starts = [m.start() for m in term_admin._NOUN_START.finditer(text)]
        for pattern in (term_admin._BEFORE_NAME, term_admin._OF_JAPAN, term_admin._LISTED):
            full = [(m.span(), m.group()) for m in pattern.finditer(text)]
            assert [(m.span(), m.group()) for m in matches_at(pattern, text, starts)] == full, text
            found += len(full)
    assert found > 1000  # the texts do hold matches of all kinds
