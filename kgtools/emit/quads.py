"""Stage 4, emit: a notice record → the quads of its own named graph, as plain strings.

No rdflib on this path (the build writes N-Quads text straight from these tuples; the
Python API turns them into rdflib terms in :mod:`.triples`). IRIs follow the notice's
identity and each node's structural path (``…/notice/<id>/area/2/finding/1/measure/3``),
so rebuilding gives the same graph.

The graph is lean: every extracted node carries its class(es) and its offsets in the
notice's clean text (``xk:startOffset``/``xk:endOffset``, code points from 0); the notice
is the named graph, so nodes need no ``xk:sourceNotice``; a node's text is the clean text
at its offsets (no ``xk:quote``), and display labels are computed from it (no
``rdfs:label``). A node's position among its siblings is the last step of its IRI (no
``xk:ordinal``). A finding or measure has its themes (``xk:hasTheme``); the words that
matched are in the notice record and the notice's theme tallies.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ..record import Field, Finding, Measure, NoticeRecord, Span, Totals
from ..vocab import (
    DCTERMS_NS,
    GENRES,
    KINDS,
    LEVELS,
    RDF_TYPE,
    ROLES,
    SCHEMA_NS,
    STATUSES,
    TIME_NS,
    XK_NS,
    XSD_NS,
    notice_iri_text,
)
from .tallies import measures_per_finding, output_totals, rule_tallies, theme_tallies, unit_totals


class Lit(NamedTuple):
    """A literal: its lexical form and a datatype IRI or a language tag (neither: a string)."""

    text: str
    datatype: str | None = None
    lang: str | None = None


Object = str | Lit  # an IRI (a plain str) or a literal
Quad = tuple[str, str, Object]  # subject IRI, predicate IRI, object (in the notice's graph)

XK = XK_NS
TIME = TIME_NS
_INTEGER, _DECIMAL, _DATE = XSD_NS + "integer", XSD_NS + "decimal", XSD_NS + "date"
_BOOLEAN, _DATETIME = XSD_NS + "boolean", XSD_NS + "dateTime"
_ROLE_PROPERTY = {"formulated": XK + "formulates", "studied": XK + "studies", "cited": XK + "cites"}


def integer(value: int) -> Lit:
    return Lit(str(value), _INTEGER)


def decimal(value: Decimal | str) -> Lit:
    """An xsd:decimal in plain notation (``Decimal("1E+1")`` is written ``10``)."""
    return Lit(format(Decimal(value), "f"), _DECIMAL)


def boolean(value: bool) -> Lit:
    return Lit("true" if value else "false", _BOOLEAN)


def day(value: str) -> Lit:
    return Lit(value, _DATE)


class _Emitter:
    def __init__(self, rec: NoticeRecord) -> None:
        self.rec = rec
        self.notice = notice_iri_text(rec.notice_id)
        self.quads: list[Quad] = []
        self.add = self.quads.append
        self.unit_iris: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.seen_regulations: set[str] = set()

    def node(self, path: str, cls: str | tuple[str, ...], span: Span) -> str:
        """A new extracted node with its class(es) and offsets."""
        iri = f"{self.notice}/{path}"
        add = self.add
        for c in cls if isinstance(cls, tuple) else (cls,):
            add((iri, RDF_TYPE, c))
        add((iri, XK + "startOffset", integer(span[0])))
        add((iri, XK + "endOffset", integer(span[1])))
        return iri

    def org(self, path: str, f: Field) -> str:
        iri = self.node(f"org/{path}", XK + "Organization", f.span)
        self.add((iri, XK + "name", Lit(f.value)))
        return iri

    def interval(self, path: str, start: str, end: str, span: Span) -> str:
        iri = self.node(path, TIME + "Interval", span)
        for prop, value, part in (("hasBeginning", start, "start"), ("hasEnd", end, "end")):
            instant = self.node(f"{path}/{part}", TIME + "Instant", span)
            self.add((instant, TIME + "inXSDDate", day(value)))
            self.add((iri, TIME + prop, instant))
        return iri

    def emit(self) -> list[Quad]:
        self.notice_node()
        self.round_node()
        self.contact_node()
        self.body()
        self.tallies()
        return self.quads

    def tallies(self) -> None:
        """Build-time tallies (tallies.py): what cross-notice queries scan instead of joins."""
        rec, n, add = self.rec, self.notice, self.add
        most, without = measures_per_finding(rec.findings)
        add((n, XK + "maxMeasuresPerFinding", integer(most)))
        add((n, XK + "findingsWithoutMeasures", integer(without)))
        totals = output_totals(rec)
        for k, t in enumerate(totals, 1):
            if not t.accountability:
                continue  # only accountability.rq reads them; the rest would be a quarter of a graph
            iri = f"{n}/output-total/{k}"
            add((n, XK + "hasOutputTotal", iri))
            add((iri, RDF_TYPE, XK + "OutputTotal"))
            add((iri, XK + "totalCounts", Lit(t.counts)))
            add((iri, XK + "totalUnit", Lit(t.unit)))
            add((iri, XK + "totalValue", decimal(t.value)))
            add((iri, XK + "totalOutputs", integer(t.outputs)))
            add((iri, XK + "accountability", boolean(True)))
        for k, u in enumerate(unit_totals(totals), 1):
            iri = f"{n}/unit-total/{k}"
            add((n, XK + "hasUnitTotal", iri))
            add((iri, RDF_TYPE, XK + "UnitTotal"))
            add((iri, XK + "sumUnit", Lit(u.unit)))
            add((iri, XK + "sumValue", decimal(u.value)))
            add((iri, XK + "sumOutputs", integer(u.outputs)))
        for th in theme_tallies(rec.findings):
            iri = f"{n}/theme-tally/{th.theme}"
            add((n, XK + "hasThemeTally", iri))
            add((iri, RDF_TYPE, XK + "ThemeTally"))
            add((iri, XK + "tallyTheme", XK + th.theme))
            add((iri, XK + "tallyFindings", integer(th.findings)))
            add((iri, XK + "tallyWords", Lit("、".join(th.words))))
        for r in rule_tallies(rec.findings):
            iri = f"{n}/rule-tally/{r.theme}/{r.kind}"
            add((n, XK + "hasRuleTally", iri))
            add((iri, RDF_TYPE, XK + "RuleTally"))
            add((iri, XK + "tallyTheme", XK + r.theme))
            add((iri, XK + "ruleKind", XK + r.kind))
            add((iri, XK + "tallyRules", integer(r.rules)))
            add((iri, XK + "tallyTitles", Lit("；".join(f"《{t}》" for t in r.titles))))

    def notice_node(self) -> None:
        rec, n, add = self.rec, self.notice, self.add
        add((n, RDF_TYPE, XK + "Notice"))
        add((n, XK + "noticeId", Lit(rec.notice_id)))
        add((n, XK + "cleanText", Lit(rec.text)))
        add((n, XK + "genre", GENRES[rec.genre]))
        if rec.title:
            add((n, DCTERMS_NS + "title", Lit(rec.title.value, lang="zh")))
        if rec.level:
            add((n, XK + "level", LEVELS[rec.level]))
        if rec.source_file:
            add((n, XK + "sourceFile", Lit(rec.source_file)))
        if rec.content_hash:
            add((n, XK + "contentHash", Lit(rec.content_hash)))
        if rec.source_url:
            add((n, DCTERMS_NS + "source", rec.source_url))
        if rec.source_captured:
            add((n, XK + "capturedAt", Lit(rec.source_captured, _DATETIME)))
        if rec.issuing_org:
            add((n, XK + "issuedBy", self.org("issuer", rec.issuing_org)))
        if rec.publication:
            start, end, span = rec.publication
            add((n, XK + "publicationPeriod", self.interval("publication", start, end, span)))
            add((n, XK + "publicationStart", day(start)))
        counts = (("findingCount", len(rec.findings)), ("measureCount", len(rec.measures)),
                  ("regulationCount", len(rec.regulations())), ("outputCount", len(rec.outputs)))  # fmt: skip
        for prop, value in counts:
            add((n, XK + prop, integer(value)))
        stats = rec.concreteness()
        add((n, XK + "concretenessShare", decimal(str(stats["share"]))))
        for prop, key in (("measuresWithRegulation", "with_regulation"), ("measuresWithOutput", "with_output"),
                          ("measuresWithDate", "with_date"), ("measuresWithPartner", "with_partner"),
                          ("sloganOnlyMeasures", "slogan_only")):  # fmt: skip
            add((n, XK + prop, integer(int(stats[key]))))
        if rec.totals:
            add((n, XK + "statesTotals", self.totals_node("totals", rec.totals)))
        for k, doubt in enumerate(rec.doubts, 1):
            iri = f"{n}/doubt/{k}"
            add((n, XK + "hasDoubt", iri))
            add((iri, RDF_TYPE, XK + "Doubt"))
            add((iri, XK + "doubtCode", Lit(doubt.code)))
            add((iri, XK + "doubtMessage", Lit(doubt.message)))

    def totals_node(self, path: str, tot: Totals) -> str:
        iri = self.node(path, XK + "Totals", tot.span)
        for prop, count in (("problemsTotal", tot.problems), ("rectifiedTotal", tot.rectified),
                            ("measuresTotal", tot.measures), ("rulesTotal", tot.rules)):  # fmt: skip
            if count is not None:
                self.add((iri, XK + prop, integer(count)))
        if tot.rate is not None:
            self.add((iri, XK + "completionRate", decimal(tot.rate)))
        return iri

    def round_node(self) -> None:
        rec, add = self.rec, self.add
        parts = [f.span for f in (rec.inspecting_body, rec.inspected_org, rec.feedback) if f]
        parts += [u.span for u in rec.units]
        if rec.stationing:
            parts.append(rec.stationing[2])
        if not parts:
            return
        r = self.node("round", XK + "InspectionRound",
                      (min(s for s, _ in parts), max(e for _, e in parts)))  # fmt: skip
        add((self.notice, XK + "reportsOn", r))
        if rec.inspected_org:
            add((r, XK + "inspects", self.org("inspected", rec.inspected_org)))
        for k, unit in enumerate(rec.units, 1):
            iri = self.node(f"org/unit/{k}", (XK + "Organization", XK + "InspectedUnit"), unit.span)
            add((iri, XK + "name", Lit(unit.name)))
            add((r, XK + "inspects", iri))
            self.unit_iris[unit.name] = iri
            if unit.totals:
                add((iri, XK + "unitTotals", self.totals_node(f"org/unit/{k}/totals", unit.totals)))
        if rec.inspecting_body:
            add((r, XK + "conductedBy", self.org("team", rec.inspecting_body)))
        for i, body in enumerate(rec.deciding_bodies, 1):
            add((r, XK + "decidedBy", self.org(f"decider/{i}", body)))
        if rec.stationing:
            start, end, span = rec.stationing
            add((r, XK + "stationingInterval", self.interval("round/stationing", start, end, span)))
            # the interval's dates again as plain values: one lookup instead of three per date
            add((r, XK + "stationingStart", day(start)))
            add((r, XK + "stationingEnd", day(end)))
        if rec.feedback:
            add((r, XK + "feedbackDate", day(rec.feedback.value)))
            # what per-year questions group by
            add((self.notice, XK + "feedbackYear", integer(int(rec.feedback.value[:4]))))
        if rec.inspection_kind:
            add((r, XK + "inspectionKind", KINDS[rec.inspection_kind]))
        for prop, days in round_durations(rec).items():
            add((r, XK + prop, integer(days)))
        if rec.round_number is not None:
            add((r, XK + "roundNumber", integer(rec.round_number)))

    def contact_node(self) -> None:
        rec = self.rec
        fields = (("telephone", rec.phone), ("hours", rec.hours), ("postalAddress", rec.address),
                  ("postcode", rec.postcode), ("email", rec.email))  # fmt: skip
        present = [(p, f) for p, f in fields if f]
        if not present:
            return
        span = (min(f.span[0] for _, f in present), max(f.span[1] for _, f in present))
        c = self.node("contact", XK + "ContactPoint", span)
        self.add((self.notice, XK + "contact", c))
        for prop, f in present:
            self.add((c, XK + prop, Lit(f.value)))

    def regulation(self, title: str, span: Span) -> str:
        digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]
        iri = f"{self.notice}/regulation/{digest}"
        if iri not in self.seen_regulations:
            self.seen_regulations.add(iri)
            self.node(f"regulation/{digest}", XK + "Regulation", span)
            self.add((iri, XK + "title", Lit(title)))
            self.add((iri, XK + "role", ROLES[self.roles[title]]))
            self.add((self.notice, XK + "mentionsRegulation", iri))
        return iri

    def body(self) -> None:
        rec, add = self.rec, self.add
        self.roles = rec.regulations()
        for mention in sorted(rec.other_regulations, key=lambda r: r.span):
            reg = self.regulation(mention.title, mention.span)
            if mention.role == "cited":
                add((self.notice, XK + "citesRegulation", reg))
        areas = []
        for i, area in enumerate(rec.problem_areas, 1):
            cls = (XK + "ProblemArea", XK + "Finding") if area.is_finding else XK + "ProblemArea"
            iri = self.node(f"area/{i}", cls, area.span)
            add((self.notice, XK + "hasProblemArea", iri))
            areas.append(iri)
        counters: dict[int | None, int] = {}
        for finding in rec.findings:
            if finding.own_area is not None:
                iri = areas[finding.own_area]
            else:
                k = counters[finding.area] = counters.get(finding.area, 0) + 1
                group = finding.area
                path = f"area/{group + 1}/finding/{k}" if group is not None else f"finding/{k}"
                iri = self.node(path, XK + "Finding", finding.span)
                if group is not None:
                    add((areas[group], XK + "groupsFinding", iri))
                else:
                    add((self.notice, XK + "hasFinding", iri))
            for a in finding.themes:
                add((iri, XK + "hasTheme", XK + a.theme))
            self.measures(iri, finding)
            add((iri, XK + "numberOfMeasures", integer(len(finding.measures))))
            self.attributes(iri, finding)
        for path, cls, prop, items in (("leadership", "LeadershipAction", "hasLeadershipAction", rec.leadership),
                                       ("next-step", "NextStepPlan", "hasNextStepPlan", rec.next_steps)):  # fmt: skip
            for i, item in enumerate(items, 1):
                iri = self.node(f"{path}/{i}", XK + cls, item.span)
                add((self.notice, XK + prop, iri))

    def attributes(self, iri: str, finding: Finding) -> None:
        """A finding's labelled attributes, each statement with its provenance."""
        base = iri[len(self.notice) + 1 :]
        add = self.add
        if finding.status:
            add((iri, XK + "rectificationStatus", STATUSES[finding.status.value]))
            node = self.node(f"{base}/status", XK + "AttributeStatement", finding.status.span)
            add((iri, XK + "statusStatement", node))
        if finding.deadline:
            value = finding.deadline.value
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                add((iri, XK + "deadline", day(value)))
            else:
                add((iri, XK + "deadlineText", Lit(value)))
        if finding.responsible:
            add((iri, XK + "responsibleUnit", Lit(finding.responsible.value)))
        for k, result in enumerate(finding.results, 1):
            node = self.node(f"{base}/result/{k}", XK + "Result", result.span)
            add((iri, XK + "reportsResult", node))
        if finding.unit and finding.unit in self.unit_iris:
            add((iri, XK + "ofUnit", self.unit_iris[finding.unit]))

    def measures(self, finding_iri: str, finding: Finding) -> None:
        base = finding_iri[len(self.notice) + 1 :]
        add = self.add
        for j, m in enumerate(finding.measures, 1):
            iri = self.node(f"{base}/measure/{j}", XK + "Measure", m.span)
            add((finding_iri, XK + "hasMeasure", iri))
            self.measure_facts(iri, f"{base}/measure/{j}", m)

    def measure_facts(self, iri: str, path: str, m: Measure) -> None:
        add = self.add
        for mention in m.regulations:
            add((iri, _ROLE_PROPERTY[mention.role], self.regulation(mention.title, mention.span)))
        for a in m.themes:
            add((iri, XK + "hasTheme", XK + a.theme))
        if m.concrete:  # absent: slogan-only (a false flag on every such measure is dead weight)
            add((iri, XK + "concrete", boolean(True)))
        for partner in m.partners:
            add((iri, XK + "namesPartner", Lit(partner.value)))
        for d in m.dates:
            add((iri, XK + "mentionsDate", day(d.date)))
        for k, o in enumerate(m.outputs, 1):
            out = self.node(f"{path}/output/{k}", XK + "Output", o.span)
            add((out, SCHEMA_NS + "value", decimal(o.value)))
            add((out, SCHEMA_NS + "unitText", Lit(o.unit)))
            add((out, XK + "counts", Lit(o.what)))
            if o.approximate:  # absent: exact
                add((out, XK + "approximate", boolean(True)))
            if o.marker:
                add((out, XK + "approximationMarker", Lit(o.marker)))
            add((iri, XK + "hasOutput", out))


def round_durations(rec: NoticeRecord) -> dict[str, int]:
    """Days stationed, from stationing end to feedback, from feedback to publication
    (property local names → days)."""
    iso = date.fromisoformat
    out: dict[str, int] = {}
    if rec.stationing:
        out["durationStationingDays"] = (iso(rec.stationing[1]) - iso(rec.stationing[0])).days
        if rec.feedback:
            out["daysToFeedback"] = (iso(rec.feedback.value) - iso(rec.stationing[1])).days
    if rec.feedback and rec.publication:
        out["daysToPublication"] = (iso(rec.publication[0]) - iso(rec.feedback.value)).days
    return out


def record_quads(rec: NoticeRecord) -> list[Quad]:
    """The quads of one notice's graph, in emission order (duplicates possible)."""
    return _Emitter(rec).emit()
