"""Chinese numerals and dates with inherited year and month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kgtools.numerals import cn_to_int, to_number
from kgtools.recognize.dates import find_dates


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("一百零五", 105), ("二〇二四", 2024),
     ("一万二千", 12000), ("两千", 2000)],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_int(text) == value


def test_full_width_digits() -> None:
    assert to_number("１.３") == Decimal("1.3")
    assert to_number("２０２４") == 2024


def _dates(text: str, year: int | None = None) -> list[tuple[date, date, str]]:
    return [
        (d.start, d.end, text[d.span[0] : d.span[1]]) for d in find_dates(text, default_year=year)
    ]


def test_range_end_inherits_year() -> None:
    assert _dates("2023年9月25日至12月29日，") == [
        (date(2023, 9, 25), date(2023, 12, 29), "2023年9月25日至12月29日")
    ]


def test_range_end_inherits_year_and_month() -> None:
    assert _dates("于2024年9月2日至10日公开") == [
        (date(2024, 9, 2), date(2024, 9, 10), "2024年9月2日至10日")
    ]


def test_chinese_numeral_date() -> None:
    assert _dates("二〇二四年三月五日召开") == [
        (date(2024, 3, 5), date(2024, 3, 5), "二〇二四年三月五日")
    ]


def test_month_end_takes_the_year_before_it() -> None:
    found = _dates("2024年2月29日反馈。截止7月底共转发")
    assert found[1] == (date(2024, 7, 31), date(2024, 7, 31), "7月底")


def test_relative_date_uses_the_default_year() -> None:
    assert _dates("截至6月底", year=2023) == [(date(2023, 6, 30), date(2023, 6, 30), "6月底")]


@pytest.mark.parametrize("text", ["第36届", "2024年", "工作日9:00-17:00", "13个", "一岗双责"])
def test_not_dates(text: str) -> None:
    assert _dates(text) == []


def test_impossible_date_is_skipped() -> None:
    assert _dates("2023年2月30日") == []
