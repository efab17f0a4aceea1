"""The links graph: canonical organizations and regulations across all notices of a build,
and ``xk:canonical`` links from each notice's own nodes to them (``xk:canonicalIssuer``
from the notice to its issuer's)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from .. import vocab
from ..emit.ntriples import literal
from ..recognize.names import (
    LinkReport,
    OrgName,
    key_hash,
    level_of_region,
    normalize_title,
    regulation_kind,
    resolve_org,
)


class _Names(str):
    """A namespace whose attributes and items are its terms' IRIs, as plain strings (no
    rdflib on the build path)."""

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self + name

    def __getitem__(self, name: str) -> str:  # type: ignore[override]
        return self + name


XK, ID = _Names(vocab.XK_NS), _Names(vocab.ID_NS)
RDF_TYPE, RDFS_LABEL = vocab.RDF_TYPE, vocab.RDFS_LABEL
SKOS_PREF, SKOS_ALT = vocab.SKOS_NS + "prefLabel", vocab.SKOS_NS + "altLabel"
LEVELS = vocab.LEVELS
LINKS_GRAPH = vocab.LINKS_GRAPH
_ORG_ROLES = (
    ("issuing_org", "issuer"),
    ("inspected_org", "inspected"),
    ("inspecting_body", "team"),
)


Statement = tuple[str, str, "str | tuple[str, str | None]"]  # object: an IRI or (text, lang)


def _org_iri(canonical: str) -> str:
    return f"{ID}org/{key_hash(canonical)}"


def _regulation_iri(key: str) -> str:
    return f"{ID}regulation/{key_hash(key)}"


def contribution(rec: dict[str, Any]) -> dict[str, Any]:
    """What one notice brings to the links graph (JSON-able, kept in the build's manifest so
    that a build resolves the names of new and changed notices only): its organizations as
    ``[path, name, canonical, region, base, organ]``, its regulations as ``[title, key,
    issuer]`` (the issuer's base when the notice formulated it) and its unresolved names."""
    issuer = resolve_org(rec.get("issuing_org") or "", None)
    region = issuer.region if issuer else None
    base = issuer.base if issuer else None
    named = [(path, rec.get(key)) for key, path in _ORG_ROLES]
    named += [(f"decider/{i}", name) for i, name in enumerate(rec.get("deciding_bodies") or [], 1)]
    orgs, ambiguous = [], []
    for path, name in named:
        if not name:
            continue
        resolved = resolve_org(name, region, base)
        if resolved is None:
            ambiguous.append(name)
        else:
            orgs.append([path, name, resolved.canonical, resolved.region, resolved.base, resolved.organ])  # fmt: skip
    regs = [
        [reg["title"], normalize_title(reg["title"]),
         issuer.base if reg.get("role") == "formulated" and issuer else None]
        for reg in rec.get("regulations") or []
    ]  # fmt: skip
    return {"orgs": orgs, "regs": regs, "ambiguous": ambiguous}


def _links(notice: str, part: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """A notice's links to the shared nodes, as (subject, predicate, object) IRIs:
    ``xk:canonical`` from its organizations and regulations, ``xk:canonicalIssuer`` from
    the notice itself and ``xk:canonicalInspected`` from its round (the chains
    issuedBy/canonical and inspects/canonical as one statement each, so that a query by
    issuer or inspected organization joins one row per notice, not every organization's
    and regulation's link)."""
    base = vocab.notice_iri_text(notice)
    canonical, issuer = str(XK.canonical), str(XK.canonicalIssuer)
    for path, _name, name, *_ in part["orgs"]:
        org = _org_iri(name)
        yield f"{base}/org/{path}", canonical, org
        if path == "issuer":
            yield base, issuer, org
        elif path == "inspected":  # a notice naming its inspected organization has a round
            yield f"{base}/round", str(XK.canonicalInspected), org
    for title, key, _issuer in part["regs"]:
        yield f"{base}/regulation/{key_hash(title)}", canonical, _regulation_iri(key)


def own_link_lines(notice: str, part: dict[str, Any]) -> list[str]:
    """The statements of the links graph that one notice determines alone, as N-Quads lines
    in the links graph: its ``xk:canonical``, ``xk:canonicalIssuer`` and
    ``xk:canonicalInspected`` links (see :func:`_links`) and the ``skos:prefLabel`` of each
    canonical organization they lead to (its canonical name). The rest of the links graph
    depends on other notices too (an organization's other names, a regulation's titles and
    issuers). The build's workers give these lines to the kept queries
    (:mod:`kgtools.query.kept`)."""
    g = f"<{LINKS_GRAPH}>"
    lines = {f"<{s}> <{p}> <{o}> {g} .\n" for s, p, o in _links(notice, part)}
    lines |= {f"<{_org_iri(name)}> <{SKOS_PREF}> {literal(name, lang='zh')} {g} .\n"
              for _path, _name, name, *_ in part["orgs"]}  # fmt: skip
    return sorted(lines)


class _Shared:
    """The canonical organization and regulation nodes that the notices' parts name,
    gathered one notice at a time (only the names are kept, not the parts)."""

    def __init__(self, report: LinkReport) -> None:
        self.report = report
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.orgs: dict[str, OrgName] = {}
        self.regulations: dict[str, dict[str, Any]] = {}

    def add(self, notice: str, part: dict[str, Any]) -> None:
        self.report.ambiguous += [(notice, name) for name in part["ambiguous"]]
        for _path, name, canonical, region, base, organ in part["orgs"]:
            self.orgs[canonical] = OrgName(canonical, region, base, organ)
            self.aliases[canonical].add(name)
        for title, key, issuer in part["regs"]:
            entry = self.regulations.setdefault(key, {"titles": set(), "issuers": set()})
            entry["titles"].add(title)
            if issuer:
                entry["issuers"].add(issuer)

    def statements(self) -> list[Statement]:
        out: list[Statement] = []
        aliases, report = self.aliases, self.report
        rdf_type, label, pref, alt = RDF_TYPE, RDFS_LABEL, SKOS_PREF, SKOS_ALT
        for canonical, org in sorted(self.orgs.items()):
            iri = _org_iri(canonical)
            out += [(iri, rdf_type, str(XK.CanonicalOrganization)), (iri, pref, (canonical, "zh")),
                    (iri, label, (canonical, "zh")), (iri, str(XK.level), str(LEVELS[level_of_region(org.region)]))]  # fmt: skip
            out += [(iri, alt, (a, "zh")) for a in sorted(aliases[canonical]) if a != canonical]
            if org.region:
                out.append((iri, str(XK.region), (org.region, None)))
            if org.organ:
                parent = _org_iri(org.base)
                out += [(iri, str(XK.partyOrganOf), parent), (parent, rdf_type, str(XK.CanonicalOrganization)),
                        (parent, pref, (org.base, "zh")), (parent, label, (org.base, "zh"))]  # fmt: skip
            if len(aliases[canonical]) > 1:
                report.merged[canonical] = sorted(aliases[canonical])
        for key, entry in sorted(self.regulations.items()):
            iri = _regulation_iri(key)
            titles = sorted(entry["titles"])
            out += [(iri, rdf_type, str(XK.CanonicalRegulation)), (iri, str(XK.normalizedTitle), (key, None)),
                    (iri, label, (titles[0], "zh")), (iri, str(XK.regulationKind), str(XK[regulation_kind(key)]))]  # fmt: skip
            out += [(iri, alt, (t, "zh")) for t in titles]
            out += [(iri, str(XK.issuer), _org_iri(b)) for b in sorted(entry["issuers"])]
        return out


def _shared(parts: list[tuple[str, dict[str, Any]]], report: LinkReport) -> list[Statement]:
    """The canonical organization and regulation nodes that the notices' parts name."""
    shared = _Shared(report)
    for notice, part in parts:
        shared.add(notice, part)
    return shared.statements()


def _parts(records: Iterable[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(rec["id"], rec.get("links") or contribution(rec)) for rec in records]


def link_records(records: Iterable[dict[str, Any]]) -> tuple[list[Any], LinkReport]:
    """rdflib triples of the links graph for notice records (their JSON form), and the
    report (for the Python API; the build writes :func:`link_nquads`)."""
    from rdflib import Literal, URIRef

    report, parts = LinkReport(), _parts(records)
    triples: list[Any] = [
        (URIRef(s), URIRef(p), URIRef(o))
        for notice, part in parts
        for s, p, o in _links(notice, part)
    ]
    for s, p, o in _shared(parts, report):
        value = Literal(o[0], lang=o[1]) if isinstance(o, tuple) else URIRef(o)
        triples.append((URIRef(s), URIRef(p), value))
    return triples, report


def link_nquads(records: Iterable[dict[str, Any]]) -> tuple[list[str], LinkReport]:
    """The links graph as sorted N-Quads lines, and the report: the lines of
    ``link_records``'s triples, formatted as strings (no rdflib terms)."""
    lines = LinkLines(records)
    return sorted(line for chunk in lines for line in chunk), lines.report


class LinkLines:
    """The links graph as N-Quads lines made in one pass over the records (the build's
    form: at 100 000 notices the records and lines of the whole corpus took about 1.5 GB
    held together). Iterating gives each notice's lines, sorted, in the records' order, then
    the shared nodes' lines, sorted: no line twice (a notice's lines are about its own
    nodes, the shared ones about canonical nodes). :attr:`report` is complete once the
    iteration has ended."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self._records = records
        self.report = LinkReport()

    def __iter__(self) -> Iterator[list[str]]:
        g = f"<{LINKS_GRAPH}>"
        shared = _Shared(self.report)
        for rec in self._records:
            notice, part = rec["id"], rec.get("links") or contribution(rec)
            shared.add(notice, part)
            yield sorted({f"<{s}> <{p}> <{o}> {g} .\n" for s, p, o in _links(notice, part)})
        lines = set()
        for s, p, o in shared.statements():
            value = literal(o[0], lang=o[1]) if isinstance(o, tuple) else f"<{o}>"
            lines.add(f"<{s}> <{p}> {value} {g} .\n")
        yield sorted(lines)
