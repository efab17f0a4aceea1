"""A changed notice's graph rewritten where it differs (kgtools.build.graphdiff), alone and
inside incremental builds (fictional IRIs, values and notices)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, parse

from kgtools.build.corpus import build
from kgtools.build.graphdiff import GraphReplacer
from kgtools.vocab import notice_iri_text

from .test_queries import CORPUS

A, B, C = (notice_iri_text(n) for n in ("shili-a", "shili-b", "shili-c"))
P = "<http://e.org/p>"


def _nq(graph: str, *triples: str) -> bytes:
    return "".join(f"{t} <{graph}> .\n" for t in triples).encode()


def _graph(store: Store, graph: str) -> set[str]:
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, NamedNode(graph))}


def _as_read(nquads: bytes) -> set[str]:
    return {str(q.triple) for q in parse(nquads, format=RdfFormat.N_QUADS)}


@pytest.fixture
def store() -> Store:
    store = Store()
    store.load(_nq(A, f'<{A}/x> {P} "旧"', f"<{A}/x> {P} <{A}/y>", f'<{A}/y> {P} "1"'),
               format=RdfFormat.N_QUADS)  # fmt: skip
    store.load(_nq(B, f'<{B}/x> {P} "某县"'), format=RdfFormat.N_QUADS)
    store.load(_nq(C, f'<{C}/x> {P} "示例市"'), format=RdfFormat.N_QUADS)
    return store


def test_only_the_quads_that_differ_are_written(store: Store) -> None:
    new = _nq(
        A, f'<{A}/x> {P} "新"', f"<{A}/x> {P} <{A}/y>", f'<{A}/y> {P} "1"', f'<{A}/z> {P} "2"'
    )
    replacer = GraphReplacer(store, ["shili-a"])
    replacer.replace("shili-a", new)
    replacer.drain()
    replacer.close()
    assert _graph(store, A) == _as_read(new)
    assert (replacer.removed, replacer.added) == (1, 2)  # "旧" out; "新" and z in
    assert _graph(store, B) == {f'<{B}/x> {P} "某县"'}  # other graphs untouched


def test_literals_the_store_writes_otherwise_and_blank_nodes_are_never_left_behind(store: Store) -> None:  # fmt: skip
    decimal = "<http://www.w3.org/2001/XMLSchema#decimal>"
    first = _nq(A, f'<{A}/x> {P} "1.50"^^{decimal}', f"<{A}/x> {P} _:b1", f'_:b1 {P} "b"')
    replacer = GraphReplacer(store, ["shili-a", "shili-a"])
    replacer.replace("shili-a", first)
    replacer.replace("shili-a", first)  # the same graph again: its blank node is a new one
    replacer.drain()
    replacer.close()
    quads = list(store.quads_for_pattern(None, None, None, NamedNode(A)))
    assert len(quads) == 3  # one blank node, not two; the decimal once
    assert sum(1 for q in quads if str(q.object.value) in ("1.5", "1.50")) == 1


def test_notices_read_ahead_that_never_come_are_skipped(store: Store) -> None:
    """The replacer reads ahead in the order given; a notice whose new graph never comes (it
    failed) is passed over, and a notice it was not given is read when it comes."""
    replacer = GraphReplacer(store, ["shili-a", "shili-b", "shili-c"])
    replacer.replace("shili-c", _nq(C, f'<{C}/x> {P} "某县"'))
    replacer.replace("shili-b", _nq(B, f'<{B}/x> {P} "示例市"'))  # after its turn: read again
    replacer.drain()
    replacer.close()
    assert _graph(store, C) == {f'<{C}/x> {P} "某县"'}
    assert _graph(store, B) == {f'<{B}/x> {P} "示例市"'}
    assert len(_graph(store, A)) == 3  # never replaced
    assert not [t for t in threading.enumerate() if t.name.startswith("kgtools-old-graphs")]


def _quads(store_dir: Path) -> set[str]:
    store = Store.read_only(str(store_dir))
    return {str(q) for q in store.quads_for_pattern(None, None, None)}


def test_an_incremental_build_with_changed_new_and_gone_notices_equals_a_fresh_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Changed notices are rewritten where they differ, before the new ones are bulk-loaded
    and while the gone ones are removed: the store is the one a fresh build makes."""
    src, held = tmp_path / "src", tmp_path / "held"
    src.mkdir()
    held.mkdir()
    names = sorted(p.name for p in CORPUS.glob("*.txt"))
    for name in names:
        shutil.copy(CORPUS / name, (held if name == names[0] else src) / name)
    out = tmp_path / "incremental"
    build([src], out=out, jobs=2)
    for name in names[1:3]:  # changed: one sentence near the end, one near the start
        text = (src / name).read_text(encoding="utf-8")
        (src / name).write_text(text[:20] + "示例" + text[20:] + "\n另行通报。\n", encoding="utf-8")
    (src / names[-1]).unlink()  # gone
    shutil.copy(held / names[0], src / names[0])  # new
    replaced: list[str] = []
    original = GraphReplacer.replace

    def spied(self: GraphReplacer, notice: str, nquads: bytes) -> None:
        replaced.append(notice)
        original(self, notice, nquads)

    monkeypatch.setattr(GraphReplacer, "replace", spied)
    result = build([src], out=out, jobs=2)
    ids = [name.removesuffix(".txt") for name in names]
    assert sorted(result.extracted) == sorted(ids[:3])
    assert sorted(replaced) == ids[1:3]  # the new notice is bulk-loaded
    assert result.removed == [ids[-1]]
    fresh = tmp_path / "fresh"
    build([src], out=fresh, jobs=2)
    assert _quads(out / "store") == _quads(fresh / "store")


def test_an_error_in_the_thread_is_raised_by_drain_and_nothing_of_that_graph_is_written(store: Store) -> None:  # fmt: skip
    replacer = GraphReplacer(store, ["shili-a"])
    replacer.replace("shili-a", _nq(A, f'<{A}/x> {P} "新') + b"<not n-quads")
    with pytest.raises(SyntaxError):
        replacer.drain()
    replacer.close()
    assert len(_graph(store, A)) == 3
