"""Charts of a build (PNG and SVG, matplotlib) that answer the researchers' questions.

``chart_data(records)`` computes the numbers from the notice records (``notices/<id>.json``);
``write_charts(records, folder)`` draws them. Titles and axis labels are bilingual; Chinese
is drawn in a CJK font (:mod:`.fonts`), and SVG keeps text as text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..emit.serialize import write_atomic
from ..recognize.names import regulation_kind
from ..recognize.themes import label_of
from .fonts import setup

MAX_NOTICES = 40
KIND_LABELS = {"RegKindMeasures": "办法", "RegKindRules": "细则", "RegKindSystem": "制度", "RegKindList": "清单",
               "RegKindRegulations": "条例", "RegKindOpinions": "意见", "RegKindPlan": "方案",
               "RegKindProvisions": "规定", "RegKindOther": "其他"}  # fmt: skip
ROLE_LABELS = {"formulated": "制定 formulated", "studied": "学习 studied", "cited": "引用 cited"}


@dataclass
class Chart:
    """A chart written as ``<name>.svg`` and ``<name>.png``."""

    name: str
    title: str
    xlabel: str
    ylabel: str
    paths: list[Path] = field(default_factory=list)


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def chart_data(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The numbers behind every chart, from notice records (JSON form)."""
    recs = sorted(records, key=lambda r: r["id"])[:MAX_NOTICES]
    durations = {}
    for r in recs:
        pub = r.get("publication_period") or [None, None]
        durations[r["id"]] = (
            _days(r.get("inspection_start"), r.get("inspection_end")),
            _days(r.get("inspection_end"), r.get("feedback_date")),
            _days(r.get("feedback_date"), pub[0]),
        )
    per_finding = Counter(len(f["measures"]) for r in records for f in r["findings"])
    units = Counter(o["unit"] for r in records for o in r["outputs"])
    regulations = {r["id"]: Counter(g["role"] for g in r["regulations"]) for r in recs}
    concreteness = {r["id"]: r["concreteness"] for r in recs}
    themes = Counter(
        t for r in records for t in {a["theme"] for f in r["findings"] for a in f.get("themes", [])}
    )
    kinds = Counter(
        regulation_kind(g["title"])
        for r in records
        for g in r["regulations"]
        if g["role"] == "formulated"
    )
    return {"notices": len(records), "durations": durations, "measures_per_finding": per_finding,
            "outputs_by_unit": units, "regulations": regulations, "concreteness": concreteness,
            "themes": themes, "regulation_kinds": kinds}  # fmt: skip


def _suffix(data: dict[str, Any]) -> str:
    n = data["notices"]
    return f"（前{MAX_NOTICES}份 / first {MAX_NOTICES} of {n}）" if n > MAX_NOTICES else ""


def _figure(rows: int) -> Any:
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(9, min(30.0, 1.8 + 0.42 * max(rows, 2))))


def _durations(ax: Any, data: dict[str, Any]) -> None:
    ids = list(data["durations"])
    left = [0] * len(ids)
    parts = ("驻点巡察 stationed", "驻点结束→反馈 to feedback", "反馈→公开 to publication")
    for k, (label, color) in enumerate(zip(parts, ("#7b3294", "#ef6548", "#1a9850"), strict=True)):
        values = [data["durations"][i][k] or 0 for i in ids]
        bars = ax.barh(ids, values, left=left, color=color, label=label)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center",
                     color="white", fontsize=8)  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.legend(fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    ax.invert_yaxis()


def _per_finding(ax: Any, data: dict[str, Any]) -> None:
    counts = data["measures_per_finding"]
    xs = list(range(0, max(counts, default=0) + 1))
    bars = ax.bar([str(x) for x in xs], [counts.get(x, 0) for x in xs], color="#1a9850")
    ax.bar_label(bars, fontsize=8)


def _units(ax: Any, data: dict[str, Any]) -> None:
    items = data["outputs_by_unit"].most_common(25)
    bars = ax.barh([u for u, _ in items], [c for _, c in items], color="#e08214")
    ax.bar_label(bars, fontsize=8)
    ax.invert_yaxis()


def _regulations(ax: Any, data: dict[str, Any]) -> None:
    ids = list(data["regulations"])
    left = [0] * len(ids)
    for role, color in (("formulated", "#2166ac"), ("studied", "#67a9cf"), ("cited", "#bdbdbd")):
        values = [data["regulations"][i].get(role, 0) for i in ids]
        ax.barh(ids, values, left=left, color=color, label=ROLE_LABELS[role])
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.legend(fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    ax.invert_yaxis()


def _concreteness(ax: Any, data: dict[str, Any]) -> None:
    ids = list(data["concreteness"])
    shares = [data["concreteness"][i]["share"] for i in ids]
    bars = ax.barh(ids, shares, color="#1f3b73")
    ax.bar_label(bars, labels=[f"{s:.0%} ({data['concreteness'][i]['measures']}项措施)"
                               for s, i in zip(shares, ids, strict=True)], fontsize=8)  # fmt: skip
    ax.set_xlim(0, 1.25)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.invert_yaxis()


def _themes(ax: Any, data: dict[str, Any]) -> None:
    items = data["themes"].most_common()
    bars = ax.barh([label_of(t) for t, _ in items], [c for _, c in items], color="#762a83")
    ax.bar_label(bars, fontsize=8)
    ax.invert_yaxis()


def _kinds(ax: Any, data: dict[str, Any]) -> None:
    items = data["regulation_kinds"].most_common()
    bars = ax.barh(
        [KIND_LABELS.get(k, k) for k, _ in items], [c for _, c in items], color="#2166ac"
    )
    ax.bar_label(bars, fontsize=8)
    ax.invert_yaxis()


CHARTS = (
    ("durations", "巡察驻点、反馈与公开的天数 / Days stationed → feedback → publication",
     "天 / days", "通报 / notice", _durations),
    ("measures-per-finding", "每个问题的整改措施数 / Measures per finding",
     "整改措施数 / measures per finding", "问题数 / findings", _per_finding),
    ("outputs-by-unit", "量化成果的计量单位 / Quantified outputs by unit",
     "成果数 / outputs", "计量单位 / unit", _units),
    ("regulations-per-notice", "各通报制定与引用的制度文件 / Regulations per notice",
     "制度文件数 / regulations", "通报 / notice", _regulations),
    ("concreteness", "具体措施占比 / Concreteness per notice",
     "有制度、成果、日期或合作单位的措施占比 / share of concrete measures", "通报 / notice", _concreteness),
    ("themes", "各问题主题出现在多少份通报中 / Problem themes across notices",
     "通报数 / notices", "问题主题 / theme", _themes),
    ("regulation-kinds", "整改中制定的制度文件类型 / Kinds of rules written in response",
     "制度文件数 / regulations", "类型 / kind", _kinds),
)  # fmt: skip


def write_charts(records: list[dict[str, Any]], folder: Path) -> list[Chart]:
    """Draw every chart of :data:`CHARTS` into ``folder`` as SVG and PNG.

    :raises UsageError: matplotlib is not installed.
    """
    import io

    setup()
    import matplotlib.pyplot as plt

    data = chart_data(records)
    rows = {"durations": len(data["durations"]), "regulations-per-notice": len(data["regulations"]),
            "concreteness": len(data["concreteness"]), "outputs-by-unit": len(data["outputs_by_unit"]),
            "measures-per-finding": 6, "themes": len(data["themes"]),
            "regulation-kinds": len(data["regulation_kinds"])}  # fmt: skip
    charts = []
    for name, title, xlabel, ylabel, draw in CHARTS:
        per_notice = name in ("durations", "regulations-per-notice", "concreteness")
        chart = Chart(
            name,
            title + (_suffix(data) if per_notice and rows[name] >= MAX_NOTICES else ""),
            xlabel,
            ylabel,
        )
        fig, ax = _figure(max(2, min(rows[name], 25)) if name != "measures-per-finding" else 6)
        try:
            draw(ax, data)
            ax.set_title(chart.title, fontsize=11, pad=24 if ax.get_legend() else 6)
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
            ax.spines[["top", "right"]].set_visible(False)
            fig.tight_layout()
            for fmt in ("svg", "png"):
                buf = io.BytesIO()
                fig.savefig(
                    buf, format=fmt, dpi=110, metadata={"Date": None} if fmt == "svg" else None
                )
                path = folder / f"{name}.{fmt}"
                write_atomic(path, buf.getvalue())
                chart.paths.append(path)
        finally:
            plt.close(fig)
        charts.append(chart)
    return charts
