"""The build's side of the kept answers (:mod:`.kept`): each changed notice's rows into
``answers.sqlite``, and for a grouping query its totals updated by the difference (the
notice's old rows taken out, its new ones added), so that a rebuild costs what changed."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

from .aggregates import Totals, add_rows
from .kept import (
    ANSWERS_FORMAT,
    SCHEMA,
    answers_key,
    answers_path,
    dumps,
    kept_queries,
    loads,
    meta_of,
)  # fmt: skip


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
        self._totals: dict[int, _Totals] = {}  # by query, each group read when first touched
        self._fresh = False  # the table had no rows when opened: none to take out but our own
        self._put: set[str] = set()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.out.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(answers_path(self.out), isolation_level=None)
            # one transaction a build, and readers that may not write (mode=ro): no WAL
            db.execute("PRAGMA journal_mode=DELETE")
            db.executescript(SCHEMA)
            db.execute("BEGIN")
            meta = meta_of(db)
            if not (meta.get("format") == ANSWERS_FORMAT and meta.get("key") == answers_key()
                    and self.before and meta.get("made_for") == self.before):  # fmt: skip
                db.execute("DELETE FROM answers")  # rows of another store or other queries
                db.execute("DELETE FROM totals")
            self._fresh = db.execute("SELECT 1 FROM answers LIMIT 1").fetchone() is None
            db.execute("DELETE FROM meta")
            self._db = db
        return self._db

    def _totals_of(self, query: int) -> _Totals:
        if query not in self._totals:
            self._totals[query] = _Totals(self.db, query)
        return self._totals[query]

    def _take_out(self, notice: str) -> None:
        """Delete a notice's rows, its rows taken out of the totals first."""
        for query, info in enumerate(kept_queries()):
            if info.aggregates is not None:
                found = self.db.execute("SELECT rows FROM answers WHERE query = ? AND notice = ?",
                                        (query, notice))  # fmt: skip
                for (rows,) in found.fetchall():
                    add_rows(self._totals_of(query), info.aggregates, _rows(rows), -1)
            self.db.execute("DELETE FROM answers WHERE query = ? AND notice = ?", (query, notice))

    def put(self, notice: str, answers: dict[str, str | bytes] | None) -> None:
        """Set one notice's rows (None: its step failed, it has none)."""
        self.db  # noqa: B018 — opened at the first write, which tells whether it was empty
        if not self._fresh or notice in self._put:  # a cold build has none to take out
            self._take_out(notice)
        self._put.add(notice)
        if answers is None:
            return  # the store has the notice, the rows do not: they are not complete
        for query, info in enumerate(kept_queries()):
            rows = answers[info.name]
            self.db.execute("INSERT INTO answers VALUES (?, ?, ?)", (notice, query, rows))
            if info.aggregates is not None:
                add_rows(self._totals_of(query), info.aggregates, _rows(rows), 1)

    def commit(self) -> None:
        """Drop the rows of notices no longer built; write the totals; mark the rows as the
        store's when complete."""
        from ..build.marker import store_generation
        from ..build.notices_db import notice_digests

        built = set(notice_digests(self.out))
        # a notice has rows of every query or of none (put and _take_out do them all): the
        # first query's notices are the notices with rows
        kept = {n for (n,) in self.db.execute("SELECT notice FROM answers WHERE query = 0")}
        for notice in kept - built:
            self._take_out(notice)
        complete = built <= kept
        for totals in self._totals.values():
            totals.write()
        token = store_generation(self.out) or ""
        meta = {"format": ANSWERS_FORMAT, "key": answers_key(), "made_for": token}
        if complete:
            meta["generation"] = token
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        self.db.execute("COMMIT")
        self._close()

    def abandon(self) -> None:
        if self._db is not None:
            self._db.execute("ROLLBACK")
            self._close()

    def _close(self) -> None:
        assert self._db is not None
        self._db.close()
        self._db = None
        self._totals.clear()
        self._put.clear()


class _Totals(Totals):
    """A grouping's totals as a rebuild needs them: a group is read from the table when a
    notice first touches it (a rebuild of a few notices reads and writes their groups, not
    the corpus's), and the groups touched are written back by :meth:`write`."""

    def __init__(self, db: sqlite3.Connection, query: int) -> None:
        super().__init__()
        self.db, self.query = db, query
        self.touched: set[str] = set()
        found = db.execute("SELECT 1 FROM totals WHERE query = ? LIMIT 1", (query,))
        self.empty = found.fetchone() is None  # nothing to read (a cold build)

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self.touched:
            self.touched.add(key)
            if not self.empty:
                found = self.db.execute("SELECT state FROM totals WHERE query = ? AND grp = ?",
                                        (self.query, key)).fetchone()  # fmt: skip
                if found:
                    self[key] = json.loads(found[0])
        return super().get(key, default)

    def write(self) -> None:
        """The touched groups into the table: their new state, or gone."""
        gone = [(self.query, key) for key in self.touched if key not in self]
        self.db.executemany("DELETE FROM totals WHERE query = ? AND grp = ?", gone)
        self.db.executemany("INSERT OR REPLACE INTO totals VALUES (?, ?, ?)",
                            [(self.query, key, dumps(state)) for key, state in self.items()])  # fmt: skip


def _rows(kept: str | bytes) -> list[list[Any]]:
    """A grouping's rows of one notice, as kept (compressed)."""
    rows: list[list[Any]] = loads(
        zlib.decompress(kept).decode() if isinstance(kept, bytes) else kept
    )
    return rows
