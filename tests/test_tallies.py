"""Build-time tallies: the totals by unit that queries by unit scan."""

from __future__ import annotations

from decimal import Decimal

from kgtools.emit.tallies import OutputTotal, UnitTotal, unit_totals


def test_unit_totals_add_up_whatever_the_outputs_count() -> None:
    totals = [
        OutputTotal("培训", "人次", Decimal("120"), 2, False),
        OutputTotal("处分", "人", Decimal("3"), 1, True),
        OutputTotal("诫勉谈话", "人", Decimal("4"), 2, True),
        OutputTotal("清退资金", "万元", Decimal("1.5"), 1, True),
        OutputTotal("追回资金", "万元", Decimal("0.25"), 1, True),
    ]
    assert unit_totals(totals) == [
        UnitTotal("万元", Decimal("1.75"), 2),
        UnitTotal("人", Decimal("7"), 3),
        UnitTotal("人次", Decimal("120"), 2),
    ]
    assert unit_totals([]) == []
