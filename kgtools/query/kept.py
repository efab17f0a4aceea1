"""Answers kept by the build: the rows of each ``# kept: per notice`` library query, per
notice, in ``answers.sqlite`` next to the store.

Such a query's rows each come from one notice's graph (see :mod:`.library`), so its answer
on the whole store is the union of each notice's rows. The build's workers run it on the
notices of each chunk while their graphs are in memory (:func:`notice_answers`); the build
keeps the rows of the notices it changed (:class:`AnswersWriter`); ``kgtools query`` on the
embedded store reads them, filtered by the parameters and ordered as the query orders them
(:func:`from_answers`), when they belong to the store: the same generation token as the
store's marker, made by the same queries and ontology. Otherwise the query runs on the store.
At 100 000 notices a query of a row per notice takes seconds on the store and a fraction of
one from the kept rows.
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
from .library import ANY, QueryInfo, bind, catalog, strip_comments
from .ordering import sort_rows, split_order_by
from .rows import Rows

ANSWERS_NAME = "answers.sqlite"
ANSWERS_FORMAT = "xuncha-answers/2"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    query TEXT NOT NULL, notice TEXT NOT NULL, key TEXT NOT NULL, rows TEXT NOT NULL,
    PRIMARY KEY (query, notice, key)
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
    from pyoxigraph import NamedNode, RdfFormat

    from ..vocab import ONTOLOGY_GRAPH
    from .local import run_on_store

    made: dict[str, dict[tuple[str, str], list[list[Any]]]] = {n: {} for n in notices}
    memory.load(_ontology_nquads(), format=RdfFormat.N_QUADS)
    try:
        for info in kept_queries():
            found = run_on_store(memory, bind(info, {p.name: ANY for p in info.params}))
            at = found.columns.index("notice")
            by = found.columns.index(info.params[0].name) if info.params else None
            for notice in made:
                made[notice][info.name, NO_KEY] = []  # a notice without rows has its empty list
            for row in found.rows:
                if row[at] in made:
                    key = row[by] if by is not None and isinstance(row[by], str) else NO_KEY
                    made[row[at]].setdefault((info.name, key), []).append(row)
    finally:
        memory.remove_graph(NamedNode(ONTOLOGY_GRAPH))
    return {
        notice: {
            key: json.dumps(rows, ensure_ascii=False, default=_encode, separators=(",", ":"))
            for key, rows in groups.items()
            if rows or key[1] == NO_KEY
        }  # fmt: skip
        for notice, groups in made.items()
    }


@cache
def _ontology_nquads() -> bytes:
    """The ontology's N-Quads, made once per process (a worker loads them for every chunk)."""
    from ..build.store import ontology_nquads

    return ontology_nquads()


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta"))


class AnswersWriter:
    """The kept rows of the notices a build changes, in one transaction; at :meth:`commit`
    they belong to the new store when every notice in it has its rows (no worker's step
    failed). The rows of unchanged notices are kept only when they belonged to the store
    before this build and were made by the same queries; otherwise they are dropped, and
    the rows are not complete again until a full build (``kgtools build --force``)."""

    def __init__(self, out: Path) -> None:
        from ..build.marker import store_generation

        self.out = out
        self.before = store_generation(out)  # before the build removes the store's marker
        self._db: sqlite3.Connection | None = None  # opened at the first write

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.out.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(answers_path(self.out), isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
            meta = _meta(db)
            if not (meta.get("format") == ANSWERS_FORMAT and meta.get("key") == answers_key()
                    and self.before and meta.get("generation") == self.before):  # fmt: skip
                db.execute("DELETE FROM answers")  # rows of another store or other queries
            db.execute("DELETE FROM meta")
            self._db = db
        return self._db

    def put(self, notice: str, answers: dict[tuple[str, str], str] | None) -> None:
        """Set one notice's rows (None: its step failed, it has none)."""
        self.db.executemany("DELETE FROM answers WHERE query = ? AND notice = ?",
                            [(info.name, notice) for info in kept_queries()])  # fmt: skip
        if answers is None:
            return  # the store has the notice, the rows do not: they are not complete
        self.db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?)",
                            [(name, notice, key, rows) for (name, key), rows in answers.items()])  # fmt: skip

    def commit(self) -> None:
        """Drop the rows of notices no longer built; mark the rows as the store's when
        complete."""
        from ..build.marker import store_generation
        from ..build.notices_db import notice_digests

        built = set(notice_digests(self.out))
        complete = True
        for info in kept_queries():
            kept = {n for (n,) in self.db.execute("SELECT DISTINCT notice FROM answers WHERE query = ?", (info.name,))}  # fmt: skip
            self.db.executemany("DELETE FROM answers WHERE query = ? AND notice = ?",
                                [(info.name, notice) for notice in kept - built])  # fmt: skip
            complete = complete and built <= kept
        meta = {"format": ANSWERS_FORMAT, "key": answers_key()}
        if complete:
            meta["generation"] = store_generation(self.out) or ""
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        self.db.execute("COMMIT")
        self.db.close()
        self._db = None

    def abandon(self) -> None:
        if self._db is not None:
            self._db.execute("ROLLBACK")
            self._db.close()
            self._db = None


def from_answers(info: QueryInfo, params: dict[str, str], store: Path) -> Rows | None:
    """A kept library query answered from the build's kept rows, when they belong to this
    store; otherwise None."""
    if (
        not info.kept
        or info.path.resolve() != (resource_dir("queries") / f"{info.name}.rq").resolve()
    ):
        return None  # fmt: skip
    from ..build.marker import store_generation

    out = store.parent
    path = answers_path(out)
    token = store_generation(out)
    if not token or not store.is_dir() or not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = _meta(db)
            if (meta.get("format"), meta.get("key"), meta.get("generation")) != (
                ANSWERS_FORMAT, answers_key(), token,
            ):  # fmt: skip
                return None
            first = params.get(info.params[0].name, info.params[0].default) if info.params else ANY
            if first == ANY:
                found = db.execute("SELECT rows FROM answers WHERE query = ?", (info.name,))
            else:
                found = db.execute("SELECT rows FROM answers WHERE query = ? AND key = ?",
                                   (info.name, first))  # fmt: skip
            texts = [t for (t,) in found]
        finally:
            db.close()
    except sqlite3.Error:
        return None
    # one parse of all the notices' lists, not one per notice
    rows: list[list[Any]] = [
        row
        for rows_of in json.loads(f"[{','.join(texts)}]", object_hook=_decode)
        for row in rows_of
    ]
    for p in info.params:
        value = params.get(p.name, p.default)
        if value != ANY:
            at = info.columns.index(p.name)
            rows = [row for row in rows if row[at] == value]
    _, keys = split_order_by(strip_comments(info.text))
    sort_rows(list(info.columns), rows, keys)
    return Rows(list(info.columns), rows)
