"""The quantity parser (checker/quantities.py): values, units, spans and what
it must leave alone, on the seeds and on small texts; property-based tests
with hypothesis."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import SEED_000
from checker.quantities import (
    classify_numeral, describe, format_vi, match_keys, parse_english_quantities, parse_quantities,
    vietnamese_form,
)

D = Decimal


def only(text, fragment):
    """The one quantity whose text is ``fragment``."""
    found = [q for q in parse_quantities(text) if q.text == fragment]
    assert len(found) == 1, [q.text for q in parse_quantities(text)]
    return found[0]


@pytest.mark.parametrize(("text", "fragment", "value", "unit"), [
    ("GDP sẽ tăng trưởng khoảng 81.300 tỷ đô la trong năm nay", "81.300 tỷ đô la", D("81300e9"), "USD"),
    ("Kim ngạch đạt 51,43 tỷ USD", "51,43 tỷ USD", D("51.43e9"), "USD"),
    ("GDP khoảng 11,5 triệu tỷ đồng", "11,5 triệu tỷ đồng", D("11.5e15"), "VND"),
    ("vốn 1 nghìn tỷ đồng", "1 nghìn tỷ đồng", D("1e12"), "VND"),
    ("giá 50k một suất", "50k", D(50000), None),
    ("lương 15tr mỗi tháng", "15tr", D(15e6), None),
    ("vay 100 tỷ yên", "100 tỷ yên", D("100e9"), "JPY"),
    ("quỹ 2,5 tỉ euro", "2,5 tỉ euro", D("2.5e9"), "EUR"),
    ("giá US$500", "US$500", D(500), "USD"),
    ("giá €20", "€20", D(20), "EUR"),
    ("tăng 3,5%", "3,5%", D("3.5"), "%"),
    ("tăng 0,4 điểm phần trăm", "0,4 điểm phần trăm", D("0.4"), "pp"),
    ("khoảng 1.234.567,89 VND", "1.234.567,89 VND", D("1234567.89"), "VND"),
    ("hơn 900,000 công ty", "900,000", D(900000), None),
    ("doanh thu 1,300.5 USD", "1,300.5 USD", D("1300.5"), "USD"),
    ("kéo dài 30 phút", "30 phút", D(30), "phút"),
])
def test_values_and_units(text, fragment, value, unit):
    q = only(text, fragment)
    assert q.kind == "number"
    assert q.value == value
    assert q.unit == unit


def test_ranges():
    q = only("có 4-5 doanh nghiệp", "4-5")
    assert (q.value, q.high, q.noun.split()[:2]) == (4, 5, ["doanh", "nghiệp"])
    q = only("từ 2-3 triệu USD", "2-3 triệu USD")
    assert (q.value, q.high, q.unit) == (D(2e6), D(3e6), "USD")
    q = only("Bí thư từ năm 2011 đến 2015", "năm 2011 đến 2015")
    assert (q.kind, q.value, q.high) == ("year", 2011, 2015)
    q = only("07:05-08:55 Chào mừng", "07:05-08:55")
    assert (q.kind, q.value, q.high) == ("time", 7 * 60 + 5, 8 * 60 + 55)
    scores = [q.text for q in parse_quantities("thắng 2-1 trên sân nhà")]
    assert "2-1" not in scores  # a score is not a range


@pytest.mark.parametrize(("text", "fragment", "date"), [
    ("Hà Nội, 25/11/2025", "25/11/2025", (25, 11, 2025)),
    ("ngày 25 tháng 11 năm 2025, tại", "ngày 25 tháng 11 năm 2025", (25, 11, 2025)),
    ("Ngày 25 tháng 11, CEO", "Ngày 25 tháng 11", (25, 11, None)),
    ("vào tháng 4/2025 và", "tháng 4/2025", (None, 4, 2025)),
    ("vào tháng 8 năm 2025, rằng", "tháng 8 năm 2025", (None, 8, 2025)),
    ("(11/2025)", "11/2025", (None, 11, 2025)),
])
def test_dates(text, fragment, date):
    q = only(text, fragment)
    assert q.kind == "date" and q.date == date and not q.invalid


def test_invalid_and_english_order_dates():
    assert only("ngày 32/13/2025", "ngày 32/13/2025").invalid
    assert only("hạn tháng 13 năm 2025", "tháng 13 năm 2025").invalid
    assert only("từ 29/2/2023 đến", "29/2/2023").invalid
    assert not only("từ 29/2/2024 đến", "29/2/2024").invalid
    q = only("ký ngày 11/25/2025 tại", "ngày 11/25/2025")
    assert q.us_order and q.date == (25, 11, 2025) and not q.invalid


@pytest.mark.parametrize(("text", "fragment", "value"), [
    ("hợp tác trong tám lĩnh vực:", "tám", 8),
    ("Buổi chiều, bốn phiên thảo luận", "bốn", 4),
    ("có mười một đại biểu", "mười một", 11),
    ("có hai mươi lăm đại biểu", "hai mươi lăm", 25),
    ("có ba mươi mốt tỉnh", "ba mươi mốt", 31),
    ("khoảng ba trăm người", "ba trăm", 300),
    ("hai trăm linh năm hộ", "hai trăm linh năm", 205),
    ("hai chục quả", "hai chục", 20),
    ("vốn một nghìn tỷ", "một nghìn tỷ", 10**12),
    ("Việt Nam cũng sẽ làm việc (năm lần)", "năm", 5),
])
def test_number_words(text, fragment, value):
    q = only(text, fragment)
    assert q.value == value and q.numerals[0].style == "words"


@pytest.mark.parametrize("text", [
    "vào năm 2025 và năm nay",          # năm = year
    "hàng trăm người đã tham dự",       # vague
    "lần thứ hai tại G20",              # ordinal
    "ba mẹ tôi ở Ba Đình",              # not numbers
    "kỷ niệm 30 năm thành lập",         # năm after a number is its noun
])
def test_number_words_left_alone(text):
    assert [q for q in parse_quantities(text) if q.numerals and q.numerals[0].style == "words"] == []


@pytest.mark.parametrize("text", [
    "info@b-company.jp + (84) 28 3910 3913",
    "Hotline 0912 345 678 hoặc 028.3910.3913",
    "xem https://b-company.jp/vi/?p=23313 và www.dantri.com.vn/2020",
    "G20, ST25, COVID-19, H5N1, 5G, A320, B2B",
    "(1) Thực hiện hiệu quả; (2) Mở rộng",
    "1. Mở đầu\n2) Nội dung",
    "Nghị định 15/2020/NĐ-CP và Quyết định 1234/QĐ-TTg",
    "phiên bản 1.2.3 và địa chỉ 192.168.1.1",
])
def test_not_quantities(text):
    found = [q for q in parse_quantities(text) if q.kind in ("number", "date", "time")]
    assert found == [], [q.text for q in found]


def test_labels_are_not_amounts():
    kinds = {q.text: q.kind for q in parse_quantities("Tiểu ban 1, Điều 2.5, quận 7, lần thứ 2, iOS 14.2")}
    assert set(kinds.values()) == {"label"}, kinds


def test_subjects_and_nouns():
    q = only("Về bối cảnh, hơn 110 thỏa thuận hợp tác đã được ký kết", "110")
    assert q.approx and q.noun.startswith("thỏa thuận hợp tác")
    q = only("GDP của Việt Nam năm 2020 ước tính đạt 340,6 tỷ USD, vượt Singapore (337,5 tỷ USD)", "337,5 tỷ USD")
    assert "GDP" not in q.subject  # another clause, another subject
    q = only("GDP của Việt Nam năm 2020 ước tính đạt 340,6 tỷ USD, vượt Singapore", "340,6 tỷ USD")
    assert q.subject.startswith("GDP của Việt Nam")


def test_styles_and_vietnamese_forms():
    assert classify_numeral("1.300")[:2] == ("vi-thousands", 1300)
    assert classify_numeral("1.300")[2] == D("1.3")                  # the English reading, for hints
    assert classify_numeral("1,300") == ("ambiguous", 1300, D("1.3"))
    assert classify_numeral("1,300", scaled=True) == ("ambiguous", D("1.3"), 1300)
    assert classify_numeral("0,830")[0] == "vi-decimal"
    assert classify_numeral("0.586")[0] == "dot-decimal"
    assert classify_numeral("1,234,567")[:2] == ("en-thousands", 1234567)
    assert classify_numeral("1.2.3") is None
    assert vietnamese_form("900,000", "ambiguous") == "900.000"
    assert vietnamese_form("1,300.5", "en-thousands") == "1.300,5"
    assert vietnamese_form("3.5", "dot-decimal") == "3,5"


def test_describe_in_plain_words():
    assert describe(D("81300e9"), "USD") == "81,3 nghìn tỷ USD"
    assert describe(D("5.14e11"), "USD", like=D("81300e9")) == "0,514 nghìn tỷ USD"
    assert describe(D("11.5e15"), "VND") == "11.500 nghìn tỷ đồng"
    assert describe(D("3.5"), "%") == "3,5%"
    assert format_vi(D("1234567.891")) == "1.234.567,891"


def test_english_source_quantities():
    text = ("On November 25, 2025, about 800 people attended; trade reached 51.43 billion USD, "
            "up 11.28%. The database covers 900,000 companies in eight fields; 11/25/2025 07:05.")
    keys = set().union(*(match_keys(q) for q in parse_english_quantities(text)))
    for key in [("d", 25, 11), ("n", D(2025)), ("n", D(800)), ("n", D("51.43e9").normalize()),
                ("n", D("11.28")), ("n", D(900000)), ("n", D(8)), ("t", D(425))]:
        assert key in keys, key


def test_seed_000_quantities_slice_back_and_skip_the_phone():
    text = SEED_000.read_text(encoding="utf-8")
    quantities = parse_quantities(text)
    for q in quantities:
        assert text[q.start:q.end] == q.text
    phone_line = next(i for i, line in enumerate(text.split("\n")) if "3910 3913" in line)
    start = sum(len(line) + 1 for line in text.split("\n")[:phone_line])
    assert [q for q in quantities if start <= q.start < start + 200] == []
    times = [q.text for q in quantities if q.kind == "time"]
    assert "07:05-08:55" in times and "13:15-16:15" in times


# -- properties ------------------------------------------------------------------

SCALES = {"": 1, "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
          "nghìn tỷ": 10**12, "triệu tỷ": 10**15}


def _vietnamese(whole: int, decimals: str) -> str:
    grouped = f"{whole:,}".replace(",", ".")
    return grouped + ("," + decimals if decimals else "")


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(min_value=0, max_value=10**12), decimals=st.from_regex(r"[0-9]{0,3}", fullmatch=True),
       scale=st.sampled_from(sorted(SCALES)), unit=st.sampled_from(["", " USD", " đồng", " yên", " người"]))
def test_vietnamese_number_with_any_scale_parses_back(whole, decimals, scale, unit):
    numeral = _vietnamese(whole, decimals)
    # "1,300" without a scale word is the documented ambiguity (English
    # thousands are the likelier reading there); with a scale word it is a
    # Vietnamese decimal.
    assume(scale or not (len(decimals) == 3 and 0 < whole < 1000))
    assume(not (whole >= 1000 and not decimals and scale == "" and 1800 <= whole <= 2100))
    text = f"Doanh thu đạt {numeral}{' ' + scale if scale else ''}{unit} trong kỳ."
    quantities = [q for q in parse_quantities(text) if q.numerals and q.numerals[0].text == numeral]
    assert len(quantities) == 1, [q.text for q in parse_quantities(text)]
    expected = Decimal(f"{whole}.{decimals}" if decimals else whole) * SCALES[scale]
    assert quantities[0].value == expected


TOKENS = list("0123456789.,:/-–()% $€\n") + [
    "tỷ", " triệu", " nghìn", " ngày ", " tháng ", " năm ", "USD", " đồng", " hai", " mươi", " lăm", " tám ",
    "(1)", "+84 ", "@x.com", "http://", " lĩnh vực", "Tiểu ban ", "k", "tr", "h", "/QĐ", "G", " Điều ",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)))
def test_parser_never_raises_and_spans_slice_back(text):
    for parse in (parse_quantities, parse_english_quantities):
        for q in parse(text):
            assert 0 <= q.start < q.end <= len(text)
            assert text[q.start:q.end] == q.text
            for n in q.numerals:
                assert q.start <= n.start < n.end <= q.end
                assert text[n.start:n.end] == n.text
            assert text[q.subject_start:q.start].strip() == q.subject or not q.subject
