"""``validate()``: which engine runs on what the user gave (graph files, notices, a build,
or a store)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..build.notices_db import notice_digests
from ..errors import UsageError
from ..vocab import NOTICE_BASE
from .cache import StreamedValidation, is_build, stream_build, validate_build
from .inputs import notice_graphs
from .pyshacl_engine import validate_pairs
from .report import ValidationReport, ValidationResult
from .shapes import Shapes, load_shapes
from .sparql_engine import plan_for, supports, validate_pairs_sparql
from .store_engine import is_store, validate_build_store

AUTO_SPARQL_FROM = 50
ENGINES = ("auto", "pyshacl", "sparql")


def choose_engine(engine: str, count: int, shapes: Shapes) -> str:
    """The engine that runs: ``auto`` is the SPARQL engine from AUTO_SPARQL_FROM notices on
    (when it compiles every shape), pySHACL below. Both give the same results, so the
    choice changes the time taken, never an exit code.

    :raises UsageError: an unknown engine, or ``sparql`` for shapes it does not compile.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use auto, pyshacl or sparql")
    if engine == "sparql":
        plan_for(shapes)
        return engine
    if engine == "auto":
        return "sparql" if count >= AUTO_SPARQL_FROM and supports(shapes) else "pyshacl"
    return engine


def validate(
    data: Iterable[Path | str] | Path | str,
    *,
    shapes_dir: Path | str | None = None,
    jobs: int | None = None,
    engine: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> ValidationReport:
    """Validate every notice in ``data`` (graph files, notices or their directories, a
    build — its store, with the build's validation cache — or a bare store).

    ``engine`` is ``pyshacl`` (the reference), ``sparql`` (the same shapes compiled to
    SPARQL and run on an embedded store; much faster on large corpora) or ``auto``.

    :raises UsageError: unreadable data or shapes, no notice in ``data``, or an unknown engine.
    """
    paths = _checked_paths(data, engine)
    shapes = load_shapes(Path(shapes_dir) if shapes_dir else None)
    if len(paths) == 1 and is_store(paths[0]):
        if engine == "pyshacl":
            raise UsageError(f"{paths[0]}: a store is validated with the SPARQL engine; "
                             "give the build directory or its graph files for --engine pyshacl")  # fmt: skip
        return validate_build_store(paths[0], shapes)
    if (build := _build_of(paths)) is not None:
        chosen = _build_engine(build, engine, shapes)
        return validate_build(build, shapes, engine=chosen, jobs=jobs, progress=progress)
    pairs = [pair for path in paths for pair in notice_graphs(path)]
    if not pairs:
        names = ", ".join(str(p) for p in paths)
        raise UsageError(
            f"{names}: no notice to validate (no graph with an xk:Notice, no notice file); "
            "run `kgtools build` first or give a graph file or notices"
        )
    chosen = choose_engine(engine, len(pairs), shapes)
    report = ValidationReport(notices=[n.removeprefix(NOTICE_BASE) for n, _ in pairs],
                              shapes=shapes.names, shape_labels=shapes.labels, engine=chosen)  # fmt: skip
    report.results = validate_graphs(pairs, shapes=shapes, engine=chosen, jobs=jobs)
    return report


def validate_streamed(
    data: Iterable[Path | str] | Path | str,
    *,
    shapes_dir: Path | str | None = None,
    jobs: int | None = None,
    engine: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> StreamedValidation | None:
    """As :func:`validate` for a build (``data`` one build directory): its results read
    from its cache notice by notice, for a report written as it is read (at 100 000
    notices, 1.5 million results held at once took 3.9 GB). None when ``data`` is no build.

    :raises UsageError: as :func:`validate`.
    """
    build = _build_of(_checked_paths(data, engine))
    if build is None:
        return None
    shapes = load_shapes(Path(shapes_dir) if shapes_dir else None)
    chosen = _build_engine(build, engine, shapes)
    return stream_build(build, shapes, engine=chosen, jobs=jobs, progress=progress)


def _checked_paths(data: Iterable[Path | str] | Path | str, engine: str) -> list[Path]:
    """``data`` as paths, once the engine is known to be one there is.

    :raises UsageError: an unknown engine.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use auto, pyshacl or sparql")
    return [Path(data)] if isinstance(data, str | Path) else [Path(p) for p in data]


def _build_of(paths: list[Path]) -> Path | None:
    """The build directory when ``paths`` is one (not its store, not graph files)."""
    if len(paths) == 1 and not is_store(paths[0]) and is_build(paths[0]):
        return paths[0]
    return None


def _build_engine(build: Path, engine: str, shapes: Shapes) -> str:
    """The engine for a build: ``auto`` is the engine of validate_build_cached (the
    report's), so that both share the build's cache."""
    return choose_engine(engine, max(len(notice_digests(build)), AUTO_SPARQL_FROM), shapes)


def validate_graphs(
    pairs: list[tuple[str, str]],
    *,
    shapes: Shapes | None = None,
    engine: str = "pyshacl",
    jobs: int | None = None,
) -> list[ValidationResult]:
    """Results for (notice IRI, N-Triples) pairs with one engine (default: shipped shapes).

    :raises UsageError: an unknown engine, or shapes the SPARQL engine does not compile.
    """
    shapes = shapes or load_shapes()
    if engine == "sparql":
        return validate_pairs_sparql(pairs, shapes, jobs=jobs)
    if engine != "pyshacl":
        raise UsageError(f"unknown engine {engine!r}; use pyshacl or sparql")
    return validate_pairs(pairs, shapes, jobs=jobs)
