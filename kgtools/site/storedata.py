"""The report's tables and charts from a build's store: one SPARQL query per table or chart
over every notice graph, reading the tallies each notice graph carries (``xk:findingCount``,
``xk:measureCount``, ``xk:concretenessShare`` …) — never a notice's graph or record parsed
one by one. :func:`chart_data_of_store` gives the same numbers as
:func:`kgtools.viz.chartspec.chart_data` gives from the records (a test holds them equal).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..recognize.names import regulation_kind
from ..viz.chartspec import MAX_NOTICES
from ..viz.model import local
from ..vocab import XK_NS, notice_iri_text

_PREFIXES = (f"PREFIX xk: <{XK_NS}>\nPREFIX dct: <http://purl.org/dc/terms/>\n"
             "PREFIX schema: <https://schema.org/>\n")  # fmt: skip

NOTICES = (
    _PREFIXES
    + """SELECT ?g ?id ?title ?issuer ?findings ?measures ?regulations ?outputs
       ?share ?start ?end ?feedback ?published WHERE {
  GRAPH ?g {
    ?g a xk:Notice ; xk:noticeId ?id .
    OPTIONAL { ?g dct:title ?title }
    OPTIONAL { ?g xk:issuedBy/xk:name ?issuer }
    OPTIONAL { ?g xk:findingCount ?findings }
    OPTIONAL { ?g xk:measureCount ?measures }
    OPTIONAL { ?g xk:regulationCount ?regulations }
    OPTIONAL { ?g xk:outputCount ?outputs }
    OPTIONAL { ?g xk:concretenessShare ?share }
    OPTIONAL { ?g xk:publicationStart ?published }
    OPTIONAL { ?g xk:reportsOn ?round .
               OPTIONAL { ?round xk:stationingStart ?start }
               OPTIONAL { ?round xk:stationingEnd ?end }
               OPTIONAL { ?round xk:feedbackDate ?feedback } }
  }
}"""
)
# Each a scan of one property where it can be (a join costs the store a lookup per row:
# on 1 000 notices 0.35 s instead of 0.01): the measures of each finding as the graph
# tallies them, an output's unit (only outputs have schema:unitText), the notice's theme
# tallies (one per theme its findings have).
MEASURES_PER_FINDING = (
    _PREFIXES
    + """SELECT ?n (COUNT(*) AS ?findings) WHERE {
  GRAPH ?g { ?f xk:numberOfMeasures ?n }
} GROUP BY ?n"""
)
OUTPUT_UNITS = (
    _PREFIXES
    + """SELECT ?unit (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?o schema:unitText ?unit }
} GROUP BY ?unit"""
)
THEMES = (
    _PREFIXES
    + """SELECT ?theme (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?tally xk:tallyTheme ?theme }
} GROUP BY ?theme"""
)
FORMULATED = (
    _PREFIXES
    + """SELECT ?title (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?r a xk:Regulation ; xk:role xk:RoleFormulated ; xk:title ?title }
} GROUP BY ?title"""
)
ROLES = (
    _PREFIXES
    + """SELECT ?g ?role (COUNT(*) AS ?n) WHERE {
  VALUES ?g { %s }
  GRAPH ?g { ?r a xk:Regulation ; xk:role ?role }
} GROUP BY ?g ?role"""
)


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


def _text(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else str(term.value)


def _int(row: Any, name: str) -> int:
    term = row[name]
    return 0 if term is None else int(term.value)


def notice_rows(store: Any) -> list[NoticeRow]:
    """Every notice of the store, sorted by id (one query)."""
    rows: dict[str, NoticeRow] = {}
    for row in store.query(NOTICES):
        nid = str(row["id"].value)
        if nid in rows:  # a second title or issuer: the first is shown
            continue
        share = row["share"]
        rows[nid] = NoticeRow(
            nid, _text(row, "title") or "", _text(row, "issuer") or "", _int(row, "findings"),
            _int(row, "measures"), _int(row, "regulations"), _int(row, "outputs"),
            float(share.value) if share is not None else 0.0,
            (_text(row, "start"), _text(row, "end"), _text(row, "feedback"), _text(row, "published")),
        )  # fmt: skip
    return [rows[k] for k in sorted(rows)]


def _days(a: str | None, b: str | None) -> int | None:
    from datetime import date

    if not a or not b:
        return None
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def _counter(store: Any, query: str, key: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in store.query(query):
        counts[str(row[key].value)] += int(row["n"].value)
    return counts


def chart_data_of_store(store: Any, rows: list[NoticeRow]) -> dict[str, Any]:
    """The numbers behind every chart (as :func:`~kgtools.viz.chartspec.chart_data`), from
    the store and the index's rows (:func:`notice_rows`)."""
    first = rows[:MAX_NOTICES]
    durations = {r.notice_id: (_days(r.dates[0], r.dates[1]), _days(r.dates[1], r.dates[2]),
                               _days(r.dates[2], r.dates[3])) for r in first}  # fmt: skip
    regulations: dict[str, Counter[str]] = {r.notice_id: Counter() for r in first}
    if first:
        by_iri = {notice_iri_text(r.notice_id): r.notice_id for r in first}
        iris = " ".join(f"<{iri}>" for iri in by_iri)
        for row in store.query(ROLES % iris):
            role = local(row["role"].value).removeprefix("Role").lower()
            regulations[by_iri[row["g"].value]][role] += int(row["n"].value)
    per_finding: Counter[int] = Counter()
    for row in store.query(MEASURES_PER_FINDING):
        per_finding[int(row["n"].value)] += int(row["findings"].value)
    themes = Counter({local(k): v for k, v in _counter(store, THEMES, "theme").items()})
    kinds: Counter[str] = Counter()
    for title, n in _counter(store, FORMULATED, "title").items():
        kinds[regulation_kind(title)] += n
    concreteness = {r.notice_id: {"share": r.share, "measures": r.measures} for r in first}
    return {"notices": len(rows), "durations": durations, "measures_per_finding": per_finding,
            "outputs_by_unit": _counter(store, OUTPUT_UNITS, "unit"), "regulations": regulations,
            "concreteness": concreteness, "themes": themes, "regulation_kinds": kinds}  # fmt: skip
