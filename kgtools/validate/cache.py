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
table.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..build.notices_db import DB_NAME, build_meta, notice_digests
from ..build.store import STORE_DIRNAME, open_read_only
from ..errors import UsageError
from ..vocab import NOTICE_BASE, NOTICE_CLASS, RDF_TYPE
from .pyshacl_engine import validate_one
from .report import ValidationReport, ValidationResult
from .shapes import Shapes, load_shapes
from .sparql_engine import supports, validate_store
from .store_engine import copy_graphs

CACHE_NAME = "validation-cache.sqlite"
BATCH = 500  # notices per SPARQL-engine batch: one in-memory store each
# A result is cached as a list of its fields in this order (no key repeated per result).
FIELDS = [f.name for f in fields(ValidationResult)]
_REPEATED = {"severity", "notice", "shape", "message_zh", "message_en", "path", "value"}
Progress = Callable[[int, int], None]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entry (
    notice TEXT PRIMARY KEY, digest TEXT NOT NULL, results TEXT NOT NULL
) WITHOUT ROWID;
"""


def is_build(path: Path) -> bool:
    """A directory written by ``kgtools build`` (it has build.sqlite and store/)."""
    return path.is_dir() and (path / DB_NAME).is_file() and (path / STORE_DIRNAME).is_dir()


def _open_cache(build: Path, key: str) -> sqlite3.Connection:
    """The build's cache, emptied when its key (shapes, engine, format, fields) differs."""
    db = sqlite3.connect(build / CACHE_NAME, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        if dict(db.execute("SELECT key, value FROM meta")).get("key") != key:
            db.execute("DELETE FROM entry")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))
    except sqlite3.DatabaseError:  # not a cache (a stray or truncated file): start anew
        db.close()
        (build / CACHE_NAME).unlink()
        return _open_cache(build, key)
    return db


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
    if engine not in ("sparql", "pyshacl"):
        raise UsageError(f"unknown engine {engine!r}; use sparql or pyshacl")
    digests = notice_digests(build)
    notices = sorted(digests)
    if not notices:
        raise UsageError(f"{build}: the build has no notice; run `kgtools build` first")
    key = json.dumps([shapes.digest, engine, build_meta(build).get("format"), FIELDS])
    db = _open_cache(build, key)
    try:
        cached = dict(db.execute("SELECT notice, digest FROM entry"))
        todo = [n for n in notices if cached.get(n) != digests[n]]
        gone = sorted(set(cached) - set(digests))
        fresh = _run(build, todo, engine, shapes, jobs, progress)
        db.executemany("DELETE FROM entry WHERE notice = ?", [(n,) for n in gone])
        db.executemany(
            "INSERT OR REPLACE INTO entry VALUES (?, ?, ?)",
            [(n, digests[n], json.dumps(fresh.get(n, []), ensure_ascii=False)) for n in todo],
        )
        db.execute("COMMIT")
        rows = db.execute("SELECT notice, results FROM entry ORDER BY notice")
        report = ValidationReport(notices=notices, shapes=shapes.names,
                                  shape_labels=shapes.labels, engine=engine)  # fmt: skip
        report.results = list(_results(rows))
    finally:
        db.close()
    report.from_cache = len(notices) - len(todo)
    return report


def validate_build_cached(build: Path, shapes: Shapes, *, jobs: int | None = None) -> ValidationReport:  # fmt: skip
    """The per-notice ValidationReport of a build, from its validation cache: only the
    notices whose graph changed since the cached run (or every notice, when the shapes,
    kgtools or the build format changed) are validated, with the SPARQL engine (pySHACL for
    shapes it does not compile; both give the same results).

    :raises UsageError: not a build, a build without notices, a notice graph without its
        xk:Notice, or bad shapes.
    """
    engine = "sparql" if supports(shapes) else "pyshacl"
    return validate_build(build, shapes, engine=engine, jobs=jobs)


def _run(build: Path, todo: list[str], engine: str, shapes: Shapes, jobs: int | None,
         progress: Progress | None) -> dict[str, list[list[Any]]]:  # fmt: skip
    """Results of the notices in ``todo`` by notice, a batch per worker process."""
    store_dir = str(build / STORE_DIRNAME)
    batches = [(store_dir, b, engine, str(shapes.folder))
               for b in _chunks(todo, BATCH if engine == "sparql" else 10)]  # fmt: skip
    jobs = jobs or os.cpu_count() or 1
    notice_at = FIELDS.index("notice")
    out: dict[str, list[list[Any]]] = {}
    done = 0

    def record(results: list[list[Any]], batch: list[str]) -> None:
        nonlocal done
        for r in results:
            out.setdefault(r[notice_at], []).append(r)
        done += len(batch)
        if progress:
            progress(done, len(todo))

    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(batches))) as pool:
            for args, results in zip(batches, pool.map(_validate_batch, batches), strict=True):
                record(results, args[1])
    else:
        for args in batches:
            record(_validate_batch(args), args[1])
    return out


def _results(rows: Iterator[tuple[str, str]]) -> Iterator[ValidationResult]:
    """The cached results as objects. Values that repeat (severity, shape, messages,
    notice, path, value) are kept once: at 30 000 notices there are half a million results,
    mostly the same few warnings."""
    shared = [name in _REPEATED for name in FIELDS]
    seen: dict[Any, Any] = {}
    for _, text in rows:
        for values in json.loads(text):
            yield ValidationResult(
                *(seen.setdefault(v, v) if s else v for v, s in zip(values, shared, strict=True))
            )
