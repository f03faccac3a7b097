"""The ``figure-implausible`` rule: a figure outside the bounds the glossary gives."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..model import Severity
from .base import DocumentRule
from .figure_common import bound_applies, holds_phrase, quantity_parser, unit_key

# Before a figure below a bound's minimum, these mean it is a part, a change
# or a period of the subject, not the subject itself.
_CHANGE_WORDS = (
    "tăng", "giảm", "thêm", "chênh lệch", "hụt", "mất", "thiệt hại", "so với", "cùng kỳ", "bình quân",
    "mỗi", "tháng", "quý", "tuần", "ngày", "khoảng cách", "bổ sung", "lỗ", "lãi", "tức", "trong đó", "phần",
    "nửa", "chiếm", "gồm", "khoảng 1",
)


#: (the ids of a glossary's bounds, the bounds, what _bounds_by_unit built
#: from them): the bounds are the same for every document of a run. Holding
#: the bounds keeps their ids theirs.
_BY_UNIT: list = [None]


def _bounds_by_unit(bounds) -> dict[str, list]:
    """The bounds with a unit, by unit in lower case, named subjects first."""
    key = tuple(map(id, bounds))
    cached = _BY_UNIT[0]
    if cached is not None and cached[0] == key:
        return cached[2]
    by_unit: dict[str, list] = {}
    for bound in sorted(bounds, key=lambda b: not b.keywords):  # named subjects first
        if bound.unit:
            by_unit.setdefault(bound.unit.lower(), []).append(bound)
    _BY_UNIT[0] = (key, list(bounds), by_unit)
    return by_unit


@lru_cache(maxsize=1024, typed=True)
def _bound_decimal(value: float) -> Decimal:
    """A bound's float as the Decimal it is written as (0.1 → 0.1, not the
    binary fraction). Cached: every amount is compared with the bounds of
    its unit, and there are few bounds."""
    return Decimal(repr(value))


def _distance(a: Decimal, b: Decimal) -> Decimal:
    """How many times larger the larger of two positive values is."""
    return max(a, b) / min(a, b)


class FigureImplausible(DocumentRule):
    """
    ## What it does
    Flags a figure whose value is outside the plausible range for its
    subject: the bounds of the glossary's `figures:` section (Vietnam's GDP
    and population, Japan–Vietnam trade, Japanese FDI and ODA, a share above
    100 %, any amount of money above a global ceiling), and dates that
    cannot exist (day 32, month 13, 31/4). The message states the parsed
    value in words and the typical value.

    ## Why is this bad?
    Machine translation shifts scale words and separators: "81.3 billion"
    becomes `81.300 tỷ đô la`, 81,3 nghìn tỷ USD, more than Vietnam's GDP a
    hundred times over. Such a figure reads fluently and is wrong by a
    factor of a thousand. A bound applies only when one of its keywords
    stands before the figure in the same clause (and, where the glossary
    says so, a context word such as "Nhật Bản"), never to a rate
    (`USD/người`) or a per-capita figure.

    ## Example
    ```
    GDP sẽ tăng trưởng khoảng 81.300 tỷ đô la trong năm nay
    ```

    ## Use instead
    ```
    GDP sẽ tăng trưởng khoảng 81,3 tỷ đô la trong năm nay
    ```
    """

    name = "figure-implausible"
    category = "implausible-figure"
    severity = Severity.ERROR

    def check(self, doc, ctx):
        by_unit = _bounds_by_unit(ctx.glossary.figures)
        for q in ctx.quantities:
            if q.invalid and q.kind == "date":
                yield self.finding(doc, q.start, q.end, self._invalid_message(q))
                continue
            if q.kind != "number" or q.value is None or q.per:
                continue
            candidates = by_unit.get(unit_key(q))
            if not candidates:
                continue
            low, high = q.value, q.high if q.high is not None else q.value
            for bound in candidates:
                too_high = bound.max is not None and low > _bound_decimal(bound.max)
                below_min = bound.min is not None and high < _bound_decimal(bound.min)
                # The bound's words first: most amounts below a subject's
                # minimum are not about that subject.
                if not (too_high or below_min) or not bound_applies(bound, q, ctx):
                    continue
                too_low = below_min and not holds_phrase(q.subject_words, _CHANGE_WORDS)
                if not (too_high or too_low):
                    continue
                yield self.finding(doc, q.start, q.end, self._message(q, bound, too_high))
                break

    @staticmethod
    def _invalid_message(q) -> str:
        day, month, year = q.date
        problems = []
        if month is not None and not 1 <= month <= 12:
            problems.append(f"there is no month {month}")
        elif day is not None and not 1 <= day <= 31:
            problems.append(f"there is no day {day}")
        elif day is not None and month is not None:
            problems.append(f"month {month} has no day {day}" + (f" in {year}" if year else ""))
        else:
            problems.append("a day or month out of range")
        return f"'{q.text}' is not a valid date: {', '.join(problems)}"

    @staticmethod
    def _message(q, bound, too_high: bool) -> str:
        figures = quantity_parser()
        unit = q.unit or bound.unit
        value = q.value if too_high or q.high is None else q.high
        said = f"'{q.text}' = {figures.describe(value, unit)}"
        if bound.typical is not None:
            typical = Decimal(repr(bound.typical))
            expected = f"{bound.subject} khoảng {figures.describe(typical, unit, like=value)}"
        else:
            limit = Decimal(repr(bound.max if too_high else bound.min))
            expected = f"{'above' if too_high else 'below'} any plausible {bound.subject} " \
                       f"({'max' if too_high else 'min'} {figures.describe(limit, unit)})"
        hint = ""
        numeral = q.numerals[0] if q.numerals else None
        if numeral is not None and numeral.alt is not None and numeral.style == "vi-thousands":
            scale = (q.value / numeral.value) if numeral.value else 1
            alt_value = numeral.alt * scale
            reference = Decimal(repr(bound.typical if bound.typical is not None else (bound.max if too_high else bound.min)))
            if reference > 0 and alt_value > 0 and _distance(alt_value, reference) * 10 <= _distance(value, reference):
                alt_text = figures.format_vi(numeral.alt)
                hint = (f"; was {alt_text} meant ({figures.describe(alt_value, unit)}), an English decimal "
                        f"point read as a thousands separator?")
        return f"{said}; {expected}{hint}"
