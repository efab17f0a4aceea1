"""The text index: the library query ``search`` answered from an index beside the store.

The embedded store has no full-text index, so ``search`` (``CONTAINS`` over the text of
every node) reads the whole corpus: seconds at 10 000 notices. The build therefore also
writes ``text-index.sqlite``: one row per notice (``doc``) with its clean text as UTF-8,
the offsets of the nodes that ``queries/search.rq`` can return (in characters, as the
graph has them, and in bytes of the UTF-8 text) and their class and node path
(zlib-compressed), and an FTS5 index of the text's character bigrams. A search
(:mod:`.textsearch`) looks up the notices holding every bigram of the text, then keeps
their nodes whose text contains it exactly, in the query's order: the same rows as the
SPARQL query (a test checks it), without reading the corpus. The nodes are found from each occurrence of the text, by the
spans' nesting (:func:`pack_spans`), not by trying every node (0.29 s, not 0.42, for a
text in every notice at 10 000 sample notices). The text is not compressed: inflating and
decoding every notice's text was half of a search that hits every notice (0.3 of 0.6 s at
10 000), for 6.6 KB a sample notice; a UTF-8 pattern matches UTF-8 text only at a character's start, so
the bytes are searched as they are.

The index is used only when it belongs to the store: the build writes one generation
token into the index and into the store's marker file (``.store-ok``), after both are
complete; otherwise ``search`` runs as SPARQL.
"""

from __future__ import annotations

import os
import queue
import re
import sqlite3
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..vocab import RDF_TYPE, XK_NS, notice_iri_text

INDEX_NAME = "text-index.sqlite"
INDEX_FORMAT = "xuncha-text-index/7"  # one row per notice: text (UTF-8), spans, nodes (zlib)
XK = XK_NS
PAGE_SIZE = 2048
SEARCH_CLASSES = ("ProblemArea", "Finding", "Measure", "Regulation", "Output")  # as in search.rq
_SCHEMA = """
CREATE TABLE doc(notice TEXT PRIMARY KEY, text BLOB NOT NULL, spans BLOB NOT NULL,
                 nodes BLOB NOT NULL);
CREATE VIRTUAL TABLE grams USING fts5(tokens, content='', detail=none,
                                      tokenize='unicode61 remove_diacritics 0');
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

Hit = list[Any]  # notice, class, node, start, end, quote (a list: a query's row as it is)


@dataclass(frozen=True)
class NoticeHits:
    """One notice's row of the index, made in the worker: its clean text (UTF-8); its
    searchable nodes' spans (see :func:`pack_spans`); the nodes in the same order (one line
    each, see :func:`_names`; UTF-8, zlib); the text's bigrams, space-separated, for the
    FTS index."""

    notice: str
    text: bytes
    spans: bytes
    nodes: bytes
    tokens: str


SPAN_FIELDS = 5  # a node's start and end in characters, in bytes, and its parent


def span_parents(spans: list[tuple[int, int, int, int]]) -> tuple[list[int | None], bool]:
    """Each span's parent (the nearest earlier span still open at its start; it contains
    the span when they nest), and whether they nest (no span starts inside another and
    ends after it). ``spans`` as :func:`pack_spans` takes them."""
    stack: list[int] = []  # the spans still open, innermost last
    parents: list[int | None] = []
    nested = True
    for i, (_, _, start, end) in enumerate(spans):
        while stack and spans[stack[-1]][3] <= start:
            stack.pop()  # it ends before this one starts
        if stack and spans[stack[-1]][3] < end:
            nested = False  # it starts inside the last open span and ends after it
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return parents, nested


def pack_spans(spans: list[tuple[int, int, int, int]]) -> bytes:
    """Nodes' spans (start and end in characters, then in bytes of the UTF-8 text), sorted
    by byte start then longest first, as the index keeps them: a width code then five
    little-endian integers a node, the fifth its parent (:func:`span_parents`; none: the
    maximum). 16-bit integers when every value fits (a sample notice's spans take 0.9 KB,
    not 1.5), else 32-bit. Code ``H``/``I``: the spans nest or are disjoint, and a search
    walks from the last span starting before a hit up its parents; ``h``/``i``: some
    overlap, and a search tries every span."""
    wide = (
        max((x for span in spans for x in span), default=len(spans)) >= 0xFFFF
        or len(spans) >= 0xFFFF
    )
    code, none = ("I", 0xFFFFFFFF) if wide else ("H", 0xFFFF)
    parents, nested = span_parents(spans)
    flat = [x for span, parent in zip(spans, parents, strict=True)
            for x in (*span, none if parent is None else parent)]  # fmt: skip
    return (code if nested else code.lower()).encode() + struct.pack(f"<{len(flat)}{code}", *flat)


def unpack_spans(raw: bytes) -> tuple[array, bool]:
    """What :func:`pack_spans` packed: the integers, and whether the spans nest."""
    values = array(raw[:1].decode().upper(), raw[1:])
    if sys.byteorder == "big":
        values.byteswap()  # packed little-endian
    return values, raw[:1].isupper()


def index_path(out: Path) -> Path:
    return out / INDEX_NAME


def notice_hits(notice: str, text: str, quads: Iterable[tuple[str, str, object]]) -> NoticeHits:
    """The index rows of one notice from its quads as :mod:`kgtools.emit.quads` makes them:
    every node of a searched class, with its offsets."""
    prefix = notice_iri_text(notice) + "/"
    classes: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    searched = {XK + c: c for c in SEARCH_CLASSES}
    start_p, end_p = XK + "startOffset", XK + "endOffset"
    for s, p, o in quads:
        if p == RDF_TYPE and o in searched:
            classes.setdefault(s, []).append(searched[o])
        elif p == start_p:
            starts[s] = int(o[0])  # type: ignore[index]
        elif p == end_p:
            ends[s] = int(o[0])  # type: ignore[index]
    nodes = [(cls, node.removeprefix(prefix), starts[node], ends[node])
             for node, found in classes.items() if node in starts and node in ends
             for cls in dict.fromkeys(found)]  # fmt: skip
    at = _byte_offsets(text, {x for n in nodes for x in n[2:]})
    nodes.sort(key=lambda n: (at[n[2]], -at[n[3]], n[0], n[1]))
    spans = [(n[2], n[3], at[n[2]], at[n[3]]) for n in nodes]
    names = "\n".join(_names(nodes, spans))
    return NoticeHits(notice, text.encode("utf-8"), pack_spans(spans),
                      zlib.compress(names.encode("utf-8")), " ".join(grams(text)))  # fmt: skip


def _names(nodes: list[tuple[str, str, int, int]], spans: list[tuple[int, int, int, int]]) -> list[str]:  # fmt: skip
    """Each node's line in the index: its class's initial, then its path below the notice
    IRI, or ``/`` and the rest of it after its parent's path when the parent's span
    contains its span and its path begins with the parent's (``area/1/finding/2`` under
    ``area/1`` is ``F/finding/2``): the lines of a sample notice are 0.9 KB, not 3.2, and a
    search inflates and splits them for every notice it finds."""
    lines = []
    for i, ((cls, node, _, _), parent) in enumerate(zip(nodes, span_parents(spans)[0], strict=True)):  # fmt: skip
        if parent is not None and node.startswith(nodes[parent][1] + "/"):
            (_, _, start, end), (_, _, outer_start, outer_end) = spans[i], spans[parent]
            if outer_start <= start and end <= outer_end:
                node = node[len(nodes[parent][1]) :]
        lines.append(cls[0] + node)
    return lines


def _byte_offsets(text: str, offsets: set[int]) -> dict[int, int]:
    """Where each character offset of ``text`` falls in its UTF-8 bytes."""
    at, bytes_before, previous = {}, 0, 0
    for offset in sorted(offsets):
        bytes_before += len(text[previous:offset].encode("utf-8"))
        at[offset], previous = bytes_before, offset
    return at


_RUNS = re.compile(r"[^\W_]{2,}")  # letters and digits


def grams(text: str) -> list[str]:
    """Distinct character bigrams of letters and digits, the index's tokens."""
    return list(
        dict.fromkeys(run[i : i + 2] for run in _RUNS.findall(text) for i in range(len(run) - 1))
    )


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
        self.db = sqlite3.connect(self._target, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=DELETE")
        if full:
            # A notice's row (its text) spills into overflow pages, the last one part empty:
            # pages of 2 KB waste half what pages of 4 KB do (121 MB, not 139, at 10 000
            # sample notices), and a search reads them as fast.
            self.db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT INTO meta VALUES ('format', ?)", (INDEX_FORMAT,))
        self.db.execute("BEGIN")
        self.closed = False
        # The writes run in a thread of their own (SQLite lets go of the GIL while it
        # works): the build's process goes on loading the store meanwhile.
        self._queue: queue.Queue[tuple[Callable[..., None], tuple] | None] = queue.Queue(
            maxsize=256
        )
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="text-index", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (task := self._queue.get()) is not None:
            if self._error is None:
                try:
                    task[0](*task[1])
                except BaseException as exc:  # noqa: BLE001 — raised again in the build's thread
                    self._error = exc

    def _submit(self, fn: Callable[..., None], *args: object) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((fn, args))

    def _drain(self) -> None:
        """Wait for the queued writes; raise what one of them raised."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def remove(self, notice: str) -> None:
        self._submit(self._remove, notice)

    def add(self, part: NoticeHits) -> None:
        """Set one notice's part (replacing what the index had for it)."""
        self._submit(self._add, part)

    def _remove(self, notice: str) -> None:
        if self.full:
            return
        row = self.db.execute("SELECT rowid, text FROM doc WHERE notice = ?", (notice,)).fetchone()
        if row is not None:
            self.db.execute("INSERT INTO grams(grams, rowid, tokens) VALUES('delete', ?, ?)",
                            (row[0], " ".join(grams(row[1].decode("utf-8")))))  # fmt: skip
            self.db.execute("DELETE FROM doc WHERE rowid = ?", (row[0],))

    def _add(self, part: NoticeHits) -> None:
        self._remove(part.notice)
        rowid = self.db.execute("INSERT INTO doc(notice, text, spans, nodes) VALUES (?, ?, ?, ?)",
                                (part.notice, part.text, part.spans, part.nodes)).lastrowid  # fmt: skip
        self.db.execute("INSERT INTO grams(rowid, tokens) VALUES (?, ?)", (rowid, part.tokens))

    def commit(self, generation: str) -> None:
        self._drain()
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
        try:
            self._drain()
        except BaseException:  # noqa: BLE001, S110 — abandoning anyway
            pass
        self.db.close()
        self.closed = True
        if self.full:
            self._target.unlink(missing_ok=True)


def generation(out: Path) -> str | None:
    """The generation token of the index, or None when there is no readable index of this
    format."""
    try:
        db = sqlite3.connect(f"file:{index_path(out)}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return meta.get("generation") if meta.get("format") == INDEX_FORMAT else None
