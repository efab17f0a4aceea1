"""The links graph: canonical organizations and regulations across all notices of a build,
and ``xk:canonical`` links from each notice's own nodes to them."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import Literal, URIRef

from .emit import Triple, notice_iri
from .link import (
    LinkReport,
    key_hash,
    level_of_region,
    normalize_title,
    regulation_kind,
    resolve_org,
)
from .vocab import ID, LEVELS, RDF, RDFS, SKOS, XK

LINKS_GRAPH = ID["graph/links"]
_ORG_ROLES = (
    ("issuing_org", "issuer"),
    ("inspected_org", "inspected"),
    ("inspecting_body", "team"),
)


def _org_iri(canonical: str) -> URIRef:
    return ID[f"org/{key_hash(canonical)}"]


def _regulation_iri(key: str) -> URIRef:
    return ID[f"regulation/{key_hash(key)}"]


def _notice_regulation_iri(notice: str, title: str) -> URIRef:
    return URIRef(
        f"{notice_iri(notice)}/regulation/{hashlib.sha1(title.encode('utf-8')).hexdigest()[:12]}"
    )


def link_records(records: Iterable[dict[str, Any]]) -> tuple[list[Triple], LinkReport]:
    """Triples of the links graph for notice records (their JSON form), and the report."""
    triples: list[Triple] = []
    report = LinkReport()
    aliases: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, Any] = {}
    regulations: dict[str, dict[str, Any]] = {}
    for rec in records:
        notice = rec["id"]
        issuer = resolve_org(rec.get("issuing_org") or "", None)
        region = issuer.region if issuer else None
        base = issuer.base if issuer else None
        named = [(path, rec.get(key)) for key, path in _ORG_ROLES]
        named += [
            (f"decider/{i}", name) for i, name in enumerate(rec.get("deciding_bodies") or [], 1)
        ]
        for path, name in named:
            if not name:
                continue
            resolved = resolve_org(name, region, base)
            if resolved is None:
                report.ambiguous.append((notice, name))
                continue
            orgs[resolved.canonical] = resolved
            aliases[resolved.canonical].add(name)
            triples.append(
                (
                    URIRef(f"{notice_iri(notice)}/org/{path}"),
                    XK.canonical,
                    _org_iri(resolved.canonical),
                )
            )
        for reg in rec.get("regulations") or []:
            key = normalize_title(reg["title"])
            entry = regulations.setdefault(key, {"titles": set(), "issuers": set()})
            entry["titles"].add(reg["title"])
            if reg.get("role") == "formulated" and issuer:
                entry["issuers"].add(issuer.base)
            triples.append(
                (_notice_regulation_iri(notice, reg["title"]), XK.canonical, _regulation_iri(key))
            )
    for canonical, org in sorted(orgs.items()):
        iri = _org_iri(canonical)
        triples += [(iri, RDF.type, XK.CanonicalOrganization), (iri, SKOS.prefLabel, Literal(canonical, lang="zh")),
                    (iri, RDFS.label, Literal(canonical, lang="zh")),
                    (iri, XK.level, LEVELS[level_of_region(org.region)])]  # fmt: skip
        triples += [
            (iri, SKOS.altLabel, Literal(a, lang="zh"))
            for a in sorted(aliases[canonical])
            if a != canonical
        ]
        if org.region:
            triples.append((iri, XK.region, Literal(org.region)))
        if org.organ:
            parent = _org_iri(org.base)
            triples += [(iri, XK.partyOrganOf, parent), (parent, RDF.type, XK.CanonicalOrganization),
                        (parent, SKOS.prefLabel, Literal(org.base, lang="zh")),
                        (parent, RDFS.label, Literal(org.base, lang="zh"))]  # fmt: skip
        if len(aliases[canonical]) > 1:
            report.merged[canonical] = sorted(aliases[canonical])
    for key, entry in sorted(regulations.items()):
        iri = _regulation_iri(key)
        titles = sorted(entry["titles"])
        triples += [(iri, RDF.type, XK.CanonicalRegulation), (iri, XK.normalizedTitle, Literal(key)),
                    (iri, RDFS.label, Literal(titles[0], lang="zh")), (iri, XK.regulationKind, XK[regulation_kind(key)])]  # fmt: skip
        triples += [(iri, SKOS.altLabel, Literal(t, lang="zh")) for t in titles]
        triples += [(iri, XK.issuer, _org_iri(b)) for b in sorted(entry["issuers"])]
    return triples, report
