"""The report's tables and charts from a build's store, notice by notice: what each notice
graph gives the index and the charts (:class:`NoticePart`: its row, its measures per
finding, output units, themes, regulations written and their roles, its node count) from
the tallies each graph carries (``xk:findingCount``, ``xk:concretenessShare`` …) — never a
notice's graph or record parsed one by one.

A notice's part depends on its graph only, so the report keeps each one with its graph's
digest and asks the store only for the parts of changed notices (:func:`notice_parts` with
``notices``); during a build the workers compute them on the chunk's in-memory store with
the same queries (:mod:`.prepare`). :func:`chart_data_of_parts` sums them into the numbers
:func:`kgtools.viz.chartspec.chart_data` gives from the records (a test holds them equal).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..recognize.names import regulation_kind
from ..viz.chartspec import MAX_NOTICES
from ..viz.model import local
from ..vocab import XK_NS, notice_iri_text

_PREFIXES = (f"PREFIX xk: <{XK_NS}>\nPREFIX dct: <http://purl.org/dc/terms/>\n"
             "PREFIX schema: <https://schema.org/>\n")  # fmt: skip
_CLASSES = " ".join(f"xk:{c}" for c in ("Notice", "InspectionRound", "Organization", "ProblemArea",
                    "Finding", "Measure", "Regulation", "Output", "LeadershipAction", "NextStepPlan"))  # fmt: skip

# %(g)s: a VALUES clause naming the graphs to read, or nothing (every graph). Each pattern
# sits in its own subquery, joined by hashing on ?g (and ?round): over every graph the
# store then scans each property once instead of looking one up per row (after an
# incremental build 60 µs a lookup: this query took 4.6 s at 10 000 notices as one pattern).
NOTICES = _PREFIXES + """SELECT ?g ?id ?title ?issuer ?findings ?measures ?regulations ?outputs
       ?share ?start ?end ?feedback ?published WHERE {
  { SELECT ?g ?id WHERE { %(g)s GRAPH ?g { ?g a xk:Notice ; xk:noticeId ?id } } }
  OPTIONAL { SELECT ?g ?title WHERE { %(g)s GRAPH ?g { ?g dct:title ?title } } }
  OPTIONAL { SELECT ?g ?issuer WHERE { %(g)s GRAPH ?g { ?g xk:issuedBy/xk:name ?issuer } } }
  OPTIONAL { SELECT ?g ?findings WHERE { %(g)s GRAPH ?g { ?g xk:findingCount ?findings } } }
  OPTIONAL { SELECT ?g ?measures WHERE { %(g)s GRAPH ?g { ?g xk:measureCount ?measures } } }
  OPTIONAL { SELECT ?g ?regulations WHERE { %(g)s GRAPH ?g { ?g xk:regulationCount ?regulations } } }
  OPTIONAL { SELECT ?g ?outputs WHERE { %(g)s GRAPH ?g { ?g xk:outputCount ?outputs } } }
  OPTIONAL { SELECT ?g ?share WHERE { %(g)s GRAPH ?g { ?g xk:concretenessShare ?share } } }
  OPTIONAL { SELECT ?g ?published WHERE { %(g)s GRAPH ?g { ?g xk:publicationStart ?published } } }
  OPTIONAL {
    { SELECT ?g ?round WHERE { %(g)s GRAPH ?g { ?g xk:reportsOn ?round } } }
    OPTIONAL { SELECT ?g ?round ?start WHERE { %(g)s GRAPH ?g { ?round xk:stationingStart ?start } } }
    OPTIONAL { SELECT ?g ?round ?end WHERE { %(g)s GRAPH ?g { ?round xk:stationingEnd ?end } } }
    OPTIONAL { SELECT ?g ?round ?feedback WHERE { %(g)s GRAPH ?g { ?round xk:feedbackDate ?feedback } } }
  }
}"""  # fmt: skip
# (graph, key, count) rows: the measures of each finding as the graph tallies them, an
# output's unit (only outputs have schema:unitText), the themes its findings have (one
# tally each), the regulations it writes by title (kept by kind), its regulations by role,
# its nodes.
COUNTS = {
    "measures_per_finding": "SELECT ?g ?k (COUNT(*) AS ?n) WHERE { %(g)s GRAPH ?g { ?f xk:numberOfMeasures ?k } } GROUP BY ?g ?k",  # fmt: skip
    "units": "SELECT ?g ?k (COUNT(*) AS ?n) WHERE { %(g)s GRAPH ?g { ?o schema:unitText ?k } } GROUP BY ?g ?k",  # fmt: skip
    "themes": "SELECT ?g ?k (COUNT(*) AS ?n) WHERE { %(g)s GRAPH ?g { ?tally xk:tallyTheme ?k } } GROUP BY ?g ?k",  # fmt: skip
    "formulated": """SELECT ?g ?k (COUNT(*) AS ?n) WHERE {
  { SELECT ?g ?r WHERE { %(g)s GRAPH ?g { ?r xk:role xk:RoleFormulated } } }
  { SELECT ?g ?r WHERE { %(g)s GRAPH ?g { ?r a xk:Regulation } } }
  { SELECT ?g ?r ?k WHERE { %(g)s GRAPH ?g { ?r xk:title ?k } } } } GROUP BY ?g ?k""",
    "roles": """SELECT ?g ?k (COUNT(*) AS ?n) WHERE {
  { SELECT ?g ?r WHERE { %(g)s GRAPH ?g { ?r a xk:Regulation } } }
  { SELECT ?g ?r ?k WHERE { %(g)s GRAPH ?g { ?r xk:role ?k } } } } GROUP BY ?g ?k""",
    "nodes": 'SELECT ?g ("all" AS ?k) (COUNT(DISTINCT ?x) AS ?n) WHERE { %(g)s GRAPH ?g { ?x a ?c } VALUES ?c { '
    + _CLASSES
    + " } } GROUP BY ?g",  # fmt: skip
}
# more notices than this are read by one scan of the whole store, not graph by graph
ONE_BY_ONE = 500


@dataclass
class NoticeRow:
    """A notice as the report's index shows it (from its graph's tallies)."""

    notice_id: str
    title: str
    issuer: str
    findings: int
    measures: int
    regulations: int
    outputs: int
    share: float
    dates: tuple[
        str | None, str | None, str | None, str | None
    ]  # stationed, ended, feedback, published


@dataclass
class NoticePart:
    """What one notice graph gives the index and the charts."""

    row: NoticeRow
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # COUNTS name → key → n

    def to_json(self) -> list[Any]:
        r = self.row
        return [[r.notice_id, r.title, r.issuer, r.findings, r.measures, r.regulations,
                 r.outputs, r.share, list(r.dates)], self.counts]  # fmt: skip

    @classmethod
    def from_json(cls, data: list[Any]) -> NoticePart:
        row, counts = data
        return cls(NoticeRow(*row[:8], tuple(row[8])), counts)  # type: ignore[call-arg]


def _text(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else str(term.value)


def _int(row: Any, name: str) -> int:
    term = row[name]
    return 0 if term is None else int(term.value)


def _key(term: Any) -> str:
    value = str(term.value)
    return local(value) if value.startswith(XK_NS) else value


def notice_parts(store: Any, notices: list[str] | None = None) -> dict[str, NoticePart]:
    """The part of every notice graph of ``store`` (or of the ``notices`` given by id), by id."""
    if notices is not None and len(notices) > ONE_BY_ONE:
        wanted = set(notices)
        return {n: p for n, p in notice_parts(store).items() if n in wanted}
    if notices is not None and not notices:
        return {}
    values = "" if notices is None else "VALUES ?g { " + " ".join(f"<{notice_iri_text(n)}>" for n in notices) + " }"  # fmt: skip
    fill = {"g": values}
    parts: dict[str, NoticePart] = {}
    by_graph: dict[str, NoticePart] = {}
    for row in store.query(NOTICES % fill):
        nid = str(row["id"].value)
        if nid in parts:  # a second title or issuer: the first is shown
            continue
        share = row["share"]
        parts[nid] = by_graph[row["g"].value] = NoticePart(NoticeRow(
            nid, _text(row, "title") or "", _text(row, "issuer") or "", _int(row, "findings"),
            _int(row, "measures"), _int(row, "regulations"), _int(row, "outputs"),
            float(share.value) if share is not None else 0.0,
            (_text(row, "start"), _text(row, "end"), _text(row, "feedback"), _text(row, "published")),
        ))  # fmt: skip
    for name, query in COUNTS.items():
        for row in store.query(_PREFIXES + query % fill):
            part = by_graph.get(row["g"].value)
            if part is not None:
                counts = part.counts.setdefault(name, {})
                key = _key(row["k"])
                if name == "formulated":  # the chart counts kinds; a title is long
                    key = regulation_kind(key)
                counts[key] = counts.get(key, 0) + int(row["n"].value)
    return parts


def notice_rows(store: Any) -> list[NoticeRow]:
    """Every notice of the store, sorted by id."""
    return [p.row for _, p in sorted(notice_parts(store).items())]


def node_count(parts: dict[str, NoticePart]) -> int:
    """The nodes of the notices' graphs (of the classes a graph page shows)."""
    return sum(sum(p.counts.get("nodes", {}).values()) for p in parts.values())


def _days(a: str | None, b: str | None) -> int | None:
    from datetime import date

    if not a or not b:
        return None
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def chart_data_of_parts(parts: dict[str, NoticePart]) -> dict[str, Any]:
    """The numbers behind every chart (as :func:`~kgtools.viz.chartspec.chart_data`)."""
    ids = sorted(parts)
    first = [parts[n].row for n in ids[:MAX_NOTICES]]
    durations = {r.notice_id: (_days(r.dates[0], r.dates[1]), _days(r.dates[1], r.dates[2]),
                               _days(r.dates[2], r.dates[3])) for r in first}  # fmt: skip
    regulations = {
        r.notice_id: Counter({k.removeprefix("Role").lower(): n
                              for k, n in parts[r.notice_id].counts.get("roles", {}).items()})
        for r in first
    }  # fmt: skip
    # plain dicts: Counter.update took twice the time (0.08 s at 10 000 notices)
    total: dict[str, dict[str, int]] = {name: {} for name in COUNTS}
    themes: dict[str, int] = {}
    for part in parts.values():
        for name, counts in part.counts.items():
            sums = total.setdefault(name, {})
            for key, n in counts.items():
                sums[key] = sums.get(key, 0) + n
        for key in part.counts.get("themes", ()):  # notices per theme
            themes[key] = themes.get(key, 0) + 1
    per_finding: Counter[int] = Counter(
        {int(k): n for k, n in total["measures_per_finding"].items()}
    )
    kinds = Counter(total["formulated"])
    concreteness = {r.notice_id: {"share": r.share, "measures": r.measures} for r in first}
    return {"notices": len(parts), "durations": durations, "measures_per_finding": per_finding,
            "outputs_by_unit": Counter(total["units"]), "regulations": regulations,
            "concreteness": concreteness, "themes": Counter(themes), "regulation_kinds": kinds}  # fmt: skip


def chart_data_of_store(store: Any) -> dict[str, Any]:
    """The numbers behind every chart, from every notice graph of the store."""
    return chart_data_of_parts(notice_parts(store))


__all__ = ["NoticePart", "NoticeRow", "chart_data_of_parts", "chart_data_of_store",
           "node_count", "notice_parts", "notice_rows"]  # fmt: skip
