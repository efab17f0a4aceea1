"""Validate a build directory notice by notice, from its per-notice N-Quads, with results
cached by content: each notice's entry is keyed by the SHA-256 of its graph file's bytes,
the whole cache by the shapes' digest (which hashes the shape files, the ontology and
kgtools' version), the engine and the build format. An edit of a notice's graph, even one that keeps its size
and time stamp, is validated again; a rebuild that changed 1% of the notices re-validates
1% of them. (Hashing costs one read of every graph file: see README, "Validation".)

The cache is ``<build>/validation-cache.json``, written atomically (a killed run leaves
the old cache or none).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..build.store import nquads_as_ntriples
from ..emit.serialize import write_atomic
from ..errors import UsageError
from ..vocab import NOTICE_BASE, NOTICE_CLASS, RDF_TYPE
from .pyshacl_engine import validate_one
from .report import ValidationReport, ValidationResult
from .shapes import Shapes, load_shapes
from .sparql_engine import validate_pairs_sparql

CACHE_NAME = "validation-cache.json"
BATCH = 100  # notices per SPARQL-engine batch: one in-memory store each
# A result is cached as a list of its fields in this order (no key repeated per result).
FIELDS = [f.name for f in fields(ValidationResult)]
_REPEATED = {"severity", "notice", "shape", "message_zh", "message_en", "path", "value"}
Progress = Callable[[int, int], None]


def content_key(path: Path) -> str:
    """What a notice's cache entry is keyed by: the SHA-256 of its graph file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_build(path: Path) -> bool:
    """A directory written by ``kgtools build`` (it has manifest.json and notices/)."""
    return path.is_dir() and (path / "manifest.json").is_file() and (path / "notices").is_dir()


def _validate_batch(args: tuple[list[tuple[str, str]], str, str]) -> list[list]:
    """Validate (notice id, N-Quads path) pairs; results as lists of FIELDS (runs in a
    worker)."""
    batch, engine, shapes_dir = args
    shapes = load_shapes(Path(shapes_dir))  # parsed once per worker and folder content
    pairs = []
    for notice, path in batch:
        nt = nquads_as_ntriples(Path(path).read_text(encoding="utf-8"))
        if f"<{NOTICE_BASE + notice}> <{RDF_TYPE}> <{NOTICE_CLASS}> ." not in nt:
            raise UsageError(f"{path}: no <{NOTICE_BASE + notice}> a xk:Notice in the graph "
                             "(its class misspelled?); nothing in it can be validated")  # fmt: skip
        pairs.append((NOTICE_BASE + notice, nt))
    if engine == "sparql":
        results = validate_pairs_sparql(pairs, shapes, jobs=1)  # the batches are the parallelism
    else:
        results = [r for notice, nt in pairs for r in validate_one(notice, nt, shapes)]
    return [[getattr(r, name) for name in FIELDS] for r in results]


def _chunks(items: list, size: int) -> Iterator[list]:
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
    """Validate every notice of a build; the report's ``from_cache`` counts the notices
    whose results came from the cache.

    :raises UsageError: not a build, or a notice's graph file is missing.
    """
    if engine not in ("sparql", "pyshacl"):
        raise UsageError(f"unknown engine {engine!r}; use sparql or pyshacl")
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    entries_of_build = manifest.get("notices", {})
    notices = sorted(entries_of_build)
    if not notices:
        raise UsageError(f"{build}: the build has no notice; run `kgtools build` first")
    key = f"{shapes.digest} {engine} {manifest.get('format')}"  # and the build format, to be safe
    cache_path = build / CACHE_NAME
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
        same = cache.get("key") == key and cache.get("fields") == FIELDS
        entries = cache["notices"] if same else {}
    except (OSError, ValueError, KeyError, TypeError):
        entries = {}
    fresh: dict[str, dict] = {}
    todo: list[tuple[str, str]] = []
    for notice in notices:
        path = build / "notices" / f"{notice}.nq"
        try:
            version = content_key(path)
        except OSError:
            raise UsageError(f"{path}: missing; run `kgtools build` again") from None
        entry = entries.get(notice)
        if entry and entry.get("hash") == version:
            fresh[notice] = entry
        else:
            fresh[notice] = {"hash": version, "results": []}
            todo.append((notice, str(path)))
    batches = [(b, engine, str(shapes.folder))
               for b in _chunks(todo, BATCH if engine == "sparql" else 10)]  # fmt: skip
    jobs = jobs or os.cpu_count() or 1
    done = 0

    notice_at = FIELDS.index("notice")

    def record(results: list[list], batch: list[tuple[str, str]]) -> None:
        nonlocal done
        for r in results:
            fresh[r[notice_at]]["results"].append(r)
        done += len(batch)
        if progress:
            progress(done, len(todo))

    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for (batch, *_), results in zip(
                batches, pool.map(_validate_batch, batches), strict=True
            ):
                record(results, batch)
    else:
        for args in batches:
            record(_validate_batch(args), args[0])
    cache = {"key": key, "fields": FIELDS, "notices": fresh}
    write_atomic(cache_path, json.dumps(cache, ensure_ascii=False) + "\n")
    del cache
    report = ValidationReport(
        notices=notices, shapes=shapes.names, shape_labels=shapes.labels, engine=engine
    )
    report.results = list(_results(notices, fresh))
    report.from_cache = len(notices) - len(todo)
    return report


def _results(notices: list[str], entries: dict[str, dict]) -> Iterator[ValidationResult]:
    """The cached results as objects, each entry dropped once read. Values that repeat
    (severity, shape, messages, notice, path, value) are kept once: at 30 000 notices there are
    half a million results, mostly the same few warnings."""
    shared = [name in _REPEATED for name in FIELDS]
    seen: dict[Any, Any] = {}
    for notice in notices:
        for values in entries.pop(notice)["results"]:
            yield ValidationResult(
                *(seen.setdefault(v, v) if s else v for v, s in zip(values, shared, strict=True))
            )
