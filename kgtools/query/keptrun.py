"""The workers' side of the kept answers (:mod:`.kept`): each notice's rows of every kept
query, from the in-memory store of a chunk of notices (:func:`notice_answers`)."""

from __future__ import annotations

import re
import zlib
from functools import cache
from typing import Any

from .aggregates import notice_select
from .kept import NO_KEY, dumps, kept_queries, key_column
from .library import ANY, QueryInfo, bind, select_clause, strip_comments
from .ordering import split_order_by

_GRAPH_VARIABLE = re.compile(r"\bGRAPH\s+\?(\w+)", re.IGNORECASE)


def notice_answers(
    memory: Any, notices: list[str], links: dict[str, bytes] | None = None
) -> dict[str, dict[str, str | bytes]]:
    """Each notice's rows of every kept query (by query name, as kept: see ``SCHEMA``),
    from an in-memory pyoxigraph store holding the notices' graphs. ``links`` are each
    notice's own statements of the links graph, as N-Quads (see
    :func:`kgtools.build.linkgraph.own_link_lines`). The ontology and the links are added
    to the store for the queries and removed again."""
    from pyoxigraph import NamedNode, RdfFormat

    from ..vocab import LINKS_GRAPH, ONTOLOGY_GRAPH
    from .local import run_on_store

    links = links or {}
    made: dict[str, dict[str, str | bytes]] = {n: {} for n in notices}
    memory.load(_ontology_nquads(), format=RdfFormat.N_QUADS)
    memory.load(b"".join(links.get(n, b"") for n in notices), format=RdfFormat.N_QUADS)
    try:
        row_queries = [info for info in kept_queries() if info.aggregates is None]
        for info in row_queries:
            rows_of: dict[str, list[list[Any]]] = {notice: [] for notice in made}
            at = info.columns.index("notice")
            for row in run_on_store(memory, bind(info, {p.name: ANY for p in info.params})).rows:
                if row[at] in rows_of:
                    rows_of[row[at]].append(row)
            for notice, rows in rows_of.items():
                made[notice][info.name] = dumps(_kept_rows(info, rows))
        alone = []  # the groupings run on each notice's graph alone
        for info in kept_queries():
            if info.aggregates is None:
                continue
            text = _unbound(info)
            by_notice = _chunk_rows(memory, text, notices)
            if by_notice is None:
                alone.append((info, text))
            for notice, rows in (by_notice or {}).items():
                made[notice][info.name] = zlib.compress(dumps(rows).encode())
        for notice in made if alone else ():  # each notice's totals, on its graph alone
            memory.remove_graph(NamedNode(LINKS_GRAPH))
            memory.load(links.get(notice, b""), format=RdfFormat.N_QUADS)
            for info, text in alone:
                rows = _rows_on_its_graph_alone(memory, text, notice)
                made[notice][info.name] = zlib.compress(dumps(rows).encode())
    finally:
        memory.remove_graph(NamedNode(LINKS_GRAPH))
        memory.remove_graph(NamedNode(ONTOLOGY_GRAPH))
    return made


def _kept_rows(info: QueryInfo, rows: list[list[Any]]) -> Any:
    """One notice's rows as kept: without the notice column, grouped by key."""
    at = info.columns.index("notice")
    stripped = [row[:at] + row[at + 1 :] for row in rows]
    key = key_column(info)
    if key is None:
        return stripped
    by = info.columns.index(key)
    groups: dict[str, list[list[Any]]] = {}
    for row, kept in zip(rows, stripped, strict=True):
        groups.setdefault(row[by] if isinstance(row[by], str) else NO_KEY, []).append(kept)
    return groups


def _unbound(info: QueryInfo) -> str:
    """A grouping's text as each notice's graph is queried: its parameters unbound, without
    comments, its SELECT clause giving what adds up (:func:`.aggregates.notice_select`)."""
    code = strip_comments(bind(info, {p.name: ANY for p in info.params}))
    select, outer = select_clause(code) or (0, 0)  # the library checked the query
    return code[:select] + notice_select(code[select:outer]) + code[outer:]


def _chunk_rows(memory: Any, text: str, notices: list[str]) -> dict[str, list[list[Any]]] | None:
    """A grouping's rows (its :func:`_unbound` text) of each notice of a chunk, from one
    query on the chunk grouped by notice as well: the variable of its first ``GRAPH``
    pattern, which must be a notice's graph in every row. None when it has no such pattern
    or a row's graph is not a notice's of the chunk: run it on each notice alone.

    (A query on each notice's graph alone costs 0.05 to 0.5 ms, most of it the same for
    every notice; one on 32 notices costs little more. Both give a notice's rows only from
    its own graph, the ontology and its own links, unless the query joins one notice's
    statements to another's, which the test of kept rows against the store's would show.)"""
    from pyoxigraph import Literal

    from ..vocab import notice_iri_text
    from .rows import term_value

    graph, clause = _GRAPH_VARIABLE.search(text), select_clause(text)
    grouped = list(re.finditer(r"\bGROUP\s+BY\b", text, re.IGNORECASE))
    if graph is None or clause is None or not grouped:
        return None
    select, last = clause[0], grouped[-1].end()  # the outer GROUP BY is the last one
    variable = f"?{graph.group(1)}"
    whole, _ = split_order_by(f"{text[:select]}SELECT {variable} {text[select + 6 : last]} "
                              f"{variable}{text[last:]}")  # fmt: skip
    iris = {notice_iri_text(notice): notice for notice in notices}
    rows_of: dict[str, list[list[Any]]] = {notice: [] for notice in notices}
    for row in memory.query(whole, use_default_graph_as_union=True):
        values = [None if t is None else term_value(t, Literal) for t in row]
        notice = iris.get(values[0]) if isinstance(values[0], str) else None
        if notice is None:
            return None
        rows_of[notice].append(values[1:])
    return rows_of


def _rows_on_its_graph_alone(memory: Any, text: str, notice: str) -> list[list[Any]]:
    """A grouping query's rows (its :func:`_unbound` text) on one notice's graph alone, with
    the ontology and the notice's own links (the store's links graph holds only them)."""
    from pyoxigraph import Literal, NamedNode

    from ..vocab import LINKS_GRAPH, ONTOLOGY_GRAPH, notice_iri_text
    from .rows import term_value

    graph, links = NamedNode(notice_iri_text(notice)), NamedNode(LINKS_GRAPH)
    found = memory.query(text, default_graph=[graph, NamedNode(ONTOLOGY_GRAPH), links],
                         named_graphs=[graph, links])  # fmt: skip
    return [[None if t is None else term_value(t, Literal) for t in row] for row in found]


@cache
def _ontology_nquads() -> bytes:
    """The ontology's N-Quads, made once per process (a worker loads them for every chunk)."""
    from ..build.store import ontology_nquads

    return ontology_nquads()
