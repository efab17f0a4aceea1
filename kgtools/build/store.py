"""The embedded store: a persistent pyoxigraph store in the build directory (``store/``)
holding every notice's named graph, the links graph and the ontology. It is the only copy
of the quads: a build writes each notice's N-Quads into it and nowhere else.

A cold build bulk-loads the notices in batches, while the workers extract the next ones,
into a fresh directory that then replaces the old one; an incremental build, in place,
drops the graphs of removed notices, rewrites those of changed ones where they differ
(:mod:`.graphdiff`) and bulk-loads the new ones.
Bulk loading is not transactional: the build's marker file (``.store-ok``) is removed
before the store changes and written back once it matches the build, and a build that
finds no marker extracts every notice again.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..resources import resource_dir
from ..vocab import LINKS_GRAPH, ONTOLOGY_GRAPH, notice_iri_text
from .graphdiff import GraphReplacer
from .storethreads import store_threads_restore, store_threads_yield

STORE_DIRNAME = "store"
#: Quads per bulk load: 1 000 000 make one file per index, and about 12 of them per load
#: stay under the count at which the store stops writing to compact (10 000 sample notices
#: still load in one).
SHARD_QUADS = 12_000_000
LOADER_BATCH = 1_000_000  # quads the store's bulk loader writes into one file per index
#: The longest wait for a fresh store's string table to be compacted (compact_strings):
#: STRINGS_MIN_S plus STRINGS_S_PER_GB for each GB of the store (it took 1.3 s at 10 000
#: sample notices, 1.7 GB).
STRINGS_MIN_S = 2.0
STRINGS_S_PER_GB = 1.0
KEPT_LOGS = 3  # the store's old info logs kept (RocksDB LOG.old.*)


def store_path(out: Path) -> Path:
    return out / STORE_DIRNAME


def nquads_lines_of(nq: str) -> list[str]:
    """The lines of N-Quads text written by kgtools, split on ``\\n`` only: a literal may hold
    characters that ``str.splitlines`` also takes for line ends (U+2028, U+0085, …) if
    another tool wrote them raw, and N-Quads ends a line at LF or CR alone."""
    return [line for line in nq.split("\n") if line]


def ontology_ntriples() -> str:
    """The ontology files as one N-Triples text (for exports and remote stores)."""
    from rdflib import Graph

    graph = Graph()
    for path in sorted(resource_dir("ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph.serialize(format="nt")


def ontology_nquads() -> bytes:
    """The ontology files as N-Quads in the ontology's graph (for a fresh store's last bulk
    load: see :func:`kgtools.build.corpus._update`)."""
    from pyoxigraph import NamedNode, Quad, RdfFormat, parse, serialize

    graph = NamedNode(ONTOLOGY_GRAPH)
    quads = [Quad(q.subject, q.predicate, q.object, graph)
             for path in sorted(resource_dir("ontology").glob("*.ttl"))
             for q in parse(path=str(path), format=RdfFormat.TURTLE)]  # fmt: skip
    return serialize(quads, format=RdfFormat.N_QUADS) or b""


def nquads_as_ntriples(nq: str) -> str:
    """Drop the graph term of N-Quads lines written by kgtools (``… <graph> .``)."""
    lines = []
    for line in nquads_lines_of(nq):
        if line.strip():
            body = line.rstrip()[:-1].rstrip()
            lines.append(body[: body.rfind(" <")] + " .")
    return "\n".join(lines) + "\n"


class _Chunks(io.RawIOBase):
    """An iterator of byte strings read as one binary stream (for one bulk load)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = chunk
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


class _Shard:
    """The next chunks of a stream, up to the one that brings the lines to ``limit``."""

    def __init__(self, chunks: Iterator[bytes], limit: int) -> None:
        self._chunks = chunks
        self._limit = limit
        self.exhausted = False
        self.lines = 0  # lines (quads) yielded so far

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            yield chunk
            self.lines += chunk.count(b"\n")
            if self.lines >= self._limit:
                return
        self.exhausted = True


class StoreWriter:
    """The store as one build writes it: graphs replaced and removed, N-Quads loaded in
    batches, then (``finish``) the links graph, the ontology of a fresh store, and the swap."""

    def __init__(self, out: Path, *, fresh: bool) -> None:
        from pyoxigraph import Store

        self.out = out
        self.fresh = fresh or not store_path(out).is_dir()
        self.path = out / f".{STORE_DIRNAME}.new" if self.fresh else store_path(out)
        if self.fresh:
            shutil.rmtree(self.path, ignore_errors=True)
        self.store = Store(str(self.path))
        # an incremental build's CPU goes to its workers first (see .storethreads); a cold
        # build's loads are merged while the workers extract the next ones, as they must
        self._priorities = {} if self.fresh else store_threads_yield()
        self.ontology_loaded = False  # set by whoever put ontology_nquads() into a load
        self.last_load_files = 0  # files the last bulk load handed each index (at least)

    def remove(self, notice: str) -> None:
        from pyoxigraph import NamedNode

        self.store.remove_graph(NamedNode(notice_iri_text(notice)))

    def remove_meanwhile(self, notices: Iterable[str]) -> Callable[[], None]:
        """Remove these notices' graphs in a thread (14 ms a sample notice, while the
        workers start); returns the function that waits for it to end and raises what it
        raised. The removal must end before a bulk load starts."""
        errors: list[BaseException] = []
        doomed = list(notices)

        def remove() -> None:
            try:
                for notice in doomed:
                    self.remove(notice)
            except BaseException as exc:  # noqa: BLE001 — raised by the waiter
                errors.append(exc)

        thread = threading.Thread(target=remove, name="kgtools-remove-graphs", daemon=True)
        thread.start()

        def wait() -> None:
            thread.join()
            if errors:
                raise errors[0]

        return wait

    def replacer(self, notices: list[str]) -> GraphReplacer:
        """What rewrites these notices' graphs where they differ (their new graphs to come
        in this order); the caller closes it before :meth:`finish`."""
        return GraphReplacer(self.store, notices)

    def load(self, nquads: Iterator[bytes], shard_quads: int | None = None) -> None:
        """Load a stream of N-Quads texts (each a notice's whole graph, not in the store: a
        new notice's, or one removed first), produced while the store loads, in bulk loads
        of about ``shard_quads`` quads each (default :data:`SHARD_QUADS`).

        One load makes the smallest store: its files land compressed and nothing is
        compacted. But it hands all its files to the store at its end, each overlapping the
        others, and past about 30 of them per index the store stops writing and compacts
        them all at once (100 000 sample notices: over 30 GB written uncompressed after the
        extraction had ended). Shards keep each hand-over small, and the store compacts one
        while the workers extract the next.
        """
        limit = shard_quads or SHARD_QUADS
        chunks = iter(nquads)
        while True:
            shard = _Shard(chunks, limit)
            self._bulk_load(iter(shard))
            self.last_load_files = max(1, -(-shard.lines // LOADER_BATCH))
            if shard.exhausted:
                return

    def _bulk_load(self, nquads: Iterator[bytes]) -> None:
        from pyoxigraph import RdfFormat

        # lenient: the IRIs are the emitter's own (ids percent-encoded, a source_url checked
        # with the store's IRI parser when read, sources.is_iri); checking each again took
        # half of the parse (1 ms a sample notice)
        with io.BufferedReader(_Chunks(nquads), 1 << 20) as stream:
            self.store.bulk_load(stream, format=RdfFormat.N_QUADS, lenient=True)
        self.last_load_files = 1  # a small load's; load() counts its shards

    def set_links(self, nquads: str) -> int:
        """Bring the links graph to ``nquads``, writing only the quads that differ; returns
        how many did."""
        from pyoxigraph import NamedNode, RdfFormat, parse

        if self.fresh:  # a transaction would leave a log and uncompressed files behind
            self._bulk_load(iter([nquads.encode("utf-8")]))
            return nquads.count("\n")
        graph = NamedNode(LINKS_GRAPH)
        new = set(parse(nquads.encode("utf-8"), format=RdfFormat.N_QUADS))
        old = set(self.store.quads_for_pattern(None, None, None, graph))
        for quad in old - new:
            self.store.remove(quad)
        added = new - old
        self.store.extend(added)
        return len(old - new) + len(added)

    def finish(self) -> Path:
        """Load what is buffered; a fresh store gets the ontology (unless a load's stream
        ended with :func:`ontology_nquads`) and replaces the old one."""

        if self.fresh and not self.ontology_loaded:
            self._bulk_load(iter([ontology_nquads()]))
        # No full compaction: it rewrites the bulk-loaded files, compressed, into 1.7 times
        # the space (213 → 362 KB a sample notice) uncompressed; only the string table's.
        self.store.flush()
        del self.store
        store_threads_restore(self._priorities)
        # one load of several files ends a cold build (earlier loads of a sharded one are
        # compacted while the next loads, and smaller loads make one file each)
        if self.fresh and self.last_load_files > 1:
            compact_strings(self.path)
        prune_logs(self.path)
        if self.fresh:
            final, old = store_path(self.out), self.out / f".{STORE_DIRNAME}.old"
            shutil.rmtree(old, ignore_errors=True)
            if final.exists():
                final.rename(old)
            self.path.rename(final)
            shutil.rmtree(old, ignore_errors=True)
        return store_path(self.out)

    def abandon(self) -> None:
        """Stop writing (an error ends the build); a fresh store's directory is removed."""
        if hasattr(self, "store"):
            del self.store
        store_threads_restore(self._priorities)
        if self.fresh:
            shutil.rmtree(self.path, ignore_errors=True)


def compact_strings(path: Path) -> bool:
    """Open a fresh store for writing until it has compacted its string table (at most
    STRINGS_MIN_S + STRINGS_S_PER_GB a GB); True when it did.

    A cold build's bulk load leaves each index in overlapping files (8 at 10 000 sample
    notices), and every term a query returns or a graph's dump writes is looked up in each
    file of the string table: with it compacted, the library queries took 4.9 s in all
    instead of 6.7, and dumping 500 notice graphs (what validation and a rebuild read) 4.2 s
    instead of 7.1. A store open for writing compacts its indexes one after the other in its
    own threads, the string table first, and drops the work in progress when it closes; it
    has no call that compacts one index or tells when a compaction ends, so the sign is
    its files removed: at least two, holding at least 1 % of the store (a compaction's
    inputs, removed once its output is in place). Costs 9 KB a sample notice on disk (the
    output is not compressed)."""
    from pyoxigraph import Store

    before = {}
    for name in os.listdir(path):
        if name.endswith(".sst"):
            with contextlib.suppress(FileNotFoundError):  # the store's last compaction
                before[name] = (path / name).stat().st_size
    size = sum(before.values())
    deadline = time.monotonic() + STRINGS_MIN_S + STRINGS_S_PER_GB * size / 1e9
    store = Store(str(path))
    try:
        while time.monotonic() < deadline:
            gone = before.keys() - set(os.listdir(path))
            if len(gone) >= 2 and sum(before[f] for f in gone) >= size / 100:
                return True
            time.sleep(0.05)
        return False
    finally:
        del store


def _log_time(path: Path) -> int:
    """The time (µs) in an old info log's name: LOG.old.<µs>."""
    suffix = path.name.rsplit(".", 1)[-1]
    return int(suffix) if suffix.isdigit() else 0


def prune_logs(store: Path, keep: int = KEPT_LOGS) -> None:
    """Remove the store's old info logs but the newest ``keep``: every read-write open of
    the store starts a new one (140 KB of options each), and the store keeps a thousand."""
    old = sorted(store.glob("LOG.old.*"), key=_log_time)
    for path in old[: max(0, len(old) - keep)]:
        path.unlink(missing_ok=True)


def built_notices(out: Path) -> list[str]:
    """The ids of a build's notices, sorted.

    :raises UsageError: not a build (no notices built).
    """
    from .notices_db import notice_digests

    notices = sorted(notice_digests(out))
    if not notices or not store_path(out).is_dir():
        raise UsageError(
            f"{out}: no built notices (build.sqlite, store/); run `kgtools build` first"
        )
    return notices


def graph_ntriples(store: Any, graph: str) -> bytes:
    """A named graph of the store as N-Triples lines, sorted (the same bytes every time)."""
    from pyoxigraph import NamedNode, RdfFormat

    data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(graph))
    lines = sorted(line for line in data.split(b"\n") if line)
    return b"".join(line + b"\n" for line in lines)


def open_read_only(path: Path) -> Any:
    """Open a store for queries.

    :raises UsageError: no store there.
    """
    from pyoxigraph import Store

    if not path.is_dir():
        raise UsageError(
            f"{path}: no store; run `kgtools build` first (it writes data/build/store)"
        )
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise UsageError(f"{path}: cannot open the store ({exc})") from None
