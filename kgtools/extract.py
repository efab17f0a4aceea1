"""The extraction pipeline for one notice: read → segment → recognize → record."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import fields, replace
from pathlib import Path

from .errors import NotANoticeError
from .numerals import ascii_digits, to_number
from .read import read_notice, to_clean_text
from .recognize.dates import find_dates
from .recognize.doubts import find_doubts
from .recognize.genre import classify, feedback_itself
from .recognize.header import recognize_header
from .recognize.level import level_of
from .recognize.outputs import find_outputs
from .recognize.partners import find_partners
from .recognize.regulations import find_regulations
from .recognize.structure import FindingSpans, Structure, UnitSection, recognize_structure
from .recognize.themes import classify as classify_themes
from .recognize.totals import find_totals
from .recognize.units import UnitMention, units_in_opening
from .record import (
    DateItem,
    Field,
    Finding,
    Frame,
    Genre,
    Item,
    Level,
    Measure,
    NoticeRecord,
    ProblemArea,
    Unit,
)
from .segment import segment, wrap_width

_ID_UNSAFE = re.compile(r"[^\w\-.]+")


def notice_id_for(name: str) -> str:
    """A stable identity slug from a file name: its stem, spaces and symbols → '-'."""
    stem = unicodedata.normalize("NFC", Path(name).stem)
    slug = _ID_UNSAFE.sub("-", stem).strip("-.")
    return slug or "notice"


def _measure(text: str, original: str, span: tuple[int, int], year: int | None) -> Measure:
    s, e = span
    measure = Measure(original[s:e], span)
    measure.regulations = find_regulations(text, s, e)
    measure.outputs = find_outputs(text, s, e)
    measure.partners = [Field(original[a:b], (a, b)) for _, (a, b) in find_partners(text, s, e)]
    for d in find_dates(text[s:e], default_year=year):
        if d.precision == "day":
            measure.dates.append(DateItem(d.start.isoformat(), (s + d.span[0], s + d.span[1])))
    return measure


def _attributes(
    finding: Finding, spans: FindingSpans, text: str, original: str, year: int | None
) -> None:
    """A finding's labelled attributes: status, deadline (an ISO date when it is one),
    responsible unit, reported results."""
    if spans.status:
        code, (s, e) = spans.status
        finding.status = Field(code, (s, e))
    if spans.deadline:
        s, e = spans.deadline
        days = [d for d in find_dates(text[s:e], default_year=year) if d.precision == "day"]
        finding.deadline = Field(days[-1].end.isoformat() if days else original[s:e], (s, e))
    if spans.responsible:  # a problem over several rows: every row's unit, once each
        names = list(dict.fromkeys(original[s:e] for s, e in spans.responsible))
        finding.responsible = Field("、".join(names), spans.responsible[0])
    finding.results = [Item(original[s:e], (s, e)) for s, e in spans.results]


def _units(
    text: str, original: str, opening: list[UnitMention], structure: Structure
) -> list[Unit]:
    """The units of a centralized notice: those its opening names, then sections' units,
    each with the totals its section states."""
    units = [Unit(u.name, u.span) for u in opening]
    by_name = {u.name: u for u in units}
    for section in structure.units:
        unit = by_name.get(section.name)
        if unit is None:
            unit = by_name[section.name] = Unit(section.name, section.heading)
            units.append(unit)
        unit.totals = find_totals(text, section.heading[0], _first_child(structure, section))
    return units


def _first_child(structure: Structure, section: UnitSection) -> int:
    """Where a unit section's findings begin (its totals sentence comes before them)."""
    inside = [
        f.span[0]
        for f in structure.findings
        if section.block_span[0] <= f.span[0] < section.block_span[1]
    ]
    return min(inside, default=section.block_span[1])


_UNIT_COUNT_RE = re.compile(
    r"([0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3})(?:家|个)(?:单位|部门|乡镇|街道)"
)


def _stated_units(text: str, end: int) -> int | None:
    """How many units the opening says the round covered (对……等N家单位)."""
    m = _UNIT_COUNT_RE.search(text, 0, end)
    return int(to_number(m.group(1))) if m else None


def _level(name: str | None) -> Level | None:
    return Level(name) if name else None


def _tag_themes(rec: NoticeRecord) -> None:
    """Themes of each finding (else of its area, marked inherited) and of each measure."""
    for finding in rec.findings:
        finding.themes = classify_themes(finding.text)
        if not finding.themes and finding.area is not None:
            area_text = rec.problem_areas[finding.area].text
            finding.themes = [replace(a, inherited=True) for a in classify_themes(area_text)]
        for measure in finding.measures:
            measure.themes = classify_themes(measure.text)


def extract_text(
    text: str, *, notice_id: str, source: bytes | None = None, name: str | None = None
) -> NoticeRecord:
    """Recognize a notice in clean text; ``name`` (the file) is used in error messages.

    :raises NotANoticeError: the text is of another genre, or has no findings.
    """
    original = text
    text = ascii_digits(text)  # same length: offsets hold, patterns see one kind of digit
    doc = segment(text)
    body_start = doc.blocks[0].heading.start if doc.blocks else len(text)
    opening_units = units_in_opening(text, 0, body_start)
    structure = recognize_structure(doc, {u.name for u in opening_units})
    header = recognize_header(text, doc.preamble, structure.closing)
    genre = classify(text, header.title.value if header.title else None)
    where = name or notice_id
    if not genre.is_notice:
        raise NotANoticeError(f"{where}: {genre.reason}")
    wrapped = wrap_width(text.split("\n")) is not None
    stated = find_totals(text, wrapped=wrapped)
    feedback = feedback_itself(
        len(structure.findings),
        sum(bool(f.measures) for f in structure.findings),
        bool(stated and stated.rectified),
    )
    if feedback:
        raise NotANoticeError(f"{where}: {feedback.reason}")
    units = _units(text, original, opening_units, structure)
    totals = find_totals(text, 0, structure.units[0].heading[0]) if structure.units else stated
    if not structure.findings and not (
        len(units) >= 2 and (totals or any(u.totals for u in units))
    ):
        raise NotANoticeError(
            f"{where}: no problems with rectification measures found, and no round of several "
            "units with totals; is it a rectification notice?"
        )
    year = None
    for when in (header.feedback, header.stationing, header.publication):
        if when:
            year = int((when.value if isinstance(when, Field) else when[0])[:4])
            break
    centralized = len(units) >= 2
    rec = NoticeRecord(
        notice_id=notice_id,
        text=original,
        genre=Genre.CENTRALIZED if centralized else Genre(genre.name),
        genre_reason=genre.reason,
        level=_level(
            level_of(
                header.inspecting_body.value if header.inspecting_body else None,
                *(f.value for f in header.deciding_bodies),
                header.issuing_org.value if header.issuing_org else None,
            )
        ),
        **{f.name: getattr(header, f.name) for f in fields(Frame)},
    )
    if centralized:
        rec.inspected_org = None  # the units are the inspected organizations
    rec.problem_areas = [
        ProblemArea(original[s:e], (s, e), is_finding)
        for (s, e), is_finding in zip(structure.areas, structure.area_is_finding, strict=True)
    ]
    for f in structure.findings:
        s, e = f.span
        finding = Finding(original[s:e], f.span, f.area, own_area=f.own_area)
        finding.measures = [_measure(text, original, span, year) for span in f.measures]
        _attributes(finding, f, text, original, year)
        if f.unit is not None:
            finding.unit = structure.units[f.unit].name
        rec.findings.append(finding)
    _tag_themes(rec)
    rec.leadership = [Item(original[s:e], (s, e)) for s, e in structure.leadership]
    rec.next_steps = [Item(original[s:e], (s, e)) for s, e in structure.next_steps]
    body_start = min((a[0] for a in structure.areas), default=len(text))
    rec.other_regulations = find_regulations(text, 0, body_start)
    for s, e in structure.leadership:
        rec.other_regulations += find_regulations(text, s, e)
    rec.totals = totals
    rec.units = units
    closing_end = max((p.end for p in structure.closing), default=None)
    rec.doubts = find_doubts(rec, closing_end, _stated_units(text, body_start))
    if source is not None:
        rec.content_hash = hashlib.sha256(source).hexdigest()
    return rec


def extract_bytes(data: bytes, *, name: str) -> NoticeRecord:
    """Extract a notice from raw bytes of any supported format (text, HTML, .docx, PDF),
    read as a file's bytes are; ``name`` gives its identity and error messages.

    :raises NoticeFormatError: unreadable bytes.
    :raises NotANoticeError: not a rectification notice.
    """
    text = to_clean_text(data, name=name)
    rec = extract_text(text, notice_id=notice_id_for(name), source=data, name=name)
    rec.source_file = Path(name).name
    return rec


def extract_file(path: Path) -> NoticeRecord:
    """Extract the notice in a file.

    :raises NoticeFormatError: unreadable file.
    :raises NotANoticeError: not a rectification notice.
    """
    text, data = read_notice(path)
    rec = extract_text(text, notice_id=notice_id_for(path.name), source=data, name=str(path))
    rec.source_file = path.name
    return rec
