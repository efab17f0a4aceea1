"""A search of the text index (:mod:`.textindex`): the nodes whose text contains a text, as
the library query ``search`` gives them.

The notices holding every bigram of the text are read one by one; in each, the text's
occurrences lead to the nodes containing them by the spans' nesting. The work is Python's,
about 20 µs a notice at 100 000 sample notices, so when many notices hold the text (at
least :data:`SPLIT_AT`) a second process searches the notices from a middle one on: a text
in every notice of 100 000 takes 1.7–2.0 s on two cores, not 2.9. If that process cannot
start, fails or takes too long, its part is searched here.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import subprocess
import sys
import zlib
from array import array
from bisect import bisect_right
from operator import itemgetter
from pathlib import Path

from ..vocab import notice_iri_text
from .textindex import SEARCH_CLASSES, SPAN_FIELDS, Hit, grams, index_path, unpack_spans

SPLIT_AT = 20_000  # candidate notices from which a second process searches half
_HEAD_START = 2_500  # notices searched here while the second process starts (0.1 s)
_PATIENCE = 600  # seconds to wait for the second process before searching its part here
_HELPER = "from kgtools.build.textsearch import _helper; _helper()"


def search(out: Path, text: str) -> list[Hit]:
    """The hits whose text contains ``text``, ordered as ``search.rq`` orders them."""
    db = sqlite3.connect(f"file:{index_path(out)}?mode=ro", uri=True)
    try:
        sql, params = _candidates(text)
        (count,) = db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        helper = middle = None
        if count >= SPLIT_AT:  # the helper takes the notices from the middle one on
            at = min(count - 1, count // 2 + _HEAD_START)
            (middle,) = db.execute(f"SELECT notice FROM doc WHERE rowid IN ({sql}) ORDER BY "
                                   "notice LIMIT 1 OFFSET ?", (*params, at)).fetchone()  # fmt: skip
            helper = _start_helper(index_path(out), text, middle)
        hits = _search_rows(db, text, None, middle if helper else None)
        if helper is not None and middle is not None:
            hits += _helper_hits(helper, db, text, middle)
    finally:
        db.close()
    return hits


def _candidates(text: str) -> tuple[str, tuple[str, ...]]:
    """The SQL (and its parameters) of the rowids of the notices holding every bigram of
    ``text`` (every notice: a text without bigrams)."""
    tokens = grams(text)
    if not tokens:
        return "SELECT rowid FROM doc", ()
    return "SELECT rowid FROM grams WHERE grams MATCH ?", (" AND ".join(f'"{t}"' for t in tokens),)


def _search_rows(db: sqlite3.Connection, text: str, low: str | None, high: str | None) -> list[Hit]:
    """The hits of the candidate notices from notice ``low`` on and before notice ``high``
    (None: no bound), in the query's order. The notices are read in the table's order
    (in the notices' order SQLite would sort whole rows) and their hits put in order at
    the end; a notice's nodes are in the order of their starts (then longest first: the
    few that start together are sorted again)."""
    sql, params = _candidates(text)
    where = "".join([" AND notice >= ?" if low is not None else "", " AND notice < ?" if high is not None else ""])  # fmt: skip
    bounds = tuple(b for b in (low, high) if b is not None)
    docs = db.execute(f"SELECT notice, text, spans, nodes FROM doc WHERE rowid IN ({sql}){where}",
                      params + bounds)  # fmt: skip
    by_notice: list[tuple[str, list[Hit]]] = []
    pattern = text.encode("utf-8")
    classes = {c[:1].encode(): c for c in SEARCH_CLASSES}
    for notice, body, packed_spans, packed_nodes in docs:  # one row at a time
        at = body.find(pattern)
        if at < 0:
            continue
        spans, nested = unpack_spans(packed_spans)
        found = _containing(body, pattern, spans, nested, at)
        if not found:
            continue
        names = zlib.decompress(packed_nodes).split(b"\n")  # see textindex._names
        base = notice_iri_text(notice) + "/"
        hits: list[Hit] = []
        paths: dict[int, str] = {}
        for i in found:  # a parent before its nodes: it contains them, and their hits
            at = SPAN_FIELDS * i
            path = names[i][1:].decode("utf-8")
            if path[:1] == "/":
                path = paths[spans[at + 4]] + path
            paths[i] = path
            quote = body[spans[at + 2] : spans[at + 3]].decode("utf-8")
            hits.append([notice, classes[names[i][:1]], base + path, spans[at], spans[at + 1],
                         quote])  # fmt: skip
        if len({spans[SPAN_FIELDS * i] for i in found}) < len(found):  # some start together
            hits.sort(key=_order)
        by_notice.append((notice, hits))
    by_notice.sort(key=itemgetter(0))
    return [hit for _, hits in by_notice for hit in hits]


def _containing(body: bytes, pattern: bytes, spans: array, nested: bool, at: int = 0) -> list[int]:
    """The nodes (their positions in the spans) whose bytes contain ``pattern``, sorted
    (``at``: where to start looking, e.g. the first occurrence, already found)."""
    count = len(spans) // SPAN_FIELDS
    if not nested or not pattern:  # try every span (find() within a node's bytes: no copy)
        return [i for i in range(count)
                if body.find(pattern, spans[SPAN_FIELDS * i + 2], spans[SPAN_FIELDS * i + 3]) >= 0]  # fmt: skip
    starts = spans[2::SPAN_FIELDS]
    none = 0xFFFF if spans.typecode == "H" else 0xFFFFFFFF
    width = len(pattern)
    found: set[int] = set()
    at = body.find(pattern, at)
    while at >= 0:
        # The last span starting at or before the hit; the spans containing the hit are the
        # first of it and its parents that does, and that one's parents (they nest).
        i = bisect_right(starts, at) - 1
        while 0 <= i != none and spans[SPAN_FIELDS * i + 3] < at + width:
            i = spans[SPAN_FIELDS * i + 4]
        while 0 <= i != none and i not in found:
            found.add(i)
            i = spans[SPAN_FIELDS * i + 4]
        at = body.find(pattern, at + 1)
    return sorted(found)


def _order(hit: Hit) -> tuple[str, int | None, str, str]:
    """As the query orders hits: notice, start, class, node (IRIs compare as strings)."""
    return hit[0], hit[3], hit[1], hit[2]


def _start_helper(path: Path, text: str, low: str) -> subprocess.Popen[bytes] | None:
    """A second Python searching the candidate notices from ``low`` on (this interpreter,
    with this process's module path); None if it cannot start."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    try:
        return subprocess.Popen([sys.executable, "-c", _HELPER, str(path), text, low],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)  # fmt: skip
    except (OSError, ValueError):  # no such program; a text with a NUL is no argument
        return None


def _helper_hits(helper: subprocess.Popen[bytes], db: sqlite3.Connection, text: str, low: str) -> list[Hit]:  # fmt: skip
    """The second process's hits; if it failed, its half searched here."""
    try:
        output, _ = helper.communicate(timeout=_PATIENCE)
    except subprocess.TimeoutExpired:
        helper.kill()
        helper.communicate()
        return _search_rows(db, text, low, None)
    if helper.returncode == 0:
        try:
            hits: list[Hit] = marshal.loads(output)
            return hits
        except (EOFError, ValueError, TypeError):
            pass
    return _search_rows(db, text, low, None)


def _helper() -> None:
    """The second process: argv is the index, the text and the first notice; its hits go
    to stdout, marshalled."""
    path, text, low = sys.argv[1], sys.argv[2], sys.argv[3]
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sys.stdout.buffer.write(marshal.dumps(_search_rows(db, text, low, None)))
    finally:
        db.close()
