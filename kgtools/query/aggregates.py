"""The totals of a kept query that groups (``# kept: per notice`` with an outer GROUP BY):
each notice's groups, as the query gives them on that notice's graph alone, added into the
corpus's totals, and taken out again when the notice changes or goes.

Only aggregates that add up across notices are accepted: ``COUNT(?x)`` and ``COUNT(*)``
and ``SUM(?x)`` (summed), ``GROUP_CONCAT(DISTINCT ?x; separator="…")`` (the distinct
values of all notices, in code-point order: SPARQL leaves the order open; a value must not
contain the separator). Not AVG, MIN, MAX, SAMPLE, COUNT(DISTINCT …) or HAVING.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

_AGGREGATE = re.compile(
    r"\(\s*(\w+)\s*\(([^()]*)\)\s+AS\s+\?(\w+)\s*\)|\?(\w+)|(\S+)", re.IGNORECASE
)
_GROUP_BY = re.compile(
    r"\s*GROUP\s+BY((?:\s+\?\w+)+)\s*(?:ORDER\s+BY\b.*)?$", re.IGNORECASE | re.DOTALL
)
_SEPARATOR = re.compile(r'^DISTINCT\s+\?\w+\s*;\s*separator\s*=\s*"([^"\\]*)"$', re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """A projected column: a GROUP BY variable (``group``), a count or sum (``sum``), or
    the distinct values joined by ``separator`` (``concat``)."""

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


def _aggregate(function: str, argument: str, name: str) -> Column:
    distinct = argument.upper().startswith("DISTINCT")
    if function in ("COUNT", "SUM") and not distinct:
        return Column(name, "sum")
    separator = _SEPARATOR.match(argument)
    if function == "GROUP_CONCAT" and separator:
        return Column(name, "concat", separator.group(1))
    raise ValueError(
        f"{function}({argument}) does not add up across notices: only COUNT, SUM and "
        'GROUP_CONCAT(DISTINCT ?x; separator="…")'
    )


# Totals: group key (JSON of the group's values) → [contributing rows, state of each
# aggregate]; a sum's state is [total, rows without a value], a concat's {value: rows}.
Totals = dict[str, list[Any]]


def _number(value: Any) -> Any:
    return Decimal(value["decimal"]) if isinstance(value, dict) else value


@lru_cache(maxsize=1 << 16)
def _group_key(values: tuple[Any, ...], types: tuple[type, ...]) -> str:
    """A group's key in the totals: the JSON of its values (the same groups come back in
    notice after notice: made once; ``types`` keep apart values that compare equal, e.g.
    1 and Decimal("1"))."""
    return json.dumps([_json(v) for v in values], ensure_ascii=False)


def add_rows(totals: Totals, columns: list[Column], rows: list[list[Any]], sign: int) -> None:
    """Add (``sign`` 1) or take out (-1) one notice's rows of the query. The states keep
    numbers as numbers (:func:`.kept.dumps` writes them)."""
    for row in rows:
        values = tuple(v for v, c in zip(row, columns, strict=True) if c.kind == "group")
        key = _group_key(values, tuple(map(type, values)))
        state = totals.get(key)
        if state is None:
            state = totals[key] = [0] + [[0, 0] if c.kind == "sum" else {} for c in columns
                                         if c.kind != "group"]  # fmt: skip
        state[0] += sign
        for slot, (value, column) in enumerate(_aggregated(row, columns), 1):
            if column.kind == "sum":
                if value is None or isinstance(value, str):
                    state[slot][1] += sign
                else:
                    state[slot][0] = _number(state[slot][0]) + sign * value
            else:
                counts = state[slot]
                for part in [] if value is None else str(value).split(column.separator):
                    counts[part] = counts.get(part, 0) + sign
                    if not counts[part]:
                        del counts[part]
        if not state[0]:
            del totals[key]


def _aggregated(row: list[Any], columns: list[Column]) -> list[tuple[Any, Column]]:
    """The values of a row's aggregate columns, with their column."""
    return [(v, c) for v, c in zip(row, columns, strict=True) if c.kind != "group"]


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
            else:
                row.append(column.separator.join(sorted(next(slots))))
        rows.append(row)
    return rows


def _plain(number: Any) -> Any:
    """A total as the query's rows give numbers (see :func:`.rows.plain`)."""
    if isinstance(number, Decimal):
        return int(number) if number == number.to_integral_value() else number.normalize()
    return number


def _json(value: Any) -> Any:
    return {"decimal": str(value)} if isinstance(value, Decimal) else value
