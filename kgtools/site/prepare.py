"""The report's per-notice work, done during ``kgtools build`` in the worker that built each
notice, while its graph is in memory: its validation (a chunk of notices together, as the
cached validation does) and its files (:mod:`.noticefiles`). Reading a notice's graph back
from the store costs more than all of this (about 14 ms a sample notice, the store's string
lookups), and the build's workers run in parallel where the report runs in one process.

:class:`ReportStep` runs in the workers (a :data:`~kgtools.build.worker.NoticeStep`);
:class:`ReportCollector`, in the build's process, puts each notice's results into the
validation cache and keeps the keys of the pages written, which :func:`.report.write_report`
then leaves as they are. Anything the step could not make (a failure of any kind) is made
by the report from the store, as without it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..build.manifest import manifest_format
from ..build.worker import NoticeGraph
from ..validate.cache import (
    FIELDS,
    CacheWriter,
    cache_key,
    engine_for,
    load_graphs,
    pack,
    tally,
    validate_graphs,
)
from ..validate.shapes import load_shapes
from ..viz.model import view_from_quads, view_from_triples
from .noticefiles import SEVERITIES, page_key, status_html, write_graph_files, write_notice_page
from .storedata import notice_parts

_SEVERITY = FIELDS.index("severity")


class Prepared(NamedTuple):
    """What a worker made of one notice: the key its report files were written for (its
    notice page too when ``entry`` is there), its validation cache entry and the key of
    the cache it belongs in (:func:`~kgtools.validate.cache.cache_key`)."""

    key: str
    entry: bytes | None = None
    tally: str = ""
    cache_key: str = ""
    part: str | None = None  # its NoticePart as JSON text, for the index and charts


def _parts(memory: Any) -> dict[str, str]:
    """Each notice's part as JSON text (at 100 000 notices the build's process keeps them
    all until the report: as Python lists they took several KB each)."""
    try:
        return {n: json.dumps(p.to_json(), ensure_ascii=False, separators=(",", ":"))
                for n, p in notice_parts(memory).items()}  # fmt: skip
    except Exception:  # noqa: BLE001 — the report reads them from the store
        return {}


def _validated(memory: Any, graphs: list[NoticeGraph]) -> tuple[dict[str, list[list[Any]]], str] | None:  # fmt: skip
    """Results by notice, and the cache key they go under."""
    try:
        shapes = load_shapes()
        results = validate_graphs(memory, [g.notice for g in graphs], shapes)
        return results, cache_key(shapes, engine_for(shapes), manifest_format())
    except Exception:  # noqa: BLE001 — the report validates from the store and says why
        return None


@dataclass(frozen=True)
class ReportStep:
    """Validate a chunk of built notices and write each one's report files into ``report``."""

    report: str

    def __call__(self, graphs: list[NoticeGraph], memory: Any = None) -> list[Prepared | None]:
        """``memory``: the graphs already loaded by :func:`load_graphs` (it is changed)."""
        from pyoxigraph import RdfFormat, parse

        if not graphs:
            return []
        if memory is None:
            try:
                memory = load_graphs([g.nquads for g in graphs])
            except Exception:  # noqa: BLE001 — a graph the store cannot read: the report says so
                return [None] * len(graphs)
        parts = _parts(memory)  # before the validation normalizes its literals
        validated = _validated(memory, graphs)
        results, key = validated if validated is not None else ({}, "")
        out = Path(self.report)
        made: list[Prepared | None] = []
        for g in graphs:
            try:
                view = (view_from_quads(g.quads) if g.quads is not None
                        else view_from_triples(parse(g.nquads, format=RdfFormat.N_QUADS)))  # fmt: skip
                write_graph_files(out, view)
                rows = results.get(g.notice)
                part = parts.get(g.notice)
                if rows is None:  # its graph files only: the report writes its notice page
                    made.append(Prepared(f"{g.digest} ", part=part))
                    continue
                counts = dict.fromkeys(SEVERITIES, 0)
                for row in rows:
                    counts[str(row[_SEVERITY])] += 1
                status = status_html(counts, up="../")
                write_notice_page(out, view, g.record, status)
                made.append(
                    Prepared(page_key(g.digest, status), pack(rows), tally(rows), key, part)
                )
            except Exception:  # noqa: BLE001 — the report writes them from the store
                made.append(None)
        return made


@dataclass
class ReportCollector:
    """In the build's process: each notice's Prepared into the validation cache (one
    transaction, committed by :meth:`commit`) and :attr:`keys` (notice → page key, for
    :func:`.report.write_report`'s ``prepared``)."""

    build: Path
    keys: dict[str, str] = field(default_factory=dict)
    parts: dict[str, tuple[str, str]] = field(default_factory=dict)  # digest, NoticePart JSON
    _cache: CacheWriter | None = None

    def __call__(self, notice: str, digest: str, extra: Any) -> None:
        if not isinstance(extra, Prepared):
            return
        self.keys[notice] = extra.key
        if extra.part is not None:
            self.parts[notice] = (digest, extra.part)
        if extra.entry is not None:
            if self._cache is None:
                self._cache = CacheWriter(self.build, extra.cache_key)
            if extra.cache_key == self._cache.key:  # else the shapes changed meanwhile
                self._cache.put(notice, digest, extra.entry, extra.tally)

    def commit(self) -> None:
        if self._cache is not None:
            self._cache.commit()

    def abandon(self) -> None:
        if self._cache is not None:
            self._cache.abandon()
        self.keys.clear()
        self.parts.clear()
