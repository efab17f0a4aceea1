"""``kgtools load``: a build pushed to a triplestore over the SPARQL 1.1 Graph Store
Protocol, one named graph per notice, plus the links graph and the ontology (with the
themes).

Each graph is PUT to ``<store>?graph=<iri>``, replacing it atomically, so loading twice
leaves the same triples, and a load that stopped half-way (a server that went down,
Ctrl-C) is completed by the next one. The server's answer tells a new graph (201 Created)
from a replaced one (200/204). With ``prune``, the notice graphs on the server that the
build no longer has are deleted; they are listed with a SPARQL query on the store's query
endpoint (given, or derived from the Graph Store URL of the servers the README names).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..build.store import (
    built_notices,
    graph_ntriples,
    ontology_ntriples,
    open_read_only,
    store_path,
)
from ..errors import KgtoolsError, RemoteError, UsageError
from ..vocab import LINKS_GRAPH, NOTICE_BASE, NOTICE_CLASS, ONTOLOGY_GRAPH, notice_iri_text
from .remote import check_url, run_remote, safe_url, send

#: Graph Store URL → query URL of the same store, for the servers the README names.
_QUERY_URL_OF = (
    (re.compile(r"/sparql-graph-crud(-auth)?/?$"), "/sparql"),  # Virtuoso
    (re.compile(r"/rdf-graphs/service/?$"), ""),  # GraphDB, RDF4J
    (re.compile(r"/store/?$"), "/query"),  # Oxigraph
    (re.compile(r"/data/?$"), "/sparql"),  # Apache Jena Fuseki
)

_LIST_NOTICE_GRAPHS = f"""SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?g a <{NOTICE_CLASS}> }}
  FILTER (STRSTARTS(STR(?g), "{NOTICE_BASE}"))
}}"""


@dataclass
class LoadResult:
    """What a load did: graphs PUT (new or replacing one), notice graphs deleted."""

    loaded: int = 0
    added: int = 0
    replaced: int = 0
    removed: int = 0
    total: int = 0  # graphs the build has

    def summary(self, where: str) -> str:
        return (
            f"{self.loaded} graph(s) loaded into {where}: {self.added} added, "
            f"{self.replaced} replaced, {self.removed} removed"
        )


class LoadInterrupted(RemoteError):
    """A load that stopped before the end: says how far it got."""


def query_url_for(store_url: str) -> str:
    """The query endpoint of the store behind a Graph Store URL.

    :raises UsageError: a URL of no server kgtools knows: give the query URL.
    """
    parts = urllib.parse.urlsplit(store_url)
    for pattern, replacement in _QUERY_URL_OF:
        if pattern.search(parts.path):
            path = pattern.sub(replacement, parts.path)
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    raise UsageError(
        f"{safe_url(store_url)}: cannot tell the query endpoint of this store; "
        "give it with --query-endpoint"
    )


def remote_notice_graphs(query_url: str, *, timeout: float) -> set[str]:
    """The notice graphs a store holds (named graphs whose notice is typed xk:Notice)."""
    rows = run_remote(query_url, _LIST_NOTICE_GRAPHS, timeout=timeout).rows
    return {str(row[0]) for row in rows if row and row[0]}


def build_graphs(build: Path) -> Iterator[tuple[str, Callable[[], str]]]:
    """The build's graphs, each with a function giving its N-Triples: the ontology first
    (a half-loaded store already has its classes and code lists), the notices, the links.

    :raises UsageError: not a build directory.
    """
    notices = built_notices(build)
    store = open_read_only(store_path(build))
    yield ONTOLOGY_GRAPH, ontology_ntriples
    for notice in notices:
        yield notice_iri_text(notice), partial(_ntriples_of, store, notice_iri_text(notice))
    yield LINKS_GRAPH, partial(_ntriples_of, store, LINKS_GRAPH)


def _ntriples_of(store: Any, graph: str) -> str:
    return graph_ntriples(store, graph).decode("utf-8")


def _graph_url(store_url: str, graph: str) -> str:
    sep = "&" if "?" in store_url else "?"
    return f"{store_url}{sep}graph={urllib.parse.quote(graph, safe='')}"


def load_remote(
    store_url: str,
    build: Path,
    *,
    timeout: float = 60.0,
    prune: bool = False,
    query_url: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> LoadResult:
    """Push every graph of a build to a Graph Store Protocol URL; with ``prune``, delete
    the notice graphs of the store that the build does not have.

    :raises UsageError: not a build directory, a bad URL.
    :raises LoadInterrupted: the store went down or refused, or Ctrl-C, part-way: the
        message says how many graphs were loaded and that loading again completes it.
    :raises RemoteError: the store is down or refuses before anything was loaded.
    """
    check_url(store_url)
    graphs = list(build_graphs(build))
    result = LoadResult(total=len(graphs))
    stale: set[str] = set()
    if prune:
        listing = query_url or query_url_for(store_url)
        check_url(listing)
        local = {graph for graph, _ in graphs}
        stale = remote_notice_graphs(listing, timeout=timeout) - local
    try:
        for graph, body in graphs:
            status = send("PUT", _graph_url(store_url, graph), body().encode(), timeout=timeout)
            result.loaded += 1
            if status == 201:
                result.added += 1
            else:
                result.replaced += 1
            if progress:
                progress(result.loaded, len(graphs), graph)
        for graph in sorted(stale):
            send("DELETE", _graph_url(store_url, graph), timeout=timeout, missing_ok=True)
            result.removed += 1
    except (KgtoolsError, KeyboardInterrupt) as exc:
        if result.loaded == 0 and not isinstance(exc, KeyboardInterrupt):
            raise
        why = "interrupted" if isinstance(exc, KeyboardInterrupt) else str(exc)
        raise LoadInterrupted(
            f"{why}; load stopped after {result.loaded} of {len(graphs)} graph(s) "
            f"({result.added} added, {result.replaced} replaced, {result.removed} of "
            f"{len(stale)} removed): run the same `kgtools load` again to complete it"
        ) from None
    return result
