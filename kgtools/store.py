"""The embedded store: a persistent pyoxigraph store in the build directory (``store/``)
holding every notice's named graph, the links graph and the ontology.

A cold build bulk-loads into a fresh directory that then replaces the old one; an
incremental build replaces each changed notice's graph in one SPARQL update (atomic per
notice) and drops the graphs of removed notices.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError
from .resources import resource_dir

STORE_DIRNAME = "store"
ONTOLOGY_GRAPH = "https://w3id.org/xuncha/ontology"
LINKS_GRAPH = "https://w3id.org/xuncha/id/graph/links"
NOTICE_BASE = "https://w3id.org/xuncha/id/notice/"


def store_path(out: Path) -> Path:
    return out / STORE_DIRNAME


def ontology_ntriples() -> str:
    """The ontology files as one N-Triples text."""
    from rdflib import Graph

    graph = Graph()
    for path in sorted(resource_dir("ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph.serialize(format="nt")


def _nquads_as_ntriples(nq: str) -> str:
    """Drop the graph term of N-Quads lines written by kgtools (``… <graph> .``)."""
    lines = []
    for line in nq.splitlines():
        if line:
            body = line.rstrip()[:-1].rstrip()
            lines.append(body[: body.rfind(" <")] + " .")
    return "\n".join(lines) + "\n"


def _replace_graph(store, graph: str, ntriples: str) -> None:  # type: ignore[no-untyped-def]
    """Replace a named graph in one update, so readers see the old or the new graph."""
    store.update(
        f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }}"
    )


def load_full(out: Path) -> Path:
    """Build the store from out/graph.nq and the ontology in a new directory, then swap it in."""
    from pyoxigraph import NamedNode, RdfFormat, Store

    final = store_path(out)
    fresh = out / f".{STORE_DIRNAME}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    store = Store(str(fresh))
    store.bulk_load(path=str(out / "graph.nq"), format=RdfFormat.N_QUADS)
    store.bulk_load(
        ontology_ntriples().encode("utf-8"),
        format=RdfFormat.N_TRIPLES,
        to_graph=NamedNode(ONTOLOGY_GRAPH),
    )
    store.flush()
    del store
    old = out / f".{STORE_DIRNAME}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def load_incremental(out: Path, changed: Iterable[str], removed: Iterable[str]) -> Path:
    """Replace the graphs of changed notices and the links graph; drop removed notices."""
    from pyoxigraph import Store

    from .emit import notice_iri

    store = Store(str(store_path(out)))
    for notice in changed:
        nq = (out / "notices" / f"{notice}.nq").read_text(encoding="utf-8")
        _replace_graph(store, str(notice_iri(notice)), _nquads_as_ntriples(nq))
    for notice in removed:
        store.update(f"DROP SILENT GRAPH <{notice_iri(notice)}>")
    _replace_graph(
        store, LINKS_GRAPH, _nquads_as_ntriples((out / "links.nq").read_text(encoding="utf-8"))
    )
    _replace_graph(store, ONTOLOGY_GRAPH, ontology_ntriples())
    store.flush()
    return store_path(out)


def load_store(out: Path, *, changed: list[str], removed: list[str], full: bool) -> Path:
    """Bring out/store up to date with the build."""
    if full or not store_path(out).is_dir():
        return load_full(out)
    return load_incremental(out, changed, removed)


def open_read_only(path: Path):  # type: ignore[no-untyped-def]
    """Open a store for queries.

    :raises UsageError: no store there.
    """
    from pyoxigraph import Store

    if not path.is_dir():
        raise UsageError(
            f"{path}: no store; run `kgtools build` first (it writes data/build/store)"
        )
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise UsageError(f"{path}: cannot open the store ({exc})") from None
