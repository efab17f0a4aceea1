"""The embedded runner sorts rows itself (kgtools.ordering): the same order as the store's
own ORDER BY, on invented values with ties, unbound values, numbers, dates and Chinese."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, Store

from kgtools.query.local import run_on_store
from kgtools.query.ordering import split_order_by
from kgtools.query.rows import term_value as _value

ROWS = """
  ("某县财政局" 3 "2024-03-01"^^xsd:date 1.5)
  ("示例市教育局" 10 "2023-12-31"^^xsd:date 2)
  ("某县财政局" 3 "2023-01-02"^^xsd:date UNDEF)
  (UNDEF 7 "2024-03-01"^^xsd:date 0.25)
  ("示例市卫健委" -2 UNDEF 2.0)
  ("Abc" 3 "2025-06-30"^^xsd:date 10)
  ("某县财政局" UNDEF "2024-03-01"^^xsd:date 3)
"""


def _query(order: str) -> str:
    return f"""PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?org ?n ?day ?share WHERE {{
  VALUES (?org ?n ?day ?share) {{ {ROWS} }}
}}
ORDER BY {order}"""


def _engine_rows(query: str) -> list[list[object]]:
    return [[None if t is None else _value(t, Literal) for t in s] for s in Store().query(query)]


@pytest.mark.parametrize(
    "order",
    [
        "?org ?day",
        "DESC(?n) ?org",
        "?share",
        "DESC(?share) DESC(?org)",
        "?day ?n ?org",
        "ASC(?org) DESC(?day) ?n",
    ],
)
def test_rows_sorted_in_python_come_in_the_stores_order(order: str) -> None:
    query = _query(order)
    assert split_order_by(query)[1], "the runner sorts this query itself"
    assert run_on_store(Store(), query).rows == _engine_rows(query)


@pytest.mark.parametrize(
    "tail",
    [
        "ORDER BY (STRLEN(?org))",  # an expression: the engine sorts
        "ORDER BY ?org LIMIT 2",  # a LIMIT after it: sorting afterwards would be wrong
        "ORDER BY ?org # a comment after it",
    ],
)
def test_other_order_clauses_stay_in_the_query(tail: str) -> None:
    query = _query("?org").replace("ORDER BY ?org", tail)
    assert split_order_by(query) == (query, [])
    assert run_on_store(Store(), query).rows == _engine_rows(query)


def test_sorting_by_a_variable_not_returned_is_left_to_the_engine() -> None:
    query = _query("DESC(?n)").replace("SELECT ?org ?n ?day ?share", "SELECT ?org")
    assert run_on_store(Store(), query).rows == _engine_rows(query)
    assert run_on_store(Store(), query).rows[0] == ["示例市教育局"]
