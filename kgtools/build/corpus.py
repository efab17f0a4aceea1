"""Build the graph of many notices: extract each, write per-notice files and the whole graph.

Layout of the output directory::

    graph.trig          every notice, one named graph each (the notices' TriG files, concatenated)
    graph.nq            the same as N-Quads, notices in id order, lines sorted (byte-identical on rebuild)
    notices/<id>.trig   one notice's graph       notices/<id>.nq    the same as N-Quads
    notices/<id>.json   one notice's record
    manifest.json       per notice: source, content hash, counts (drives incremental builds)
    summary.json        what the last build did, and the sources that failed
    store/              the embedded pyoxigraph store: every graph plus the ontology
    text-index.sqlite   the quotes' index that answers the query ``search`` (kgtools.textindex)

Builds are incremental: a notice whose bytes (and the extractor version) are unchanged
is not extracted again; files of notices whose sources are gone are removed. Extraction
runs in worker processes; results are written as they arrive, so memory does not grow
with the corpus.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..emit.serialize import concat_atomic, write_atomic
from ..extract import notice_id_for
from .failures import Failure, shown, usable_id
from .links import facts_of, write_links
from .lock import build_lock
from .manifest import load_manifest, manifest_format
from .sources import find_sources, stat_of, unchanged
from .store import PREVIOUS, load_store
from .textindex import Hit, IndexWriter, search_hits
from .textindex import generation as index_generation
from .warc import expand_warcs
from .worker import NoticeSummary, build_one, parallel_map, worker_died

__all__ = ["BuildResult", "Failure", "NoticeSummary", "build", "build_one", "store_generation"]

DEFAULT_SOURCES = (Path("data/notices"),)
DEFAULT_OUT = Path("data/build")
STORE_OK = ".store-ok"

Progress = Callable[[int, int, str], None]


@dataclass
class BuildResult:
    """What a build did."""

    out: Path
    notices: list[NoticeSummary] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # new or changed notices
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "notices": [asdict(n) for n in self.notices],
            "failures": [asdict(f) for f in self.failures],
            "extracted": self.extracted,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }


def _hits_of_file(path: Path) -> tuple[str, list[Hit]]:
    return path.stem, search_hits(path.read_text(encoding="utf-8"))


def _hits_of_files(paths: list[Path], jobs: int) -> Iterator[tuple[str, list[Hit]]]:
    """Text-index rows of already built notices (to rebuild the index in full)."""
    return parallel_map(_hits_of_file, paths, jobs)


def store_generation(out: Path) -> str | None:
    """The generation token in the store's marker: present only while the store (and the
    text index of the same token) match the notices' files."""
    try:
        text = (out / STORE_OK).read_text(encoding="utf-8")
    except OSError:
        return None
    return next(
        (line.split()[1] for line in text.split("\n") if line.startswith("generation ")), ""
    )


def _notice_files(out: Path, notice: str, trig: bool = True) -> list[Path]:
    """A notice's files: N-Quads, TriG (not without ``trig``: large corpora), JSON record."""
    suffixes = (".nq", ".trig", ".json") if trig else (".nq", ".json")
    return [out / "notices" / f"{notice}{suffix}" for suffix in suffixes]


def _notice_ids_on_disk(out: Path) -> set[str]:
    """The notices that have files in ``out/notices`` (their store copies aside)."""
    folder = out / "notices"
    if not folder.is_dir():
        return set()
    ids = set()
    for entry in os.scandir(folder):
        for suffix in (".nq", ".trig", ".json"):
            if entry.name.endswith(suffix) and not entry.name.startswith("."):
                ids.add(entry.name[: -len(suffix)])
    return ids


def _remove_temporaries(out: Path) -> None:
    """Temporary files of an interrupted build (complete files are only ever renamed in),
    and previous N-Quads that an interrupted build kept for the store (it then lost its
    marker, so the next build reloads the store in full)."""
    for folder in (out, out / "notices"):
        if folder.is_dir():
            for tmp in [*folder.glob(".*.tmp"), *folder.glob(f"*{PREVIOUS}")]:
                tmp.unlink(missing_ok=True)


@dataclass
class _Run:
    """One build in progress: the previous manifest, the new one, and what changed."""

    out: Path
    result: BuildResult
    old: dict[str, dict[str, Any]]
    old_started_ns: int = 0  # when the previous build started
    started_ns: int = field(default_factory=time.time_ns)
    manifest: dict[str, dict[str, Any]] = field(default_factory=dict)
    stats: dict[str, list[int] | None] = field(default_factory=dict)  # source → [size, mtime_ns]
    todo: list[Path] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # deleted sources, notices now failing
    trig: bool = True  # TriG copies: per notice, of the links graph, of the corpus
    old_links: str | None = None  # links.nq before this build (to update the store by difference)
    # The store matched the files when this build started (its marker is gone while they
    # change): each re-extracted notice's old N-Quads are kept to update it by difference.
    in_sync: bool = False
    failed: set[str] = field(default_factory=set)  # ids of the notices that failed
    previous: set[str] = field(default_factory=set)  # notices of the previous build


def build(
    sources: Iterable[Path] = DEFAULT_SOURCES,
    *,
    out: Path = DEFAULT_OUT,
    jobs: int | None = None,
    force: bool = False,
    store: bool = True,
    corpus_files: bool = True,
    progress: Progress | None = None,
    lock: bool = True,
) -> BuildResult:
    """Extract every new or changed notice in ``sources`` and write the graph to ``out``.

    A bad notice is reported in the result and nothing is written for it (its old files
    and graph, if any, are removed); the others are built. ``force`` re-extracts every
    notice. ``corpus_files``: also write graph.trig and graph.nq, the whole corpus in one
    file each (rewritten on every build that changes anything), and the TriG copies of
    each notice and of the links graph; skip them for large corpora (each notice's N-Quads
    and the store hold everything).

    Takes the output folder's build lock (see :mod:`.lock`) unless ``lock`` is false (the
    caller holds it).

    :raises UsageError: a source is missing, or another build holds the lock.
    """
    if lock:
        with build_lock(out):
            return _build(sources, out, jobs, force, store, corpus_files, progress)
    return _build(sources, out, jobs, force, store, corpus_files, progress)


def _build(sources: Iterable[Path], out: Path, jobs: int | None, force: bool, store: bool,
           corpus_files: bool, progress: Progress | None) -> BuildResult:  # fmt: skip
    paths = expand_warcs(find_sources(sources, out=out), out)  # WARC files → their captures
    jobs = jobs or os.cpu_count() or 1
    _remove_temporaries(out)
    old, old_started = load_manifest(out)
    previous = set(old)  # notices of the previous build, also when forced to extract all again
    if force:
        old, old_started = {}, 0
    run = _Run(out, BuildResult(out), old, old_started, trig=corpus_files, previous=previous)
    _plan(run, paths)
    # The text index changes alongside the files and is committed with the store; it is
    # rebuilt in full whenever the store is, or when it does not carry the store's token.
    index = None
    if store:
        marker = store_generation(out)
        full = force or not run.old or not marker or index_generation(out) != marker
        index = IndexWriter(out, full=full)
        if not full and (run.todo or len(run.manifest) < len(run.old)):
            # The store matches the files until they change: from here until the store is
            # updated it does not, and an interrupted build leaves it to be reloaded.
            (out / STORE_OK).unlink()
            run.in_sync = True
    try:
        _extract(run, jobs, index, progress)
        same = _write_corpus(run, corpus_files)
        if index is None:
            if not same:  # a store from an earlier build no longer matches the files
                (out / STORE_OK).unlink(missing_ok=True)
        else:
            _sync_store(run, index, same=same, force=force, jobs=jobs)
    finally:
        if index is not None and not index.closed:
            index.abandon()
    summary = json.dumps(run.result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "summary.json", summary)
    return run.result


def _plan(run: _Run, paths: list[Path]) -> None:
    """Sort the sources into unchanged notices (kept) and ones to extract."""
    result = run.result
    seen: dict[str, Path] = {}
    folder = run.out / "notices"
    present = {e.name for e in os.scandir(folder)} if folder.is_dir() else set()  # one listing
    for path in paths:
        notice = notice_id_for(path.name)
        if notice in seen:
            message = f"{path}: same identity {notice!r} as {seen[notice]}; rename one file"
            result.failures.append(Failure(shown(path), shown(message)))
            run.failed.add(notice)
            continue
        seen[notice] = path
        entry = run.old.get(notice)
        stat = run.stats[str(path)] = stat_of(path)  # None: not a regular file
        if (
            entry
            and stat is not None
            and all(f.name in present for f in _notice_files(run.out, notice, run.trig))
            and unchanged(entry, path, stat, run.old_started_ns)
        ):
            run.manifest[notice] = {**entry, "source": str(path), "stat": stat}
            result.notices.append(
                NoticeSummary(
                    **{
                        **entry["counts"],
                        "notice": notice,
                        "source": str(path),
                        "doubts": tuple(entry["counts"].get("doubts", ())),
                    }
                )  # fmt: skip
            )
            result.unchanged += 1
        else:
            run.todo.append(path)


def _extract(run: _Run, jobs: int, index: IndexWriter | None, progress: Progress | None) -> None:
    """Extract the notices to do, write their files as they arrive, drop the gone ones."""
    out, result = run.out, run.result
    extracted = parallel_map(partial(build_one, trig=run.trig), run.todo, jobs, died=worker_died)
    for done, item in enumerate(extracted, 1):
        if isinstance(item, Failure):
            result.failures.append(item)
            notice = notice_id_for(run.todo[done - 1].name)
            run.failed.add(notice)
            if usable_id(notice):  # files it may have from an earlier build
                for f in _notice_files(out, notice):
                    f.unlink(missing_ok=True)
        else:
            notice = item.summary.notice
            nq, trig, js = _notice_files(out, notice)
            if run.in_sync and nq.is_file():  # what the store holds: to update by difference
                nq.replace(nq.with_name(nq.name + PREVIOUS))
            write_atomic(nq, item.nquads)
            if item.trig is None:
                trig.unlink(missing_ok=True)  # not stale next to the new N-Quads
            else:
                write_atomic(trig, item.trig)
            write_atomic(js, item.record)
            counts = {
                k: v for k, v in asdict(item.summary).items() if k not in ("notice", "source")
            }
            run.manifest[notice] = {"source": item.summary.source, "hash": item.content_hash,
                                    "stat": run.stats.get(item.summary.source),
                                    "counts": counts, "facts": item.facts}  # fmt: skip
            result.notices.append(item.summary)
            result.extracted.append(notice)
            if index is not None:
                index.add(notice, item.hits)
        if progress:
            progress(done, len(run.todo), str(run.todo[done - 1]))
    # Notices no source gives any more: those of the previous build, and any other notice
    # files (of a build whose manifest was lost or of another format), never left stale.
    run.dropped = sorted((run.previous | _notice_ids_on_disk(out)) - set(run.manifest))
    for notice in run.dropped:
        for f in _notice_files(out, notice):
            f.unlink(missing_ok=True)
        if notice not in run.failed:
            result.removed.append(notice)
    result.notices.sort(key=lambda n: n.notice)


def _write_corpus(run: _Run, corpus_files: bool) -> bool:
    """Write the cross-notice files, the corpus files and the manifest; True when nothing
    changed since a complete build (the cross-notice files were left as they were)."""
    out, order = run.out, sorted(run.manifest)
    for n in order:
        run.manifest[n]["facts"] = facts_of(out, n, run.manifest[n])
    links_file = out / "links.nq"
    outputs = [links_file, out / "links.json", out / "concreteness.csv"]
    same = (
        bool(run.old) and not run.result.extracted and not run.dropped and not run.result.failures
    )
    same = same and all(f.is_file() for f in outputs)
    same = same and (out / "links.trig").is_file() == corpus_files
    run.old_links = (
        None if same or not links_file.is_file() else links_file.read_text(encoding="utf-8")
    )
    if not same:
        write_links(out, [run.manifest[n]["facts"] for n in order], trig=corpus_files)
    have_corpus = (out / "graph.nq").is_file() and (out / "graph.trig").is_file()
    if corpus_files and not (same and have_corpus):
        concat_atomic(out / "graph.nq", [*(out / "notices" / f"{n}.nq" for n in order), links_file])
        concat_atomic(
            out / "graph.trig",
            [*(out / "notices" / f"{n}.trig" for n in order), out / "links.trig"],
        )
    elif not corpus_files:  # no TriG or corpus files of an earlier build next to this one
        (out / "graph.nq").unlink(missing_ok=True)
        (out / "graph.trig").unlink(missing_ok=True)
        for trig in (out / "notices").glob("*.trig"):
            trig.unlink()
    # no indent: json's fast C encoder (the manifest of 10 000 notices is tens of MB)
    write_atomic(out / "manifest.json", json.dumps({"format": manifest_format(), "started_ns": run.started_ns, "notices": dict(sorted(run.manifest.items()))},
                                                   ensure_ascii=False) + "\n")  # fmt: skip
    return same


def _sync_store(run: _Run, index: IndexWriter, *, same: bool, force: bool, jobs: int) -> None:
    """Bring the store and the text index up to date, then mark them as matching the files.

    The marker exists only while both match: a build killed while loading leaves it
    missing, and the next build reloads both in full."""
    out = run.out
    in_sync = run.in_sync or store_generation(out) is not None
    if not (same and in_sync):
        (out / STORE_OK).unlink(missing_ok=True)
        load_store(out, changed=run.result.extracted, removed=run.dropped,
                   full=force or not run.old or not in_sync, old_links=run.old_links)  # fmt: skip
    if same and in_sync and not index.full:
        index.abandon()  # nothing changed
        return
    if index.full:  # add the notices this build did not extract
        extracted = set(run.result.extracted)
        rest = [out / "notices" / f"{n}.nq" for n in sorted(run.manifest) if n not in extracted]
        for notice, hits in _hits_of_files(rest, jobs):
            index.add(notice, hits)
    else:
        for notice in run.dropped:
            index.remove(notice)
    token = uuid.uuid4().hex
    index.commit(token)
    write_atomic(out / STORE_OK, f"the store and the text index match the notices' files\ngeneration {token}\n")  # fmt: skip
