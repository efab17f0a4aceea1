"""Incremental store updates (kgtools.build.store.StoreWriter): a graph removed and loaded
again, other graphs left as they are, and the links graph changed by difference (fictional
IRIs and values). A build rewrites a changed notice's graph where it differs:
tests/test_graphdiff.py."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
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
    writer.remove("shili-a")  # a graph is removed before it is bulk-loaded again
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


def test_the_links_graph_is_made_again_only_when_a_notice_changes_its_names(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    """An edit that leaves every name as it was keeps the links graph without making it
    again; an edit of a name makes it again, equal to a build from scratch."""
    import shutil

    from kgtools.build import corpus as corpus_module
    from kgtools.build.corpus import build

    from .conftest import SAMPLE
    from .test_queries import CORPUS

    src = tmp_path / "src"
    src.mkdir()
    for path in [SAMPLE, *sorted(CORPUS.glob("*.txt"))]:
        shutil.copy(path, src)
    build([src], out=tmp_path / "b", jobs=1)
    made: list[int] = []

    class Counted(corpus_module.LinkLines):
        def __init__(self, records) -> None:  # type: ignore[no-untyped-def]
            records = list(records)
            made.append(len(records))  # the notices whose facts it reads
            super().__init__(records)

    monkeypatch.setattr(corpus_module, "LinkLines", Counted)
    sample = src / SAMPLE.name
    text = sample.read_text(encoding="utf-8")
    assert "抽查验收。" in text
    sample.write_text(text.replace("抽查验收。", "抽查验收，逐项销号。", 1), encoding="utf-8")
    result = build([src], out=tmp_path / "b", jobs=1)
    assert result.extracted == [SAMPLE.stem] and made == []
    sample.write_text(text.replace("丹东市科学技术协会", "示例市科学技术协会"), encoding="utf-8")
    build([src], out=tmp_path / "b", jobs=1)
    assert made == [7]
    build([src], out=tmp_path / "fresh", jobs=1)
    assert _stored(tmp_path / "b", LINKS_GRAPH) == _stored(tmp_path / "fresh", LINKS_GRAPH)


class _CountingStore:
    """The writer's store, counting its bulk loads (pyoxigraph's Store cannot be patched)."""

    def __init__(self, store: Store) -> None:
        self.store, self.loads = store, 0

    def bulk_load(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.loads += 1
        return self.store.bulk_load(*args, **kwargs)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.store, name)


def test_a_long_stream_is_loaded_in_shards_and_every_graph_arrives(tmp_path: Path) -> None:
    graphs = [notice_iri_text(f"shili-{i}") for i in range(7)]
    writer = StoreWriter(tmp_path, fresh=True)
    counting = _CountingStore(writer.store)
    writer.store = counting
    texts = (_nq(g, *(f'<{g}/x{k}> <http://e.org/p> "某县{k}"' for k in range(3))).encode()
             for g in graphs)  # fmt: skip
    writer.load(texts, shard_quads=4)  # two notices (6 quads) fill a shard
    writer.store = counting.store
    writer.finish()
    assert counting.loads == 4  # 2 + 2 + 2 + 1 notices
    for i, g in enumerate(graphs):
        assert _stored(tmp_path, g) == {
            f'<{g}/x{k}> <http://e.org/p> "某县{k}"' for k in range(3)
        }, i


def test_a_fresh_store_ends_its_bulk_load_with_the_links_graph_and_the_ontology(tmp_path: Path) -> None:  # fmt: skip
    """The links graph and the ontology come in the notices' bulk load; a build whose every
    notice fails still gets the ontology."""
    from pyoxigraph import RdfFormat, parse

    from kgtools.build.corpus import build
    from kgtools.resources import resource_dir
    from kgtools.vocab import ONTOLOGY_GRAPH

    from .test_queries import CORPUS

    ontology = {str(q.triple) for path in resource_dir("ontology").glob("*.ttl")
                for q in parse(path=str(path), format=RdfFormat.TURTLE)}  # fmt: skip
    build([CORPUS], out=tmp_path / "b", jobs=1)
    assert _stored(tmp_path / "b", ONTOLOGY_GRAPH) == ontology
    assert _stored(tmp_path / "b", LINKS_GRAPH)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "shili-binary.txt").write_bytes(b"\x00\x01 not a notice")
    result = build([bad], out=tmp_path / "failed", jobs=1)
    assert len(result.failures) == 1
    store = Store.read_only(str(tmp_path / "failed" / "store"))
    assert len(store) == len(ontology)  # nothing but the ontology


def test_a_cold_build_ending_in_a_load_of_several_files_compacts_the_string_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """A fresh store whose last bulk load handed each index several files (over a million
    quads: LOADER_BATCH made small here) is opened once more for its string table's
    compaction; a load of one file per index is left as it is. Every quad stays."""
    from kgtools.build import store as store_module

    compacted: list[Path] = []
    monkeypatch.setattr(store_module, "compact_strings", compacted.append)
    graphs = [notice_iri_text(f"shili-{i}") for i in range(6)]
    texts = [_nq(g, *(f'<{g}/x{k}> <http://e.org/p> "某县{g[-1]}{k}"' for k in range(3))).encode()
             for g in graphs]  # fmt: skip
    for out in ("one", "several"):
        (tmp_path / out).mkdir()
    texts.append(store_module.ontology_nquads())  # a cold build's stream ends with it
    writer = StoreWriter(tmp_path / "one", fresh=True)
    writer.ontology_loaded = True
    writer.load(iter(texts))
    writer.finish()
    assert compacted == []
    monkeypatch.setattr(store_module, "LOADER_BATCH", 5)  # 18 quads and the ontology: files
    writer = StoreWriter(tmp_path / "several", fresh=True)
    writer.ontology_loaded = True
    writer.load(iter(texts))
    writer.finish()
    assert compacted == [tmp_path / "several" / ".store.new"]  # before it replaces the old
    for out in ("one", "several"):
        assert all(len(_stored(tmp_path / out, g)) == 3 for g in graphs)


def test_compacting_the_string_table_is_bounded_and_keeps_every_quad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The store says nothing of its compactions: the wait ends at its bound when none
    comes (a store with nothing to compact), and the store is whole after it."""
    from kgtools.build import store as store_module

    monkeypatch.setattr(store_module, "STRINGS_MIN_S", 0.3)
    writer = StoreWriter(tmp_path, fresh=True)
    g = notice_iri_text("shili-a")
    writer.load(iter([_nq(g, f'<{g}/x> <http://e.org/p> "某县"').encode()]))
    writer.finish()
    start = time.monotonic()
    assert store_module.compact_strings(tmp_path / "store") is False
    assert 0.3 <= time.monotonic() - start < 2
    assert _stored(tmp_path, g) == {f'<{g}/x> <http://e.org/p> "某县"'}
