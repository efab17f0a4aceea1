"""The totals of a kept query that groups (``# kept: per notice`` with an outer GROUP BY):
each notice's groups, as the query gives them on that notice's graph alone, added into the
corpus's totals, and taken out again when the notice changes or goes.

Only aggregates that add up across notices are accepted: ``COUNT(?x)`` and ``COUNT(*)``
and ``SUM(?x)`` (summed), ``ROUND(AVG(?x))`` (a sum and a count, divided and rounded at the
end), ``GROUP_CONCAT(DISTINCT ?x; separator="…")`` (the distinct values of all notices, in
code-point order: SPARQL leaves the order open). Not a bare AVG (its decimals are the
engine's), MIN, MAX, SAMPLE, COUNT(DISTINCT …) or HAVING. Each notice's graph is queried
with :func:`notice_select`'s SELECT clause, which gives what adds up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache
from typing import Any

_AGGREGATE = re.compile(
    r"\(\s*(ROUND\s*\(\s*AVG|\w+)\s*\(([^()]*)\)\s*\)?\s+AS\s+\?(\w+)\s*\)|\?(\w+)|(\S+)",
    re.IGNORECASE,
)
_ROUNDED_MEAN = re.compile(
    r"\(\s*ROUND\s*\(\s*AVG\s*\(\s*(\?\w+)\s*\)\s*\)\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE
)
_CONCAT = re.compile(r'(GROUP_CONCAT\s*\(\s*DISTINCT\s+\?\w+\s*;\s*separator\s*=\s*)"[^"\\]*"',
                     re.IGNORECASE)  # fmt: skip
# The separator of a notice's distinct values (not in any value: the query's own
# separator may be, e.g. titles joined by "；").
PART = "\x1f"
_GROUP_BY = re.compile(
    r"\s*GROUP\s+BY((?:\s+\?\w+)+)\s*(?:ORDER\s+BY\b.*)?$", re.IGNORECASE | re.DOTALL
)
_SEPARATOR = re.compile(r'^DISTINCT\s+\?\w+\s*;\s*separator\s*=\s*"([^"\\]*)"$', re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """A projected column: a GROUP BY variable (``group``), a count or sum (``sum``), a
    rounded mean (``mean``: a notice gives its sum and count), or the distinct values
    joined by ``separator`` (``concat``)."""

    name: str
    kind: str
    separator: str = ""


def aggregate_columns(select: str, tail: str) -> list[Column] | None:
    """The columns of an outer ``SELECT …`` clause (``select``, from SELECT to WHERE) whose
    query ends with ``tail`` (what follows the outer WHERE group); None without GROUP BY.

    :raises ValueError: a grouping whose totals do not add up across notices (why).
    """
    if not re.match(r"\s*GROUP\s+BY\b", tail, re.IGNORECASE):
        if re.search(r"\bGROUP\s+BY\b|\bHAVING\b", tail, re.IGNORECASE):
            raise ValueError("after WHERE only GROUP BY ?variables and ORDER BY")
        return None
    grouped = _GROUP_BY.match(tail)
    if not grouped:
        raise ValueError("GROUP BY only ?variables, then at most ORDER BY (no HAVING)")
    keys = re.findall(r"\?(\w+)", grouped.group(1))
    columns: list[Column] = []
    for m in _AGGREGATE.finditer(re.sub(r"^\s*SELECT\b", "", select, flags=re.IGNORECASE)):
        function, argument, name, variable, other = m.groups()
        if variable:
            columns.append(Column(variable, "group"))
        elif other or not name:
            raise ValueError(f"cannot add up {m.group(0)!r} across notices")
        else:
            columns.append(_aggregate(function.upper(), argument.strip(), name))
    if sorted(c.name for c in columns if c.kind == "group") != sorted(keys):
        raise ValueError("its columns are the GROUP BY variables and aggregates, nothing else")
    return columns


def notice_select(select: str) -> str:
    """A grouping's SELECT clause as each notice's graph is queried: a rounded mean as the
    sum and count of its values, distinct values joined by :data:`PART`."""
    select = _ROUNDED_MEAN.sub(r"(SUM(\1) AS ?\2) (COUNT(\1) AS ?\2_count_)", select)
    return _CONCAT.sub(lambda m: f'{m.group(1)}"{PART}"', select)


def _aggregate(function: str, argument: str, name: str) -> Column:
    distinct = argument.upper().startswith("DISTINCT")
    if re.fullmatch(r"ROUND\s*\(\s*AVG", function) and re.fullmatch(r"\?\w+", argument):
        return Column(name, "mean")
    if function in ("COUNT", "SUM") and not distinct:
        return Column(name, "sum")
    separator = _SEPARATOR.match(argument)
    if function == "GROUP_CONCAT" and separator:
        return Column(name, "concat", separator.group(1))
    raise ValueError(
        f"{function}({argument}) does not add up across notices: only COUNT, SUM, "
        'ROUND(AVG(?x)) and GROUP_CONCAT(DISTINCT ?x; separator="…")'
    )


# Totals: group key (JSON of the group's values) → [contributing rows, state of each
# aggregate]; a sum's state is [total, rows without a value], a mean's [total, count, rows
# without a value], a concat's {value: rows}.
Totals = dict[str, list[Any]]


def _number(value: Any) -> Any:
    return Decimal(value["decimal"]) if isinstance(value, dict) else value


@lru_cache(maxsize=1 << 16)
def _group_key(values: tuple[Any, ...], types: tuple[type, ...]) -> str:
    """A group's key in the totals: the JSON of its values (the same groups come back in
    notice after notice: made once; ``types`` keep apart values that compare equal, e.g.
    1 and Decimal("1"))."""
    return json.dumps([_json(v) for v in values], ensure_ascii=False)


_EMPTY = {"sum": [0, 0], "mean": [0, 0, 0]}


def add_rows(totals: Totals, columns: list[Column], rows: list[list[Any]], sign: int) -> None:
    """Add (``sign`` 1) or take out (-1) one notice's rows of the query (as
    :func:`notice_select` gives them). The states keep numbers as numbers
    (:func:`.kept.dumps` writes them)."""
    for row in rows:
        values, aggregated = _split_row(row, columns)
        key = _group_key(values, tuple(map(type, values)))
        state = totals.get(key)
        if state is None:
            state = totals[key] = [0] + [list(_EMPTY.get(c.kind, [])) or {} for c in columns
                                         if c.kind != "group"]  # fmt: skip
        state[0] += sign
        for slot, (value, column) in enumerate(aggregated, 1):
            if column.kind == "concat":
                counts = state[slot]
                for part in [] if value is None else str(value).split(PART):
                    counts[part] = counts.get(part, 0) + sign
                    if not counts[part]:
                        del counts[part]
                continue
            total, *count = value if column.kind == "mean" else (value,)
            if total is None or isinstance(total, str):
                state[slot][-1] += sign  # a value that is not a number: the total has none
            else:
                state[slot][0] = _number(state[slot][0]) + sign * total
            if count:
                state[slot][1] += sign * count[0]
        if not state[0]:
            del totals[key]


def _split_row(row: list[Any], columns: list[Column]) -> tuple[tuple[Any, ...], list[Any]]:
    """A notice's row: its group's values, and each aggregate's value with its column (a
    mean's the pair of its sum and count)."""
    values, aggregated, at = [], [], 0
    for column in columns:
        if column.kind == "group":
            values.append(row[at])
        elif column.kind == "mean":
            aggregated.append(((row[at], row[at + 1]), column))
            at += 1
        else:
            aggregated.append((row[at], column))
        at += 1
    if at != len(row):
        raise ValueError(f"a row of {len(row)} values for {at}")
    return tuple(values), aggregated


def total_rows(totals: Totals, columns: list[Column]) -> list[list[Any]]:
    """The query's rows from the corpus's totals."""
    rows = []
    for key, state in totals.items():
        groups = iter(json.loads(key))
        slots = iter(state[1:])
        row: list[Any] = []
        for column in columns:
            if column.kind == "group":
                row.append(_number(next(groups)))
            elif column.kind == "sum":
                total, missing = next(slots)
                row.append(None if missing else _plain(_number(total)))
            elif column.kind == "mean":
                total, count, missing = next(slots)
                row.append(None if missing or not count else _rounded(_number(total), count))
            else:
                row.append(column.separator.join(sorted(next(slots))))
        rows.append(row)
    return rows


def _rounded(total: Any, count: int) -> Any:
    """SPARQL's ROUND of the mean: the nearest integer, halves up (XPath fn:round)."""
    mean = Decimal(total) / count + Decimal("0.5")
    return int(mean.to_integral_value(rounding=ROUND_FLOOR))


def _plain(number: Any) -> Any:
    """A total as the query's rows give numbers (see :func:`.rows.plain`)."""
    if isinstance(number, Decimal):
        return int(number) if number == number.to_integral_value() else number.normalize()
    return number


def _json(value: Any) -> Any:
    return {"decimal": str(value)} if isinstance(value, Decimal) else value
