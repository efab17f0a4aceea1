"""What the build's charts show, independent of how they are drawn: the numbers (from the
notice records, :func:`chart_data`, or from a build's store by SPARQL,
:func:`kgtools.site.storedata.chart_data_of_store`: the same dict) and, for each chart, its
title, axis labels, categories and series (:func:`specs_of`). Two renderers draw the same specs: the report's charts page in the
browser (Apache ECharts, :mod:`kgtools.site.charts`, no Python plotting library) and the
static SVG/PNG files for print (matplotlib, :mod:`.charts`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..recognize.names import regulation_kind
from ..recognize.themes import label_of

MAX_NOTICES = 40
MAX_UNITS = 25
KIND_LABELS = {"RegKindMeasures": "办法", "RegKindRules": "细则", "RegKindSystem": "制度", "RegKindList": "清单",
               "RegKindRegulations": "条例", "RegKindOpinions": "意见", "RegKindPlan": "方案",
               "RegKindProvisions": "规定", "RegKindOther": "其他"}  # fmt: skip
ROLE_LABELS = {"formulated": "制定 formulated", "studied": "学习 studied", "cited": "引用 cited"}

Number = int | float


@dataclass
class Series:
    """One row of bars: its legend name, a value per category (None: unknown), its colour."""

    name: str
    values: list[Number | None]
    color: str


@dataclass
class ChartSpec:
    """A bar chart. ``horizontal``: categories top to bottom on the y axis, values along x;
    ``xlabel``/``ylabel`` name the x and y axes as drawn. Several series are stacked.
    ``percent``: values are shares in [0, 1]. ``labels``: the text at the end of each bar
    (one series only); otherwise bars show their values."""

    name: str
    title: str
    xlabel: str
    ylabel: str
    categories: list[str]
    series: list[Series]
    horizontal: bool = True
    percent: bool = False
    labels: list[str] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def title_zh(self) -> str:
        return self.title.split(" / ")[0]

    @property
    def category_label(self) -> str:
        return self.ylabel if self.horizontal else self.xlabel

    @property
    def value_label(self) -> str:
        return self.xlabel if self.horizontal else self.ylabel

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The chart's numbers as a table: a row per category, a column per series."""
        names = [s.name or self.value_label for s in self.series]
        rows = []
        for i, category in enumerate(self.categories):
            cells = [_cell(s.values[i], self.percent) for s in self.series]
            if self.labels is not None:
                cells = [self.labels[i]]
            rows.append([category, *cells])
        return [self.category_label, *names], rows


def _cell(value: Number | None, percent: bool) -> str:
    if value is None:
        return ""
    return f"{value:.0%}" if percent else str(value)


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


def _ranked(counts: Counter[str], n: int | None = None) -> list[tuple[str, int]]:
    """Most frequent first, ties by name: the same order whatever the records' order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _first(data: dict[str, Any]) -> list[str]:
    n = data["notices"]
    return [f"前{MAX_NOTICES}份 / first {MAX_NOTICES} of {n} notices"] if n > MAX_NOTICES else []


def chart_specs(records: list[dict[str, Any]]) -> list[ChartSpec]:
    """Every chart of the report, in order, from notice records."""
    return specs_of(chart_data(records))


def specs_of(data: dict[str, Any]) -> list[ChartSpec]:
    """Every chart of the report, in order, from the numbers of :func:`chart_data`."""
    ids = list(data["durations"])
    parts = ("驻点巡察 stationed", "驻点结束→反馈 to feedback", "反馈→公开 to publication")
    durations = ChartSpec(
        "durations", "巡察驻点、反馈与公开的天数 / Days stationed → feedback → publication",
        "天 / days", "通报 / notice", ids,
        [Series(label, [data["durations"][i][k] for i in ids], color)
         for k, (label, color) in enumerate(zip(parts, ("#7b3294", "#ef6548", "#1a9850"), strict=True))],
        notes=_first(data),
    )  # fmt: skip
    counts = data["measures_per_finding"]
    xs = list(range(0, max(counts, default=0) + 1))
    per_finding = ChartSpec(
        "measures-per-finding", "每个问题的整改措施数 / Measures per finding",
        "整改措施数 / measures per finding", "问题数 / findings", [str(x) for x in xs],
        [Series("", [counts.get(x, 0) for x in xs], "#1a9850")], horizontal=False,
    )  # fmt: skip
    units = _ranked(data["outputs_by_unit"], MAX_UNITS)
    outputs = ChartSpec(
        "outputs-by-unit", "量化成果的计量单位 / Quantified outputs by unit",
        "成果数 / outputs", "计量单位 / unit", [u for u, _ in units],
        [Series("", [c for _, c in units], "#e08214")],
    )  # fmt: skip
    reg_ids = list(data["regulations"])
    regulations = ChartSpec(
        "regulations-per-notice", "各通报制定与引用的制度文件 / Regulations per notice",
        "制度文件数 / regulations", "通报 / notice", reg_ids,
        [Series(ROLE_LABELS[role], [data["regulations"][i].get(role, 0) for i in reg_ids], color)
         for role, color in (("formulated", "#2166ac"), ("studied", "#67a9cf"), ("cited", "#bdbdbd"))],
        notes=_first(data),
    )  # fmt: skip
    conc = data["concreteness"]
    concreteness = ChartSpec(
        "concreteness", "具体措施占比 / Concreteness per notice",
        "有制度、成果、日期或合作单位的措施占比 / share of concrete measures", "通报 / notice",
        list(conc), [Series("", [conc[i]["share"] for i in conc], "#1f3b73")], percent=True,
        labels=[f"{conc[i]['share']:.0%} ({conc[i]['measures']}项措施)" for i in conc],
        notes=_first(data),
    )  # fmt: skip
    theme_items = _ranked(data["themes"])
    themes = ChartSpec(
        "themes", "各问题主题出现在多少份通报中 / Problem themes across notices",
        "通报数 / notices", "问题主题 / theme", [label_of(t) for t, _ in theme_items],
        [Series("", [c for _, c in theme_items], "#762a83")],
    )  # fmt: skip
    kind_items = _ranked(data["regulation_kinds"])
    kinds = ChartSpec(
        "regulation-kinds", "整改中制定的制度文件类型 / Kinds of rules written in response",
        "制度文件数 / regulations", "类型 / kind", [KIND_LABELS.get(k, k) for k, _ in kind_items],
        [Series("", [c for _, c in kind_items], "#2166ac")],
    )  # fmt: skip
    return [durations, per_finding, outputs, regulations, concreteness, themes, kinds]
