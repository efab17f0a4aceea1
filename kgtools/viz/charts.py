"""The build's charts as static files for print (SVG and PNG, matplotlib), drawn from the
specs of :mod:`.chartspec` — the same numbers and labels as the report's charts page.

Chinese is drawn in a CJK font (:mod:`.fonts`); SVG keeps its text as text, so it shows
in the reader's fonts. Without a CJK font only SVG is written (a PNG would show boxes),
and :func:`write_charts` says so in its ``notes``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..emit.files import write_atomic
from .chartspec import MAX_NOTICES, ChartSpec, chart_data, chart_specs
from .fonts import NO_FONT, setup

__all__ = ["MAX_NOTICES", "Chart", "chart_data", "draw_chart", "write_chart_specs", "write_charts"]


@dataclass
class Chart:
    """A chart written as ``<name>.svg`` (and ``<name>.png`` with a CJK font)."""

    name: str
    title: str
    xlabel: str
    ylabel: str
    paths: list[Path] = field(default_factory=list)


@dataclass
class Written:
    charts: list[Chart]
    notes: list[str]


def _title(spec: ChartSpec) -> str:
    return spec.title + "".join(f"（{note}）" for note in spec.notes)


def _bars(ax: Any, spec: ChartSpec) -> None:
    stacked = len(spec.series) > 1
    base = [0.0] * len(spec.categories)
    for s in spec.series:
        values = [v or 0 for v in s.values]
        if spec.horizontal:
            bars = ax.barh(spec.categories, values, left=base, color=s.color, label=s.name or None)
        else:
            bars = ax.bar(spec.categories, values, bottom=base, color=s.color, label=s.name or None)
        if stacked:
            ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center",
                         color="white", fontsize=8)  # fmt: skip
        else:
            ax.bar_label(bars, labels=spec.labels, fontsize=8)
        base = [a + b for a, b in zip(base, values, strict=True)]
    if stacked:
        ax.legend(fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    if spec.percent:
        ax.set_xlim(0, 1.25)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    if spec.horizontal:
        ax.invert_yaxis()


def draw_chart(spec: ChartSpec, fmt: str) -> bytes:
    """One chart as SVG or PNG bytes (call :func:`.fonts.setup` first)."""
    import matplotlib.pyplot as plt

    rows = len(spec.categories) if spec.horizontal else 6
    fig, ax = plt.subplots(figsize=(9, min(30.0, 1.8 + 0.42 * max(min(rows, 25), 2))))
    try:
        _bars(ax, spec)
        ax.set_title(_title(spec), fontsize=11, pad=24 if ax.get_legend() else 6)
        ax.set_xlabel(spec.xlabel)
        ax.set_ylabel(spec.ylabel)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=110, metadata={"Date": None} if fmt == "svg" else None)
        return buf.getvalue()
    finally:
        plt.close(fig)


def write_charts(records: list[dict[str, Any]], folder: Path) -> Written:
    """Draw every chart of the records into ``folder``: SVG, and PNG when a CJK font is
    installed.

    :raises UsageError: matplotlib is not installed.
    """
    return write_chart_specs(chart_specs(records), folder)


def write_chart_specs(specs: list[ChartSpec], folder: Path) -> Written:
    """Draw ``specs`` into ``folder``: SVG, and PNG when a CJK font is installed.

    :raises UsageError: matplotlib is not installed.
    """
    font = setup(quiet=True)
    formats = ("svg", "png") if font else ("svg",)
    charts = []
    for spec in specs:
        chart = Chart(spec.name, _title(spec), spec.xlabel, spec.ylabel)
        for fmt in formats:
            path = folder / f"{spec.name}.{fmt}"
            write_atomic(path, draw_chart(spec, fmt))
            chart.paths.append(path)
        charts.append(chart)
    return Written(charts, [] if font else [NO_FONT + "; wrote the charts' SVG only"])
