"""Static pictures of the graph (SVG, PNG) with matplotlib: a left-to-right tree.

Each notice is a tree from the notice node (its round, organizations, problem areas →
findings → measures → outputs and regulations); leaves are stacked top to bottom, a parent
sits beside the middle of its children, labels are written to the right of the nodes.
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from ..display import clip
from ..errors import UsageError
from .fonts import INSTALL_HINT, setup
from .model import CLASSES

LABEL_CHARS = 18
ROW_INCHES = 0.22


def _short(text: str, n: int = LABEL_CHARS) -> str:
    return clip(text, n)


def tree_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Positions: x = depth from a root (a node nobody points to), y = leaf order (downwards)."""
    order = {c: i for i, c in enumerate(CLASSES)}
    roots = sorted((n for n in graph if graph.in_degree(n) == 0),
                   key=lambda n: (order[graph.nodes[n]["cls"]], n))  # fmt: skip
    pos: dict[str, tuple[float, float]] = {}
    row = 0.0

    def place(node: str, depth: int) -> float:
        nonlocal row
        pos[node] = (depth, 0.0)
        children = [c for c in graph.successors(node) if c not in pos]
        children.sort(
            key=lambda c: (order[graph.nodes[c]["cls"]], graph.nodes[c].get("startOffset", 0))
        )
        ys = [place(c, depth + 1) for c in children if c not in pos]
        if ys:
            y = (min(ys) + max(ys)) / 2
        else:
            y, row = row, row + 1
        pos[node] = (depth, y)
        return y

    for root in roots:
        place(root, 0)
        row += 0.5
    for node in graph:  # cycles without a root: place what is left
        if node not in pos:
            place(node, 0)
    return {n: (x, -y) for n, (x, y) in pos.items()}


def draw_graph(graph: nx.DiGraph, stream: BinaryIO, *, fmt: str = "svg", title: str = "") -> None:
    """Draw ``graph`` as a tree into ``stream`` (``fmt`` is ``svg`` or ``png``).

    :raises UsageError: matplotlib is missing; PNG without a CJK font (its Chinese labels
        would be boxes; SVG keeps them as text for the reader's fonts).
    """
    if fmt == "png" and setup(quiet=True) is None:
        raise UsageError(f"PNG needs a CJK font for its Chinese labels: {INSTALL_HINT} "
                         "(or use --format svg, whose text shows in the reader's fonts)")  # fmt: skip
    setup()
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    pos = tree_layout(graph)
    depth = max((x for x, _ in pos.values()), default=0) + 1
    rows = -min((y for _, y in pos.values()), default=0) + 1
    fig, ax = plt.subplots(figsize=(3.0 + 2.6 * depth, max(4.0, 1.5 + ROW_INCHES * rows)))
    try:
        for u, v in graph.edges():
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.plot(
                [x0, x0 + 0.5, x0 + 0.5, x1], [y0, y0, y1, y1], color="#bbbbbb", lw=0.6, zorder=1
            )
        for node, d in graph.nodes(data=True):
            x, y = pos[node]
            ax.scatter(
                [x], [y], s=40, color=d["color"], zorder=2, edgecolors="white", linewidths=0.5
            )
            ax.annotate(_short(d["label"]), (x, y), xytext=(5, 0), textcoords="offset points",
                        va="center", fontsize=7, zorder=3)  # fmt: skip
        present = [c for c in CLASSES if any(d["cls"] == c for _, d in graph.nodes(data=True))]
        handles = [Line2D([], [], marker="o", ls="", color=CLASSES[c][2],
                          label=f"{CLASSES[c][0]} {CLASSES[c][1]}") for c in present]  # fmt: skip
        if handles:
            ax.legend(handles=handles, loc="upper right", fontsize=7, frameon=False)
        ax.set_title(
            title or f"通报知识图谱 / notice graph: {graph.graph.get('notice', '')}", fontsize=10
        )
        ax.set_xlim(-0.3, depth + 0.9)
        ax.set_ylim(-rows, 1)
        ax.axis("off")
        fig.tight_layout()
        fig.savefig(stream, format=fmt, dpi=110, metadata={"Date": None} if fmt == "svg" else None)
    finally:
        plt.close(fig)
