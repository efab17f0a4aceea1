"""The graph model of visualizations: a notice's RDF graph → a networkx ``DiGraph``.

Nodes are the extracted nodes of the classes in :data:`CLASSES` (notice, organization,
round, problem area, finding, measure, regulation, output, leadership action, next-step
plan), keyed by IRI, with attributes ``cls`` (the class's local name), ``label`` (short),
``quote``, ``startOffset``, ``endOffset``, ``notice`` (its id), ``color``, ``date`` (the
notice's publication or feedback date, ISO) and class-specific ones (the round's dates and
durations, an output's value and unit, a regulation's title and role …). Edges carry
``relation``, the local name of the property. Attributes are never ``None``, so every
exporter can write them.

The lean graph of a build (issue 20) has no ``rdfs:label`` and no ``xk:quote``: a node's
quote is the notice's clean text at its offsets and its label is computed from it
(:func:`display_label`); a graph that still has them (older builds) is read as it is.
A notice's view comes from the build's store (:func:`view_from_store`, one named graph),
from a graph file (:func:`load_view`) or from a record (:func:`view_of_record`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import networkx as nx

from ..display import clip
from ..vocab import NOTICE_BASE, NOTICE_CLASS, RDF_TYPE, RDFS_LABEL, TIME_NS, XK_NS, notice_iri_text

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
    "hasOutput", "hasLeadershipAction", "hasNextStepPlan", "hasFinding",
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
# flags the graph states only when true (the lean graph): shown false when absent
_FALSE_UNLESS_STATED = {"Measure": "concrete", "Output": "approximate"}
LABEL_LENGTH = 24  # as the labels the graph had before the lean build (emit's short_label)
_INTS = {"durationStationingDays", "daysToFeedback", "daysToPublication", "findingCount",
         "measureCount", "regulationCount", "outputCount", "ordinal", "startOffset", "endOffset"}  # fmt: skip


@dataclass
class NoticeView:
    """One notice: its id, clean text and graph."""

    notice_id: str
    text: str
    graph: nx.DiGraph


# What view_from_triples does with each predicate it reads (others are skipped).
_TYPE, _ATTR, _LINK, _OBJECT, _TEXT, _LABEL, _DATE = range(7)
_LINKS = {XK + name: name for name in EDGES | {"mentionsRegulation"}}
_KINDS = {
    RDF_TYPE: _TYPE, XK + "cleanText": _TEXT, RDFS_LABEL: _LABEL, TIME + "inXSDDate": _DATE,
    **dict.fromkeys(_ATTRS, _ATTR), **dict.fromkeys(_LINKS, _LINK),
    **dict.fromkeys((XK + "stationingInterval", XK + "publicationPeriod",
                     TIME + "hasBeginning", TIME + "hasEnd"), _OBJECT),
}  # fmt: skip


def local(iri: str) -> str:
    """The local name of an IRI (after ``#`` or the last ``/``)."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def short_id(iri: str) -> str:
    """A node's IRI without the notice base: ``dandong-kexie-2024/area/1/finding/2``."""
    return iri.removeprefix(NOTICE_BASE)


def page_href(notice_id: str) -> str:
    """The URL (relative) of a notice's page file ``<id>.html``."""
    return quote(notice_id, safe="-_.~") + ".html"


def _number_text(value: object) -> str:
    """A decimal as written in the text: ``88``, not ``88.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def display_label(cls: str, attrs: dict[str, Any], quote: str, team: str = "") -> str:
    """The label a node is shown with, computed as the graph's labels used to be: an
    output's ``{value}{unit} {counts}``, a round's team, else its quote clipped to 24."""
    if cls == "Output" and "value" in attrs and "unit" in attrs:
        text = f"{_number_text(attrs['value'])}{attrs['unit']} {attrs.get('counts', '')}"
    elif cls == "InspectionRound" and team:
        text = team
    else:
        text = quote
    return clip(text, LABEL_LENGTH)


def _value(term: str | tuple) -> str | int | float | bool:
    """An attribute's value from a plain object: an IRI (``str``) or a literal
    ``(text, datatype, lang)``."""
    if isinstance(term, str):
        return local(term) if term.startswith(XK) else term
    text, dtype = term[0], term[1] or ""
    if dtype.endswith("#integer"):
        return int(text)
    if dtype.endswith("#decimal"):
        return float(text)
    if dtype.endswith("#boolean"):
        return text == "true"
    return str(text)


def _plain(triples: Iterable) -> Iterator[tuple[str, str, str | tuple]]:
    """pyoxigraph triples or quads as plain ``(subject, predicate, object)``, those whose
    predicate the view reads (an object: an IRI as ``str``, a literal as a tuple)."""
    from pyoxigraph import NamedNode

    for t in triples:
        p = t.predicate.value
        if p in _KINDS:
            o = t.object
            if isinstance(o, NamedNode):
                yield t.subject.value, p, o.value
            else:
                dtype = getattr(o, "datatype", None)
                yield t.subject.value, p, (o.value, dtype.value if dtype else None, None)


def view_from_triples(triples: Iterable) -> NoticeView:
    """Build the view of one notice from pyoxigraph triples or quads of its graph, in any
    order (nodes and edges are added in IRI order: a store and a file give the same)."""
    return view_from_quads(_plain(triples))


def view_from_quads(quads: Iterable[tuple[str, str, str | tuple]]) -> NoticeView:
    """Build the view of one notice from the plain quads of its graph as
    :func:`kgtools.emit.quads.record_quads` makes them (``(subject, predicate, object)``,
    an object an IRI ``str`` or a literal ``(text, datatype, lang)``), in any order; the
    same view as from the N-Quads of those quads, without parsing them."""
    types: dict[str, list[str]] = defaultdict(list)
    props: dict[str, dict[str, object]] = defaultdict(dict)
    links: list[tuple[str, str, str]] = []
    objects: dict[tuple[str, str], str] = {}
    notice_iri, text = "", ""
    for s, p, o in dict.fromkeys(quads):  # a graph is a set: a repeated quad counts once
        kind = _KINDS.get(p)
        if kind is None:
            continue
        if kind == _TYPE:
            cls = o if isinstance(o, str) else str(o[0])
            types[s].append(local(cls))
            if cls == NOTICE_CLASS:
                notice_iri = s
        elif kind == _ATTR:
            props[s][_ATTRS[p]] = _value(o)
        elif kind == _LINK:
            links.append((s, _LINKS[p], str(o)))
        elif kind == _OBJECT:
            objects[(s, local(p))] = str(o)
        elif kind == _TEXT:
            text = str(o[0])
        elif kind == _LABEL:
            props[s].setdefault("label", str(o[0]))
        else:  # _DATE
            props[s]["date"] = str(o[0])
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

    links.sort()
    team = ""
    for _, rel, o in links:
        if rel == "conductedBy":
            team = str(props.get(o, {}).get("name", ""))
    g = nx.DiGraph(notice=nid)
    pub = interval(notice_iri, "publicationPeriod")
    feedback = ""
    for s, classes in sorted(types.items()):
        if "InspectionRound" in classes:
            feedback = str(props[s].get("feedbackDate", ""))
    date = pub[0] if pub else feedback
    for s, classes in sorted(types.items()):
        known = [c for c in CLASSES if c in classes]
        if not known:
            continue
        cls = known[0]
        attrs = {k: v for k, v in props[s].items() if k != "date"}
        if cls in _FALSE_UNLESS_STATED:
            attrs.setdefault(_FALSE_UNLESS_STATED[cls], False)
        attrs.update(cls=cls, classes=" ".join(known), notice=nid, color=CLASSES[cls][2])
        for k in _INTS & attrs.keys():
            attrs[k] = int(str(attrs[k]))
        if "quote" not in attrs and "startOffset" in attrs and "endOffset" in attrs:
            attrs["quote"] = text[int(str(attrs["startOffset"])) : int(str(attrs["endOffset"]))]
        attrs.setdefault("quote", "")
        if "label" not in attrs:
            quote = str(attrs["quote"])
            attrs["label"] = display_label(cls, attrs, quote, team) if quote else short_id(s)
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
    from ..emit.quads import record_quads

    return view_from_quads(record_quads(rec))


STORE_NOTICES = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{NOTICE_CLASS}> }} }} ORDER BY ?g"


def store_notices(store: Any) -> list[str]:
    """The ids of the notices a build's store holds (one named graph each), sorted."""
    return sorted(unquote(short_id(row["g"].value)) for row in store.query(STORE_NOTICES))


def view_from_store(store: Any, notice_id: str) -> NoticeView | None:
    """The view of one notice from a build's store (its named graph); None when absent."""
    from pyoxigraph import NamedNode

    graph = NamedNode(notice_iri_text(notice_id))
    quads = list(store.quads_for_pattern(None, None, None, graph))
    return view_from_triples(quads) if quads else None


def _open_store(build: Path) -> Any:
    """The build's store opened read-only, or None when the folder has no store (the
    notices' graph files of a build from an earlier version are read instead)."""
    if not (build / "store").is_dir():
        return None
    from ..build.store import open_read_only

    return open_read_only(build / "store")


def build_views(build: Path, notice: str | None = None) -> list[NoticeView]:
    """The views of a build's notices (from its store; from ``notices/<id>.nq`` in a build
    without one), or of one notice by id."""
    store = _open_store(build)
    if store is not None:
        ids = store_notices(store) if notice is None else [notice]
        views = [view_from_store(store, nid) for nid in ids]
        return [v for v in views if v is not None]
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
