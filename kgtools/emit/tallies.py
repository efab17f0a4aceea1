"""Per-notice tallies computed at build time, so that cross-notice questions are answered
by scanning a few small sets in the store instead of joining every finding, measure and
output of the corpus (a join costs a store lookup per row; on 10 000 notices that is
millions of lookups, a scan of a tally is a few thousand).

Plain functions over a notice record; emit.py turns them into triples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..record import Finding, NoticeRecord, Output

# Words that make an output an accountability result: people disciplined, held to
# account or admonished; funds returned, recovered or confiscated.
ACCOUNTABILITY = re.compile(r"处分|问责|诫勉|清退|追回|挽回|退缴|收缴|追缴|退赔|纪律处理|组织处理")
_CLAUSE_END = "，,；;。：:\n"


@dataclass(frozen=True)
class OutputTotal:
    """The outputs of one notice counting the same thing in the same unit, summed."""

    counts: str
    unit: str
    value: Decimal
    outputs: int
    accountability: bool


@dataclass(frozen=True)
class UnitTotal:
    """All outputs of one notice in the same unit, summed (whatever they count)."""

    unit: str
    value: Decimal
    outputs: int


@dataclass(frozen=True)
class ThemeTally:
    """How many findings of a notice have a theme, and the words that matched."""

    theme: str
    findings: int
    words: tuple[str, ...]


def output_clause(text: str, output: Output) -> str:
    """The clause of the notice around an output: from the last clause mark before it to
    its end, e.g. 追回违规资金3.2万元 for the output 3.2万元."""
    start, end = output.span
    cut = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END)
    return text[cut + 1 : end]


def is_accountability(text: str, output: Output) -> bool:
    """An output reporting discipline or recovered funds (by its clause, not its measure:
    a measure may recover funds and also train people)."""
    return bool(ACCOUNTABILITY.search(output_clause(text, output) + output.what))


def output_totals(rec: NoticeRecord) -> list[OutputTotal]:
    """The notice's outputs grouped by what they count and their unit, in sorted order."""
    groups: dict[tuple[str, str], list[Output]] = {}
    for measure in rec.measures:
        for o in measure.outputs:
            groups.setdefault((o.what, o.unit), []).append(o)
    return [
        OutputTotal(
            counts=what,
            unit=unit,
            value=sum((o.value for o in items), Decimal(0)),
            outputs=len(items),
            accountability=any(is_accountability(rec.text, o) for o in items),
        )
        for (what, unit), items in sorted(groups.items())
    ]


def unit_totals(totals: list[OutputTotal]) -> list[UnitTotal]:
    """The output totals of a notice summed by unit, in sorted order: what queries by unit
    scan (about a third fewer rows than the totals by what they count)."""
    values: dict[str, Decimal] = {}
    outputs: dict[str, int] = {}
    for t in totals:
        values[t.unit] = values.get(t.unit, Decimal(0)) + t.value
        outputs[t.unit] = outputs.get(t.unit, 0) + t.outputs
    return [UnitTotal(unit, values[unit], outputs[unit]) for unit in sorted(values)]


def theme_tallies(findings: list[Finding]) -> list[ThemeTally]:
    """Per theme of the findings: how many findings have it, and the words matched."""
    counts: dict[str, int] = {}
    words: dict[str, set[str]] = {}
    for finding in findings:
        for a in finding.themes:
            counts[a.theme] = counts.get(a.theme, 0) + 1
            words.setdefault(a.theme, set()).update(a.words)
    return [ThemeTally(t, counts[t], tuple(sorted(words[t]))) for t in sorted(counts)]


def measures_per_finding(findings: list[Finding]) -> tuple[int, int]:
    """The most measures any finding has, and how many findings have none."""
    sizes = [len(f.measures) for f in findings]
    return max(sizes, default=0), sizes.count(0)


@dataclass(frozen=True)
class RuleTally:
    """How many distinct rules of a kind a notice formulated for findings of a theme."""

    theme: str
    kind: str  # a RegulationKind local name
    rules: int
    titles: tuple[str, ...]  # as written, one per distinct rule


def rule_tallies(findings: list[Finding]) -> list[RuleTally]:
    """Rules formulated in measures, counted by the themes of their findings and by kind."""
    from ..recognize.names import normalize_title, regulation_kind

    titles: dict[tuple[str, str], dict[str, str]] = {}
    for finding in findings:
        formulated = [
            r.title for m in finding.measures for r in m.regulations if r.role == "formulated"
        ]
        for a in finding.themes:
            for title in formulated:
                key = normalize_title(title)
                titles.setdefault((a.theme, regulation_kind(title)), {}).setdefault(key, title)
    return [
        RuleTally(theme, kind, len(rules), tuple(sorted(rules.values())))
        for (theme, kind), rules in sorted(titles.items())
    ]
