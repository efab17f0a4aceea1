"""The cross-notice outputs of a build: the links graph (into the store), links.json and
concreteness.csv, made from each notice's link facts (kept in build.sqlite, so that a
build does not re-read every record)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..emit.files import write_atomic
from ..recognize.names import LinkReport
from .linkgraph import LinkLines, contribution

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


def write_concreteness(out: Path, facts: Iterable[dict[str, Any]]) -> None:
    """concreteness.csv: per notice, its measures with a regulation, output, date, partner."""
    rows = [",".join(("notice", *CONCRETENESS_COLUMNS)) + "\n"]
    for f in facts:
        stats = f.get("concreteness") or {}
        rows.append(
            ",".join([f["id"], *(str(stats.get(c, "")) for c in CONCRETENESS_COLUMNS)]) + "\n"
        )
    write_atomic(out / "concreteness.csv", "".join(rows), durable=False)


def write_link_report(out: Path, report: LinkReport) -> None:
    """links.json: what the links graph joined (merged names, ambiguous ones)."""
    report_json = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "links.json", report_json, durable=False)


def link_chunks(lines: LinkLines, digest: Any) -> Iterator[bytes]:
    """The links graph's N-Quads as the store loads them, one notice at a time; ``digest``
    (a hashlib object) is updated with every byte."""
    for part in lines:
        chunk = "".join(part).encode("utf-8")
        digest.update(chunk)
        yield chunk
