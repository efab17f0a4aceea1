"""`Rows.to_dataframe()`: numbers as numbers (integers as int64, decimals as float64),
dates as datetime64, text as text — not Decimal objects and date strings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgtools.query.rows import Rows


def test_columns_are_typed_by_their_values() -> None:
    pd = pytest.importorskip("pandas")
    rows = Rows(
        ["notice", "findings", "per_finding", "feedback", "rate", "note"],
        [
            ["a-2024", 3, Decimal("1.33"), "2024-06-27", None, "x"],
            ["b-2023", 1, 1, "2023-01-05", Decimal("0.5"), None],
            ["c-2025", None, Decimal("2.5"), None, 1, "2024-01-01 (text)"],
        ],
    )
    df = rows.to_dataframe()
    assert list(df.columns) == rows.columns
    assert str(df["findings"].dtype) == "Int64" and df["findings"].tolist()[:2] == [3, 1]
    assert df["per_finding"].dtype == "float64" and df["per_finding"].tolist() == [1.33, 1.0, 2.5]
    assert pd.api.types.is_datetime64_any_dtype(df["feedback"])
    assert df["feedback"].iloc[0].date().isoformat() == "2024-06-27" and pd.isna(
        df["feedback"].iloc[2]
    )
    assert df["rate"].dtype == "float64"
    assert df["note"].tolist()[0] == "x"  # a text column stays text
    full = Rows(["n"], [[1], [2]]).to_dataframe()
    assert full["n"].dtype == "int64"


def test_a_library_query_as_a_dataframe(sample_build) -> None:  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas")
    from kgtools.query import query

    df = query("rounds", sample_build).to_dataframe()
    assert pd.api.types.is_datetime64_any_dtype(df["feedback"])
    assert df["days_to_feedback"].dtype == "int64"
    assert not any(isinstance(v, Decimal) for col in df.columns for v in df[col])
