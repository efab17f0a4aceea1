"""One notice built in a worker process, within bounds: its files' contents and counts, or
its failure.

Every source is bounded three ways, so that no input under the 20 MB size limit can hold a
build for long or take the machine's memory:

- CPU time: ``MAX_CPU_SECONDS`` per notice (a profiling timer interrupts the extraction);
- memory: ``MAX_MEMORY`` of address space per worker process beyond what it inherits
  (``RLIMIT_AS``); a source over ``IN_PROCESS_MAX_BYTES`` is always built in a worker,
  never in the build's process;
- size of the graph: ``MAX_ITEMS`` findings, measures and outputs per notice, and no
  N-Quads line longer than the store reads (``MAX_LINE_BYTES``: the notice's text is one).

A notice over a bound fails with that reason; the others are built.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import os
import resource
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ..emit.files import write_atomic
from ..emit.ntriples import nquads_text
from ..emit.quads import Quad, record_quads
from ..errors import NoticeFormatError
from ..extract import extract_file, notice_id_for
from ..record import to_dict
from ..vocab import notice_iri_text
from .failures import Failure, failure, refusal, shown
from .links import link_facts
from .sources import source_url
from .textindex import NoticeHits, notice_hits
from .warc import captured_at

PARALLEL_FROM = 8  # fewer notices than this are extracted in-process (unless large)
IN_PROCESS_MAX_BYTES = 1_000_000
MAX_CPU_SECONDS = 120
MAX_MEMORY = 2 * 1024**3
MAX_ITEMS = 50_000
WINDOW = 4  # chunks in flight per worker: what waits in memory for the caller is bounded
# Notices a worker builds at a time: a NoticeStep's fixed costs per chunk (the report's and
# the kept queries' in-memory store, the ontology loaded into it) spread over 32 notices
# cost 0.7 ms a notice less than over 16, about 4 % of a cold build.
CHUNK = 32
MAX_LINE_BYTES = 16 * 1024 * 1024 - 64 * 1024  # the store's parser reads lines up to 16 MiB

T = TypeVar("T")


@dataclass(frozen=True)
class NoticeSummary:
    """Counts for one built notice."""

    notice: str
    source: str
    findings: int
    measures: int
    regulations: int
    outputs: int
    doubts: tuple[str, ...] = ()  # codes of what the extractor is unsure of


@dataclass(frozen=True)
class Built:
    """A worker's output for one notice: its graph, its record and its counts."""

    summary: NoticeSummary
    content_hash: str
    nquads: bytes  # its named graph, sorted, UTF-8: what the store loads
    digest: str  # SHA-256 of ``nquads``
    facts: (
        str  # JSON: what the links graph and concreteness.csv need (kept as text in build.sqlite)
    )
    hits: NoticeHits  # the notice's part of the text index
    record: dict[str, Any] | None = None  # the record, for a NoticeStep (never sent back)
    quads: list[Quad] | None = None  # its quads as emitted, for a NoticeStep (never sent back)
    extra: Any = None  # what the NoticeStep made of it (sent back to the caller)


class NoticeGraph(NamedTuple):
    """A built notice as a :data:`NoticeStep` sees it, in the worker that built it."""

    notice: str
    nquads: bytes  # its named graph as the store loads it
    digest: str
    record: dict[str, Any]  # its record, as written to notices/<id>.json
    quads: list[Quad] | None = None  # the quads ``nquads`` was written from (emit's tuples)


# Work on built notices done in the worker that built them, a chunk of notices at a time,
# while their graphs are in memory (e.g. the report's pages and the validation); one
# result per notice (None: nothing made), sent back in Built.extra. It must be picklable.
NoticeStep = Callable[[list[NoticeGraph]], list[Any]]


class _OverTime(BaseException):
    """A notice took more than its CPU time (a BaseException: no ``except Exception`` on the
    way swallows it)."""


def build_one(path: Path, records: Path | None = None, keep_record: bool = False) -> Built | Failure:  # fmt: skip
    """Extract one notice and render its graph (runs in a worker process); its record is
    written to ``records/<id>.json`` here, in parallel, and kept in the result with
    ``keep_record`` (for a :data:`NoticeStep`). Any failure, of any kind, is this
    source's failure, not the build's."""
    try:
        refused = refusal(path, notice_id_for(path.name))
        if refused:
            return Failure(shown(path), refused)
        with cpu_limit(MAX_CPU_SECONDS):
            return _build_one(path, records, keep_record)
    except _OverTime:
        return Failure(
            shown(path),
            f"{shown(path)}: takes more than {MAX_CPU_SECONDS} s of CPU time to read; "
            "split the file",
        )
    except Exception as exc:  # noqa: BLE001 — one bad source must not stop the others
        return failure(path, exc)


def _build_one(path: Path, records: Path | None, keep_record: bool) -> Built:
    rec = extract_file(path)
    rec.source_url = source_url(path)
    rec.source_captured = captured_at(path)
    items = len(rec.findings) + len(rec.measures) + len(rec.outputs)
    if items > MAX_ITEMS:
        raise NoticeFormatError(
            f"{path}: {items} findings, measures and outputs, over the limit of {MAX_ITEMS} "
            "for one notice; split the file"
        )
    summary = NoticeSummary(
        notice=rec.notice_id,
        source=str(path),
        findings=len(rec.findings),
        measures=len(rec.measures),
        regulations=len(rec.regulations()),
        outputs=len(rec.outputs),
        doubts=tuple(d.code for d in rec.doubts),
    )
    quads = record_quads(rec)
    data = to_dict(rec)
    nquads = nquads_text(notice_iri_text(rec.notice_id), quads)
    _check_line_length(path, nquads)
    encoded = nquads.encode("utf-8")
    if records is not None:
        record = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        write_atomic(records / f"{rec.notice_id}.json", record, durable=False)
    return Built(
        summary,
        rec.content_hash or "",
        encoded,
        hashlib.sha256(encoded).hexdigest(),
        json.dumps(link_facts(data), ensure_ascii=False),
        notice_hits(rec.notice_id, rec.text, quads),
        data if keep_record else None,
        quads if keep_record else None,
    )


def step_chunk(results: list[Built | Failure], step: NoticeStep) -> list[Built | Failure]:
    """Run ``step`` on the notices of a chunk that were built; each Built gets its result
    and loses its record. A step that fails leaves the notices without a result (the
    build goes on: what the step would have made is made later, from the store)."""
    built = [r for r in results if isinstance(r, Built)]
    try:
        extras = step([NoticeGraph(b.summary.notice, b.nquads, b.digest, b.record or {}, b.quads)
                       for b in built])  # fmt: skip
        if len(extras) != len(built):
            raise ValueError(f"a notice step gave {len(extras)} results for {len(built)} notices")
    except Exception:  # noqa: BLE001 — the step is an optimisation, never the build's failure
        extras = [None] * len(built)
    made = iter(extras)
    return [
        replace(r, record=None, quads=None, extra=next(made)) if isinstance(r, Built) else r
        for r in results
    ]


def _check_line_length(path: Path, nquads: str) -> None:
    """Every quad fits the store's parser, which reads a line of at most 16 MiB: a notice's
    clean text is one literal on one line.

    :raises NoticeFormatError: a longer line.
    """
    if len(nquads) * 4 <= MAX_LINE_BYTES:  # no line can be longer (4 bytes a character at most)
        return
    longest = max(len(line.encode("utf-8")) for line in nquads.split("\n"))
    if longest > MAX_LINE_BYTES:
        raise NoticeFormatError(
            f"{path}: its text takes {longest} bytes on one line of N-Quads, over the "
            f"{MAX_LINE_BYTES}-byte line the store reads; split the file"
        )


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise _OverTime in the block once the process has spent ``seconds`` more of CPU
    time (a profiling timer; only in the main thread, where signals are handled)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(*_: object) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGPROF, over)
    signal.setitimer(signal.ITIMER_PROF, seconds, 1.0)  # again every second until it ends
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def limit_memory(limit: int) -> None:
    """Let this worker process map ``limit`` bytes beyond what it inherited (``RLIMIT_AS``,
    never above a limit already set).

    A forked worker starts with the build's process's address space, several GB at 100 000
    notices; a cap on the total would leave it nothing. The inherited objects are frozen
    out of the collector's rounds, which would otherwise write to each of them and so copy
    every shared page into the worker.
    """
    gc.freeze()
    limit += _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            limit = min(limit, bound)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """Bytes of address space this process maps now (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def parallel_map(
    fn: Callable[[Path], T],
    paths: list[Path],
    jobs: int,
    *,
    died: Callable[[Path], T] | None = None,
    finish: Callable[[list[T]], list[T]] | None = None,
) -> Iterator[T]:
    """``fn`` over ``paths`` in worker processes with bounded memory, results in order; in
    this process for a few paths, unless one is larger than IN_PROCESS_MAX_BYTES.
    ``finish`` (picklable) runs where they were made on each chunk of results before they
    are sent back.

    A worker that dies (killed by the system, or a library aborting when memory runs out)
    breaks its pool: the path it was on is run again alone, in a new pool, and if that one
    dies too its result is ``died(path)`` (without ``died``, the error is raised); the
    other paths go on in a new pool.
    """
    few = jobs <= 1 or len(paths) < PARALLEL_FROM
    if few and not any(_large(p) for p in paths):
        results = [fn(p) for p in paths]
        yield from finish(results) if finish is not None else results
        return
    # The workers are forked from this process: its objects frozen out of the collector,
    # so that a collection in a worker does not touch (and so copy) every page it inherited.
    gc.freeze()
    try:
        yield from _in_pools(fn, paths, jobs, died, finish)
    finally:
        gc.unfreeze()


def _in_pools(fn: Callable[[Path], T], paths: list[Path], jobs: int,
              died: Callable[[Path], T] | None,
              finish: Callable[[list[T]], list[T]] | None) -> Iterator[T]:  # fmt: skip
    done = 0
    while done < len(paths):
        rest = paths[done:]
        workers = max(1, min(jobs, len(rest)))
        with ProcessPoolExecutor(workers, initializer=limit_memory, initargs=(MAX_MEMORY,)) as pool:
            chunk = max(1, min(CHUNK, len(rest) // (workers * 8)))
            chunks = (rest[i : i + chunk] for i in range(0, len(rest), chunk))
            # A window of chunks in flight, not all of them (Executor.map submits every
            # one at once): results that the caller has not taken wait in memory.
            window: deque[Future[list[T]]] = deque()
            try:
                for part in itertools.islice(chunks, workers * WINDOW):
                    window.append(pool.submit(_each, fn, part, finish))
                while window:
                    results = window.popleft().result()
                    following = next(chunks, None)
                    if following is not None:
                        window.append(pool.submit(_each, fn, following, finish))
                    for result in results:
                        yield result
                        done += 1
            except BrokenProcessPool:
                if died is None:
                    raise
                for future in window:
                    future.cancel()
        if done < len(paths):  # the pool broke at paths[done]: that path alone, once more
            yield _alone(fn, paths[done], died, finish)
            done += 1


def _each(fn: Callable[[Path], T], paths: list[Path],
          finish: Callable[[list[T]], list[T]] | None = None) -> list[T]:  # fmt: skip
    results = [fn(p) for p in paths]
    return finish(results) if finish is not None else results


def _alone(fn: Callable[[Path], T], path: Path, died: Callable[[Path], T] | None,
           finish: Callable[[list[T]], list[T]] | None = None) -> T:  # fmt: skip
    with ProcessPoolExecutor(1, initializer=limit_memory, initargs=(MAX_MEMORY,)) as pool:
        try:
            return pool.submit(_each, fn, [path], finish).result()[0]
        except BrokenProcessPool:
            if died is None:
                raise
            return died(path)


def worker_died(path: Path) -> Failure:
    """The failure of a source whose worker process died while building it."""
    return Failure(
        shown(path),
        f"{shown(path)}: the process building it died (out of memory, or a reader library "
        f"crashed); it needs more than {MAX_MEMORY >> 30} GB or a fix",
    )


def _large(path: Path) -> bool:
    try:
        return os.stat(path).st_size > IN_PROCESS_MAX_BYTES
    except OSError:
        return False
