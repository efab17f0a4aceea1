"""Build the graph of many notices: extract each, write per-notice files and the whole graph.

Layout of the output directory::

    graph.trig          every notice, one named graph each
    graph.nq            the same as sorted N-Quads (byte-identical on rebuild)
    notices/<id>.trig   one notice's graph
    notices/<id>.json   one notice's record
    summary.json        counts per notice and the files that failed
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import KgtoolsError, UsageError
from .extract import extract_file
from .formats import SUFFIXES
from .record import NoticeRecord
from .serialize import dataset_of, record_json, record_nquads, record_trig, write_atomic

DEFAULT_SOURCES = (Path("data/notices"),)
DEFAULT_OUT = Path("data/build")

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class NoticeSummary:
    """Counts for one built notice."""

    notice: str
    source: str
    findings: int
    measures: int
    regulations: int
    outputs: int


@dataclass(frozen=True)
class Failure:
    """A source that could not be built, and why."""

    source: str
    error: str


@dataclass
class BuildResult:
    """What a build did."""

    out: Path
    notices: list[NoticeSummary] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "notices": [asdict(n) for n in self.notices],
            "failures": [asdict(f) for f in self.failures],
        }


def find_sources(sources: Iterable[Path]) -> list[Path]:
    """Notice files named directly or found (recursively, by suffix) in directories.

    :raises UsageError: a source does not exist.
    """
    found: list[Path] = []
    for src in sources:
        if src.is_dir():
            found += sorted(
                p for p in src.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif src.is_file():
            found.append(src)
        else:
            raise UsageError(f"{src}: no such file or directory; give notice files or directories")
    return found


def summarize(rec: NoticeRecord, source: Path) -> NoticeSummary:
    return NoticeSummary(
        notice=rec.notice_id,
        source=str(source),
        findings=len(rec.findings),
        measures=len(rec.measures),
        regulations=len(rec.regulations()),
        outputs=len(rec.outputs),
    )


def _source_url(path: Path) -> str | None:
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.is_file():
        return None
    try:
        value = json.loads(meta.read_text(encoding="utf-8")).get("source_url")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def extract_all(
    paths: list[Path], *, progress: Progress | None = None
) -> Iterator[tuple[Path, NoticeRecord | Failure]]:
    """Extract each path in turn, yielding it with its record or its failure."""
    for i, path in enumerate(paths, 1):
        try:
            rec = extract_file(path)
            rec.source_url = _source_url(path)
            yield path, rec
        except KgtoolsError as exc:
            yield path, Failure(str(path), str(exc))
        if progress:
            progress(i, len(paths), str(path))


def build(
    sources: Iterable[Path] = DEFAULT_SOURCES,
    *,
    out: Path = DEFAULT_OUT,
    progress: Progress | None = None,
) -> BuildResult:
    """Extract every notice in ``sources`` and write the graph to ``out``.

    A bad notice is reported in the result and nothing is written for it; the
    others are built.

    :raises UsageError: a source is missing, or two sources share an identity.
    """
    paths = find_sources(sources)
    result = BuildResult(out)
    records: list[NoticeRecord] = []
    seen: dict[str, Path] = {}
    for source, item in extract_all(paths, progress=progress):
        if isinstance(item, Failure):
            result.failures.append(item)
            continue
        if item.notice_id in seen:
            result.failures.append(
                Failure(
                    str(source),
                    f"{source}: same identity {item.notice_id!r} as {seen[item.notice_id]}; rename one file",
                )
            )
            continue
        seen[item.notice_id] = source
        records.append(item)
        result.notices.append(summarize(item, source))
    notices_dir = out / "notices"
    for rec in records:
        write_atomic(notices_dir / f"{rec.notice_id}.trig", record_trig(rec))
        write_atomic(notices_dir / f"{rec.notice_id}.json", record_json(rec))
    records.sort(key=lambda r: r.notice_id)
    write_atomic(out / "graph.nq", "".join(record_nquads(r) for r in records))
    write_atomic(out / "graph.trig", dataset_of(records).serialize(format="trig"))
    write_atomic(
        out / "summary.json", json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    )
    return result
