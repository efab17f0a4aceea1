"""Validate a build in place: the SPARQL shape queries on its embedded store, with no
parsing of the graph files — the path for large corpora."""

from __future__ import annotations

from pathlib import Path

from ..build.store import open_read_only
from ..vocab import NOTICE_BASE, NOTICE_CLASS
from .report import ValidationReport
from .shapes import Shapes
from .sparql_engine import results_from_store

NOTICES = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?n a <{NOTICE_CLASS}> }} }} ORDER BY ?g"


def is_store(path: Path) -> bool:
    """A pyoxigraph (RocksDB) store directory."""
    return path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def validate_build_store(build: Path, shapes: Shapes) -> ValidationReport:
    """Validate every notice of a build from its store (``build/store``, or ``build`` when
    it is the store itself).

    :raises UsageError: no store, or bad shapes.
    """
    store = open_read_only(build if is_store(build) else build / "store")
    notices = [row["g"].value.removeprefix(NOTICE_BASE) for row in store.query(NOTICES)]
    report = ValidationReport(notices=notices, shapes=shapes.names)
    report.results = results_from_store(store, shapes, union=True)
    return report
