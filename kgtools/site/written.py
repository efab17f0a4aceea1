"""The report's bookkeeping (``.kgtools-report.json``): which notice and graph pages the last
run wrote, and for each notice the key its pages were written for (the digest of the
notice's graph, its validation status and the page format). A run writes the pages of the
notices whose key changed, deletes those of notices gone from the build, and only ever
deletes pages it wrote itself.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..emit.files import write_atomic

WRITTEN = ".kgtools-report.json"
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")  # write_atomic's temporaries
SUBFOLDERS = ("notices", "graph")


@dataclass
class Written:
    """What the last run wrote: page paths (relative to the report folder), each notice's
    key, and keys of the shared parts (charts, the all-notices graph)."""

    pages: set[str] = field(default_factory=set)
    notices: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)


def remove_temporaries(out: Path) -> None:
    """Temporary files of a run that was killed (complete pages are only renamed in)."""
    for folder in (out, *(out / sub for sub in ("notices", "graph", "charts", "assets"))):
        try:
            entries = list(os.scandir(folder))  # names first: 20 000 pages at 10 000 notices
        except OSError:  # no such folder
            continue
        for entry in entries:
            if entry.name.endswith(".tmp") and _TEMPORARY.fullmatch(entry.name) and entry.is_file():
                Path(entry.path).unlink(missing_ok=True)


def read_written(out: Path) -> Written:
    """The last run's bookkeeping; empty when there is none or it is unreadable."""
    try:
        data = json.loads((out / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Written()
    if not isinstance(data, dict):
        return Written()

    def strings(value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}

    pages = data.get("pages", [])
    return Written(
        {p for p in pages if isinstance(p, str)} if isinstance(pages, list) else set(),
        strings(data.get("notices")),
        strings(data.get("parts")),
    )


def save_written(out: Path, previous: Written, now: Written) -> None:
    """Remove the pages the last run wrote that this one did not (a notice gone from the
    build) — any other file, e.g. in an --out folder given by the user, stays — and save
    this run's bookkeeping."""
    for page in sorted(previous.pages - now.pages):
        path = out / page
        if path.parent in (out / sub for sub in SUBFOLDERS) and path.suffix in (".html", ".js"):
            path.unlink(missing_ok=True)
    data = {"pages": sorted(now.pages), "notices": dict(sorted(now.notices.items())),
            "parts": dict(sorted(now.parts.items()))}  # fmt: skip
    write_atomic(out / WRITTEN, json.dumps(data, ensure_ascii=False) + "\n")


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``path`` unless it already holds ``text``; True when written. Atomically
    (a reader sees the old page or the new one) but not fsynced: a page is rebuilt from the
    build at the next run, and 3 000 fsyncs took 11 s of a 1 000-notice report."""
    try:
        if (
            path.stat().st_size == len(text.encode("utf-8"))
            and path.read_text(encoding="utf-8") == text
        ):
            return False
    except OSError:
        pass
    write_atomic(path, text, durable=False)
    return True
