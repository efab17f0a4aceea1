"""Exporters of the graph model: each takes ``(graph, stream)`` and writes one format.

GraphML and GEXF open in Gephi (GEXF with each node's date as its ``start``, so Gephi's
timeline plays the notices in order, plus ``viz:color``); Cytoscape JSON is the ``.cyjs``
that Cytoscape desktop imports; DOT is for Graphviz; SVG and PNG are drawn with matplotlib
(:mod:`.draw`); HTML is the interactive page (:mod:`.html`).
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import BinaryIO, TextIO

import networkx as nx

from .model import short_id


class VizFormat(str, Enum):
    """Output formats of ``kgtools viz``."""

    HTML = "html"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    DOT = "dot"
    SVG = "svg"
    PNG = "png"

    @property
    def binary(self) -> bool:
        return self in (VizFormat.GRAPHML, VizFormat.GEXF, VizFormat.PNG)

    @property
    def suffix(self) -> str:
        return {"cytoscape": ".cyjs", "dot": ".gv"}.get(self.value, f".{self.value}")


# Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> object:
    """A string without the characters XML 1.0 forbids (dropped); other values unchanged."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def xml_safe(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy of the graph whose node ids and string attributes XML 1.0 can hold (for
    GraphML, GEXF and SVG: a notice's text may hold a form feed, a vertical tab, U+FFFE …)."""
    g = nx.DiGraph()
    g.graph = {k: xml_text(v) for k, v in graph.graph.items()}
    for node, d in graph.nodes(data=True):
        g.add_node(xml_text(node), **{k: xml_text(v) for k, v in d.items()})
    for u, v, d in graph.edges(data=True):
        g.add_edge(xml_text(u), xml_text(v), **{k: xml_text(x) for k, x in d.items()})
    return g


def write_graphml(graph: nx.DiGraph, stream: BinaryIO) -> None:
    """GraphML (UTF-8 bytes), every attribute typed, ``label`` on nodes and edges."""
    g = xml_safe(graph)
    for _, _, d in g.edges(data=True):
        d["label"] = d["relation"]
    g.graph = {k: v for k, v in g.graph.items() if isinstance(v, str | int | float | bool)}
    nx.write_graphml(g, stream, encoding="utf-8", named_key_ids=True)


def _rgb(color: str) -> dict[str, int | float]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1.0}


def write_gexf(graph: nx.DiGraph, stream: BinaryIO) -> None:
    """GEXF 1.2 with each node's date as its ``start`` (Gephi's timeline) and colours."""
    graph = xml_safe(graph)
    g = nx.DiGraph()
    g.graph = {k: v for k, v in graph.graph.items() if isinstance(v, str)}
    for node, d in graph.nodes(data=True):
        attrs = dict(d)
        if "date" in attrs:
            attrs["start"] = attrs["date"]
        attrs["viz"] = {"color": _rgb(d["color"])}
        g.add_node(node, **attrs)
    for u, v, d in graph.edges(data=True):
        g.add_edge(u, v, label=d["relation"], relation=d["relation"])
    nx.write_gexf(g, stream, encoding="utf-8", version="1.2draft")


def cytoscape_elements(graph: nx.DiGraph) -> dict:
    """The graph as Cytoscape.js elements (``{"data": {…}, "elements": {nodes, edges}}``);
    each node's ``id`` is its IRI, ``name`` its label, ``short`` its IRI without the base."""
    nodes = [
        {"data": {**d, "id": n, "name": d["label"], "iri": n, "short": short_id(n)}}
        for n, d in graph.nodes(data=True)
    ]
    edges = [
        {
            "data": {
                "id": f"e{i}",
                "source": u,
                "target": v,
                "relation": d["relation"],
                "label": d["relation"],
            }
        }  # fmt: skip
        for i, (u, v, d) in enumerate(graph.edges(data=True))
    ]
    meta = {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float | bool)}
    return {"data": meta, "directed": True, "multigraph": False,
            "elements": {"nodes": nodes, "edges": edges}}  # fmt: skip


def write_cytoscape(graph: nx.DiGraph, stream: TextIO) -> None:
    """Cytoscape JSON (``.cyjs``), importable by Cytoscape desktop and Cytoscape.js."""
    json.dump(cytoscape_elements(graph), stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def _dot_string(text: object) -> str:
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{s}"'


def write_dot(graph: nx.DiGraph, stream: TextIO) -> None:
    """Graphviz DOT: nodes filled with their class colour, the quote as tooltip."""
    stream.write(f"digraph {_dot_string(graph.graph.get('notice', 'xuncha'))} {{\n")
    stream.write('  graph [rankdir=LR, overlap=false, fontname="Noto Sans CJK SC"];\n')
    stream.write('  node [shape=box, style="rounded,filled", fontcolor=white, '
                 'fontname="Noto Sans CJK SC", fontsize=10];\n')  # fmt: skip
    stream.write('  edge [fontsize=8, color="#888888", fontname="Noto Sans CJK SC"];\n')
    for node, d in graph.nodes(data=True):
        attrs = {"label": d["label"], "fillcolor": d["color"], "tooltip": d.get("quote") or d["label"],
                 "class": d["cls"]}  # fmt: skip
        if "startOffset" in d:
            attrs["comment"] = f"{d['startOffset']}-{d['endOffset']}"
        body = ", ".join(f"{k}={_dot_string(v)}" for k, v in attrs.items())
        stream.write(f"  {_dot_string(node)} [{body}];\n")
    for u, v, d in graph.edges(data=True):
        stream.write(
            f"  {_dot_string(u)} -> {_dot_string(v)} [label={_dot_string(d['relation'])}];\n"
        )
    stream.write("}\n")
