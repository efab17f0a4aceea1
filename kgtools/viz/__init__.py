"""Visualizations of the graph: a networkx model (:mod:`.model`), exporters taking
``(graph, stream)`` (:mod:`.export`: GraphML, GEXF, Cytoscape JSON, DOT, SVG/PNG, HTML),
and charts (:mod:`.charts`); the report site that shows them is :mod:`kgtools.site`.

matplotlib (SVG/PNG pictures and charts) is optional: ``pip install 'xuncha-kg[viz]'``.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from ..errors import UsageError
from .export import VizFormat
from .model import NoticeView, build_views, combine, load_view, view_of_record
from .render import export

_GRAPH_SUFFIXES = (".nq", ".nt", ".trig", ".ttl")


def load_graph(notice: str = "all", *, build: Path = Path("data/build")) -> nx.DiGraph:
    """The graph of ``notice``: a notice id of ``build``, ``all``, a graph file or a source file.

    :raises UsageError: no such notice, or an empty build.
    """
    path = Path(notice)
    if notice != "all" and path.is_file():
        if path.suffix in _GRAPH_SUFFIXES:
            try:
                return load_view(path).graph
            except (ValueError, SyntaxError) as exc:
                raise UsageError(f"{path}: not a notice graph ({exc})") from None
        from ..extract import extract_file

        return view_of_record(extract_file(path)).graph
    views = build_views(build, None if notice == "all" else notice)
    if not views:
        what = "no notices" if notice == "all" else f"no notice {notice!r}"
        raise UsageError(
            f"{build}: {what} in this build; run `kgtools build` or give a notice file"
        )
    return combine(views)


def render(notice: str, fmt: VizFormat, *, build: Path = Path("data/build")) -> bytes:
    """The bytes of ``notice``'s graph in ``fmt`` (see :func:`load_graph` for ``notice``).

    :raises UsageError: no such notice; matplotlib missing for SVG/PNG.
    """
    graph = load_graph(notice, build=build)
    buf = io.BytesIO()
    export(graph, buf, fmt)
    return buf.getvalue()


__all__ = [
    "NoticeView",
    "VizFormat",
    "build_views",
    "combine",
    "export",
    "load_graph",
    "load_view",
    "render",
    "view_of_record",
]
