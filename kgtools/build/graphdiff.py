"""A changed notice's graph brought up to date in the store by writing only the quads that
differ.

An incremental build used to drop a changed notice's graph and bulk-load the new one. At
10 000 sample notices that took 15–20 ms a notice to drop (each of its ~860 quads deleted
from six indexes) and 7 ms to load, and every quad was written again (40 MB a 1 % rebuild).
Reading the old graph costs 7–9 ms, and an edit changes few of its quads: a sentence
changed near the end of the sample, 11 of 859; near the start, where every later offset
moves, 192. So the old graph is read, and only the quads that are not in the new graph are
removed, and only those not in the old one added.

All of it runs in one thread, in the order the new graphs come, while the build's process
takes the workers' next results: the old graphs are read ahead (the store lets go of the
GIL while it reads), and both graphs are compared as N-Triples lines written by the store
(the new one loaded into an in-memory store and written out), so that only the differing
lines become Python objects. The result is the new graph exactly, whatever the store held:
a literal the store writes another way (``"1.50"`` as ``"1.5"``) or a blank node (its
label differs from one writing to the next) is removed and added again, never left behind.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from ..vocab import notice_iri_text

READ_AHEAD = 32  # old graphs read before their new graph comes (~170 KB each)
QUEUED = 64  # new graphs waiting for the thread at most (the caller waits beyond)


class GraphReplacer:
    """Replaces the graphs of notices already in a store, given in the order their new
    graphs will come (:meth:`replace`); the work is done in a thread, and :meth:`drain`
    waits for it (and raises what it raised)."""

    def __init__(self, store: Any, notices: list[str]) -> None:
        self.store = store
        self.notices = set(notices)
        self._queue = iter(notices)
        self._read_ahead: dict[str, Future[bytes]] = {}  # in the order of ``notices``
        self._jobs: deque[Future[None]] = deque()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="kgtools-old-graphs")
        self.removed = self.added = 0  # quads written
        self._top_up()

    def _read(self, notice: str) -> bytes:
        from pyoxigraph import NamedNode, RdfFormat

        graph = NamedNode(notice_iri_text(notice))
        data: bytes = self.store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph)
        return data

    def _top_up(self) -> None:
        while len(self._read_ahead) < READ_AHEAD:
            notice = next(self._queue, None)
            if notice is None:
                return
            self._read_ahead[notice] = self._pool.submit(self._read, notice)

    def _old(self, notice: str) -> Future[bytes]:
        """The reading of the notice's old graph; the graphs read ahead of it whose notice
        never came (it failed) are dropped."""
        while notice in self._read_ahead:
            first = next(iter(self._read_ahead))
            future = self._read_ahead.pop(first)
            if first == notice:
                self._top_up()
                return future
            future.cancel()
        self._top_up()
        return self._pool.submit(self._read, notice)

    def replace(self, notice: str, nquads: bytes) -> None:
        """Make the notice's graph ``nquads`` (the build's N-Quads, read leniently as the
        bulk load reads them; a quad of another graph, which the build never writes, is
        added as it is). Returns at once, unless QUEUED graphs wait."""
        self._jobs.append(self._pool.submit(self._write, notice, self._old(notice), nquads))
        while self._jobs and (len(self._jobs) > QUEUED or self._jobs[0].done()):
            self._jobs.popleft().result()

    def _write(self, notice: str, old_graph: Future[bytes], nquads: bytes) -> None:
        from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

        graph = NamedNode(notice_iri_text(notice))
        new_store = Store()
        new_store.load(nquads, format=RdfFormat.N_QUADS, lenient=True)
        new = set(
            (new_store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph) or b"").split(b"\n")
        )
        old = set(old_graph.result().split(b"\n"))  # read before: submitted first
        stale, added = old - new - {b""}, new - old - {b""}
        for q in parse(b"\n".join(stale), format=RdfFormat.N_TRIPLES):
            self.store.remove(Quad(q.subject, q.predicate, q.object, graph))
        elsewhere = []
        if len(new_store) > len(new) - (b"" in new):  # quads outside its graph
            elsewhere = [q for q in new_store if q.graph_name != graph]
        self.store.extend([Quad(q.subject, q.predicate, q.object, graph)
                           for q in parse(b"\n".join(added), format=RdfFormat.N_TRIPLES)] + elsewhere)  # fmt: skip
        self.removed += len(stale)
        self.added += len(added)

    def drain(self) -> None:
        """Wait for the graphs given so far to be written; raise the first error."""
        while self._jobs:
            self._jobs.popleft().result()

    def close(self) -> None:
        """Stop: what was given and not yet written is dropped (after :meth:`drain`,
        nothing); the thread ends before this returns (it must not outlive the store)."""
        self._read_ahead.clear()
        self._jobs.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
