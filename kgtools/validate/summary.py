"""A build's validation counted from its cache, without reading every result: the counts
by notice and by shape come from each entry's tally, and only the first results, the most
severe first, are read (the report's ``validation.html`` lists those; at 10 000 sample
notices there are 150 000 warnings).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cached_results, engine_for, update_cache
from .report import SEVERITIES, ValidationReport
from .shapes import Shapes

Counts = dict[str, int]


@dataclass
class BuildSummary:
    """A build's validation: ``report`` holds every notice and the first results only."""

    report: ValidationReport
    counts: dict[str, Counts]  # by notice
    by_shape: dict[str, Counts]
    totals: Counts
    digest: str  # changes when any notice's results change
    validated: int = 0  # notices validated now (the others from the cache)
    shown: list[str] = field(default_factory=list)


def summarize_build(build: Path, shapes: Shapes, *, max_results: int, jobs: int | None = None) -> BuildSummary:  # fmt: skip
    """Bring the build's validation cache up to date (only notices whose graph changed are
    validated) and count its results; read the first ``max_results`` of them, the most
    severe first, in notice order.

    :raises UsageError: not a build, no notice, a notice graph without its xk:Notice, bad shapes.
    """
    engine = engine_for(shapes)
    db, notices, validated = update_cache(build, shapes, engine=engine, jobs=jobs)
    try:
        counts = {n: dict.fromkeys(SEVERITIES, 0) for n in notices}
        by_shape: dict[str, Counts] = {}
        digest = hashlib.sha256(engine.encode())
        for notice, entry_digest, text in db.execute("SELECT notice, digest, tally FROM entry ORDER BY notice"):  # fmt: skip
            digest.update(f"{notice} {entry_digest}\n".encode())
            for shape, numbers in json.loads(text).items():
                shape_counts = by_shape.setdefault(shape, dict.fromkeys(SEVERITIES, 0))
                for severity, n in zip(SEVERITIES, numbers, strict=True):
                    counts[notice][severity] += n
                    shape_counts[severity] += n
        report = ValidationReport(notices=notices, shapes=shapes.names, shape_labels=shapes.labels,
                                  engine=engine)  # fmt: skip
        chosen: list[str] = []
        for severity in SEVERITIES:  # the notices to read, those with violations first
            left = max_results - sum(sum(counts[n].values()) for n in chosen)
            for n in notices:
                if left <= 0:
                    break
                if counts[n][severity] and n not in chosen:
                    chosen.append(n)
                    left -= sum(counts[n].values())
        read = "SELECT notice, results FROM entry WHERE notice = ?"
        report.results = list(
            cached_results(row for n in sorted(chosen) for row in db.execute(read, (n,)))
        )
    finally:
        db.close()
    totals = {s: sum(c[s] for c in counts.values()) for s in SEVERITIES}
    return BuildSummary(
        report, counts, by_shape, totals, digest.hexdigest()[:32], validated, chosen
    )
