"""Incremental store updates (kgtools.build.store.StoreWriter): a changed notice's graph is
replaced whole, other graphs are left as they are, and the links graph changes by
difference (fictional IRIs and values)."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, Store

from kgtools.build.store import StoreWriter
from kgtools.vocab import LINKS_GRAPH, notice_iri_text

A, B = notice_iri_text("shili-a"), notice_iri_text("shili-b")


def _nq(graph: str, *triples: str) -> str:
    return "".join(f"{t} <{graph}> .\n" for t in triples)


def _stored(out: Path, graph: str) -> set[str]:
    store = Store.read_only(str(out / "store"))
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, NamedNode(graph))}


def test_a_changed_notice_is_replaced_and_the_others_stay(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path, fresh=True)
    writer.load(iter([_nq(A, f'<{A}/x> <http://e.org/p> "旧"').encode(),
                      _nq(B, f'<{B}/x> <http://e.org/p> "某县"').encode()]))  # fmt: skip
    writer.set_links(_nq(LINKS_GRAPH, f"<{A}/x> <http://e.org/same> <{B}/x>"))
    writer.finish()
    assert _stored(tmp_path, A) == {f'<{A}/x> <http://e.org/p> "旧"'}

    writer = StoreWriter(tmp_path, fresh=False)
    writer.remove("shili-a")  # the build removes the graphs of the changed notices first
    writer.load(iter([_nq(A, f'<{A}/x> <http://e.org/p> "新"', f"<{A}/y> <http://e.org/q> <{A}/x>").encode()]))  # fmt: skip
    changed = writer.set_links(_nq(LINKS_GRAPH, f"<{A}/x> <http://e.org/same> <{B}/x>",
                                   f"<{A}/y> <http://e.org/same> <{B}/x>"))  # fmt: skip
    writer.finish()
    assert changed == 1  # the one new link, the old one kept
    assert _stored(tmp_path, A) == {f'<{A}/x> <http://e.org/p> "新"', f"<{A}/y> <http://e.org/q> <{A}/x>"}  # fmt: skip
    assert _stored(tmp_path, B) == {f'<{B}/x> <http://e.org/p> "某县"'}
    assert len(_stored(tmp_path, LINKS_GRAPH)) == 2


def test_an_abandoned_fresh_store_leaves_the_old_one(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path, fresh=True)
    writer.load(iter([_nq(A, f'<{A}/x> <http://e.org/p> "旧"').encode()]))
    writer.finish()
    writer = StoreWriter(tmp_path, fresh=True)
    writer.load(iter([_nq(B, f'<{B}/x> <http://e.org/p> "某县"').encode()]))
    writer.abandon()
    assert _stored(tmp_path, A) and not _stored(tmp_path, B)
    assert not (tmp_path / ".store.new").exists()
