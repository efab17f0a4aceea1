"""Typed validation reports and their renderings: text, JSON, JUnit XML, HTML."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..display import clip
from ..record import Choice
from ..vocab import NOTICE_BASE, SH_NS

ID_BASE = NOTICE_BASE


class Severity(Choice):
    """SHACL severities, most severe first; compares equal to its name as a string."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


SEVERITIES = tuple(s.value for s in Severity)  # most severe first
_RANK = {s: i for i, s in enumerate(Severity)}
_BY_NAME: dict[str, Severity] = {s.value: s for s in Severity}  # the names results carry


def severity_of(text: str) -> Severity:
    """A severity from its name in any case or its SHACL IRI (``sh:Violation``).

    :raises ValueError: not a SHACL severity.
    """
    name = text.removeprefix(SH_NS).strip().lower()
    for severity in Severity:
        if severity.value.lower() == name:
            return severity
    raise ValueError(f"{text!r} is not a severity; use violation, warning or info")


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One result: what is wrong, where, and how to fix it."""

    severity: Severity
    notice: str
    focus: str
    shape: str
    message_zh: str
    message_en: str
    path: str | None = None
    value: str | None = None
    label: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):  # from a cache or a SPARQL row
            severity = _BY_NAME.get(self.severity) or severity_of(self.severity)
            object.__setattr__(self, "severity", severity)

    @property
    def short_focus(self) -> str:
        return self.focus.removeprefix(ID_BASE)

    def line(self) -> str:
        """One greppable line: ``[Violation] notice/area/1/finding/2 — 中文 / English``."""
        return f"[{self.severity}] {self.short_focus} — {self.message_zh} / {self.message_en}"


@dataclass
class ValidationReport:
    """Results of validating notices; ``notices`` lists every notice checked."""

    notices: list[str] = field(default_factory=list)
    results: list[ValidationResult] = field(default_factory=list)
    shapes: list[str] = field(default_factory=list)
    from_cache: int = 0  # notices whose results came from a build's validation cache
    shape_labels: dict[str, str] = field(default_factory=dict)  # shape name (en) → zh
    engine: str = ""  # the engine that ran: pyshacl or sparql

    def shape_names(self) -> list[str]:
        """Every shape checked: the report's, and any a result names that it lacks."""
        return sorted(set(self.shapes) | {r.shape for r in self.results})

    def at_or_above(self, level: Severity | str) -> list[ValidationResult]:
        rank = _RANK[severity_of(level)]
        return [r for r in self.results if _RANK[r.severity] <= rank]

    def conforms(self, level: Severity | str = Severity.VIOLATION) -> bool:
        """No result at or above ``level``."""
        return not self.at_or_above(level)

    def counts(self) -> dict[str, int]:
        return {s: sum(r.severity == s for r in self.results) for s in SEVERITIES}

    def sorted_results(self) -> list[ValidationResult]:
        return sorted(self.results, key=result_key)


def format_text(report: ValidationReport, *, level: str = "Violation") -> str:
    """Grouped by notice and severity, one line per result, then where it is in the text."""
    by_notice: dict[str, list[ValidationResult]] = defaultdict(list)
    for r in report.sorted_results():
        by_notice[r.notice].append(r)
    groups = ((notice, by_notice.get(notice, [])) for notice in report.notices)
    return "".join(text_lines(report.notices, groups, level=level))


def counts_conform(counts: dict[str, int], level: Severity | str) -> bool:
    """No result at or above ``level``, from the counts by severity."""
    return not any(counts.get(s, 0) for s in SEVERITIES[: _RANK[severity_of(level)] + 1])


def result_key(r: ValidationResult) -> tuple[str, int, str, str, str]:
    """The order of a report's results: by notice, most severe first, then node and shape."""
    return (r.notice, _RANK[r.severity], r.focus, r.shape, r.value or "")


def text_lines(notices: list[str], groups: Iterator[tuple[str, list[ValidationResult]]],
               *, level: str = "Violation", totals: dict[str, int] | None = None) -> Iterator[str]:  # fmt: skip
    """The text report, line by line, from each notice's results sorted by
    :func:`result_key` (``groups``, in the order of ``notices``; a notice without results
    may be left out), so that a caller streaming them from a cache never holds them all.
    ``totals`` (severity → count) is filled as the lines are made."""
    totals = totals if totals is not None else {}
    totals.update(dict.fromkeys(SEVERITIES, 0))
    pending = next(groups, None)
    for notice in notices:
        results: list[ValidationResult] = []
        if pending is not None and pending[0] == notice:
            results, pending = pending[1], next(groups, None)
        counts = {s: sum(r.severity == s for r in results) for s in SEVERITIES}
        for s in SEVERITIES:
            totals[s] += counts[s]
        yield f"== {notice}: {counts['Violation']} violation(s), {counts['Warning']} warning(s) ==\n"
        for r in results:
            yield r.line() + "\n"
            where = f"[{r.start}, {r.end})" if r.start is not None else ""
            shown = r.quote or r.label
            if shown:
                yield f"    “{_clip(shown)}” {where}".rstrip() + "\n"
    if pending is not None:
        raise ValueError(
            f"results of {pending[0]!r}, which is not among the notices or out of order"
        )
    verdict = "conforms" if counts_conform(totals, level) else "does not conform"
    yield (f"{len(notices)} notice(s): {totals['Violation']} violation(s), {totals['Warning']} warning(s), "
           f"{totals['Info']} info — {verdict} at level {level.lower()}\n")  # fmt: skip


def _clip(text: str, width: int = 60) -> str:
    return clip(text, width)


def to_json(report: ValidationReport, *, level: str = "Violation") -> str:
    data: dict[str, Any] = {
        "conforms": report.conforms(level),
        "level": level.lower(),
        "engine": report.engine,
        "counts": report.counts(),
        "notices": report.notices,
        "results": [asdict(r) for r in report.sorted_results()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_junit(report: ValidationReport, *, level: str = "Violation") -> str:
    """JUnit XML: a test suite per notice, a test case per shape, and a <failure> in every
    case with results at or above ``level``; the counts are those of the elements."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    failing = set(report.at_or_above(level))
    shapes = report.shape_names()
    by_key: dict[tuple[str, str], list[ValidationResult]] = defaultdict(list)
    for r in report.sorted_results():
        by_key[(r.notice, r.shape)].append(r)
    failed = {key for key, results in by_key.items() if any(r in failing for r in results)}
    total_failed = sum(
        1 for notice in report.notices for shape in shapes if (notice, shape) in failed
    )
    lines.append(f'<testsuites name="kgtools validate" tests="{len(report.notices) * len(shapes)}" '
                 f'failures="{total_failed}" errors="0">')  # fmt: skip
    for notice in report.notices:
        fails = sum(1 for shape in shapes if (notice, shape) in failed)
        lines.append(
            f'  <testsuite name={quoteattr(notice)} tests="{len(shapes)}" failures="{fails}" errors="0">'
        )
        for shape in shapes:
            results = by_key.get((notice, shape), [])
            bad = [r for r in results if r in failing]
            lines.append(f"    <testcase classname={quoteattr(notice)} name={quoteattr(shape)}>")
            if bad:
                body = escape(
                    "\n".join(r.line() + (f" “{_clip(r.quote)}”" if r.quote else "") for r in bad)
                )
                lines.append(
                    f"      <failure message={quoteattr(bad[0].message_en or bad[0].message_zh)} type={quoteattr(str(bad[0].severity))}>{body}</failure>"
                )
            other = [r for r in results if r not in failing]
            if other:
                lines.append(
                    f"      <system-out>{escape(chr(10).join(r.line() for r in other))}</system-out>"
                )
            lines.append("    </testcase>")
        lines.append("  </testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"


def _by_shape(report: ValidationReport, counts: dict[str, dict[str, int]] | None) -> str:
    """A table of the results' count by shape and severity (``counts``: of every result,
    when ``report`` holds only some)."""
    e = html.escape
    if counts is None:
        counts = defaultdict(lambda: dict.fromkeys(SEVERITIES, 0))
        for r in report.results:
            counts[r.shape][r.severity] += 1
    rows = "".join(
        f"<tr><td>{e(shape)}<div class=\"label\">{e(report.shape_labels.get(shape, ''))}</div></td>"
        + "".join(f'<td class="num">{n[s]}</td>' for s in SEVERITIES) + "</tr>"
        for shape, n in sorted(counts.items())
    )  # fmt: skip
    head = "".join(f"<th>{e(s)}</th>" for s in SEVERITIES)
    return f'<table id="by-shape"><thead><tr><th>shape</th>{head}</tr></thead><tbody>{rows}</tbody></table>'


def to_html(report: ValidationReport, *, level: str = "Violation", max_rows: int | None = None,
            totals: dict[str, int] | None = None, by_shape: dict[str, dict[str, int]] | None = None) -> str:  # fmt: skip
    """A self-contained HTML page: summary, then a table per notice. All text is escaped.

    With ``max_rows`` (the report site of a large build: 15 warnings a notice make 100 MB
    at 10 000 notices): the counts by shape, then only the first ``max_rows`` results, most
    severe first, under the notices that have them, and how to get the rest. ``totals``
    and ``by_shape`` (counts by severity, and by shape and severity) are of every result
    when ``report`` holds only the first ones (:mod:`.summary`).
    """
    e = html.escape
    c = totals if totals is not None else report.counts()
    conforms = all(not c[s] for s in SEVERITIES[: _RANK[severity_of(level)] + 1])
    verdict = "conforms" if conforms else "does not conform"
    rows: dict[str, list[str]] = defaultdict(list)
    results = report.sorted_results()
    total = sum(c.values())
    rest = ""
    if max_rows is not None and total > max_rows:
        results = sorted(results, key=lambda r: _RANK[r.severity])[:max_rows]  # stable: by notice
        results.sort(key=lambda r: (r.notice, _RANK[r.severity], r.focus, r.shape, r.value or ""))
        rest = (f'<p id="more">The first {min(max_rows, len(results))} of {total} results are listed, the most '
                "severe first; <code>kgtools validate BUILD --format html --out FILE</code> lists every "
                "one.</p>")  # fmt: skip
    for r in results:
        where = f"[{r.start}, {r.end})" if r.start is not None else ""
        rows[r.notice].append(
            f'<tr class="{e(r.severity.lower())}"><td>{e(r.severity)}</td><td><code>{e(r.short_focus)}</code>'
            f'<div class="label">{e(r.label or "")}</div></td><td>{e(r.shape)}<div class="label">{e(report.shape_labels.get(r.shape, ""))}</div></td>'
            f'<td>{e(r.message_zh)}<br>{e(r.message_en)}</td><td class="quote">{e(_clip(r.quote or "", 120))}</td>'
            f"<td>{e(where)}</td></tr>"
        )
    sections = []
    shown = report.notices if max_rows is None else [n for n in report.notices if n in rows]
    for notice in shown:
        body = (
            "".join(rows.get(notice, [])) or '<tr><td colspan="6">No results — conforms.</td></tr>'
        )
        sections.append(f'<section class="notice"><h2>{e(notice)}</h2><table><thead><tr><th>severity</th><th>node</th>'
                        f"<th>shape</th><th>message</th><th>quote</th><th>offsets</th></tr></thead>"
                        f"<tbody>{body}</tbody></table></section>")  # fmt: skip
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>kgtools validate — {e(verdict)}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; }}
tr.violation td:first-child {{ background: #f8d7da; }} tr.warning td:first-child {{ background: #fff3cd; }}
.label {{ color: #555; font-size: 90%; }} .quote {{ font-size: 90%; }}
</style></head><body>
<h1>Validation report</h1>
<p id="summary" data-conforms="{str(conforms).lower()}">{len(report.notices)} notice(s):
{c["Violation"]} violation(s), {c["Warning"]} warning(s), {c["Info"]} info — {e(verdict)} at level {e(level.lower())}.</p>
{_by_shape(report, by_shape) if max_rows is not None else ""}{rest}
{"".join(sections)}
</body></html>
"""


FORMATS = {"text": format_text, "json": to_json, "junit": to_junit, "html": to_html}
