"""figure-date (issue 12): weekdays against their dates across leap years and
in both day/month orders, year-first and garbled dates, month names and the
12-hour clock; and the figure-format additions (English decimal points,
1.855 km). Texts written for these tests."""

from __future__ import annotations

import datetime

import pytest

from checker.config import Config
from checker.linter import Linter
from checker.model import Severity
from checker.rules.figure_date import _vi_weekday


def _lint(glossary, text, rule="figure-date"):
    return [f for f in Linter(glossary, Config(select=(rule,), default_glossary=False)).lint_text(text)
            if f.rule == rule]


def _spans(text, findings):
    line = text.split("\n")
    return [line[f.line - 1][f.column - 1:f.end_column - 1] for f in findings]


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@pytest.mark.parametrize("day", [
    datetime.date(2024, 2, 29),   # leap day of a leap year
    datetime.date(2000, 2, 29),   # a century divisible by 400: leap
    datetime.date(2024, 3, 1),    # the day after a leap day
    datetime.date(2023, 3, 1),    # the same date in a common year
    datetime.date(1900, 3, 1),    # 1900 was no leap year
    datetime.date(2100, 2, 28),
    datetime.date(2021, 3, 3),
    datetime.date(2025, 12, 31),
])
def test_weekday_of_every_date_is_checked_exactly(mini_glossary, day):
    date = f"{day.day}/{day.month}/{day.year}"
    right = WEEKDAYS[day.weekday()]
    assert _lint(mini_glossary, f"Buổi lễ diễn ra vào {right}, {date} tại Hà Nội.") == []
    for weekday, name in enumerate(WEEKDAYS):
        if weekday == day.weekday():
            continue
        text = f"Buổi lễ diễn ra vào {name}, {date} tại Hà Nội."
        findings = _lint(mini_glossary, text)
        assert _spans(text, findings) == [name], (text, findings)
        assert findings[0].severity == Severity.ERROR
        assert findings[0].suggestion == right
        assert f"{day.day}/{day.month}/{day.year} was a {day.strftime('%A')}" in findings[0].message


def test_weekday_in_words_digits_and_lower_case(mini_glossary):
    # 3/3/2021 was a Wednesday.
    for written, suggestion in (("thứ Sáu", "thứ Tư"), ("thứ 6", "thứ 4"), ("thứ sáu", "thứ tư"),
                                ("chủ nhật", "thứ tư"), ("Chủ Nhật", "Thứ Tư")):
        text = f"Cuộc họp diễn ra vào {written}, ngày 3/3/2021."
        findings = _lint(mini_glossary, text)
        assert [(s, f.suggestion) for s, f in zip(_spans(text, findings), findings)] == [(written, suggestion)]


def test_weekday_with_date_in_words_and_other_separators(mini_glossary):
    for date in ("3 tháng 3 năm 2021", "3-3-2021", "3.3.2021", "03/03/2021"):
        assert _lint(mini_glossary, f"Hội nghị khai mạc vào Thứ Tư, {date} tại Huế.") == [], date
        assert len(_lint(mini_glossary, f"Hội nghị khai mạc vào Thứ Năm, {date} tại Huế.")) == 1, date


def test_weekday_and_day_month_order(mini_glossary):
    # 3/11/2021 read day first is 3 November 2021 (a Wednesday); read month
    # first it is 11 March 2021 (a Thursday): the message points at the order.
    text = "Hạn chót là Thứ Năm, 3/11/2021."
    findings = _lint(mini_glossary, text)
    assert _spans(text, findings) == ["Thứ Năm"]
    assert "month first" in findings[0].message and "English order" in findings[0].message
    # 11/25/2025 exists only month first (25 November 2025, a Tuesday): the
    # weekday matches, and figure-format reports the order, not figure-date.
    assert _lint(mini_glossary, "Hội thảo vào Thứ Ba, 11/25/2025 tại Hà Nội.") == []
    findings = _lint(mini_glossary, "Hội thảo vào Thứ Sáu, 11/25/2025 tại Hà Nội.")
    assert len(findings) == 1 and "25/11/2025 was a Tuesday" in findings[0].message


def test_no_weekday_check_without_a_year_or_for_an_ordinal_or_an_impossible_date(mini_glossary):
    for text in ("Thứ Sáu (3/3), đoàn đến Hà Nội.",
                 "Đến tháng thứ 6, ngày 13/4/2015, kết quả xét nghiệm tốt hơn.",
                 "Lần thứ hai, 3/3/2021, đoàn quay lại.",
                 "Vào thứ Sáu, 30/2/2021, không có gì xảy ra."):
        assert _lint(mini_glossary, text) == [], text


def test_vi_weekday_names():
    assert _vi_weekday(0, "Thứ Sáu") == "Thứ Hai"
    assert _vi_weekday(6, "thứ 6") == "chủ nhật"
    assert _vi_weekday(2, "thứ 6") == "thứ 4"
    assert _vi_weekday(3, "Chủ nhật") == "Thứ Năm"


@pytest.mark.parametrize(("text", "span", "suggestion"), [
    ("Hạn chót là 2024/10/15.", "2024/10/15", "15/10/2024"),
    ("Phát hành ngày 2023 tháng 5 năm 12 cho mọi người.", "ngày 2023 tháng 5 năm 12", "ngày 12 tháng 5 năm 2023"),
    ("Ngày 2023 tháng 12 năm 5 là hạn chót.", "Ngày 2023 tháng 12 năm 5", "Ngày 5 tháng 12 năm 2023"),
    ("Họp vào năm 2024 tháng 1 ngày 9 ở Tokyo.", "năm 2024 tháng 1 ngày 9", "ngày 9 tháng 1 năm 2024"),
    ("Cập nhật ngày 8 May 2022 bởi nhóm tác giả.", "ngày 8 May 2022", "ngày 8/5/2022"),
    ("Bài viết cập nhật vào 8 May 2022 bởi nhóm tác giả.", "8 May 2022", "8/5/2022"),
    ("Cập nhật vào tháng September 2023 bởi nhóm tác giả.", "tháng September 2023", "tháng 9/2023"),
    ("Bản cập nhật September 2023 của nhóm tác giả.", "September 2023", "tháng 9/2023"),
    ("Bản phát hành ngày 3 August cho người dùng mới.", "ngày 3 August", "ngày 3 tháng 8"),
    ("Cập nhật vào 8 có thể, 2022 bởi nhóm tác giả.", "8 có thể, 2022", "8/5/2022"),
    ("Văn phòng mở từ 9:00 AM – 5:00 chiều.", "9:00 AM", "9:00"),
    ("Họp lúc 12:15 AM theo giờ máy chủ.", "12:15 AM", "0:15"),
    ("Họp lúc 12 PM theo giờ máy chủ của công ty.", "12 PM", "12:00"),
    ("Đóng cửa lúc 10:30 p.m. theo giờ địa phương.", "10:30 p.m.", "22:30"),
])
def test_dates_and_times_the_english_way(mini_glossary, text, span, suggestion):
    findings = _lint(mini_glossary, text)
    assert [(s, f.suggestion) for s, f in zip(_spans(text, findings), findings)] == [(span, suggestion)]


@pytest.mark.parametrize("text", [
    "Hạn chót là ngày 15 tháng 10 năm 2024.",
    "Thời hạn 2024/13/45 không hợp lệ.",                       # not a date
    "Xem https://example.com/2024/10/15/bai-viet để biết thêm.",
    "Read the 13 Principles for Using AI Responsibly, May 2023 edition.",   # English text
    "Bạn có thể 5 lần thử lại trong 2022 giây.",                # có thể as the verb
    "Ông ấy am hiểu lịch sử và có 10 pm chính xác.",            # lower-case pm needs hh:mm
    "Năm 2023, tháng 5 là tháng có doanh thu cao nhất.",
])
def test_quiet_dates(mini_glossary, text):
    assert _lint(mini_glossary, text) == []


def test_figure_format_explains_a_decimal_read_as_thousands(mini_glossary):
    text = "* 1 phút vĩ độ là 111.3/60 = **1.855 km**"
    findings = _lint(mini_glossary, text, "figure-format")
    by_span = dict(zip(_spans(text, findings), findings))
    assert set(by_span) == {"111.3", "1.855"}
    message = by_span["1.855"].message
    assert "ambiguous" in message and "reads as 1.855" in message and "'111.3'" in message
    # Without English decimals on its line, 1.855 km is Vietnamese thousands.
    assert _lint(mini_glossary, "Quãng đường dài 1.855 km qua ba tỉnh.", "figure-format") == []
