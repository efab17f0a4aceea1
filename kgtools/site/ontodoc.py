"""Ontology documentation: one HTML page generated from ``ontology/*.ttl`` (rdflib), with
the Chinese and English label and definition of every class, property and code list."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..resources import resource_dir
from ..vocab import XK_NS

XK = XK_NS
DCT_TITLE = URIRef("http://purl.org/dc/terms/title")
DCT_DESC = URIRef("http://purl.org/dc/terms/description")
_PREFIXES = {
    XK: "xk:", "http://www.w3.org/ns/prov#": "prov:", "https://schema.org/": "schema:",
    "http://www.w3.org/ns/org#": "org:", "http://www.w3.org/2006/time#": "time:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:", "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:", "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/oa#": "oa:", "http://www.w3.org/2002/07/owl#": "owl:",
}  # fmt: skip


def _curie(term: object) -> str:
    s = str(term)
    for ns, prefix in _PREFIXES.items():
        if s.startswith(ns):
            return prefix + s[len(ns) :]
    return s


def _lang(g: Graph, s: Any, p: URIRef, lang: str) -> str:
    for o in g.objects(s, p):
        if getattr(o, "language", None) == lang:
            return str(o)
    return ""


def _anchor(term: object) -> str:
    return _curie(term).replace(":", "-")


def _link(g: Graph, term: Any) -> str:
    text = html.escape(_curie(term))
    if str(term).startswith(XK) and (term, None, None) in g:
        return f'<a href="#{_anchor(term)}"><code>{text}</code></a>'
    return f"<code>{text}</code>"


def _rows(g: Graph, terms: list, extra: list[tuple[str, URIRef]]) -> str:
    out = []
    for t in terms:
        cells = [
            f'<td id="{_anchor(t)}"><code>{html.escape(_curie(t))}</code></td>',
            f"<td>{html.escape(_lang(g, t, RDFS.label, 'zh') or _lang(g, t, SKOS.prefLabel, 'zh'))}</td>",
            f"<td>{html.escape(_lang(g, t, RDFS.label, 'en') or _lang(g, t, SKOS.prefLabel, 'en'))}</td>",
            f"<td>{html.escape(_lang(g, t, SKOS.definition, 'zh'))}<br><span class='en'>"
            f"{html.escape(_lang(g, t, SKOS.definition, 'en'))}</span></td>",
        ]
        for _, prop in extra:
            cells.append(
                "<td>" + ", ".join(sorted(_link(g, o) for o in g.objects(t, prop))) + "</td>"
            )
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out)


def _table(g: Graph, title: str, terms: list, extra: list[tuple[str, URIRef]]) -> str:
    if not terms:
        return ""
    head = "".join(
        f"<th>{html.escape(h)}</th>" for h in ["术语 term", "中文", "English", "定义 definition"]
    )
    head += "".join(f"<th>{html.escape(h)}</th>" for h, _ in extra)
    return (f"<h2>{html.escape(title)} ({len(terms)})</h2>\n<table class='onto'><thead><tr>{head}</tr></thead>"
            f"<tbody>{_rows(g, terms, extra)}</tbody></table>")  # fmt: skip


def ontology_sections(folder: Path | None = None) -> tuple[str, str]:
    """(title, HTML body) documenting the ontology files of ``folder`` (default: shipped)."""
    g = Graph()
    for path in sorted((folder or resource_dir("ontology")).glob("*.ttl")):
        g.parse(path, format="turtle")

    def ours(cls: URIRef) -> list:
        return sorted((s for s in g.subjects(RDF.type, cls) if str(s).startswith(XK)), key=str)

    onto = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    title = " / ".join(
        x for x in (_lang(g, onto, DCT_TITLE, "zh"), _lang(g, onto, DCT_TITLE, "en")) if x
    )
    desc = " ".join(
        f"<p>{html.escape(x)}</p>"
        for x in (_lang(g, onto, DCT_DESC, "zh"), _lang(g, onto, DCT_DESC, "en"))
        if x
    )
    body = [
        desc,
        f"<p>命名空间 / namespace: <code>{html.escape(XK)}</code> (<code>xk:</code>)</p>",
        _table(g, "类 / Classes", ours(OWL.Class), [("上位类 subClassOf", RDFS.subClassOf)]),
        _table(g, "对象属性 / Object properties", ours(OWL.ObjectProperty),
               [("定义域 domain", RDFS.domain), ("值域 range", RDFS.range)]),
        _table(g, "数据属性 / Datatype properties", ours(OWL.DatatypeProperty),
               [("定义域 domain", RDFS.domain), ("值域 range", RDFS.range)]),
        _table(g, "代码表 / Code lists (SKOS schemes)", ours(SKOS.ConceptScheme), []),
        _table(g, "代码 / Concepts", ours(SKOS.Concept), [("所属 scheme", SKOS.inScheme)]),
    ]  # fmt: skip
    return title or "Ontology", "\n".join(body)
