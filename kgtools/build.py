"""Build the graph of many notices: extract each, write per-notice files and the whole graph.

Layout of the output directory::

    graph.trig          every notice, one named graph each (the notices' TriG files, concatenated)
    graph.nq            the same as N-Quads, notices in id order, lines sorted (byte-identical on rebuild)
    notices/<id>.trig   one notice's graph       notices/<id>.nq    the same as N-Quads
    notices/<id>.json   one notice's record
    manifest.json       per notice: source, content hash, counts (drives incremental builds)
    summary.json        what the last build did, and the sources that failed
    store/              the embedded pyoxigraph store: every graph plus the ontology

Builds are incremental: a notice whose bytes (and the extractor version) are unchanged
is not extracted again; files of notices whose sources are gone are removed. Extraction
runs in worker processes; results are written as they arrive, so memory does not grow
with the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ._version import __version__
from .emit import notice_iri, record_triples
from .errors import KgtoolsError, UsageError
from .extract import extract_file, notice_id_for
from .formats import SUFFIXES
from .linkgraph import LINKS_GRAPH, link_records
from .resources import resource_dir
from .serialize import (
    concat_atomic,
    nquads_lines,
    record_json,
    trig_document,
    write_atomic,
)
from .store import load_store

DEFAULT_SOURCES = (Path("data/notices"),)
DEFAULT_OUT = Path("data/build")
MANIFEST_VERSION = "xuncha-build/1"


@cache
def manifest_format() -> str:
    """The build format and a hash of the extractor's code and vocabularies: any change to
    them makes the next build re-extract every notice, so no graph is stale."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *resource_dir("ontology").glob("*.ttl")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{MANIFEST_VERSION} {digest.hexdigest()[:16]}"


PARALLEL_FROM = 8  # fewer notices than this are extracted in-process
STORE_OK = ".store-ok"
CONCRETENESS_COLUMNS = (
    "measures", "with_regulation", "with_output", "with_date", "with_partner", "slogan_only", "share",
)  # fmt: skip

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
    extracted: list[str] = field(default_factory=list)  # new or changed notices
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "notices": [asdict(n) for n in self.notices],
            "failures": [asdict(f) for f in self.failures],
            "extracted": self.extracted,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }


@dataclass(frozen=True)
class _Built:
    """A worker's output for one notice: its files' contents and its counts."""

    summary: NoticeSummary
    content_hash: str
    nquads: str
    trig: str
    record: str
    facts: dict[str, Any]  # what the links graph and concreteness.csv need (kept in the manifest)


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


def _source_url(path: Path) -> str | None:
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.is_file():
        return None
    try:
        value = json.loads(meta.read_text(encoding="utf-8")).get("source_url")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def build_one(path: Path) -> _Built | Failure:
    """Extract one notice and render its files (runs in a worker process)."""
    try:
        rec = extract_file(path)
        rec.source_url = _source_url(path)
    except KgtoolsError as exc:
        return Failure(str(path), str(exc))
    summary = NoticeSummary(
        notice=rec.notice_id,
        source=str(path),
        findings=len(rec.findings),
        measures=len(rec.measures),
        regulations=len(rec.regulations()),
        outputs=len(rec.outputs),
    )
    triples = record_triples(rec)
    graph = notice_iri(rec.notice_id)
    record = record_json(rec)
    return _Built(
        summary,
        rec.content_hash or "",
        "".join(nquads_lines(graph, triples)),
        trig_document(graph, triples),
        record,
        link_facts(json.loads(record)),
    )


LINK_KEYS = ("id", "issuing_org", "inspected_org", "inspecting_body", "deciding_bodies")


def link_facts(record: dict[str, Any]) -> dict[str, Any]:
    """The parts of a notice record that the cross-notice outputs read: kept in the
    manifest so that a build does not re-read every record to rewrite them."""
    facts = {k: record.get(k) for k in LINK_KEYS}
    facts["regulations"] = [
        {"title": r["title"], "role": r.get("role")} for r in record.get("regulations") or []
    ]
    facts["concreteness"] = record.get("concreteness") or {}
    return facts


def _run(paths: list[Path], jobs: int) -> Iterator[_Built | Failure]:
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        yield from map(build_one, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(build_one, paths, chunksize=max(1, min(64, len(paths) // (jobs * 8))))


def _load_manifest(out: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != manifest_format():
        return {}  # another extractor version: rebuild everything
    notices = data.get("notices")
    return notices if isinstance(notices, dict) else {}


def _notice_files(out: Path, notice: str) -> list[Path]:
    return [out / "notices" / f"{notice}{suffix}" for suffix in (".nq", ".trig", ".json")]


def _remove_temporaries(out: Path) -> None:
    """Temporary files of an interrupted build (complete files are only ever renamed in)."""
    for folder in (out, out / "notices"):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


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
    triples, report = link_records(facts)
    write_atomic(out / "concreteness.csv", "".join(rows))
    write_atomic(out / "links.nq", "".join(nquads_lines(LINKS_GRAPH, triples)))
    if trig:
        write_atomic(out / "links.trig", trig_document(LINKS_GRAPH, triples))
    else:
        (out / "links.trig").unlink(missing_ok=True)
    report_json = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "links.json", report_json)


def _facts_of(out: Path, notice: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A manifest entry's link facts; read from the record for manifests without them."""
    if "facts" in entry:
        return entry["facts"]
    record = json.loads((out / "notices" / f"{notice}.json").read_text(encoding="utf-8"))
    return link_facts(record)


def build(
    sources: Iterable[Path] = DEFAULT_SOURCES,
    *,
    out: Path = DEFAULT_OUT,
    jobs: int | None = None,
    force: bool = False,
    store: bool = True,
    corpus_files: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Extract every new or changed notice in ``sources`` and write the graph to ``out``.

    A bad notice is reported in the result and nothing is written for it (its old files,
    if any, are removed); the others are built. ``force`` re-extracts every notice.
    ``corpus_files``: also write graph.trig and graph.nq, the whole corpus in one file each
    (rewritten on every build that changes anything; skip them for large corpora).

    :raises UsageError: a source is missing.
    """
    paths = find_sources(sources)
    jobs = jobs or os.cpu_count() or 1
    result = BuildResult(out)
    _remove_temporaries(out)
    old = {} if force else _load_manifest(out)
    manifest: dict[str, dict[str, object]] = {}
    todo: list[Path] = []
    seen: dict[str, Path] = {}
    for path in paths:
        notice = notice_id_for(path.name)
        if notice in seen:
            result.failures.append(
                Failure(
                    str(path),
                    f"{path}: same identity {notice!r} as {seen[notice]}; rename one file",
                )
            )
            continue
        seen[notice] = path
        entry = old.get(notice)
        if (
            entry
            and entry.get("hash") == _file_hash(path)
            and all(f.is_file() for f in _notice_files(out, notice))
        ):
            manifest[notice] = {**entry, "source": str(path)}
            result.notices.append(
                NoticeSummary(**{**entry["counts"], "notice": notice, "source": str(path)})
            )  # type: ignore[arg-type]
            result.unchanged += 1
        else:
            todo.append(path)
    for done, item in enumerate(_run(todo, jobs), 1):
        if isinstance(item, Failure):
            result.failures.append(item)
            for f in _notice_files(out, notice_id_for(Path(item.source).name)):
                f.unlink(missing_ok=True)
        else:
            nq, trig, js = _notice_files(out, item.summary.notice)
            write_atomic(nq, item.nquads)
            write_atomic(trig, item.trig)
            write_atomic(js, item.record)
            counts = {
                k: v for k, v in asdict(item.summary).items() if k not in ("notice", "source")
            }
            manifest[item.summary.notice] = {
                "source": item.summary.source,
                "hash": item.content_hash,
                "counts": counts,
                "facts": item.facts,
            }
            result.notices.append(item.summary)
            result.extracted.append(item.summary.notice)
        if progress:
            progress(done, len(todo), str(todo[done - 1]))
    for notice in sorted(set(old) - set(manifest)):
        for f in _notice_files(out, notice):
            f.unlink(missing_ok=True)
        if notice not in {notice_id_for(Path(f.source).name) for f in result.failures}:
            result.removed.append(notice)
    result.notices.sort(key=lambda n: n.notice)
    order = sorted(manifest)
    for n in order:
        manifest[n]["facts"] = _facts_of(out, n, manifest[n])  # type: ignore[arg-type]
    links_file = out / "links.nq"
    outputs = [links_file, out / "links.json", out / "concreteness.csv"]
    # Nothing new, changed or removed since a complete build: the cross-notice files stand.
    same = bool(old) and not result.extracted and not result.removed and not result.failures
    same = same and all(f.is_file() for f in outputs)
    same = same and (out / "links.trig").is_file() == corpus_files
    old_links = None if same or not links_file.is_file() else links_file.read_text(encoding="utf-8")
    if not same:
        write_links(out, [manifest[n]["facts"] for n in order], trig=corpus_files)  # type: ignore[misc]
    have_corpus = (out / "graph.nq").is_file() and (out / "graph.trig").is_file()
    if corpus_files and not (same and have_corpus):
        concat_atomic(out / "graph.nq", [*(out / "notices" / f"{n}.nq" for n in order), links_file])
        concat_atomic(
            out / "graph.trig",
            [*(out / "notices" / f"{n}.trig" for n in order), out / "links.trig"],
        )
    elif not corpus_files:  # no stale corpus files next to a newer build
        (out / "graph.nq").unlink(missing_ok=True)
        (out / "graph.trig").unlink(missing_ok=True)
    # no indent: json's fast C encoder (the manifest of 10 000 notices is tens of MB)
    write_atomic(out / "manifest.json", json.dumps({"format": manifest_format(), "notices": dict(sorted(manifest.items()))},
                                                   ensure_ascii=False) + "\n")  # fmt: skip
    if store:
        # The marker exists only while the store matches the files: a build killed while
        # loading leaves it missing, and the next build reloads the store in full.
        in_sync = (out / STORE_OK).is_file()
        if not (same and in_sync):
            (out / STORE_OK).unlink(missing_ok=True)
            load_store(
                out,
                changed=result.extracted,
                removed=result.removed,
                full=force or not old or not in_sync,
                old_links=old_links,
            )
            write_atomic(out / STORE_OK, "the store matches the notices' files\n")
    summary = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "summary.json", summary)
    return result
