"""Stage 4, emit: a notice record → RDF triples in the notice's own named graph.

IRIs follow the notice's identity and each node's structural path
(``…/notice/<id>/area/2/finding/1/measure/3``), so rebuilding gives the same graph.
Every extracted node carries provenance: ``xk:sourceNotice``, ``xk:startOffset``,
``xk:endOffset`` and ``xk:quote`` (the clean text at those offsets).
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from ..display import clip
from ..record import Field, Finding, NoticeRecord, Span, Totals
from ..vocab import notice_iri_text
from .tallies import measures_per_finding, output_totals, rule_tallies, theme_tallies, unit_totals
from .terms import (
    DCTERMS,
    GENRES,
    KINDS,
    LEVELS,
    PROV,
    RDF,
    RDFS,
    ROLES,
    SCHEMA,
    STATUSES,
    TIME,
    XK,
    XSD,
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]
# Terms of every node, looked up once: rdflib's namespace lookups are slow on a hot path.
_TYPE, _LABEL, _INTEGER = URIRef(str(RDF.type)), URIRef(str(RDFS.label)), URIRef(str(XSD.integer))
LABEL_LENGTH = 24


@lru_cache(maxsize=65_536)
def integer(value: int | str) -> Literal:
    """An xsd:integer literal (cached: rdflib's Literal constructor is slow, offsets repeat)."""
    return Literal(str(value), datatype=_INTEGER)


def notice_iri(notice_id: str) -> URIRef:
    """The IRI of a notice (also the name of its graph)."""
    return URIRef(notice_iri_text(notice_id))


def short_label(text: str) -> str:
    """A label for display: the first characters of the text."""
    return clip(text, LABEL_LENGTH)


class _Emitter:
    def __init__(self, rec: NoticeRecord) -> None:
        self.rec = rec
        self.notice = notice_iri(rec.notice_id)
        self.triples: list[Triple] = []
        self.unit_iris: dict[str, URIRef] = {}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.append((s, p, o))

    def node(
        self, path: str, cls: URIRef | tuple[URIRef, ...], span: Span, label: str | None = None
    ) -> URIRef:
        """A new extracted node with its class(es), label and provenance."""
        iri = URIRef(f"{self.notice}/{path}")
        add = self.triples.append
        for c in cls if isinstance(cls, tuple) else (cls,):
            add((iri, _TYPE, c))
        s, e = span
        quote_text = self.rec.text[s:e]
        add((iri, _LABEL, Literal(short_label(label or quote_text), lang="zh")))
        add((iri, XK.sourceNotice, self.notice))
        add((iri, XK.startOffset, integer(s)))
        add((iri, XK.endOffset, integer(e)))
        add((iri, XK.quote, Literal(quote_text)))
        return iri

    def org(self, path: str, f: Field) -> URIRef:
        iri = self.node(f"org/{path}", XK.Organization, f.span)
        self.add(iri, XK.name, Literal(f.value))
        return iri

    def interval(self, path: str, start: str, end: str, span: Span) -> URIRef:
        iri = self.node(path, TIME.Interval, span)
        for prop, day, part in ((TIME.hasBeginning, start, "start"), (TIME.hasEnd, end, "end")):
            instant = self.node(f"{path}/{part}", TIME.Instant, span, label=day)
            self.add(instant, TIME.inXSDDate, Literal(day, datatype=XSD.date))
            self.add(iri, prop, instant)
        return iri

    def emit(self) -> list[Triple]:
        self.notice_node()
        self.round_node()
        self.contact_node()
        self.body()
        self.tallies()
        return self.triples

    def tallies(self) -> None:
        """Build-time tallies (tallies.py): what cross-notice queries scan instead of joins."""
        rec, n, add = self.rec, self.notice, self.add
        most, without = measures_per_finding(rec.findings)
        add(n, XK.maxMeasuresPerFinding, integer(most))
        add(n, XK.findingsWithoutMeasures, integer(without))
        totals = output_totals(rec)
        for k, t in enumerate(totals, 1):
            iri = URIRef(f"{n}/output-total/{k}")
            add(n, XK.hasOutputTotal, iri)
            add(iri, _TYPE, XK.OutputTotal)
            add(iri, XK.totalCounts, Literal(t.counts))
            add(iri, XK.totalUnit, Literal(t.unit))
            add(iri, XK.totalValue, Literal(t.value, datatype=XSD.decimal))
            add(iri, XK.totalOutputs, integer(t.outputs))
            add(iri, XK.accountability, Literal(t.accountability))
        for k, u in enumerate(unit_totals(totals), 1):
            iri = URIRef(f"{n}/unit-total/{k}")
            add(n, XK.hasUnitTotal, iri)
            add(iri, _TYPE, XK.UnitTotal)
            add(iri, XK.sumUnit, Literal(u.unit))
            add(iri, XK.sumValue, Literal(u.value, datatype=XSD.decimal))
            add(iri, XK.sumOutputs, integer(u.outputs))
        for th in theme_tallies(rec.findings):
            iri = URIRef(f"{n}/theme-tally/{th.theme}")
            add(n, XK.hasThemeTally, iri)
            add(iri, _TYPE, XK.ThemeTally)
            add(iri, XK.tallyTheme, XK[th.theme])
            add(iri, XK.tallyFindings, integer(th.findings))
            add(iri, XK.tallyWords, Literal("、".join(th.words)))
        for r in rule_tallies(rec.findings):
            iri = URIRef(f"{n}/rule-tally/{r.theme}/{r.kind}")
            add(n, XK.hasRuleTally, iri)
            add(iri, _TYPE, XK.RuleTally)
            add(iri, XK.tallyTheme, XK[r.theme])
            add(iri, XK.ruleKind, XK[r.kind])
            add(iri, XK.tallyRules, integer(r.rules))
            add(iri, XK.tallyTitles, Literal("；".join(f"《{t}》" for t in r.titles)))

    def notice_node(self) -> None:
        rec, n = self.rec, self.notice
        self.add(n, RDF.type, XK.Notice)
        self.add(n, XK.noticeId, Literal(rec.notice_id))
        self.add(n, XK.cleanText, Literal(rec.text))
        self.add(n, XK.genre, GENRES[rec.genre])
        if rec.title:
            self.add(n, DCTERMS.title, Literal(rec.title.value, lang="zh"))
            self.add(n, RDFS.label, Literal(rec.title.value, lang="zh"))
        if rec.level:
            self.add(n, XK.level, LEVELS[rec.level])
        if rec.source_file:
            self.add(n, XK.sourceFile, Literal(rec.source_file))
        if rec.content_hash:
            self.add(n, XK.contentHash, Literal(rec.content_hash))
        if rec.source_url:
            self.add(n, DCTERMS.source, URIRef(rec.source_url))
        if rec.source_captured:
            self.add(
                n,
                XK.capturedAt,
                Literal(rec.source_captured, datatype=XSD.dateTime, normalize=False),
            )
        if rec.issuing_org:
            self.add(n, XK.issuedBy, self.org("issuer", rec.issuing_org))
        if rec.publication:
            start, end, span = rec.publication
            self.add(n, XK.publicationPeriod, self.interval("publication", start, end, span))
            self.add(n, XK.publicationStart, Literal(start, datatype=XSD.date))
        counts = ((XK.findingCount, len(rec.findings)), (XK.measureCount, len(rec.measures)),
                  (XK.regulationCount, len(rec.regulations())), (XK.outputCount, len(rec.outputs)))  # fmt: skip
        for prop, value in counts:
            self.add(n, prop, integer(value))
        stats = rec.concreteness()
        self.add(
            n, XK.concretenessShare, Literal(Decimal(str(stats["share"])), datatype=XSD.decimal)
        )
        for prop, key in ((XK.measuresWithRegulation, "with_regulation"), (XK.measuresWithOutput, "with_output"),
                          (XK.measuresWithDate, "with_date"), (XK.measuresWithPartner, "with_partner"),
                          (XK.sloganOnlyMeasures, "slogan_only")):  # fmt: skip
            self.add(n, prop, integer(stats[key]))
        if rec.totals:
            self.add(n, XK.statesTotals, self.totals_node("totals", rec.totals))
        for k, doubt in enumerate(rec.doubts, 1):
            iri = URIRef(f"{n}/doubt/{k}")
            self.add(n, XK.hasDoubt, iri)
            self.add(iri, _TYPE, XK.Doubt)
            self.add(iri, XK.doubtCode, Literal(doubt.code))
            self.add(iri, XK.doubtMessage, Literal(doubt.message))

    def totals_node(self, path: str, tot: Totals) -> URIRef:
        iri = self.node(path, XK.Totals, tot.span)
        for prop, count in ((XK.problemsTotal, tot.problems), (XK.rectifiedTotal, tot.rectified),
                            (XK.measuresTotal, tot.measures), (XK.rulesTotal, tot.rules)):  # fmt: skip
            if count is not None:
                self.add(iri, prop, integer(count))
        if tot.rate is not None:
            self.add(iri, XK.completionRate, Literal(tot.rate, datatype=XSD.decimal))
        return iri

    def round_node(self) -> None:
        rec = self.rec
        parts = [f.span for f in (rec.inspecting_body, rec.inspected_org, rec.feedback) if f]
        parts += [u.span for u in rec.units]
        if rec.stationing:
            parts.append(rec.stationing[2])
        if not parts:
            return
        r = self.node("round", XK.InspectionRound, (min(s for s, _ in parts), max(e for _, e in parts)),
                      label=rec.inspecting_body.value if rec.inspecting_body else None)  # fmt: skip
        self.add(self.notice, XK.reportsOn, r)
        if rec.inspected_org:
            self.add(r, XK.inspects, self.org("inspected", rec.inspected_org))
        for k, unit in enumerate(rec.units, 1):
            iri = self.node(f"org/unit/{k}", (XK.Organization, XK.InspectedUnit), unit.span)
            self.add(iri, XK.name, Literal(unit.name))
            self.add(r, XK.inspects, iri)
            self.unit_iris[unit.name] = iri
            if unit.totals:
                self.add(iri, XK.unitTotals, self.totals_node(f"org/unit/{k}/totals", unit.totals))
        if rec.inspecting_body:
            self.add(r, XK.conductedBy, self.org("team", rec.inspecting_body))
        for i, body in enumerate(rec.deciding_bodies, 1):
            self.add(r, XK.decidedBy, self.org(f"decider/{i}", body))
        if rec.stationing:
            start, end, span = rec.stationing
            self.add(r, XK.stationingInterval, self.interval("round/stationing", start, end, span))
            # the interval's dates again as plain values: one lookup instead of three per date
            self.add(r, XK.stationingStart, Literal(start, datatype=XSD.date))
            self.add(r, XK.stationingEnd, Literal(end, datatype=XSD.date))
        if rec.feedback:
            self.add(r, XK.feedbackDate, Literal(rec.feedback.value, datatype=XSD.date))
            year = Literal(rec.feedback.value[:4], datatype=_INTEGER)
            self.add(self.notice, XK.feedbackYear, year)  # what per-year questions group by
        if rec.inspection_kind:
            self.add(r, XK.inspectionKind, KINDS[rec.inspection_kind])
        for prop, days in round_durations(rec).items():
            self.add(r, prop, integer(days))
        if rec.round_number is not None:
            self.add(r, XK.roundNumber, integer(rec.round_number))

    def contact_node(self) -> None:
        rec = self.rec
        fields = ((XK.telephone, rec.phone), (XK.hours, rec.hours), (XK.postalAddress, rec.address),
                  (XK.postcode, rec.postcode), (XK.email, rec.email))  # fmt: skip
        present = [(p, f) for p, f in fields if f]
        if not present:
            return
        span = (min(f.span[0] for _, f in present), max(f.span[1] for _, f in present))
        c = self.node("contact", XK.ContactPoint, span)
        self.add(self.notice, XK.contact, c)
        for prop, f in present:
            self.add(c, prop, Literal(f.value))

    def regulation(self, title: str, role: str, span: Span) -> URIRef:
        digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]
        iri = URIRef(f"{self.notice}/regulation/{digest}")
        if (iri, RDF.type, XK.Regulation) not in self.seen_regulations:
            self.seen_regulations.add((iri, RDF.type, XK.Regulation))
            self.node(f"regulation/{digest}", XK.Regulation, span)
            self.add(iri, XK.title, Literal(title))
            self.add(iri, XK.role, ROLES[self.roles[title]])
            self.add(self.notice, XK.mentionsRegulation, iri)
        return iri

    def body(self) -> None:
        rec = self.rec
        self.roles = rec.regulations()
        self.seen_regulations: set[Triple] = set()
        for mention in sorted(rec.other_regulations, key=lambda r: r.span):
            reg = self.regulation(mention.title, mention.role, mention.span)
            if mention.role == "cited":
                self.add(self.notice, XK.citesRegulation, reg)
        areas = []
        for i, area in enumerate(rec.problem_areas, 1):
            cls = (XK.ProblemArea, XK.Finding) if area.is_finding else XK.ProblemArea
            iri = self.node(f"area/{i}", cls, area.span)
            self.add(iri, XK.ordinal, integer(i))
            self.add(self.notice, XK.hasProblemArea, iri)
            areas.append(iri)
        counters: dict[int | None, int] = {}
        for finding in rec.findings:
            if finding.own_area is not None:
                iri = areas[finding.own_area]
            else:
                k = counters[finding.area] = counters.get(finding.area, 0) + 1
                path = (
                    f"area/{finding.area + 1}/finding/{k}"
                    if finding.area is not None
                    else f"finding/{k}"
                )
                iri = self.node(path, XK.Finding, finding.span)
                self.add(iri, XK.ordinal, integer(k))
                if finding.area is not None:
                    self.add(areas[finding.area], XK.groupsFinding, iri)
            self.themes(
                iri, finding.themes, areas[finding.area] if finding.area is not None else None
            )
            self.measures(iri, finding)
            self.add(iri, XK.numberOfMeasures, integer(len(finding.measures)))
            self.attributes(iri, finding)
        for path, cls, prop, items in (("leadership", XK.LeadershipAction, XK.hasLeadershipAction, rec.leadership),
                                       ("next-step", XK.NextStepPlan, XK.hasNextStepPlan, rec.next_steps)):  # fmt: skip
            for i, item in enumerate(items, 1):
                iri = self.node(f"{path}/{i}", cls, item.span)
                self.add(iri, XK.ordinal, integer(i))
                self.add(self.notice, prop, iri)

    def attributes(self, iri: URIRef, finding: Finding) -> None:
        """A finding's labelled attributes, each statement with its provenance."""
        base = str(iri)[len(str(self.notice)) + 1 :]
        if finding.status:
            self.add(iri, XK.rectificationStatus, STATUSES[finding.status.value])
            node = self.node(f"{base}/status", XK.AttributeStatement, finding.status.span)
            self.add(iri, XK.statusStatement, node)
        if finding.deadline:
            value = finding.deadline.value
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                self.add(iri, XK.deadline, Literal(value, datatype=XSD.date))
            else:
                self.add(iri, XK.deadlineText, Literal(value))
        if finding.responsible:
            self.add(iri, XK.responsibleUnit, Literal(finding.responsible.value))
        for k, result in enumerate(finding.results, 1):
            node = self.node(f"{base}/result/{k}", XK.Result, result.span)
            self.add(iri, XK.reportsResult, node)
        if finding.unit and finding.unit in self.unit_iris:
            self.add(iri, XK.ofUnit, self.unit_iris[finding.unit])

    def themes(self, node: URIRef, assignments: list, area: URIRef | None) -> None:
        """Theme triples and, for each, an assignment node keeping the matched words."""
        for a in assignments:
            theme = XK[a.theme]
            self.add(node, XK.hasTheme, theme)
            iri = URIRef(f"{node}/theme/{a.theme}")
            self.add(node, XK.hasThemeAssignment, iri)
            self.add(iri, _TYPE, XK.ThemeAssignment)
            self.add(iri, XK.theme, theme)
            self.add(iri, XK.matchedWords, Literal("、".join(a.words)))
            if a.inherited and area is not None:
                self.add(iri, XK.inheritedFrom, area)

    def measures(self, finding_iri: URIRef, finding: Any) -> None:
        base = str(finding_iri)[len(str(self.notice)) + 1 :]
        for j, m in enumerate(finding.measures, 1):
            iri = self.node(f"{base}/measure/{j}", XK.Measure, m.span)
            self.add(iri, XK.ordinal, integer(j))
            self.add(finding_iri, XK.hasMeasure, iri)
            for mention in m.regulations:
                reg = self.regulation(mention.title, mention.role, mention.span)
                prop = {"formulated": XK.formulates, "studied": XK.studies, "cited": XK.cites}[
                    mention.role
                ]
                self.add(iri, prop, reg)
            self.themes(iri, m.themes, None)
            self.add(iri, XK.concrete, Literal(m.concrete))
            for partner in m.partners:
                self.add(iri, XK.namesPartner, Literal(partner.value))
            for d in m.dates:
                self.add(iri, XK.mentionsDate, Literal(d.date, datatype=XSD.date))
            for k, o in enumerate(m.outputs, 1):
                out = self.node(f"{base}/measure/{j}/output/{k}", XK.Output, o.span,
                                label=f"{o.value}{o.unit} {o.what}")  # fmt: skip
                self.add(out, SCHEMA.value, Literal(Decimal(o.value), datatype=XSD.decimal))
                self.add(out, SCHEMA.unitText, Literal(o.unit))
                self.add(out, XK.counts, Literal(o.what))
                self.add(out, XK.approximate, Literal(o.approximate))
                if o.marker:
                    self.add(out, XK.approximationMarker, Literal(o.marker))
                self.add(iri, XK.hasOutput, out)


def round_durations(rec: NoticeRecord) -> dict[URIRef, int]:
    """Days stationed, from stationing end to feedback, from feedback to publication."""
    day = date.fromisoformat
    out: dict[URIRef, int] = {}
    if rec.stationing:
        out[XK.durationStationingDays] = (day(rec.stationing[1]) - day(rec.stationing[0])).days
        if rec.feedback:
            out[XK.daysToFeedback] = (day(rec.feedback.value) - day(rec.stationing[1])).days
    if rec.feedback and rec.publication:
        out[XK.daysToPublication] = (day(rec.publication[0]) - day(rec.feedback.value)).days
    return out


def record_triples(rec: NoticeRecord) -> list[Triple]:
    """The triples of one notice, in emission order."""
    return _Emitter(rec).emit()


def record_graph(rec: NoticeRecord, dataset: Dataset | None = None) -> Graph:
    """Add a notice's named graph to ``dataset`` (a new one by default) and return it."""
    ds = dataset if dataset is not None else Dataset()
    graph = ds.graph(notice_iri(rec.notice_id))
    for triple in record_triples(rec):
        graph.add(triple)
    return graph


__all__ = ["notice_iri", "record_graph", "record_triples", "short_label", "PROV"]
