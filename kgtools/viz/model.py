"""The graph model of visualizations: a notice's RDF graph → a networkx ``DiGraph``.

Nodes are the extracted nodes of the classes in :data:`CLASSES` (notice, organization,
round, problem area, finding, measure, regulation, output, leadership action, next-step
plan), keyed by IRI, with attributes ``cls`` (the class's local name), ``label`` (short),
``quote``, ``startOffset``, ``endOffset``, ``notice`` (its id), ``color``, ``date`` (the
notice's publication or feedback date, ISO) and class-specific ones (the round's dates and
durations, an output's value and unit, a regulation's title and role …). Edges carry
``relation``, the local name of the property. Attributes are never ``None``, so every
exporter can write them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import networkx as nx

from ..vocab import NOTICE_BASE, RDF_TYPE, RDFS_LABEL, TIME_NS, XK_NS

XK = XK_NS
TIME = TIME_NS
SCHEMA = "https://schema.org/"

# local name → (zh label, en label, colour); the order is the priority when a node has two
# classes (a problem area that is also a finding is drawn as a problem area).
CLASSES: dict[str, tuple[str, str, str]] = {
    "Notice": ("通报", "notice", "#1f3b73"),
    "InspectionRound": ("巡视巡察轮次", "inspection round", "#7b3294"),
    "Organization": ("组织", "organization", "#6a51a3"),
    "ProblemArea": ("问题领域", "problem area", "#b2182b"),
    "Finding": ("问题", "finding", "#ef6548"),
    "Measure": ("整改措施", "measure", "#1a9850"),
    "Regulation": ("制度文件", "regulation", "#2166ac"),
    "Output": ("量化成果", "output", "#e08214"),
    "LeadershipAction": ("组织领导举措", "leadership action", "#8c6d31"),
    "NextStepPlan": ("下一步计划", "next-step plan", "#636363"),
}
EDGES = {
    "issuedBy", "reportsOn", "inspects", "conductedBy", "decidedBy", "hasProblemArea",
    "groupsFinding", "hasMeasure", "formulates", "studies", "cites", "citesRegulation",
    "hasOutput", "hasLeadershipAction", "hasNextStepPlan",
}  # fmt: skip
# literal properties kept as attributes: IRI → attribute name
_ATTRS = {
    XK + "title": "title", XK + "name": "name", XK + "noticeId": "noticeId",
    XK + "feedbackDate": "feedbackDate", XK + "durationStationingDays": "durationStationingDays",
    XK + "daysToFeedback": "daysToFeedback", XK + "daysToPublication": "daysToPublication",
    XK + "concretenessShare": "concretenessShare", XK + "concrete": "concrete",
    XK + "findingCount": "findingCount", XK + "measureCount": "measureCount",
    XK + "regulationCount": "regulationCount", XK + "outputCount": "outputCount",
    XK + "counts": "counts", XK + "approximate": "approximate", XK + "ordinal": "ordinal",
    SCHEMA + "value": "value", SCHEMA + "unitText": "unit", XK + "role": "role",
    XK + "startOffset": "startOffset", XK + "endOffset": "endOffset", XK + "quote": "quote",
    "http://purl.org/dc/terms/title": "title",
}  # fmt: skip
_INTS = {"durationStationingDays", "daysToFeedback", "daysToPublication", "findingCount",
         "measureCount", "regulationCount", "outputCount", "ordinal", "startOffset", "endOffset"}  # fmt: skip


@dataclass
class NoticeView:
    """One notice: its id, clean text and graph."""

    notice_id: str
    text: str
    graph: nx.DiGraph


def local(iri: str) -> str:
    """The local name of an IRI (after ``#`` or the last ``/``)."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def short_id(iri: str) -> str:
    """A node's IRI without the notice base: ``dandong-kexie-2024/area/1/finding/2``."""
    return iri.removeprefix(NOTICE_BASE)


def page_href(notice_id: str) -> str:
    """The URL (relative) of a notice's page file ``<id>.html``."""
    return quote(notice_id, safe="-_.~") + ".html"


def anchor(iri: str, notice_id: str) -> str:
    """The id of a node's highlight in its notice page: ``n-area-1-finding-2``."""
    rest = iri.removeprefix(NOTICE_BASE + quote(notice_id, safe="-_.~")).lstrip("/")
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "-" for c in rest)
    return "n-" + (cleaned or "notice")


def _value(term: Any) -> str | int | float | bool:
    from pyoxigraph import Literal

    if not isinstance(term, Literal):
        return local(term.value) if term.value.startswith(XK) else term.value
    dtype = term.datatype.value if term.datatype else ""
    if dtype.endswith("#integer"):
        return int(term.value)
    if dtype.endswith("#decimal"):
        return float(term.value)
    if dtype.endswith("#boolean"):
        return term.value == "true"
    return term.value


def view_from_triples(triples: Iterable) -> NoticeView:
    """Build the view of one notice from pyoxigraph triples or quads of its graph."""
    types: dict[str, list[str]] = defaultdict(list)
    props: dict[str, dict[str, object]] = defaultdict(dict)
    links: list[tuple[str, str, str]] = []
    objects: dict[tuple[str, str], str] = {}
    notice_iri, text = "", ""
    for t in triples:
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == RDF_TYPE:
            types[s].append(local(o.value))
            if o.value == XK + "Notice":
                notice_iri = s
        elif p == XK + "cleanText":
            text = o.value
        elif p == RDFS_LABEL:
            props[s].setdefault("label", o.value)
        elif p in _ATTRS:
            props[s][_ATTRS[p]] = _value(o)
        elif p.startswith(XK) and local(p) in EDGES | {"mentionsRegulation"}:
            links.append((s, local(p), o.value))
        elif p in (XK + "stationingInterval", XK + "publicationPeriod"):
            objects[(s, local(p))] = o.value
        elif p in (TIME + "hasBeginning", TIME + "hasEnd"):
            objects[(s, local(p))] = o.value
        elif p == TIME + "inXSDDate":
            props[s]["date"] = o.value
    if not notice_iri:
        raise ValueError("no xk:Notice in the graph")
    nid = str(props[notice_iri].get("noticeId") or unquote(short_id(notice_iri)))

    def interval(owner: str, prop: str) -> tuple[str, str] | None:
        iv = objects.get((owner, prop))
        if iv is None:
            return None
        start = props.get(objects.get((iv, "hasBeginning"), ""), {}).get("date")
        end = props.get(objects.get((iv, "hasEnd"), ""), {}).get("date")
        return (str(start), str(end)) if start and end else None

    g = nx.DiGraph(notice=nid)
    pub = interval(notice_iri, "publicationPeriod")
    feedback = ""
    for s, classes in types.items():
        if "InspectionRound" in classes:
            feedback = str(props[s].get("feedbackDate", ""))
    date = pub[0] if pub else feedback
    for s, classes in types.items():
        known = [c for c in CLASSES if c in classes]
        if not known:
            continue
        cls = known[0]
        attrs = {k: v for k, v in props[s].items() if k != "date"}
        attrs.update(cls=cls, classes=" ".join(known), notice=nid, color=CLASSES[cls][2])
        attrs.setdefault("label", short_id(s))
        attrs.setdefault("quote", "")
        if date:
            attrs["date"] = date
        if cls == "Notice":
            attrs["label"] = str(attrs.get("title", nid))
            if pub:
                attrs["publicationStart"], attrs["publicationEnd"] = pub
        if cls == "InspectionRound":
            st = interval(s, "stationingInterval")
            if st:
                attrs["stationingStart"], attrs["stationingEnd"] = st
        for k in _INTS & attrs.keys():
            attrs[k] = int(str(attrs[k]))
        g.add_node(s, **attrs)
    linked = {o for _, rel, o in links if rel != "mentionsRegulation"}
    for s, rel, o in links:
        if s in g and o in g and (rel != "mentionsRegulation" or o not in linked):
            g.add_edge(s, o, relation=rel)
    return NoticeView(nid, text, g)


def load_view(path: Path) -> NoticeView:
    """Read one notice's graph file (``.nq``, ``.nt``, ``.trig`` or ``.ttl``)."""
    from pyoxigraph import RdfFormat, parse

    fmt = {".nq": RdfFormat.N_QUADS, ".nt": RdfFormat.N_TRIPLES, ".trig": RdfFormat.TRIG,
           ".ttl": RdfFormat.TURTLE}[path.suffix]  # fmt: skip
    return view_from_triples(parse(path=str(path), format=fmt))


def view_of_record(rec: Any) -> NoticeView:
    """The view of an extracted :class:`~kgtools.record.NoticeRecord` (no build needed)."""
    from pyoxigraph import RdfFormat, parse

    from ..emit.serialize import record_nquads

    return view_from_triples(parse(record_nquads(rec), format=RdfFormat.N_QUADS))


def build_views(build: Path, notice: str | None = None) -> list[NoticeView]:
    """The views of a build's notices (``notices/<id>.nq``), or of one notice by id."""
    folder = build / "notices"
    if notice is not None:
        path = folder / f"{notice}.nq"
        return [load_view(path)] if path.is_file() else []
    return [load_view(p) for p in sorted(folder.glob("*.nq"))]


def combine(views: Iterable[NoticeView]) -> nx.DiGraph:
    """One graph of several notices (their node IRIs never collide)."""
    graphs = [v.graph for v in views]
    g = nx.compose_all(graphs) if graphs else nx.DiGraph()
    g.graph = {"notice": "all" if len(graphs) != 1 else graphs[0].graph["notice"]}
    return g
