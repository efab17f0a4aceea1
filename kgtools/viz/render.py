"""One graph in any visualization format: dispatches to the writers of :mod:`.export`,
the matplotlib drawing of :mod:`.draw` and the page of :mod:`.html`."""

from __future__ import annotations

import io
from typing import BinaryIO

import networkx as nx

from .draw import draw_graph
from .export import VizFormat, write_cytoscape, write_dot, write_gexf, write_graphml
from .html import graph_page


def export(graph: nx.DiGraph, stream: BinaryIO, fmt: VizFormat, *, title: str = "") -> None:
    """Write ``graph`` in ``fmt`` to a binary stream (text formats as UTF-8)."""
    if fmt is VizFormat.GRAPHML:
        write_graphml(graph, stream)
    elif fmt is VizFormat.GEXF:
        write_gexf(graph, stream)
    elif fmt in (VizFormat.SVG, VizFormat.PNG):
        draw_graph(graph, stream, fmt=fmt.value, title=title)
    else:
        text = io.StringIO()
        if fmt is VizFormat.CYTOSCAPE:
            write_cytoscape(graph, text)
        elif fmt is VizFormat.DOT:
            write_dot(graph, text)
        else:
            text.write(graph_page(graph, title=title))
        stream.write(text.getvalue().encode("utf-8"))
