"""Answers kept by the build: the rows of each ``# kept: per notice`` library query, per
notice, in ``answers.sqlite`` next to the store.

Such a query's rows each come from one notice's graph (see :mod:`.library`), so its answer
on the whole store is the union of each notice's rows, or for a grouping the sum of each
notice's totals (:mod:`.aggregates`). The build's workers run it on the notices of each
chunk while their graphs are in memory (:func:`notice_answers`); the build keeps the rows
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
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import resource_dir
from .aggregates import total_rows
from .library import ANY, QueryInfo, bind, catalog, strip_comments
from .ordering import sort_rows, split_order_by
from .rows import Rows

ANSWERS_NAME = "answers.sqlite"
ANSWERS_FORMAT = "xuncha-answers/2"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    query TEXT NOT NULL, notice TEXT NOT NULL, key TEXT NOT NULL, rows TEXT NOT NULL,
    PRIMARY KEY (query, notice, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS totals (
    query TEXT NOT NULL, grp TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (query, grp)
) WITHOUT ROWID;
"""
# A notice's rows of a query are kept in groups by the value of the query's first parameter's
# column (``key``; NO_KEY for a query without parameters, or a value that is not a string),
# so that a bound parameter parses its rows only (themes: a ninth of them).
NO_KEY = "\0"


def answers_path(out: Path) -> Path:
    return out / ANSWERS_NAME


@cache
def kept_queries() -> tuple[QueryInfo, ...]:
    """The library's queries kept per notice."""
    return tuple(info for info in catalog() if info.kept)


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


def _decode(obj: dict[str, str]) -> Any:
    return Decimal(obj["decimal"])


def notice_answers(memory: Any, notices: list[str]) -> dict[str, dict[tuple[str, str], str]]:
    """Each notice's rows of every kept query (JSON text by query name and key), from an in-memory
    pyoxigraph store holding the notices' graphs; the ontology is added to it for the
    queries and removed again."""
    from pyoxigraph import Literal, NamedNode, RdfFormat

    from ..vocab import ONTOLOGY_GRAPH, notice_iri_text
    from .local import run_on_store
    from .rows import term_value

    made: dict[str, dict[tuple[str, str], list[list[Any]]]] = {n: {} for n in notices}
    memory.load(_ontology_nquads(), format=RdfFormat.N_QUADS)
    try:
        for info in kept_queries():
            for notice in made:
                made[notice][info.name, NO_KEY] = []  # a notice without rows has its empty list
            if info.aggregates is not None:  # each notice's totals, on its graph alone
                text = strip_comments(info.text)
                for notice in made:
                    graph = NamedNode(notice_iri_text(notice))
                    found = memory.query(text, default_graph=[graph, NamedNode(ONTOLOGY_GRAPH)],
                                         named_graphs=[graph])  # fmt: skip
                    made[notice][info.name, NO_KEY] = [
                        [None if t is None else term_value(t, Literal) for t in row]
                        for row in found
                    ]
                continue
            found = run_on_store(memory, bind(info, {p.name: ANY for p in info.params}))
            at = found.columns.index("notice")
            by = found.columns.index(info.params[0].name) if info.params else None
            for row in found.rows:
                if row[at] in made:
                    key = row[by] if by is not None and isinstance(row[by], str) else NO_KEY
                    made[row[at]].setdefault((info.name, key), []).append(row)
    finally:
        memory.remove_graph(NamedNode(ONTOLOGY_GRAPH))
    return {
        notice: {key: dumps(rows) for key, rows in groups.items() if rows or key[1] == NO_KEY}
        for notice, groups in made.items()
    }


def dumps(rows: Any) -> str:
    """Kept values as JSON (a Decimal as ``{"decimal": "…"}``)."""
    return json.dumps(rows, ensure_ascii=False, default=_encode, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_decode)


@cache
def _ontology_nquads() -> bytes:
    """The ontology's N-Quads, made once per process (a worker loads them for every chunk)."""
    from ..build.store import ontology_nquads

    return ontology_nquads()


def meta_of(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta"))


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
    parameter's value when it is bound)."""
    if info.aggregates is not None:
        found = db.execute("SELECT grp, state FROM totals WHERE query = ?", (info.name,))
        return total_rows({grp: json.loads(state) for grp, state in found}, info.aggregates)
    first = params.get(info.params[0].name, info.params[0].default) if info.params else ANY
    if first == ANY:
        found = db.execute("SELECT rows FROM answers WHERE query = ?", (info.name,))
    else:
        found = db.execute("SELECT rows FROM answers WHERE query = ? AND key = ?",
                           (info.name, first))  # fmt: skip
    # one parse of all the notices' lists, not one per notice
    return [row for rows_of in loads(f"[{','.join(t for (t,) in found)}]") for row in rows_of]
