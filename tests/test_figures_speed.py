"""The shortcuts that keep the figure code fast (issue 14) find what the plain
scans find: hints and pre-filters, the look-ahead of the number-word pattern,
the parser's quick Quantity, the cached bounds. Texts written for these
tests."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from conftest import CORPUS, SEEDS

from checker import quantities as figures
from checker.glossary import FigureBound
from checker.quantities import Numeral, Quantity, _new_quantity, parse_quantities
from checker.rules import figure_count, figure_date, figure_implausible
from checker.rules.figure_date import FigureDate

TEXTS = (
    "Hội nghị khai mạc vào Thứ Sáu, 3/3/2021 và bế mạc chủ nhật 7-3-2021.\n"
    "Lễ hội diễn ra thứ hai (4/3/2021), Chủ Nhật 10.3.2021 và Thủ nhật 1/3/2021, thứ 7 13 tháng 3 năm 2021.\n"
    "Lần thứ hai, ngày 4/3/2021; tháng thứ 6, 13/4/2015; thứ năm 12/13/2021.",
    "Hạn nộp 2024/10/15, số 2020/3/4/5 và 12/2024/3; văn bản 15/2020/NĐ-CP.",
    "Phiên bản phát hành ngày 2023 tháng 5 năm 12, năm 2023 tháng 5 ngày 12, tháng 5 ngày 12, 2023;"
    " tháng 5 năm 2023 và tháng  7 ngày 4 năm 2022.",
    "Cập nhật 8 Có Thể 2022, có thể 8, 2022, Có  thể, 2022 và 8 có thể, 2021; chúng tôi có thể 3 lần.",
    "Mở cửa 9:00 AM đến 5:00 PM, 7 A.M. và 10:30 p.m., 11:59pm; VIỆT NAM 9 AM; 3 pm không tính.",
    "Ba mươi lăm người, hai trăm linh năm xe, năm 2020, mười hai tháng, Bốn nghìn tấn; ba mẹ; hàng trăm;"
    " Thứ hai; chín mươi chín, một triệu, bảy, bẩy, sáu, tám, tư, mốt, Năm nay.",
    "Tiểu ban 1\n  Tiểu ban 2\n\tNhóm 1: an ninh\n" + "x" * 40 + " 1\n" + " " * 50 + "Mục 1\nMục 10\nA 1.5\n",
)


def test_quick_quantity_is_the_dataclass():
    numeral = Numeral(0, 1, "5", "plain", Decimal(5))
    pairs = [
        (_new_quantity(0, 5, "5 tấn", "number", Decimal(5), None, "tấn", None, (numeral,), per="ha"),
         Quantity(0, 5, "5 tấn", "number", Decimal(5), None, "tấn", None, (numeral,), per="ha")),
        (_new_quantity(0, 9, "ngày 31/4", "date", None, date=(31, 4, None), invalid=True, us_order=True),
         Quantity(0, 9, "ngày 31/4", "date", None, date=(31, 4, None), invalid=True, us_order=True)),
    ]
    for quick, plain in pairs:
        assert quick == plain and hash(quick) == hash(plain) and repr(quick) == repr(plain)
        assert list(vars(quick).items()) == list(vars(plain).items())
        assert replace(quick, noun="x") == replace(plain, noun="x")


def test_number_word_look_ahead_changes_no_match():
    pattern = figures._NUMBER_WORDS.pattern
    look_ahead = pattern[pattern.index("(?="):pattern.index("(?<!")]
    plain = re.compile(pattern.replace(look_ahead, "", 1))
    for text in TEXTS:
        assert [m.span() for m in figures._NUMBER_WORDS.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_token_scan_reads_every_number():
    for text in TEXTS:
        assert figures._TOKEN.findall(text) == re.findall(r"\d+(?:[.,:/]\d+)*", text)


def test_heading_one_lines_equal_a_full_scan():
    for text in TEXTS:
        assert figure_count._heading_one_lines(text) == [m.start() for m in figure_count._HEADING_ONE.finditer(text)]


def test_figure_date_hints_miss_no_match():
    rule = FigureDate()
    modal_hit = re.compile(r"[Cc]ó[ \u00a0]+[Tt]hể")
    for text in TEXTS:
        assert ([m.span() for m in rule._weekday_matches(text)]
                == [m.span() for m in figure_date._WEEKDAY_DATE.finditer(text)])
        assert ([m.span() for m in rule._around(figure_date._MAY_AS_MODAL, figure_date._MODAL_HIT, text, lead=1)]
                == [m.span() for m in rule._around(figure_date._MAY_AS_MODAL, modal_hit, text)])
        for pattern in (figure_date._WORD_ORDER, figure_date._MONTH_DAY):
            assert ([m.span() for m in rule._around(pattern, figure_date._THANG, text, 24, 32, word_start=False)]
                    == [m.span() for m in rule._around(pattern, re.compile("háng"), text, 24, 32, word_start=False)])
        if figure_date._YMD.search(text):
            assert figure_date._YMD_HINT.search(text)
        for m in figure_date._AMPM.finditer(text):
            assert figure_date._AMPM_UPPER_HINT.search(m.group()) or figure_date._AMPM_LOWER_HINT.search(m.group())


def test_the_hinted_rules_still_report(mini_linter):
    findings = mini_linter.lint_text("\n".join(TEXTS))
    rules = {f.rule for f in findings}
    assert {"figure-date", "figure-format"} <= rules
    assert any("12-hour" in f.message for f in findings)
    assert any("'có thể'" in f.message for f in findings)
    assert any("was a Wednesday" in f.message for f in findings)


def test_bounds_by_unit_follow_the_glossary():
    gdp = FigureBound("GDP", ("gdp",), "USD", 1e11, 1e13, typical=5e11)
    ceiling = FigureBound("money", (), "USD", None, 1e15)
    bounds = [ceiling, gdp]
    first = figure_implausible._bounds_by_unit(bounds)
    assert first == {"usd": [gdp, ceiling]}  # named subjects first
    assert figure_implausible._bounds_by_unit(bounds) is first
    extra = FigureBound("rice", ("lúa",), "tấn", 1e6, None)
    bounds.append(extra)
    assert figure_implausible._bounds_by_unit(bounds) == {"usd": [gdp, ceiling], "tấn": [extra]}


def test_parse_quantities_of_the_texts_is_stable():
    # Dates, years, labels and amounts read through the quick paths.
    quantities = parse_quantities("\n".join(TEXTS))
    kinds = {q.kind for q in quantities}
    assert {"date", "year", "number", "time"} <= kinds
    assert all("\n".join(TEXTS)[q.start:q.end] == q.text for q in quantities)


def test_heading_one_hint_finds_every_heading_line():
    texts = (
        "Mục 10 và 1 cái\nMục 1\n", "x 1\n", " 1", "a\u00a01\nb 1\nc 1 d 1\n", "\n\nA 1",
        "ab 10 1\nTiểu ban 1 1 1\n" + "y" * 40 + " 1 z 1\n  \tB 1", "1 1 1\n" * 3, "Nhóm 1,5\nNhóm 1.\nNhóm 12\n",
        "Ban 1\r\nBan 2\r\n", " " * 60 + "Ban 1\n\t\tBan 1",
    )
    for text in TEXTS + texts:
        assert figure_count._heading_one_lines(text) == [m.start() for m in figure_count._HEADING_ONE.finditer(text)]


def test_tail_is_not_tried_where_none_can_start():
    # The parser skips _TAIL after a character that is neither a letter nor
    # in _TAIL_FIRST: no scale word or unit may start there.
    continuations = ("", " tỷ USD", "%", "USD", "km", "k", "triệu", "°C", "€", "/người", " %", "\u00a0tấn")
    for code in range(0x20, 0x3000):
        char = chr(code)
        if char.isalpha() or char in figures._TAIL_FIRST:
            continue
        for rest in continuations:
            m = figures._TAIL.match(char + rest)
            assert m.group("short", "scale", "unit") == (None, None, None), (char, rest)


def test_count_announcing_a_list_at_the_edge_of_the_quick_test(mini_linter):
    # The colon 80 characters after the count still announces the list; 81
    # characters after, it does not (the rule's bounds, kept by its quick
    # test of the 81 characters after a count).
    def findings(gap, end="\n"):
        text = f"Đề án gồm ba nhiệm vụ{' ' * gap}:{end}• Quy hoạch{end}• Đầu tư{end}"
        return [f for f in mini_linter.lint_text(text) if f.rule == "figure-count"]

    before_colon = len(" nhiệm vụ")
    assert len(findings(80 - before_colon)) == 1
    assert len(findings(80 - before_colon, "\r\n")) == 1
    assert findings(81 - before_colon) == []
    assert findings(81 - before_colon, "\r\n") == []
    sentence = "Đề án gồm ba nhiệm vụ được giao cho các bộ, ngành và địa phương thực hiện trong năm tới: an ninh.\n"
    assert [f for f in mini_linter.lint_text(sentence + "• A\n• B\n") if f.rule == "figure-count"] == []


def test_empty_tail_match_has_no_groups():
    # The parser reads _TAIL's groups only after a non-empty match: every
    # group reads at least one character, so an empty match has none.
    continuations = ("", " người", " tỷ USD", "%", " %", "USD", "km", "k", "kg", "triệu", " tr", "°C", "€",
                     "/người", "\u00a0tấn", " đồng hồ", " đồng/người", "V", "s ", "sau", " nghìn tỷ", "-5")
    for text in TEXTS + tuple("5" + rest for rest in continuations):
        for pos in range(len(text) + 1):
            m = figures._TAIL.match(text, pos)
            if m.end() == pos:
                assert m.group("short", "scale", "unit", "per") == (None,) * 4, (text, pos)


def test_classify_numeral_memo_does_not_leak_context():
    # classify_numeral is memoised; its answer depends on the numeral and
    # on `scaled` only, so texts read in any order get the same quantities.
    plain = figures.classify_numeral.__wrapped__
    texts = ("Lãi 6,497 triệu đồng", "Có 6,497 người", "Tăng 99,982 %", "Bán 1.300 tấn, 1.300 tỷ và 2025")
    first = [parse_quantities(text) for text in texts]
    figures.classify_numeral.cache_clear()
    assert [parse_quantities(text) for text in reversed(texts)] == first[::-1]
    assert first[0][0].value == Decimal("6497000") and first[1][0].value == Decimal("6497")
    for token in ("6,497", "99,982", "1.300", "1,300.5", "3.5", "1.2.3", "42"):
        for scaled in (False, True):
            assert figures.classify_numeral(token, scaled) == plain(token, scaled)


def test_month_hits_equal_the_month_hit_scan():
    """The str.find search of figure-date's month names finds exactly the
    matches of _MONTH_HIT: on the seeds, a slice of the news corpus and
    edge cases (a name inside a word, Sept/Sep, a name at the end, "_")."""
    edge = ("Sept 5, 2020; Sep. 5; Septx; September 5 2021 Septembers; xMay 8, 2022; May_; Mar1; "
            "Marchx March; Mayday; JanJan Jan; Dec, Nov; 8 June 2020 and Jul\nAug Oct Apr Feb Jun\u00b2 Nov")
    texts = [edge, *TEXTS] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))[:300]]
    # a month name added to _ANY must open with one of the needles
    assert sum(map(len, figure_date._MONTH_NAMES_AT.values())) == len(figure_date._ANY.split("|"))
    for text in texts:
        assert figure_date._month_hits(text) == [m.span() for m in figure_date._MONTH_HIT.finditer(text)]
