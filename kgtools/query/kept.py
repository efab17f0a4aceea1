"""Answers kept by the build: the rows of each ``# kept: per notice`` library query, per
notice, in ``answers.sqlite`` next to the store.

Such a query's rows each come from one notice's graph (see :mod:`.library`), so its answer
on the whole store is the union of each notice's rows, or for a grouping the sum of each
notice's totals (:mod:`.aggregates`). The build's workers run it on the notices of each
chunk while their graphs are in memory (:func:`notice_answers`; a grouping once on the
chunk, grouped by notice too, when a ``GRAPH ?n`` pattern gives each row's notice, else on
each notice's graph alone); the build keeps the rows
of the notices it changed, and the sums (:class:`.keptwriter.AnswersWriter`); ``kgtools
query`` on the embedded store reads them, filtered by the parameters and ordered as the
query orders them (:func:`from_answers`), when they belong to the store: the same
generation token as the store's marker, made by the same queries and ontology. Otherwise
the query runs on the store. At 100 000 notices such a query takes seconds on the store
and a fraction of one from what the build kept.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import resource_dir
from .aggregates import aggregate_columns, total_rows
from .library import ANY, QueryInfo, catalog, select_clause, strip_comments
from .ordering import sort_rows, split_order_by
from .rows import Rows

ANSWERS_NAME = "answers.sqlite"
ANSWERS_FORMAT = "xuncha-answers/8"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    notice TEXT NOT NULL, query INTEGER NOT NULL, rows BLOB NOT NULL, PRIMARY KEY (notice, query)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals (
    query INTEGER NOT NULL, grp TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (query, grp)
) WITHOUT ROWID;
"""
# A query is its position in kept_queries() (the answers' key changes with the list). Its
# rows of one notice are kept as the JSON list of the rows without their notice column (the
# table has it); for a query whose first parameter filters another column, a JSON object of
# the rows by that column's value ("" for a value that is not a string: the rows keep their
# values, and the parameters filter them again), which SQLite's json_each reads, so that a
# bound parameter parses its rows only; for a grouping, the list zlib-compressed (read only
# to take a notice's rows out of the totals). A sample notice's rows stay under 1 KB (in a
# WITHOUT ROWID table a row over 1 KB takes an overflow page of 4 KB). Rows are in
# notice order, as a build adds them (pages fill up; in query order they were a third
# empty), and a query scans the table (about 100 MB at 100 000 notices).
NO_KEY = ""


def answers_path(out: Path) -> Path:
    return out / ANSWERS_NAME


@cache
def kept_queries() -> tuple[QueryInfo, ...]:
    """What the build runs for the library's queries kept per notice: each query, but one
    with a count over the corpus (:class:`.library.CountFilter`) as its rows without the
    count (the count's variable a last column, unless it is one) and the count per notice
    (a grouping named ``<query>#count``)."""
    made: list[QueryInfo] = []
    for info in catalog():
        if info.kept:
            made.extend(_split(info) if info.count_filter else [info])
    return tuple(made)


def _split(info: QueryInfo) -> list[QueryInfo]:
    """A query with a count over the corpus as its rows without the count, and the count."""
    f = info.count_filter
    assert f is not None
    start, end = f.span
    text = info.text[:start] + " " * (end - start) + info.text[end:]
    columns = list(info.columns)
    code = strip_comments(text)
    select, outer = select_clause(code) or (0, 0)  # the library checked the query
    if f.variable not in columns:
        columns.append(f.variable)
        text = f"{text[:outer]}?{f.variable} {text[outer:]}"
    rows = replace(info, text=text, columns=columns, count_filter=None)
    count = (f"{code[:select].strip()}\nSELECT ?{f.variable} (COUNT(?{f.counted}) AS ?count)"
             f"\nWHERE {{ {f.pattern} }}\nGROUP BY ?{f.variable}\n")  # fmt: skip
    totals = aggregate_columns(f"SELECT ?{f.variable} (COUNT(?{f.counted}) AS ?count)",
                               f"GROUP BY ?{f.variable}")  # fmt: skip
    counts = replace(info, name=f"{info.name}#count", text=count, params=[],
                     columns=[f.variable, "count"], aggregates=totals, count_filter=None)  # fmt: skip
    return [rows, counts]


def _position(name: str) -> int:
    """A kept query's place in :func:`kept_queries` (the answers' key)."""
    return next(i for i, info in enumerate(kept_queries()) if info.name == name)


@cache
def answers_key() -> str:
    """What the kept rows depend on besides the notices: the kept queries and the ontology."""
    digest = hashlib.sha256(ANSWERS_FORMAT.encode())
    for info in kept_queries():
        digest.update(f"\0{info.name}\0{info.text}".encode())
    for path in sorted(resource_dir("ontology").glob("*.ttl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    raise TypeError(f"a kept value of type {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    return Decimal(obj["decimal"]) if len(obj) == 1 and isinstance(obj.get("decimal"), str) else obj


def key_column(info: QueryInfo) -> str | None:
    """The column a kept query's rows are grouped by: its first parameter's, unless that is
    the notice (the table's own key)."""
    return info.params[0].name if info.params and info.params[0].name != "notice" else None


def dumps(rows: Any) -> str:
    """Kept values as JSON (a Decimal as ``{"decimal": "…"}``)."""
    return json.dumps(rows, ensure_ascii=False, default=_encode, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_decode)


def meta_of(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta"))


def made_for_store(out: Path) -> bool | None:
    """Whether the last build's kept rows were made for the build's store, by these queries
    and ontology (complete or not: a lost step leaves some out); None without a store."""
    from ..build.marker import store_generation

    token = store_generation(out)
    if not token:
        return None
    try:
        db = sqlite3.connect(f"file:{answers_path(out)}?mode=ro", uri=True)
        try:
            meta = meta_of(db)
        finally:
            db.close()
    except sqlite3.Error:
        return False
    mark = (meta.get("format"), meta.get("key"), meta.get("made_for"))
    return mark == (ANSWERS_FORMAT, answers_key(), token)


def from_answers(info: QueryInfo, params: dict[str, str], store: Path) -> Rows | None:
    """A kept library query answered from what the build kept, when it belongs to this
    store; otherwise None."""
    own = resource_dir("queries") / f"{info.name}.rq"
    if not info.kept or info.path.resolve() != own.resolve():
        return None
    from ..build.marker import store_generation

    out = store.parent
    path = answers_path(out)
    token = store_generation(out)
    if not token or not store.is_dir() or not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = meta_of(db)
            if (meta.get("format"), meta.get("key"), meta.get("generation")) != (
                ANSWERS_FORMAT, answers_key(), token,
            ):  # fmt: skip
                return None
            rows = _read(db, info, params)
        finally:
            db.close()
    except sqlite3.Error:
        return None
    for p in info.params:
        value = params.get(p.name, p.default)
        if value != ANY:
            at = info.columns.index(p.name)
            rows = [row for row in rows if row[at] == value]
    _, keys = split_order_by(strip_comments(info.text))
    sort_rows(list(info.columns), rows, keys)
    return Rows(list(info.columns), rows)


def _read(db: sqlite3.Connection, info: QueryInfo, params: dict[str, str]) -> list[list[Any]]:
    """The kept rows of a query: its totals, or each notice's rows (of the first
    parameter's value when it is bound; of the values counted enough when it has a count
    over the corpus)."""
    query = _position(info.name)
    if info.count_filter is not None:
        return _counted(db, info, _read(db, kept_queries()[query], params))
    first = params.get(info.params[0].name, info.params[0].default) if info.params else ANY
    if info.aggregates is not None:
        leading = first != ANY and info.aggregates[0].name == info.params[0].name
        return total_rows(_totals(db, query, first if leading else None), info.aggregates)
    key = key_column(info)
    if key is None:
        sql = "SELECT notice, rows FROM answers WHERE query = ?"
        found = (db.execute(sql, (query,)) if first == ANY
                 else db.execute(sql + " AND notice = ?", (query, first)))  # fmt: skip
    else:
        sql = "SELECT notice, value FROM answers, json_each(answers.rows) WHERE query = ?"
        found = (db.execute(sql, (query,)) if first == ANY
                 else db.execute(sql + " AND json_each.key = ?", (query, first)))  # fmt: skip
    # one parse of all the notices' lists, not one per notice; each row gets its notice back
    pairs = loads("[" + ",".join(f"[{json.dumps(n)},{rows}]" for n, rows in found) + "]")
    at = info.columns.index("notice")
    return [[*row[:at], notice, *row[at:]] for notice, rows in pairs for row in rows]


def _totals(db: sqlite3.Connection, query: int, first: str | None = None) -> dict[str, Any]:
    """A grouping's totals; with ``first``, only those of the groups whose first value it
    is (their keys begin with it: a range of the table's key)."""
    sql = "SELECT grp, state FROM totals WHERE query = ?"
    if first is None:
        found = db.execute(sql, (query,))
    else:
        value = json.dumps(first, ensure_ascii=False)
        more = f"[{value}, "  # how the key of more values begins (aggregates._group_key)
        sql += " AND (grp = ? OR (grp >= ? AND grp < ?))"
        found = db.execute(sql, (query, f"[{value}]", more, more + chr(0x10FFFF)))
    return {grp: json.loads(state) for grp, state in found}


def _counted(db: sqlite3.Connection, info: QueryInfo, rows: list[list[Any]]) -> list[list[Any]]:
    """The rows (of the query without its count, :func:`_split`) whose value of the count's
    variable is counted more than the filter says, in the query's columns."""
    f = info.count_filter
    assert f is not None
    at = _position(f"{info.name}#count")
    counts = dict(total_rows(_totals(db, at), kept_queries()[at].aggregates or []))
    value = [*info.columns, f.variable].index(f.variable)
    width = len(info.columns)
    return [row[:width] for row in rows if (counts.get(row[value]) or 0) > f.more_than]
