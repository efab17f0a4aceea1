"""The text index: the library query ``search`` answered from an index beside the store.

The embedded store has no full-text index, so ``search`` (``CONTAINS`` over every quote)
reads all quotes of the corpus: seconds at 10 000 notices. The build therefore also writes
``text-index.sqlite``: one row per hit that ``queries/search.rq`` can return (notice,
class, node, start, end, quote, taken from each notice's N-Quads) and an FTS5 index of the
quotes' character bigrams. A search looks up the bigrams of the text, then keeps the
candidates whose quote contains the text exactly, in the query's order: the same rows as
the SPARQL query (a test checks it), without reading every quote.

The index is used only when it belongs to the store: the build writes one generation
token into the index and into the store's marker file (``.store-ok``), after both are
complete; otherwise ``search`` runs as SPARQL.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..vocab import RDF_TYPE, XK_NS, XSD_INTEGER

INDEX_NAME = "text-index.sqlite"
XK = XK_NS
_INTEGER = XSD_INTEGER
SEARCH_CLASSES = ("ProblemArea", "Finding", "Measure", "Regulation", "Output")  # as in search.rq
_PREDICATES = (RDF_TYPE, *(XK + p for p in ("quote", "startOffset", "endOffset", "sourceNotice", "noticeId")))  # fmt: skip
_LINES = re.compile(
    "^(?:<[^>]*>|_:\\S+) <(?:" + "|".join(re.escape(p) for p in _PREDICATES) + ")> .*\n",
    re.MULTILINE,
)
_SCHEMA = """
CREATE TABLE hit(notice TEXT NOT NULL, class TEXT NOT NULL, node TEXT NOT NULL,
                 start INTEGER, "end" INTEGER, quote TEXT NOT NULL);
CREATE INDEX hit_notice ON hit(notice);
CREATE VIRTUAL TABLE grams USING fts5(tokens, content='', tokenize='unicode61 remove_diacritics 0');
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

Hit = tuple[str, str, str, int | None, int | None, str]  # notice, class, node, start, end, quote


def index_path(out: Path) -> Path:
    return out / INDEX_NAME


def search_hits(nquads: str) -> list[Hit]:
    """The rows ``search.rq`` can return for one notice's graph, before the text filter:
    every node with a quote and one of the searched classes, with its offsets and the id
    of its source notice (one row per combination, as SPARQL's join gives)."""
    from pyoxigraph import Literal, RdfFormat, parse

    lines = "".join(_LINES.findall(nquads))
    values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for quad in parse(lines.encode("utf-8"), format=RdfFormat.N_QUADS):
        obj = quad.object
        value: object = obj.value
        if isinstance(obj, Literal) and obj.datatype.value.endswith("#integer"):
            value = int(obj.value)
        values[quad.subject.value][quad.predicate.value].append(value)
    return _hits(values)


def search_hits_of_triples(triples: Iterable[tuple[Any, Any, Any]]) -> list[Hit]:
    """``search_hits`` of a notice's rdflib triples, as the build emits them (the same
    rows without parsing N-Quads again: 17 → 7 ms of a worker's ~100 ms a notice)."""
    from rdflib import URIRef

    wanted = {URIRef(p): p for p in _PREDICATES}
    integer = URIRef(_INTEGER)
    values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        predicate = wanted.get(p)
        if predicate is not None:
            value = int(o) if getattr(o, "datatype", None) == integer else str(o)
            values[str(s)][predicate].append(value)
    return _hits(values)


def _hits(values: dict[str, dict[str, list]]) -> list[Hit]:
    """The hits of a notice's values (subject → predicate → objects), deduplicated as a
    graph's triples are."""
    hits: list[Hit] = []
    for node, props in values.items():
        classes = [t[len(XK):] for t in dict.fromkeys(props.get(RDF_TYPE, ())) if t[len(XK):] in SEARCH_CLASSES and t.startswith(XK)]  # fmt: skip
        if not classes:
            continue
        props = {p: list(dict.fromkeys(objects)) for p, objects in props.items()}
        notices = [i for s in props.get(XK + "sourceNotice", ()) for i in dict.fromkeys(values.get(s, {}).get(XK + "noticeId", []))]  # fmt: skip
        for cls in classes:
            for quote in props.get(XK + "quote", ()):
                for start in props.get(XK + "startOffset", ()):
                    for end in props.get(XK + "endOffset", ()):
                        hits.extend((notice, cls, node, start, end, quote) for notice in notices)
    return hits


def grams(text: str) -> list[str]:
    """Distinct character bigrams of letters and digits, the index's tokens."""
    seen: dict[str, None] = {}
    for a, b in zip(text, text[1:], strict=False):
        if a.isalnum() and b.isalnum():
            seen[a + b] = None
    return list(seen)


class IndexWriter:
    """Changes to the index, committed together (or rebuilt into a new file and swapped in)."""

    def __init__(self, out: Path, *, full: bool) -> None:
        self.path = index_path(out)
        self.full = full
        self._target = self.path.with_name(f".{INDEX_NAME}.new") if full else self.path
        if full:
            out.mkdir(parents=True, exist_ok=True)
            self._target.unlink(missing_ok=True)
        elif not self.path.is_file():
            raise FileNotFoundError(self.path)
        self.db = sqlite3.connect(self._target, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=DELETE")
        if full:
            self.db.executescript(_SCHEMA)
        self.db.execute("BEGIN")
        self.closed = False

    def remove(self, notice: str) -> None:
        if self.full:
            return
        rows = self.db.execute(
            "SELECT rowid, quote FROM hit WHERE notice = ?", (notice,)
        ).fetchall()
        self.db.executemany(
            "INSERT INTO grams(grams, rowid, tokens) VALUES('delete', ?, ?)",
            [(rowid, " ".join(grams(quote))) for rowid, quote in rows],
        )
        self.db.execute("DELETE FROM hit WHERE notice = ?", (notice,))

    def add(self, notice: str, hits: Iterable[Hit]) -> None:
        """Set one notice's hits (replacing what the index had for it)."""
        self.remove(notice)
        for hit in hits:
            rowid = self.db.execute("INSERT INTO hit VALUES (?, ?, ?, ?, ?, ?)", hit).lastrowid
            self.db.execute(
                "INSERT INTO grams(rowid, tokens) VALUES (?, ?)", (rowid, " ".join(grams(hit[5])))
            )

    def commit(self, generation: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
        self.db.execute("COMMIT")
        if self.full:
            self.db.execute("PRAGMA optimize")
        self.db.close()
        self.closed = True
        if self.full:
            os.replace(self._target, self.path)

    def abandon(self) -> None:
        """Drop the changes."""
        self.db.close()
        self.closed = True
        if self.full:
            self._target.unlink(missing_ok=True)


def generation(out: Path) -> str | None:
    """The generation token of the index, or None when there is no readable index."""
    try:
        db = sqlite3.connect(f"file:{index_path(out)}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def search(out: Path, text: str) -> list[Hit]:
    """The hits whose quote contains ``text``, ordered as ``search.rq`` orders them."""
    db = sqlite3.connect(f"file:{index_path(out)}?mode=ro", uri=True)
    try:
        tokens = grams(text)
        where = "instr(quote, ?) > 0"
        args: list[object] = [text]
        if tokens:
            where = "rowid IN (SELECT rowid FROM grams WHERE tokens MATCH ?) AND " + where
            args.insert(0, " AND ".join(f'"{t}"' for t in tokens))
        sql = f'SELECT notice, class, node, start, "end", quote FROM hit WHERE {where} ORDER BY notice, start, class, node'  # fmt: skip
        return db.execute(sql, args).fetchall()
    finally:
        db.close()
