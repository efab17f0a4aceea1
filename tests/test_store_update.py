"""Incremental store updates: a changed notice's graph goes from its old N-Quads to its new
ones by writing only the lines that differ (fictional IRIs and values)."""

from __future__ import annotations

from pyoxigraph import NamedNode, RdfFormat, Store

from kgtools.build.store import _update_graph

G = "https://w3id.org/xuncha/id/notice/shili-test"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _nq(*triples: str) -> str:
    return "".join(f"{t} <{G}> .\n" for t in triples)


def _stored(store: Store) -> set[str]:
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, NamedNode(G))}


def _fresh(nquads: str) -> set[str]:
    store = Store()
    store.bulk_load(nquads.encode("utf-8"), format=RdfFormat.N_QUADS)
    return _stored(store)


def _loaded(nquads: str) -> Store:
    store = Store()
    other = f'<{G}-other/a> <http://e.org/p> "某县" <{G}-other> .\n'
    store.bulk_load((nquads + other).encode("utf-8"), format=RdfFormat.N_QUADS)
    return store


A = f'<{G}/a> <http://e.org/p> "示例市教育局"@zh'
B = f'<{G}/b> <http://e.org/start> "10"^^<{XSD}integer>'
B2 = f'<{G}/b> <http://e.org/start> "15"^^<{XSD}integer>'
C = f'<{G}/c> <http://e.org/total> "581.9"^^<{XSD}decimal>'
C0 = f'<{G}/c> <http://e.org/total> "581.90"^^<{XSD}decimal>'  # the same value
D = f'<{G}/d> <http://e.org/q> "新增的\\"引号\\"\\n一行"'


def test_only_the_lines_that_differ_are_written() -> None:
    store = _loaded(_nq(A, B, C))
    assert _update_graph(store, G, _nq(A, B, C), _nq(A, B2, C, D)) == 3  # B out, B2 and D in
    assert _stored(store) == _fresh(_nq(A, B2, C, D))
    assert _update_graph(store, G, _nq(A, B2, C, D), _nq(A, B2, D)) == 1
    assert _stored(store) == _fresh(_nq(A, B2, D))
    assert _update_graph(store, G, _nq(A, B2, D), _nq(D, A, B2)) == 0  # same lines
    assert len(list(store.quads_for_pattern(None, None, None, NamedNode(f"{G}-other")))) == 1


def test_a_value_written_in_two_forms_survives_when_one_goes() -> None:
    store = _loaded(_nq(A, C, C0))  # the store holds one triple for both lines
    _update_graph(store, G, _nq(A, C, C0), _nq(A, C))  # C0's line goes, C stays
    assert _stored(store) == _fresh(_nq(A, C))
