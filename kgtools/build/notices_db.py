"""The build's table of notices (``build.sqlite``): per notice its source, the source's
content hash and stat, its counts, the facts the links graph needs, and the digest of the
N-Quads loaded into its graph. A keyed store: a build writes the rows of the notices it
changed and deletes those of removed ones, never the whole table.

Also keeps the build format and when the last build started (``meta``). A build of
another format (another extractor version) starts from an empty table.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DB_NAME = "build.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notices (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, hash TEXT NOT NULL, stat TEXT,
    counts TEXT NOT NULL, facts BLOB NOT NULL, digest TEXT NOT NULL
);
DROP TABLE IF EXISTS notice;
"""
# The facts (2–3 KB of JSON a notice) are kept zlib-compressed, about a third of that, so
# that several rows share a page: as text, a row filled a 4 KB page of its own (4.7 KB a
# notice on disk in the WITHOUT ROWID table ``notice`` of earlier builds, which is dropped
# on the next write; until then a reader finds no ``notices`` and the build starts anew).


def db_path(out: Path) -> Path:
    return out / DB_NAME


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)  # explicit transactions
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_SCHEMA)
    return db


def _select(out: Path, sql: str) -> list[tuple[Any, ...]]:
    """The rows of a query on the last build's table; none when there is no readable one."""
    path = db_path(out)
    if not path.is_file():
        return []
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return db.execute(sql).fetchall()
    except sqlite3.Error:
        return []
    finally:
        db.close()


def notice_digests(out: Path) -> dict[str, str]:
    """Notice id → digest (SHA-256, hex) of the N-Quads its graph in the store holds."""
    return dict(_select(out, "SELECT id, digest FROM notices ORDER BY id"))


def _row(source: str, hash_: str, stat: str | None, counts: str, facts: bytes, digest: str) -> dict[str, Any]:  # fmt: skip
    return {"source": source, "hash": hash_, "stat": json.loads(stat) if stat else None,
            "counts": json.loads(counts), "facts": zlib.decompress(facts).decode("utf-8"),
            "digest": digest}  # fmt: skip


def notice_rows(out: Path) -> dict[str, dict[str, Any]]:
    """Notice id → {source, hash, stat, counts, facts, digest} of the last build; the facts
    as their JSON text (parsed only where read: 9 KB a notice as Python objects, 1 KB as
    text)."""
    sql = "SELECT id, source, hash, stat, counts, facts, digest FROM notices ORDER BY id"
    try:
        return {r[0]: _row(*r[1:]) for r in _select(out, sql)}
    except (zlib.error, TypeError, ValueError):  # a damaged row: build as if there were none
        return {}


def build_meta(out: Path) -> dict[str, str]:
    """The last build's format and start time (``format``, ``started_ns``)."""
    return dict(_select(out, "SELECT key, value FROM meta"))


class NoticeTable:
    """The table as a build writes it: rows upserted and deleted in one transaction that
    commits at the end of the build (a killed build leaves the previous table)."""

    def __init__(self, out: Path, *, format_: str, reset: bool) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.db = _connect(db_path(out))
        self.closed = False
        self.db.execute("BEGIN")
        if reset or dict(self.db.execute("SELECT key, value FROM meta")).get("format") != format_:
            self.db.execute("DELETE FROM notices")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (format_,))

    def put(self, notice: str, entry: dict[str, Any]) -> None:
        stat = json.dumps(entry.get("stat")) if entry.get("stat") is not None else None
        self.db.execute(
            "INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, ?, ?, ?)",
            (notice, entry["source"], entry["hash"], stat,
             json.dumps(entry["counts"], ensure_ascii=False),
             zlib.compress(entry["facts"].encode("utf-8")), entry["digest"]),
        )  # fmt: skip

    def meta(self, key: str) -> str | None:
        """A value the last build recorded (in this build's transaction)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def touch(self, notice: str, source: str, stat: list[int] | None) -> None:
        """An unchanged notice: only its source path and stat may differ."""
        self.db.execute("UPDATE notices SET source = ?, stat = ? WHERE id = ?",
                        (source, json.dumps(stat) if stat is not None else None, notice))  # fmt: skip

    def delete(self, notices: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM notices WHERE id = ?", [(n,) for n in notices])

    def commit(self, started_ns: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('started_ns', ?)", (str(started_ns),))
        self.db.execute("COMMIT")
        self.db.close()
        self.closed = True

    def abandon(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()
        self.closed = True
