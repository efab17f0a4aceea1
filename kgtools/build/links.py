"""The cross-notice outputs of a build: the links graph (into the store), links.json and
concreteness.csv, made from each notice's link facts (kept in build.sqlite, so that a
build does not re-read every record)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..emit.files import write_atomic
from .linkgraph import contribution, link_nquads

CONCRETENESS_COLUMNS = (
    "measures", "with_regulation", "with_output", "with_date", "with_partner", "slogan_only", "share",
)  # fmt: skip


def link_facts(record: dict[str, Any]) -> dict[str, Any]:
    """The parts of a notice record that the cross-notice outputs read: kept in the
    build's table so that a build does not re-read every record to rewrite them. Names are
    resolved here, once, in the worker; only the resolved parts are kept."""
    return {
        "id": record.get("id"),
        "concreteness": record.get("concreteness") or {},
        "links": contribution(record),
    }


def write_concreteness(out: Path, facts: list[dict[str, Any]]) -> None:
    """concreteness.csv: per notice, its measures with a regulation, output, date, partner."""
    rows = [",".join(("notice", *CONCRETENESS_COLUMNS)) + "\n"]
    for f in facts:
        stats = f.get("concreteness") or {}
        rows.append(
            ",".join([f["id"], *(str(stats.get(c, "")) for c in CONCRETENESS_COLUMNS)]) + "\n"
        )
    write_atomic(out / "concreteness.csv", "".join(rows), durable=False)


def write_links(out: Path, facts: list[dict[str, Any]]) -> str:
    """Write links.json (what the links graph joined) and concreteness.csv; return the
    links graph as N-Quads."""
    write_concreteness(out, facts)
    lines, report = link_nquads(facts)
    report_json = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "links.json", report_json, durable=False)
    return "".join(lines)
