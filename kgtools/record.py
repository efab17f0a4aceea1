"""The notice record: plain data produced by recognition, consumed by emit and eval.

Its JSON form is the format of ``../shared/notice-record.md`` (``record: xuncha-notice/1``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

RECORD_FORMAT = "xuncha-notice/1"

Span = tuple[int, int]


class Choice(str, Enum):
    """A closed choice that is also its string value: it compares, hashes, formats and
    serializes (JSON) as that string."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Genre(Choice):
    """A notice of one organization, or one notice for a round over several units."""

    PROGRESS = "progress"
    CENTRALIZED = "centralized"


class Level(Choice):
    """The administrative level of the inspecting body."""

    CENTRAL = "central"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    OTHER = "other"


class RegulationRole(Choice):
    """What a notice does with a regulation it names."""

    FORMULATED = "formulated"
    CITED = "cited"
    STUDIED = "studied"


class Status(Choice):
    """How far the rectification of a finding has come."""

    COMPLETED = "completed"
    BASICALLY = "basically"
    ONGOING = "ongoing"


@dataclass(frozen=True)
class Assignment:
    """A theme given to a text, with the keywords found in it."""

    theme: str  # local name, e.g. ThemeProcurement
    words: tuple[str, ...]
    inherited: bool = False


@dataclass(frozen=True)
class Item:
    """A quoted piece of text: its normalized ``text`` and the ``span`` it comes from."""

    text: str
    span: Span


@dataclass(frozen=True)
class RegulationMention:
    """A title in 《》; ``span`` covers the title without the brackets."""

    title: str
    role: RegulationRole
    span: Span


@dataclass(frozen=True)
class Output:
    """A quantified result: 140余人 → value 140, unit 人, approximate, marker 余."""

    value: Decimal
    unit: str
    what: str
    span: Span
    approximate: bool = False
    marker: str | None = None


@dataclass(frozen=True)
class DateItem:
    """A date stated in a measure."""

    date: str  # ISO
    span: Span


@dataclass
class Field:
    """A scalar extracted with its source span."""

    value: str
    span: Span


@dataclass
class Measure:
    """One rectification action."""

    text: str
    span: Span
    regulations: list[RegulationMention] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    dates: list[DateItem] = field(default_factory=list)
    themes: list[Assignment] = field(default_factory=list)
    partners: list[Field] = field(default_factory=list)

    @property
    def concrete(self) -> bool:
        """Has a regulation, a quantified output, a date or a named partner."""
        return bool(self.regulations or self.outputs or self.dates or self.partners)


@dataclass
class Finding:
    """One problem; ``area`` is the index of its problem area, or None.

    ``own_area`` is set when the finding is a problem area itself (measures directly under it).
    The labelled lines of a finding (整改状态, 整改时限, 责任单位, 整改成效) are its attributes,
    not measures; ``unit`` names the inspected unit of a centralized notice's section.
    """

    text: str
    span: Span
    area: int | None
    measures: list[Measure] = field(default_factory=list)
    own_area: int | None = None
    themes: list[Assignment] = field(default_factory=list)
    status: Field | None = None  # value: completed | basically | ongoing; span: the statement
    deadline: Field | None = None  # value: ISO date, or the text when it is no date
    responsible: Field | None = None
    results: list[Item] = field(default_factory=list)
    unit: str | None = None


@dataclass
class ProblemArea:
    """A heading grouping problems; ``is_finding`` when measures follow it directly."""

    text: str
    span: Span
    is_finding: bool = False


@dataclass
class Totals:
    """Totals a notice states; ``span`` covers the sentence stating them."""

    span: Span
    problems: int | None = None
    rectified: int | None = None
    measures: int | None = None
    rules: int | None = None
    rate: Decimal | None = None


@dataclass
class Unit:
    """An organization a centralized notice's round inspected, with its own totals."""

    name: str
    span: Span
    totals: Totals | None = None


@dataclass(frozen=True)
class Doubt:
    """Something the extractor is unsure of: a machine-readable code and a message."""

    code: str
    message: str
    span: Span | None = None


@dataclass(kw_only=True)
class Frame:
    """The frame of a notice, each field with its span: what the header and the opening
    and closing paragraphs say."""

    title: Field | None = None
    issuing_org: Field | None = None
    inspected_org: Field | None = None
    inspecting_body: Field | None = None
    deciding_bodies: list[Field] = field(default_factory=list)
    round_number: int | None = None
    inspection_kind: str | None = None
    stationing: tuple[str, str, Span] | None = None  # start, end, span
    feedback: Field | None = None
    publication: tuple[str, str, Span] | None = None
    phone: Field | None = None
    hours: Field | None = None
    address: Field | None = None
    postcode: Field | None = None
    email: Field | None = None


@dataclass(kw_only=True)
class NoticeRecord(Frame):
    """Everything recognized in one notice."""

    notice_id: str
    text: str
    genre: Genre
    genre_reason: str
    level: Level | None = None
    problem_areas: list[ProblemArea] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    leadership: list[Item] = field(default_factory=list)
    next_steps: list[Item] = field(default_factory=list)
    other_regulations: list[RegulationMention] = field(default_factory=list)
    totals: Totals | None = None
    units: list[Unit] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    source_file: str | None = None
    source_url: str | None = None
    source_captured: str | None = None  # xsd:dateTime of a web-archive capture
    content_hash: str | None = None

    @property
    def measures(self) -> list[Measure]:
        return [m for f in self.findings for m in f.measures]

    def concreteness(self) -> dict[str, int | float]:
        """Counts of measures with each kind of concrete result, and the share of concrete ones."""
        ms = self.measures
        counts: dict[str, int | float] = {
            "measures": len(ms),
            "with_regulation": sum(bool(m.regulations) for m in ms),
            "with_output": sum(bool(m.outputs) for m in ms),
            "with_date": sum(bool(m.dates) for m in ms),
            "with_partner": sum(bool(m.partners) for m in ms),
            "slogan_only": sum(not m.concrete for m in ms),
        }
        counts["share"] = round((len(ms) - counts["slogan_only"]) / len(ms), 4) if ms else 0.0
        return counts

    @property
    def outputs(self) -> list[Output]:
        return [o for m in self.measures for o in m.outputs]

    def regulations(self) -> dict[str, str]:
        """Distinct titles → role, in order of first mention (formulated > studied > cited)."""
        rank = {"formulated": 0, "studied": 1, "cited": 2}
        roles: dict[str, str] = {}
        mentions = sorted(
            [r for m in self.measures for r in m.regulations] + self.other_regulations,
            key=lambda r: r.span,
        )
        for r in mentions:
            if r.title not in roles or rank[r.role] < rank[roles[r.title]]:
                roles[r.title] = r.role
        return roles


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _themes(assignments: list[Assignment]) -> list[dict[str, Any]]:
    return [
        {"theme": a.theme, "words": list(a.words), "inherited": a.inherited} for a in assignments
    ]


def _val(f: Field | None) -> str | None:
    return f.value if f else None


def _totals(t: Totals | None) -> dict[str, Any]:
    return {
        "problems": t.problems if t else None,
        "rectified": t.rectified if t else None,
        "measures": t.measures if t else None,
        "rules": t.rules if t else None,
        "rate": _num(t.rate) if t and t.rate is not None else None,
    }


def _finding_attributes(f: Finding) -> dict[str, Any]:
    return {
        "status": _val(f.status),
        "deadline": _val(f.deadline),
        "responsible": _val(f.responsible),
        "results": [{"text": r.text, "span": list(r.span)} for r in f.results],
        "unit": f.unit,
    }


def to_dict(rec: NoticeRecord) -> dict[str, Any]:
    """The record as the JSON object of notice-record.md (extra keys: ids, spans)."""
    areas = rec.problem_areas
    return {
        "record": RECORD_FORMAT,
        "id": rec.notice_id,
        "genre": rec.genre,
        "genre_reason": rec.genre_reason,
        "title": _val(rec.title),
        "inspection_kind": rec.inspection_kind,
        "level": rec.level,
        "issuing_org": _val(rec.issuing_org),
        "inspected_org": _val(rec.inspected_org),
        "inspecting_body": _val(rec.inspecting_body),
        "deciding_bodies": [f.value for f in rec.deciding_bodies],
        "round_number": rec.round_number,
        "inspection_start": rec.stationing[0] if rec.stationing else None,
        "inspection_end": rec.stationing[1] if rec.stationing else None,
        "feedback_date": _val(rec.feedback),
        "publication_period": list(rec.publication[:2]) if rec.publication else None,
        "contact_phone": _val(rec.phone),
        "contact_hours": _val(rec.hours),
        "contact_address": _val(rec.address),
        "contact_postcode": _val(rec.postcode),
        "contact_email": _val(rec.email),
        "problem_areas": [{"text": a.text, "span": list(a.span)} for a in areas],
        "findings": [
            {
                "text": f.text,
                "parent": areas[f.area].text if f.area is not None else None,
                "span": list(f.span),
                "themes": _themes(f.themes),
                **_finding_attributes(f),
                "measures": [
                    {
                        "text": m.text,
                        "span": list(m.span),
                        "themes": _themes(m.themes),
                        "partners": [p.value for p in m.partners],
                        "dates": [d.date for d in m.dates],
                        "concrete": m.concrete,
                    }  # fmt: skip
                    for m in f.measures
                ],
            }
            for f in rec.findings
        ],
        "regulations": [{"title": t, "role": r} for t, r in rec.regulations().items()],
        "outputs": [
            {
                "value": _num(o.value),
                "unit": o.unit,
                "what": o.what,
                "approximate": o.approximate,
                "marker": o.marker,
                "span": list(o.span),
            }
            for o in rec.outputs
        ],
        "leadership": [{"text": i.text, "span": list(i.span)} for i in rec.leadership],
        "next_steps": [{"text": i.text, "span": list(i.span)} for i in rec.next_steps],
        "concreteness": rec.concreteness(),
        "totals": _totals(rec.totals),
        "units": [
            {
                "name": u.name,
                "span": list(u.span),
                "totals": _totals(u.totals) if u.totals else None,
            }
            for u in rec.units
        ],
        "doubts": [
            {"code": d.code, "message": d.message, "span": list(d.span) if d.span else None}
            for d in rec.doubts
        ],
    }


def to_json(rec: NoticeRecord) -> str:
    """The record as JSON text (the format of docs/record.md), indented, ending in a newline."""
    return json.dumps(to_dict(rec), ensure_ascii=False, indent=2) + "\n"
