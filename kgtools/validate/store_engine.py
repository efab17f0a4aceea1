"""Validate a store: its notice graphs are copied, a batch at a time, into an in-memory
store where the SPARQL engine runs exactly as on graph files (the store itself is opened
read-only and never changed). A build's cached validation (:mod:`.cache`) copies the same
way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..build.store import open_read_only
from ..errors import UsageError
from ..vocab import NOTICE_BASE, NOTICE_CLASS
from .report import ValidationReport
from .shapes import Shapes
from .sparql_engine import new_store, plan_for, validate_store

NOTICES = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{NOTICE_CLASS}> }} }} ORDER BY ?g"
GRAPHS = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER (STRSTARTS(STR(?g), "{NOTICE_BASE}")) }} ORDER BY ?g'
BATCH = 200


def is_store(path: Path) -> bool:
    """A pyoxigraph (RocksDB) store directory."""
    return path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def validate_build_store(build: Path, shapes: Shapes) -> ValidationReport:
    """Validate every notice of a build from its store (``build/store``, or ``build`` when
    it is the store itself).

    :raises UsageError: no store, bad shapes, a notice graph without its xk:Notice, or no
        notice at all.
    """
    plan_for(shapes)
    store = open_read_only(build if is_store(build) else build / "store")
    notices = [row["g"].value for row in store.query(NOTICES)]
    graphs = [row["g"].value for row in store.query(GRAPHS)]
    missing = sorted(set(graphs) - set(notices))
    if missing:
        raise UsageError(f"{build}: graph {missing[0]} has no xk:Notice (its class misspelled?); "
                         "nothing in it can be validated")  # fmt: skip
    if not notices:
        raise UsageError(f"{build}: the store holds no notice; run `kgtools build` first")
    report = ValidationReport(notices=[n.removeprefix(NOTICE_BASE) for n in notices], shapes=shapes.names,
                              shape_labels=shapes.labels, engine="sparql")  # fmt: skip
    for start in range(0, len(notices), BATCH):
        report.results += validate_store(copy_graphs(store, notices[start : start + BATCH]), shapes)
    return report


def copy_graphs(store: Any, graphs: list[str]) -> Any:
    """Named graphs of a store in an in-memory store (see :func:`.sparql_engine.new_store`):
    each dumped as N-Triples and loaded (``load`` into a graph: faster here than one
    ``bulk_load`` of N-Quads or a bulk load per graph; reading the store's strings is most
    of the cost)."""
    from pyoxigraph import NamedNode, RdfFormat

    memory = new_store()
    for iri in graphs:
        graph = NamedNode(iri)
        triples = store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph)
        memory.load(
            triples, format=RdfFormat.N_TRIPLES, to_graph=graph, lenient=True
        )  # the store's own output
    return memory
