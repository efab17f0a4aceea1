"""Validate a build in place: the SPARQL shape queries on its embedded store, with no
parsing of the graph files — the path for large corpora."""

from __future__ import annotations

from pathlib import Path

from ..store import open_read_only
from .report import ID_BASE, ValidationReport

NOTICES = (
    "SELECT ?g WHERE { GRAPH ?g { ?n a <https://w3id.org/xuncha/ontology#Notice> } } ORDER BY ?g"
)


def is_store(path: Path) -> bool:
    """A pyoxigraph (RocksDB) store directory."""
    return path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def validate_build_store(build: Path, *, shapes_dir: Path | None = None) -> ValidationReport:
    """Validate every notice of a build from its store (``build/store``, or ``build`` when
    it is the store itself).

    :raises UsageError: no store, or bad shapes.
    """
    from .engine import load_shapes, shape_names
    from .sparql_engine import results_from_store

    store = open_read_only(build if is_store(build) else build / "store")
    shapes = load_shapes(shapes_dir)
    notices = [row["g"].value.removeprefix(ID_BASE) for row in store.query(NOTICES)]
    report = ValidationReport(notices=notices, shapes=shape_names(shapes))
    report.results = results_from_store(store, shapes, union=True)
    return report
