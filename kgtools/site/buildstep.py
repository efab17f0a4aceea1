"""What the build's workers do with each chunk of notices while its graphs are in memory:
the rows of the kept queries (:mod:`kgtools.query.kept`), always, and the report's pages and
validation (:mod:`.prepare`) unless the build has no report; in the build's process, what
keeps their results (:class:`BuildCollector`); and :func:`build`, the public
``kgtools.build``: a build with its kept rows (the build stage cannot import the queries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..build.corpus import DEFAULT_OUT, DEFAULT_SOURCES, BuildResult, Progress, Say
from ..build.corpus import build as build_corpus
from ..build.linkgraph import contribution, own_link_lines
from ..build.lock import build_lock
from ..build.worker import NoticeGraph
from ..query.kept import made_for_store
from ..query.keptrun import notice_answers
from ..query.keptwriter import AnswersWriter
from ..validate.cache import load_graphs
from .prepare import ReportCollector, ReportStep


class Chunked(NamedTuple):
    """One notice's results of a :class:`BuildStep`."""

    answers: (
        dict[str, str | bytes] | None
    )  # kept rows by query (see kgtools.query.kept); None: not made
    report: Any = None  # its :class:`.prepare.Prepared`, with a report


@dataclass(frozen=True)
class BuildStep:
    """A :data:`~kgtools.build.worker.NoticeStep`: the chunk's graphs loaded once into an
    in-memory store, the kept rows made from it (before the report's validation changes
    its literals), then the report's step on the same store."""

    report: ReportStep | None = None

    def __call__(self, graphs: list[NoticeGraph]) -> list[Chunked]:
        if not graphs:
            return []
        try:
            memory = load_graphs([g.nquads for g in graphs])
        except Exception:  # noqa: BLE001 — the report says why; the kept rows are not made
            memory = None
        answers: dict[str, dict[str, str | bytes]] = {}
        if memory is not None:
            try:
                links = {g.notice: _own_links(g) for g in graphs}
                answers = notice_answers(memory, [g.notice for g in graphs], links)
            except Exception:  # noqa: BLE001 — queries then run on the store
                answers = {}
        if self.report is None:
            made: list[Any] = [None] * len(graphs)
        elif memory is None:
            made = [None] * len(graphs)
        else:
            made = self.report(graphs, memory)
        return [Chunked(answers.get(g.notice), m) for g, m in zip(graphs, made, strict=True)]


def _own_links(graph: NoticeGraph) -> bytes:
    """The statements of the links graph that the notice determines alone (N-Quads)."""
    part = contribution(graph.record) if graph.record else {"orgs": [], "regs": []}
    return "".join(own_link_lines(graph.notice, part)).encode("utf-8")


@dataclass
class BuildCollector:
    """In the build's process: each notice's kept rows into ``answers.sqlite``, its report
    results to the :class:`.prepare.ReportCollector` (with a report)."""

    answers: AnswersWriter
    report: ReportCollector | None = None

    @classmethod
    def for_build(cls, out: Path, report: bool) -> BuildCollector:
        return cls(AnswersWriter(out), ReportCollector(out) if report else None)

    def __call__(self, notice: str, digest: str, extra: Any) -> None:
        chunked = extra if isinstance(extra, Chunked) else Chunked(None)
        self.answers.put(notice, chunked.answers)
        if self.report is not None:
            self.report(notice, digest, chunked.report)

    def commit(self) -> None:
        """After the build (the store's marker written)."""
        self.answers.commit()
        if self.report is not None:
            self.report.commit()

    def abandon(self) -> None:
        self.answers.abandon()
        if self.report is not None:
            self.report.abandon()


STALE_ROWS = (
    "the rows kept for the kept queries were not made for this store (a build "
    "stopped, or one without them, or edited queries): every notice was built again"
)


def full_for_answers(out: Path) -> bool:
    """A build must extract every notice again to make the kept rows: the store is there
    but its rows were made for another store or by other queries. (Rows that a lost step
    left out are not a reason: they are made again as their notices change.)"""
    return made_for_store(out) is False


def build(
    sources: Iterable[Path] = DEFAULT_SOURCES,
    *,
    out: Path = DEFAULT_OUT,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    lock: bool = True,
) -> BuildResult:
    """Extract every new or changed notice in ``sources`` and bring the build in ``out`` up
    to date, with the rows kept for the library's kept queries (as ``kgtools build
    --no-report`` does). See :func:`kgtools.build.corpus.build`; takes the output folder's
    build lock unless ``lock`` is false (the caller holds it)."""
    if lock:
        with build_lock(out):
            return build(sources, out=out, jobs=jobs, force=force, progress=progress, lock=False)
    return build_with_step(sources, out=out, jobs=jobs, force=force, progress=progress)[0]


def build_with_step(sources: Iterable[Path], *, out: Path, jobs: int | None, force: bool,
                    progress: Progress | None, report: ReportStep | None = None,
                    say: Say | None = None) -> tuple[BuildResult, BuildCollector]:  # fmt: skip
    """A build (its lock held by the caller) whose workers run :class:`BuildStep` (with the
    report's step when given), what they made committed; every notice extracted again when
    the kept rows were made for another store (with a note)."""
    stale = not force and full_for_answers(out)
    collector = BuildCollector.for_build(out, report=report is not None)
    try:
        result = build_corpus(sources, out=out, jobs=jobs, force=force or stale,
                              progress=progress, lock=False, step=BuildStep(report),
                              collect=collector, say=say)  # fmt: skip
    except BaseException:
        collector.abandon()
        raise
    collector.commit()
    if stale:
        result.notes.append(STALE_ROWS)
    return result, collector
