"""Cross-notice links: organization aliases, shared regulations, kinds, ambiguity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from kgtools.build.corpus import build
from kgtools.emit.terms import SKOS, XK
from kgtools.recognize.names import normalize_title, regulation_kind, resolve_org
from kgtools.vocab import LINKS_GRAPH as LINKS_IRI

from .conftest import FIXTURES, SAMPLE, build_nquads

LINKS_GRAPH = URIRef(LINKS_IRI)


@pytest.mark.parametrize(
    ("name", "region", "canonical"),
    [
        ("市科协党组", "丹东市", "丹东市科学技术协会党组"),
        ("中共丹东市科学技术协会党组", None, "丹东市科学技术协会党组"),
        ("丹东市科协", None, "丹东市科学技术协会"),
        ("县示例局党组", "某县", "某县示例局党组"),
        ("示例市教育局", None, "示例市教育局"),
        ("示例市教育科学研究院", None, "示例市教育科学研究院"),
    ],
)
def test_resolve_organization_names(name: str, region: str | None, canonical: str) -> None:
    assert resolve_org(name, region).canonical == canonical


def test_party_organ_and_organization_stay_distinct() -> None:
    organ, org = resolve_org("市科协党组", "丹东市"), resolve_org("丹东市科协", None)
    assert (
        organ.canonical != org.canonical and organ.base == org.canonical and organ.organ == "党组"
    )


def test_a_bare_level_name_without_context_is_ambiguous() -> None:
    assert resolve_org("市科协党组", None) is None


@pytest.mark.parametrize(
    ("title", "key", "kind"),
    [
        ("中国共产党巡视工作条例", "巡视工作条例", "RegKindRegulations"),
        ("丹东市科学技术协会采购办法（试行）", "丹东市科学技术协会采购办法", "RegKindMeasures"),
        (
            "市科协党组会议“三重一大”决策规则的实施细则",
            "市科协党组会议三重一大决策规则的实施细则",
            "RegKindRules",
        ),
        (
            "市科协党组落实全面从严治党主体责任清单",
            "市科协党组落实全面从严治党主体责任清单",
            "RegKindList",
        ),
        ("市科协机关干部轮岗交流制度", "市科协机关干部轮岗交流制度", "RegKindSystem"),
    ],
)
def test_regulation_titles_normalize_and_have_a_kind(title: str, key: str, kind: str) -> None:
    assert normalize_title(title) == key and regulation_kind(title) == kind


def test_links_graph_merges_aliases_and_shares_superior_regulations(tmp_path: Path) -> None:
    build(
        [SAMPLE, FIXTURES / "county-gbk-crlf.txt", FIXTURES / "province-bom.txt"],
        out=tmp_path,
        jobs=1,
    )
    report = json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    assert report["merged"]["丹东市科学技术协会党组"] == [
        "中共丹东市科学技术协会党组",
        "市科协党组",
    ]
    assert report["merged"]["某县示例局党组"] == ["中共某县示例局党组", "县示例局党组"]
    assert report["ambiguous"] == []
    ds = Dataset(default_union=True)
    ds.parse(data=build_nquads(tmp_path).decode("utf-8"), format="nquads")
    links = ds.graph(LINKS_GRAPH)
    # 巡视工作条例 (sample) and 中国共产党巡视工作条例 (county fixture): one canonical node
    sample_reg = next(s for s, t in ds.subject_objects(XK.title) if str(t) == "巡视工作条例")
    county_reg = next(
        s for s, t in ds.subject_objects(XK.title) if str(t) == "中国共产党巡视工作条例"
    )
    assert links.value(sample_reg, XK.canonical) == links.value(county_reg, XK.canonical)
    assert len(set(links.subjects(None, XK.CanonicalRegulation))) == 11 + 2 + 1 - 1
    # each notice names its issuer's canonical organization directly (issuedBy, then canonical)
    issuers = {
        str(links.value(n, XK.canonicalIssuer)): str(links.value(i, XK.canonical))
        for n, i in ds.subject_objects(XK.issuedBy)
    }
    assert len(issuers) == 3 and all(k == v for k, v in issuers.items())
    names = {str(links.value(c, SKOS.prefLabel)) for c in map(URIRef, issuers)}
    assert {"丹东市科学技术协会党组", "某县示例局党组"} <= names
    # each round names its inspected organization's canonical node directly (inspects, then
    # canonical), and only that organization's
    inspected = {
        (str(r), str(links.value(r, XK.canonicalInspected))): str(links.value(o, XK.canonical))
        for r, o in ds.subject_objects(XK.inspects)
        if str(o).endswith("/org/inspected")
    }
    assert len(inspected) == 3 and all(k[1] == v for k, v in inspected.items())
    assert len(set(links.subjects(XK.canonicalInspected, None))) == 3


def test_links_nquads_formatted_from_kept_parts_equal_the_serialized_triples(
    tmp_path: Path,
) -> None:
    """The links graph is written from each notice's kept part (names resolved once, IRIs formatted
    directly): the same lines as serializing the links graph's triples, on the fictional
    corpus (aliases, a party organ, shared and formulated regulations) and the sample."""
    from kgtools.build.linkgraph import contribution, link_nquads, link_records
    from kgtools.build.links import link_facts
    from kgtools.emit.serialize import nquads_lines

    corpus = Path(__file__).resolve().parent / "corpus"
    out = tmp_path / "build"
    build([corpus, SAMPLE], out=out, jobs=1)
    records = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "notices").glob("*.json"))
    ]
    facts = [link_facts(r) for r in records]
    assert all(f["links"] == contribution(r) for f, r in zip(facts, records, strict=True))
    assert any(len(f["links"]["orgs"]) >= 3 and f["links"]["regs"] for f in facts)
    triples, report = link_records(facts)
    lines, fast_report = link_nquads(facts)
    assert lines == nquads_lines(LINKS_GRAPH, triples)
    assert fast_report.to_dict() == report.to_dict()
    stored = [line for line in build_nquads(out).decode("utf-8").splitlines(keepends=True)
              if line.endswith(f"<{LINKS_GRAPH}> .\n")]  # fmt: skip
    assert sorted(stored) == sorted(lines)  # the store holds exactly these
    assert link_nquads(records)[0] == lines  # parts resolved from the whole records: the same


@pytest.mark.parametrize(
    "text",
    ['《某县"示例"办法》', "a\\b", "两行\n文本\r", "tab\there", "示例市", "页\x0c分\u2028隔\x85"],
)
@pytest.mark.parametrize("lang", ["zh", None])
def test_literals_are_one_line_and_read_back_by_rdflib_and_oxigraph(
    text: str, lang: str | None
) -> None:
    """One escaping for the whole package (the links graph and the notices' N-Quads): each
    quad is one physical line, even for texts holding characters splitlines() breaks on."""
    from pyoxigraph import RdfFormat, parse
    from rdflib import Graph, Literal

    from kgtools.emit.ntriples import literal

    line = f"<urn:s> <urn:p> {literal(text, lang=lang)} .\n"
    assert len(line.splitlines()) == 1
    assert next(iter(Graph().parse(data=line, format="nt")))[2] == Literal(text, lang=lang)
    quad = next(parse(line.encode("utf-8"), format=RdfFormat.N_TRIPLES))
    assert quad.object.value == text and (quad.object.language or None) == lang
