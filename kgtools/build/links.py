"""The cross-notice files of a build: the links graph (links.nq, links.trig, links.json)
and concreteness.csv, written from each notice's link facts (kept in the manifest, so that
a build does not re-read every record)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..emit.serialize import nquads_lines, trig_document, write_atomic
from .linkgraph import LINKS_GRAPH, contribution, link_nquads, link_records

CONCRETENESS_COLUMNS = (
    "measures", "with_regulation", "with_output", "with_date", "with_partner", "slogan_only", "share",
)  # fmt: skip


def link_facts(record: dict[str, Any]) -> dict[str, Any]:
    """The parts of a notice record that the cross-notice outputs read: kept in the
    manifest so that a build does not re-read every record to rewrite them. Names are
    resolved here, once, in the worker; only the resolved parts are kept (the manifest is
    read and written whole on every build)."""
    return {
        "id": record.get("id"),
        "concreteness": record.get("concreteness") or {},
        "links": contribution(record),
    }


def write_links(out: Path, facts: list[dict[str, Any]], *, trig: bool = True) -> None:
    """Cross-notice outputs: the links graph (links.nq, links.trig unless not ``trig``,
    links.json report) and concreteness.csv (per notice: measures with a regulation,
    output, date, partner)."""
    rows = [",".join(("notice", *CONCRETENESS_COLUMNS)) + "\n"]
    for f in facts:
        stats = f.get("concreteness") or {}
        rows.append(
            ",".join([f["id"], *(str(stats.get(c, "")) for c in CONCRETENESS_COLUMNS)]) + "\n"
        )
    if trig:  # small corpora: the graph's triples for the TriG copy, and their lines
        triples, report = link_records(facts)
        lines = nquads_lines(LINKS_GRAPH, triples)
        write_atomic(out / "links.trig", trig_document(LINKS_GRAPH, triples))
    else:
        lines, report = link_nquads(facts)
        (out / "links.trig").unlink(missing_ok=True)
    write_atomic(out / "concreteness.csv", "".join(rows))
    write_atomic(out / "links.nq", "".join(lines))
    report_json = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "links.json", report_json)


def facts_of(out: Path, notice: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A manifest entry's link facts; read from the record for manifests without them."""
    if "facts" in entry:
        return entry["facts"]
    record = json.loads((out / "notices" / f"{notice}.json").read_text(encoding="utf-8"))
    return link_facts(record)
