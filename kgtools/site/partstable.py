"""The report's notice parts (:class:`.storedata.NoticePart`: a notice's row of the index
and its chart numbers), kept between runs in a keyed SQLite table beside the report.

A row is a notice's part as JSON text with the digest of the graph it was read from; a
run reads every row and writes only the parts of changed notices and deletes those of
notices gone, in one transaction (a killed run leaves the table as it was). It replaced
one JSON file that every run parsed and wrote again whole (0.35 s of a 1 % rebuild's
report at 10 000 notices). A table of another format, or a damaged file, is started anew:
every part is then read from the store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

PARTS_DB = ".kgtools-report-parts.sqlite"
PARTS_FORMAT = "1"  # bump when NoticePart or its queries change: every part is read again
_EARLIER = (".kgtools-report-parts.json",)  # before the table
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS part (notice TEXT PRIMARY KEY, digest TEXT NOT NULL,
                                 json TEXT NOT NULL);
"""

Saved = dict[str, tuple[str, str]]  # notice → (digest of its graph, its part as JSON text)


def _connect(out: Path) -> sqlite3.Connection:
    db = sqlite3.connect(out / PARTS_DB, isolation_level=None)
    db.executescript(_SCHEMA)
    return db


def read_parts(out: Path) -> Saved:
    """The parts saved by the last run into the report folder ``out``; none when there is
    no table, a table of another format, or a damaged file (which is removed)."""
    path = out / PARTS_DB
    if not path.is_file():
        return {}
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if dict(db.execute("SELECT key, value FROM meta")).get("format") != PARTS_FORMAT:
                return {}
            return {n: (d, j) for n, d, j in db.execute("SELECT notice, digest, json FROM part")}
        finally:
            db.close()
    except sqlite3.DatabaseError:
        path.unlink(missing_ok=True)
        return {}


def save_parts(out: Path, changed: Saved, gone: set[str], *, anew: bool = False) -> None:
    """Write the ``changed`` parts and delete those of the ``gone`` notices, in one
    transaction; ``anew``: every row replaced (another format or a damaged table before).
    Called after :func:`read_parts`, which removes a damaged file."""
    if not changed and not gone and not anew:
        return
    out.mkdir(parents=True, exist_ok=True)
    for name in _EARLIER:
        (out / name).unlink(missing_ok=True)
    db = _connect(out)  # read_parts removed a file that was not a table of ours
    try:
        db.execute("BEGIN IMMEDIATE")
        if anew:
            db.execute("DELETE FROM part")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (PARTS_FORMAT,))
        db.executemany("INSERT OR REPLACE INTO part VALUES (?, ?, ?)",
                       [(n, d, j) for n, (d, j) in sorted(changed.items())])  # fmt: skip
        db.executemany("DELETE FROM part WHERE notice = ?", [(n,) for n in sorted(gone)])
        db.execute("COMMIT")
    finally:
        db.close()
