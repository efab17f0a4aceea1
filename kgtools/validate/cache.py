"""Validate a build notice by notice from its store, with results cached by content.

Each notice's graph is read from the build's store (opened read-only, never changed); its
cache entry is keyed by the notice's digest in ``build.sqlite`` (the SHA-256 of the
N-Quads loaded into its graph), the whole cache by the shapes' digest (which hashes the
shape files, the ontology and kgtools' version), the engine and the build format. A
rebuild that changed 1% of the notices re-validates 1% of them; an edit of a notice's
graph made outside ``kgtools build`` (which leaves its digest) is not seen.

The cache is ``<build>/validation-cache.sqlite``, a keyed table written in one
transaction per run (a killed run leaves the old cache): a run writes the entries of the
notices it validated and deletes those of notices no longer in the build, never the whole
table. An entry is the notice's results as zlib-compressed JSON (mostly the same few
warnings: 7.7 KB a sample notice as text, 1 KB compressed).

``kgtools build`` fills it as it goes (:class:`CacheWriter`, with the results of
:func:`validate_graphs` on the graphs its workers have just made), so that the first
validation after a build reads no graph from the store.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..build.notices_db import DB_NAME, build_meta, notice_digests
from ..build.store import STORE_DIRNAME, open_read_only
from ..errors import UsageError
from ..vocab import NOTICE_BASE, NOTICE_CLASS, RDF_TYPE
from .pyshacl_engine import validate_one
from .report import SEVERITIES, ValidationReport, ValidationResult, result_key
from .shapes import Shapes, load_shapes
from .sparql_engine import new_store, supports, validate_store
from .store_engine import copy_graphs

CACHE_NAME = "validation-cache.sqlite"
LOCK_WAIT = 10.0  # seconds to wait for another run's transaction on the cache
CACHE_FORMAT = "3"  # entries as zlib-compressed JSON, with their tally
BATCH = 500  # notices per SPARQL-engine batch: one in-memory store each
# A result is cached as a list of its fields in this order (no key repeated per result).
FIELDS = [f.name for f in fields(ValidationResult)]
_REPEATED = {"severity", "notice", "shape", "message_zh", "message_en", "path", "value"}
_SHAPE, _SEVERITY = FIELDS.index("shape"), FIELDS.index("severity")
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
Progress = Callable[[int, int], None]
_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
_ENTRY = """
CREATE TABLE IF NOT EXISTS entry (
    notice TEXT PRIMARY KEY, digest TEXT NOT NULL, results BLOB NOT NULL,
    tally TEXT NOT NULL  -- {shape: [violations, warnings, infos]} (see tally())
);
"""
_SCHEMA = _META + _ENTRY


def is_build(path: Path) -> bool:
    """A directory written by ``kgtools build`` (it has build.sqlite and store/)."""
    return path.is_dir() and (path / DB_NAME).is_file() and (path / STORE_DIRNAME).is_dir()


def _open_cache(build: Path, key: str) -> sqlite3.Connection:
    """The build's cache, emptied when its key (shapes, engine, format, fields) differs."""
    db = sqlite3.connect(build / CACHE_NAME, isolation_level=None, timeout=LOCK_WAIT)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        if dict(db.execute("SELECT key, value FROM meta")).get("key") != key:
            db.execute("DROP TABLE entry")  # its columns may be an earlier format's
            db.execute(_ENTRY)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):  # in use: never taken for a bad file
            raise UsageError(f"{build / CACHE_NAME}: in use by another run on this build (a "
                             "`kgtools build` or `kgtools validate`); run again when it ends") from None  # fmt: skip
        (build / CACHE_NAME).unlink()
        return _open_cache(build, key)
    except sqlite3.DatabaseError:  # not a cache (a stray or truncated file): start anew
        db.close()
        (build / CACHE_NAME).unlink()
        return _open_cache(build, key)
    return db


def cache_key(shapes: Shapes, engine: str, format_: str | None) -> str:
    """What every entry of a cache depends on besides its notice's graph."""
    return json.dumps([shapes.digest, engine, format_, FIELDS, CACHE_FORMAT])


def engine_for(shapes: Shapes) -> str:
    """The engine of a cached validation: the SPARQL engine, pySHACL for shapes it does
    not compile (both give the same results)."""
    return "sparql" if supports(shapes) else "pyshacl"


def pack(rows: list[list[Any]]) -> bytes:
    """A cache entry: a notice's results (lists of FIELDS), in a canonical order (the
    engine's order depends on how the graph was loaded)."""
    lines = sorted(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
    text = "[" + ",".join(lines) + "]"
    return zlib.compress(text.encode("utf-8"), 6)


def tally(rows: list[list[Any]]) -> str:
    """A cache entry's counts: results by shape and severity, as JSON (the report counts
    a build's results without reading them)."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        counts.setdefault(str(row[_SHAPE]), [0, 0, 0])[_SEVERITY_RANK[str(row[_SEVERITY])]] += 1
    return json.dumps(counts, ensure_ascii=False, sort_keys=True)


def unpack(entry: bytes) -> list[list[Any]]:
    rows: list[list[Any]] = json.loads(zlib.decompress(entry))
    return rows


def load_graphs(graphs: list[bytes]) -> Any:
    """Notice graphs given as the build's N-Quads (each names its graph) in an in-memory
    store as the validation reads it (see :func:`.sparql_engine.new_store`); read leniently,
    as the build's store reads them (:meth:`kgtools.build.store.StoreWriter.load`)."""
    from pyoxigraph import RdfFormat

    memory = new_store()
    for nquads in graphs:
        memory.load(nquads, format=RdfFormat.N_QUADS, lenient=True)
    return memory


def validate_graphs(memory: Any, notices: list[str], shapes: Shapes) -> dict[str, list[list[Any]]]:  # fmt: skip
    """Results by notice (lists of FIELDS) of the notices of an in-memory store
    (:func:`load_graphs`), validated together as a build's notices are
    (:func:`validate_build`); the store's literals are normalized in place. A graph without
    its ``<notice> a xk:Notice`` is left out (validating the build says why).
    """
    from pyoxigraph import NamedNode, RdfFormat

    typed = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{RDF_TYPE}> <{NOTICE_CLASS}> }} }}"
    found = {row["g"].value.removeprefix(NOTICE_BASE) for row in memory.query(typed)}
    if engine_for(shapes) == "sparql":
        results = validate_store(memory, shapes)
    else:
        results = []
        for notice in sorted(found):
            graph = NamedNode(NOTICE_BASE + notice)
            nt = memory.dump(format=RdfFormat.N_TRIPLES, from_graph=graph)
            results += validate_one(graph.value, nt.decode("utf-8"), shapes)
    out: dict[str, list[list[Any]]] = {notice: [] for notice in notices if notice in found}
    for r in results:
        if r.notice in out:
            out[r.notice].append([getattr(r, name) for name in FIELDS])
    return out


class CacheWriter:
    """Entries put into a build's cache as they are made, in one transaction: the cache
    changes at :meth:`commit`, never when the run fails (:meth:`abandon`). Opened at the
    first entry (the build folder may not exist before)."""

    def __init__(self, build: Path, key: str) -> None:
        """``key``: the cache's :func:`cache_key` for the shapes, engine and build format
        the entries were made with."""
        self.build, self.key = build, key
        self._db: sqlite3.Connection | None = None

    def put(self, notice: str, digest: str, entry: bytes, counts: str) -> None:
        """A notice's entry (:func:`pack`) and its :func:`tally`, for the graph of this
        digest."""
        if self._db is None:
            self._db = _open_cache(self.build, self.key)
        self._db.execute(
            "INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?)", (notice, digest, entry, counts)
        )

    def commit(self) -> None:
        if self._db is not None:
            self._db.execute("COMMIT")
            self._db.close()
            self._db = None

    def abandon(self) -> None:
        if self._db is not None:  # closed in its transaction: nothing of it is kept
            self._db.close()
            self._db = None


def _copy(store: Any, notices: list[str]) -> Any:
    """The notices' graphs from the build's store in an in-memory store.

    :raises UsageError: a graph holds no ``<notice> a xk:Notice``."""
    memory = copy_graphs(store, [NOTICE_BASE + n for n in notices])
    typed = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{RDF_TYPE}> <{NOTICE_CLASS}> }} }}"
    found = {row["g"].value for row in memory.query(typed)}
    for notice in notices:
        if NOTICE_BASE + notice not in found:
            raise UsageError(f"{NOTICE_BASE + notice}: no <{NOTICE_BASE + notice}> a xk:Notice in the "
                             "build's store (its class misspelled?); nothing in it can be validated")  # fmt: skip
    return memory


def _validate_batch(args: tuple[str, list[str], str, str]) -> list[list[Any]]:
    """Validate notices of a build's store; results as lists of FIELDS (runs in a worker)."""
    from pyoxigraph import NamedNode, RdfFormat

    store_dir, batch, engine, shapes_dir = args
    shapes = load_shapes(Path(shapes_dir))  # parsed once per worker and folder content
    store = open_read_only(Path(store_dir))
    if engine == "sparql":
        results = validate_store(_copy(store, batch), shapes)
    else:
        results = []
        for notice in batch:
            graph = NamedNode(NOTICE_BASE + notice)
            nt = _copy(store, [notice]).dump(format=RdfFormat.N_TRIPLES, from_graph=graph)
            results += validate_one(graph.value, nt.decode("utf-8"), shapes)
    return [[getattr(r, name) for name in FIELDS] for r in results]


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def validate_build(
    build: Path,
    shapes: Shapes,
    *,
    engine: str = "sparql",
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ValidationReport:
    """Validate every notice of a build from its store, only those whose digest changed
    since the cached run; the report's ``from_cache`` counts the notices whose results came
    from the cache.

    :raises UsageError: not a build, a build without notices, or a notice graph without
        its xk:Notice.
    """
    streamed = stream_build(build, shapes, engine=engine, jobs=jobs, progress=progress)
    report = ValidationReport(notices=streamed.notices, shapes=shapes.names,
                              shape_labels=shapes.labels, engine=engine)  # fmt: skip
    report.results = [r for _, results in streamed.groups(share=True) for r in results]
    report.from_cache = streamed.from_cache
    return report


@dataclass
class StreamedValidation:
    """A build's validation as its cache holds it once brought up to date: the notices,
    how many came from the cache, and each notice's results read one notice at a time
    (:meth:`groups`), never all at once (1.5 million results at 100 000 notices)."""

    db: sqlite3.Connection
    notices: list[str]
    from_cache: int

    def groups(self, *, share: bool = False) -> Iterator[tuple[str, list[ValidationResult]]]:
        """(notice, its results sorted by :func:`.report.result_key`) for each notice with
        results, in notice order; closes the cache at the end. ``share``: the values that
        repeat are kept once across notices (for a caller that keeps every result; a
        streaming one would keep every distinct value instead)."""
        seen: dict[Any, Any] | None = {} if share else None
        try:
            rows = self.db.execute("SELECT notice, results FROM entry ORDER BY notice")
            for notice, entry in rows:
                results = sorted(cached_results(iter([(notice, entry)]), seen), key=result_key)
                if results:
                    yield notice, results
        finally:
            self.db.close()


def stream_build(build: Path, shapes: Shapes, *, engine: str = "sparql", jobs: int | None = None,
                 progress: Progress | None = None) -> StreamedValidation:  # fmt: skip
    """Bring a build's validation cache up to date (as :func:`validate_build`) and return
    its results to be read notice by notice.

    :raises UsageError: as :func:`validate_build`.
    """
    db, notices, validated = update_cache(
        build, shapes, engine=engine, jobs=jobs, progress=progress
    )
    return StreamedValidation(db, notices, len(notices) - validated)


def update_cache(build: Path, shapes: Shapes, *, engine: str, jobs: int | None = None,
                 progress: Progress | None = None) -> tuple[sqlite3.Connection, list[str], int]:  # fmt: skip
    """Validate the notices of a build whose digest has no cache entry and drop the
    entries of notices gone: (the cache, open for the caller to read and close; the
    build's notices, sorted; how many were validated now).

    :raises UsageError: as :func:`validate_build`.
    """
    if engine not in ("sparql", "pyshacl"):
        raise UsageError(f"unknown engine {engine!r}; use sparql or pyshacl")
    digests = notice_digests(build)
    notices = sorted(digests)
    if not notices:
        raise UsageError(f"{build}: the build has no notice; run `kgtools build` first")
    db = _open_cache(build, cache_key(shapes, engine, build_meta(build).get("format")))
    try:
        cached = dict(db.execute("SELECT notice, digest FROM entry"))
        todo = [n for n in notices if cached.get(n) != digests[n]]
        gone = sorted(set(cached) - set(digests))
        for batch, fresh in _run(build, todo, engine, shapes, jobs, progress):
            db.executemany(
                "INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?)",
                [(n, digests[n], pack(fresh.get(n, [])), tally(fresh.get(n, []))) for n in batch],
            )
        db.executemany("DELETE FROM entry WHERE notice = ?", [(n,) for n in gone])
        db.execute("COMMIT")
    except BaseException:
        db.close()
        raise
    return db, notices, len(todo)


def validate_build_cached(build: Path, shapes: Shapes, *, jobs: int | None = None) -> ValidationReport:  # fmt: skip
    """The per-notice ValidationReport of a build, from its validation cache: only the
    notices whose graph changed since the cached run (or every notice, when the shapes,
    kgtools or the build format changed) are validated, with the SPARQL engine (pySHACL for
    shapes it does not compile; both give the same results).

    :raises UsageError: not a build, a build without notices, a notice graph without its
        xk:Notice, or bad shapes.
    """
    return validate_build(build, shapes, engine=engine_for(shapes), jobs=jobs)


def _run(build: Path, todo: list[str], engine: str, shapes: Shapes, jobs: int | None,
         progress: Progress | None) -> Iterator[tuple[list[str], dict[str, list[list[Any]]]]]:  # fmt: skip
    """The notices in ``todo`` validated a batch per worker process: each batch and its
    results by notice, as the batches end (in order), so that the caller keeps none."""
    store_dir = str(build / STORE_DIRNAME)
    batches = [(store_dir, b, engine, str(shapes.folder))
               for b in _chunks(todo, BATCH if engine == "sparql" else 10)]  # fmt: skip
    jobs = jobs or os.cpu_count() or 1
    notice_at = FIELDS.index("notice")
    done = 0

    def by_notice(results: list[list[Any]], batch: list[str]) -> tuple[list[str], dict[str, list[list[Any]]]]:  # fmt: skip
        nonlocal done
        out: dict[str, list[list[Any]]] = {}
        for r in results:
            out.setdefault(r[notice_at], []).append(r)
        done += len(batch)
        if progress:
            progress(done, len(todo))
        return batch, out

    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(batches))) as pool:
            for args, results in zip(batches, pool.map(_validate_batch, batches), strict=True):
                yield by_notice(results, args[1])
    else:
        for args in batches:
            yield by_notice(_validate_batch(args), args[1])


def cached_results(rows: Iterator[tuple[str, bytes]], seen: dict[Any, Any] | None = None) -> Iterator[ValidationResult]:  # fmt: skip
    """The cached results as objects. Values that repeat (severity, shape, messages,
    notice, path, value) are kept once (in ``seen``, shared across calls when given): at
    30 000 notices there are half a million results, mostly the same few warnings."""
    shared = [name in _REPEATED for name in FIELDS]
    seen = {} if seen is None else seen
    for _, entry in rows:
        for values in unpack(entry):
            yield ValidationResult(
                *(seen.setdefault(v, v) if s else v for v, s in zip(values, shared, strict=True))
            )
