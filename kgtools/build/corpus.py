"""Build the graph of many notices: extract each, load its graph into the store, keep its record.

Layout of the output directory::

    store/              the embedded pyoxigraph store: one named graph per notice, the links
                        graph, the ontology — the only copy of the quads
    notices/<id>.json   one notice's record (the extraction's output)
    build.sqlite        per notice: source, content hash, counts, link facts, digest of its graph
    text-index.sqlite   the index that answers the query ``search`` (kgtools.build.textindex)
    links.json          what the links graph joined; concreteness.csv per notice
    summary.json        what the last build did, and the sources that failed

Whole-corpus files (N-Quads, TriG, Turtle) come from ``kgtools export``.

Builds are incremental: a notice whose bytes (and the extractor version) are unchanged is
not extracted again; the graphs and records of notices whose sources are gone are removed.
Extraction runs in worker processes while this process loads their graphs into the store
in batches, so memory does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..emit.files import write_atomic
from ..extract import notice_id_for
from .failures import Failure, shown, usable_id
from .graphdiff import GraphReplacer
from .linkgraph import LinkLines
from .links import link_chunks, write_concreteness, write_link_report
from .lock import build_lock
from .manifest import manifest_format
from .marker import STORE_OK, store_generation
from .notices_db import NoticeTable, build_meta, notice_rows
from .sources import find_sources, stat_of, unchanged
from .store import StoreWriter, ontology_nquads, store_path
from .textindex import IndexWriter
from .textindex import generation as index_generation
from .warc import expand_warcs
from .worker import (
    Built,
    NoticeStep,
    NoticeSummary,
    build_one,
    parallel_map,
    step_chunk,
    worker_died,
)

__all__ = ["BuildResult", "Failure", "NoticeSummary", "build", "build_one", "store_generation"]

DEFAULT_SOURCES = (Path("data/notices"),)
DEFAULT_OUT = Path("data/build")
FRESH_STORE = "store_bytes_per_notice_fresh"  # build.sqlite meta: after the last full build
GROWN = 1.5  # the store's size per notice over this times FRESH_STORE: a note to the user
SLOW_CLOSE_S = 5.0  # an incremental build's store closing slower than this: a note (the merge)
GROWN_FROM = 64 * 1024**2  # bytes: a smaller store is left alone (a few notices grow it fast)
# files of earlier build formats: the store now holds every quad, export writes the rest
_EARLIER = ("graph.nq", "graph.trig", "links.nq", "links.trig", "manifest.json")

Progress = Callable[[int, int, str], None]
Collect = Callable[[str, str, Any], None]  # (notice, digest of its graph, its step's result)
Say = Callable[[str], None]  # a message to the user while the build waits (see _finish)


@dataclass
class BuildResult:
    """What a build did."""

    out: Path
    notices: list[NoticeSummary] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # new or changed notices
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the user (e.g. the store has grown)

    def to_dict(self) -> dict[str, object]:
        return {
            # not asdict(): it deep-copies each field (0.2 s of a build that changed nothing
            # at 10 000 notices)
            "notices": [dict(vars(n)) for n in self.notices],
            "failures": [asdict(f) for f in self.failures],
            "extracted": self.extracted,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "notes": self.notes,
        }


def _notice_ids_on_disk(out: Path) -> set[str]:
    """The notices that have a file in ``out/notices`` (records, or an earlier format's graphs)."""
    folder = out / "notices"
    if not folder.is_dir():
        return set()
    ids = set()
    for entry in os.scandir(folder):
        for suffix in (".json", ".nq", ".trig"):
            if entry.name.endswith(suffix) and not entry.name.startswith("."):
                ids.add(entry.name[: -len(suffix)])
    return ids


def _remove_files(out: Path, notice: str) -> None:
    for suffix in (".json", ".nq", ".trig"):
        (out / "notices" / f"{notice}{suffix}").unlink(missing_ok=True)


def _remove_temporaries(out: Path) -> None:
    """Temporary files of an interrupted build (complete files are only ever renamed in)."""
    for folder in (out, out / "notices"):
        if folder.is_dir():
            for tmp in [*folder.glob(".*.tmp"), *folder.glob("*.nq.previous")]:
                tmp.unlink(missing_ok=True)


@dataclass
class _Run:
    """One build in progress: the previous build's notices, the new ones, what changed."""

    out: Path
    result: BuildResult
    old: dict[str, dict[str, Any]]  # the previous build's rows (empty: extract everything)
    old_started_ns: int = 0  # when the previous build started
    started_ns: int = field(default_factory=time.time_ns)
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # this build's notices
    todo: list[Path] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # deleted sources, notices now failing
    failed: set[str] = field(default_factory=set)  # ids of the notices that failed
    previous: set[str] = field(default_factory=set)  # notices of the previous build
    step: NoticeStep | None = None
    collect: Collect | None = None
    say: Say | None = None


def build(
    sources: Iterable[Path] = DEFAULT_SOURCES,
    *,
    out: Path = DEFAULT_OUT,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    lock: bool = True,
    step: NoticeStep | None = None,
    collect: Collect | None = None,
    say: Say | None = None,
) -> BuildResult:
    """Extract every new or changed notice in ``sources`` and bring the build in ``out`` up
    to date.

    A bad notice is reported in the result and nothing is kept for it (its old record and
    graph, if any, are removed); the others are built. ``force`` re-extracts every notice.

    Takes the output folder's build lock (see :mod:`.lock`) unless ``lock`` is false (the
    caller holds it).

    ``step`` runs in the workers on each chunk of notices they built (see
    :data:`~.worker.NoticeStep`); ``collect`` gets each notice's result of it here, as the
    notice is kept.

    :raises UsageError: a source is missing, or another build holds the lock.
    """
    if lock:
        with build_lock(out):
            return _build(sources, out, jobs, force, progress, step, collect, say)
    return _build(sources, out, jobs, force, progress, step, collect, say)


def _in_sync(out: Path, format_: str) -> bool:
    """The store, the text index and the table of notices match (the last build completed,
    with this build format)."""
    marker = store_generation(out)
    return (
        bool(marker)
        and index_generation(out) == marker
        and build_meta(out).get("format") == format_
        and store_path(out).is_dir()
    )


def _build(sources: Iterable[Path], out: Path, jobs: int | None, force: bool,
           progress: Progress | None, step: NoticeStep | None = None,
           collect: Collect | None = None, say: Say | None = None) -> BuildResult:  # fmt: skip
    paths = expand_warcs(find_sources(sources, out=out), out)  # WARC files → their captures
    jobs = jobs or os.cpu_count() or 1
    _remove_temporaries(out)
    format_ = manifest_format()
    previous = notice_rows(out)
    full = force or not _in_sync(out, format_)
    run = _Run(out, BuildResult(out), {} if full else previous, previous=set(previous),
               step=step, collect=collect, say=say)  # fmt: skip
    if not full:
        run.old_started_ns = int(build_meta(out).get("started_ns", "0") or 0)
    table = NoticeTable(out, format_=format_, reset=full)
    try:
        _plan(run, paths, table)
        known = run.previous | _notice_ids_on_disk(out)
        token = None
        if full or run.todo or known - set(run.rows):
            token = _update(run, table, known, jobs, full, progress)
            _store_growth(run, table, full)
        table.commit(run.started_ns)
    finally:
        if not table.closed:
            table.abandon()
    if token is not None:  # the marker last: a build killed before it is followed by a full one
        write_atomic(out / STORE_OK, f"the store and the text index match build.sqlite\ngeneration {token}\n")  # fmt: skip
    for name in _EARLIER:
        (out / name).unlink(missing_ok=True)
    summary = json.dumps(run.result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out / "summary.json", summary)
    return run.result


def _store_growth(run: _Run, table: NoticeTable, full: bool) -> None:
    """Record the store's size per notice (its data files) after a full build; after an
    incremental one, a note when a store over GROWN_FROM bytes takes over GROWN times that:
    the store's compaction after incremental builds rewrites it uncompressed in part (at
    10 000 sample notices 1.7 times after the third 1 % rebuild), and a full build writes
    it compact again."""
    notices = len(run.rows)
    if not notices:
        return
    size = sum(f.stat().st_size for f in store_path(run.out).glob("*.sst"))  # the data's files
    per_notice = size / notices
    if full:
        table.set_meta(FRESH_STORE, str(round(per_notice)))
        return
    try:
        fresh = float(table.meta(FRESH_STORE) or 0)
    except ValueError:
        return
    if fresh > 0 and per_notice > GROWN * fresh and size > GROWN_FROM:
        run.result.notes.append(
            f"the store takes {per_notice / 1024:.0f} KB a notice, {per_notice / fresh:.1f} times "
            f"what the last full build wrote ({fresh / 1024:.0f} KB): the store's compaction after "
            "incremental builds; `kgtools build --force` writes it compact again"
        )


def _plan(run: _Run, paths: list[Path], table: NoticeTable) -> None:
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
        stat = stat_of(path)  # None: not a regular file
        if (
            entry
            and stat is not None
            and f"{notice}.json" in present
            and unchanged(entry, path, stat, run.old_started_ns)
        ):
            run.rows[notice] = {**entry, "source": str(path), "stat": stat}
            if entry["source"] != str(path) or entry.get("stat") != stat:
                table.touch(notice, str(path), stat)
            counts = entry["counts"]
            result.notices.append(
                NoticeSummary(
                    **{
                        **counts,
                        "notice": notice,
                        "source": str(path),
                        "doubts": tuple(counts.get("doubts", ())),
                    }
                )  # fmt: skip
            )
            result.unchanged += 1
        else:
            run.todo.append(path)
            run.rows[notice] = {"stat": stat}  # filled in when built; removed if it fails


def _update(run: _Run, table: NoticeTable, known: set[str], jobs: int, full: bool,
            progress: Progress | None) -> str:  # fmt: skip
    """Extract the notices to do while the store loads their graphs; drop the gone ones
    (``known`` minus this build's); then the links graph. Returns the generation token the
    store and the text index now carry."""
    out = run.out
    (out / STORE_OK).unlink(missing_ok=True)  # from here until the end the store changes
    (out / "notices").mkdir(parents=True, exist_ok=True)
    writer = StoreWriter(out, fresh=full)
    index = IndexWriter(out, full=full)
    removed: Callable[[], None] = _nothing
    replacer: GraphReplacer | None = None
    try:
        if not full:
            # the graphs of gone notices are removed while the workers start; those of
            # changed ones are rewritten where they differ, first (see .graphdiff), before
            # the new notices come in one bulk load
            removed = writer.remove_meanwhile(sorted(known - set(run.rows)))
            run.todo.sort(key=lambda path: notice_id_for(path.name) not in run.previous)
            replacer = writer.replacer([n for p in run.todo
                                        if (n := notice_id_for(p.name)) in run.previous])  # fmt: skip
        # a fresh store gets the links graph and the ontology at the end of the notices' bulk
        # load: the store then closes right after its files come, before it compacts them
        fresh = _FreshTail(run, writer) if full else None
        _to_store(writer, _extract(run, table, index, progress, jobs), replacer, removed,
                  fresh.chunks if fresh else None)  # fmt: skip
        if replacer is not None:
            replacer.close()
        run.dropped = sorted(known - set(run.rows))
        for notice in run.dropped:
            _remove_files(out, notice)
            if not full:
                writer.remove(notice)  # a notice that failed now
                index.remove(notice)
            if notice not in run.failed:
                run.result.removed.append(notice)
        table.delete(run.dropped)
        if fresh is not None:
            if fresh.lines is None:  # no notice was loaded
                writer.load(fresh.chunks())
            write_link_report(out, fresh.lines.report)  # type: ignore[union-attr]
            table.set_meta("links", fresh.digest.hexdigest())
        elif not (
            _same_facts(run, full, _links_of) and table.meta("links")
        ):  # most edits rename nothing
            lines, digest = LinkLines(_facts(run)), hashlib.sha256()
            links = b"".join(link_chunks(lines, digest)).decode("utf-8")
            if table.meta("links") != digest.hexdigest():
                writer.set_links(links)
            write_link_report(out, lines.report)
            table.set_meta("links", digest.hexdigest())
        _finish(run, writer, full)
        csv = out / "concreteness.csv"
        state = _file_state(csv)
        same_file = bool(state) and table.meta("concreteness") == state
        if not (same_file and _same_facts(run, full, _concreteness_of)):
            write_concreteness(out, _facts(run))  # 0.14 s at 10 000 notices
            table.set_meta("concreteness", _file_state(csv))
    except BaseException:
        if replacer is not None:
            replacer.close()
        try:
            removed()  # the thread must not outlive the store
        except BaseException:  # noqa: BLE001, S110 — the first error is the one raised
            pass
        writer.abandon()
        index.abandon()
        raise
    token = uuid.uuid4().hex
    index.commit(token)
    run.result.notices.sort(key=lambda n: n.notice)
    return token


def _nothing() -> None:
    pass


def _finish(run: _Run, writer: StoreWriter, full: bool) -> None:
    """Close the store; when an incremental build waits for that over SLOW_CLOSE_S, tell
    the user why while it waits (``run.say``) and in a note. The store is then merging the
    overlapping files of the last cold build's bulk load (see .storethreads), a merge each
    store open for writing begins and drops when it closes, until a build must wait for it
    (about the twelfth build that writes after a cold one; 28–39 s at 10 000 sample
    notices, 79 s at 100 000)."""
    closed = threading.Event()
    say = None if full else run.say

    def tell() -> None:
        if say is not None and not closed.wait(SLOW_CLOSE_S):
            say("waiting for the store to merge the files its last full build loaded "
                "(one of the first builds after a full one waits for it)")  # fmt: skip

    teller = threading.Thread(target=tell, name="kgtools-slow-close", daemon=True)
    teller.start()
    started = time.perf_counter()
    try:
        writer.finish()
    finally:
        closed.set()
        teller.join()
    seconds = time.perf_counter() - started
    if not full and seconds > SLOW_CLOSE_S:
        run.result.notes.append(
            f"the store took {seconds:.0f} s to close: it was merging the files its last full "
            "build loaded, which it does in one of the first builds after a full one"
        )


class _FreshTail:
    """What a fresh store's bulk load ends with, once every notice is in: the links graph
    (made from every notice's facts) and the ontology."""

    def __init__(self, run: _Run, writer: StoreWriter) -> None:
        self.run, self.writer = run, writer
        self.lines: LinkLines | None = None
        self.digest = hashlib.sha256()

    def chunks(self) -> Iterator[bytes]:
        self.lines = LinkLines(_facts(self.run))
        yield from link_chunks(self.lines, self.digest)
        self.writer.ontology_loaded = True  # finish() must not load it a second time
        yield ontology_nquads()


def _to_store(writer: StoreWriter, graphs: Iterator[tuple[str, bytes]],
              replacer: GraphReplacer | None, wait: Callable[[], None],
              tail: Callable[[], Iterator[bytes]] | None = None) -> None:  # fmt: skip
    """Put each notice's graph into the store: a notice the replacer holds (its graph is in
    the store; they come first) by its differences, written in the replacer's thread; the
    others in one bulk load, once those and ``wait`` (the removal of gone notices) are done,
    followed by ``tail()``."""
    graphs = iter(graphs)
    late: list[tuple[str, bytes]] = []  # held notices after a new one (the order says none)

    def new_ones(first: bytes) -> Iterator[bytes]:
        wait()
        yield first
        for notice, nquads in graphs:
            if replacer is not None and notice in replacer.notices:
                late.append((notice, nquads))  # not while the bulk load writes
            else:
                yield nquads
        if tail is not None:
            yield from tail()

    for notice, nquads in graphs:
        if replacer is not None and notice in replacer.notices:
            replacer.replace(notice, nquads)
        else:
            if replacer is not None:
                replacer.drain()
            writer.load(new_ones(nquads))
            break
    wait()
    if replacer is not None:
        for notice, nquads in late:
            replacer.replace(notice, nquads)
        replacer.drain()


def _same_facts(run: _Run, full: bool, part: Callable[[str], Any]) -> bool:
    """A part of the notices' facts (``part`` of a notice's facts text) cannot have
    changed: the same notices as the last build, and each one extracted again has the same
    part (the links graph from their names, concreteness.csv from their figures)."""
    if full or set(run.rows) != run.previous:
        return False
    old = run.old
    return all(
        n in old and part(old[n]["facts"]) == part(run.rows[n]["facts"])
        for n in run.result.extracted
    )


def _concreteness_of(facts: str) -> Any:
    return json.loads(facts).get("concreteness")


def _file_state(path: Path) -> str:
    """A file's size and modification time ("" when it is missing): a file the build wrote
    and nobody touched since still has the state recorded then."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size} {st.st_mtime_ns}"


def _facts(run: _Run) -> Iterator[dict[str, Any]]:
    """Every notice's link facts, parsed one at a time (9 KB each as Python objects)."""
    return (json.loads(run.rows[n]["facts"]) for n in sorted(run.rows))


def _links_of(facts: str) -> Any:
    return json.loads(facts).get("links")


def _extract(run: _Run, table: NoticeTable, index: IndexWriter, progress: Progress | None,
             jobs: int) -> Iterator[tuple[str, bytes]]:  # fmt: skip
    """Extract the notices to do in worker processes (they write the records); keep each
    result and yield the notice and its graph's N-Quads for the store."""
    out, result = run.out, run.result
    work = partial(build_one, records=out / "notices", keep_record=run.step is not None)
    finish = partial(step_chunk, step=run.step) if run.step is not None else None
    items = parallel_map(work, run.todo, jobs, died=worker_died, finish=finish)
    for done, item in enumerate(items, 1):
        path = run.todo[done - 1]
        if isinstance(item, Failure):
            result.failures.append(item)
            notice = notice_id_for(path.name)
            run.failed.add(notice)
            run.rows.pop(notice, None)
            if usable_id(notice):  # what it had from an earlier build
                _remove_files(out, notice)
        else:
            _keep(run, table, index, item)
            yield item.summary.notice, item.nquads
        if progress:
            progress(done, len(run.todo), str(path))


def _keep(run: _Run, table: NoticeTable, index: IndexWriter, item: Built) -> None:
    notice = item.summary.notice
    index.add(item.hits)
    counts = {k: v for k, v in asdict(item.summary).items() if k not in ("notice", "source")}
    entry = {"source": item.summary.source, "hash": item.content_hash, "digest": item.digest,
             "stat": run.rows.get(notice, {}).get("stat"), "counts": counts, "facts": item.facts}  # fmt: skip
    run.rows[notice] = entry
    table.put(notice, entry)
    run.result.notices.append(item.summary)
    run.result.extracted.append(notice)
    if run.collect is not None:
        run.collect(notice, item.digest, item.extra)
