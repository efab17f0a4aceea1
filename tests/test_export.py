"""`kgtools export`: the README's bulk-load recipe, run for real. The fictional corpus is
exported to one N-Quads file, loaded into a fresh Oxigraph with `oxigraph load`, served
on 127.0.0.1, and every library query gives the embedded store's rows (and the expected
rows written by hand). TriG and Turtle hold the same statements; the export is the store."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.query import catalog, query

from .test_cli import run
from .test_queries import CORPUS, _cells, _expected, _free_port, wait_for

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph")) if Path(sys.executable).with_name(
    "oxigraph"
).is_file() else shutil.which("oxigraph")  # fmt: skip


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    build([CORPUS], out=out, jobs=1)
    return out


def _loaded(path: Path, fmt: str):  # type: ignore[no-untyped-def]
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(path=str(path), format={"nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG,
                                       "ttl": RdfFormat.TURTLE}[fmt])  # fmt: skip
    return store


def _quads(path: Path, fmt: str) -> set[str]:
    return {str(q) for q in _loaded(path, fmt)}


def test_bulk_loaded_oxigraph_gives_every_query_the_embedded_rows(
    corpus_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert OXIGRAPH, "the oxigraph binary comes with the oxigraph package"
    dump = tmp_path / "xuncha.nq"
    code, _, err = run(["export", "--build", str(corpus_build), "--out", str(dump)], capsys)
    assert code == 0 and "exported 8 graph(s)" in err  # ontology + 6 notices + links
    db = tmp_path / "db"
    subprocess.run([OXIGRAPH, "load", "--location", str(db), "--file", str(dump)],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    port = _free_port()
    server = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(db), "--bind",
                               f"127.0.0.1:{port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        wait_for(f"http://127.0.0.1:{port}/")
        for info in catalog():
            header, rows = _expected(info.name)
            remote = query(info.name, endpoint=endpoint)
            embedded = query(info.name, corpus_build / "store")
            assert remote.columns == header == embedded.columns, info.name
            assert _cells(remote.rows) == rows == _cells(embedded.rows), info.name
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_format_holds_what_the_embedded_store_holds(
    corpus_build: Path, tmp_path: Path
) -> None:
    from pyoxigraph import Store

    from kgtools.query.export import export_file

    store = Store.read_only(str(corpus_build / "store"))
    in_store = {str(q) for q in store}
    nq = tmp_path / "all.nq.gz"
    assert export_file(corpus_build, nq).statements == len(in_store)
    plain = tmp_path / "all.nq"
    plain.write_bytes(gzip.decompress(nq.read_bytes()))
    assert _quads(plain, "nq") == in_store
    trig = tmp_path / "all.trig"
    export_file(corpus_build, trig)
    assert _quads(trig, "trig") == in_store
    ttl = tmp_path / "all.ttl"
    export_file(corpus_build, ttl)
    triples = {str(q.triple) for q in _loaded(ttl, "ttl")}
    assert triples == {str(q.triple) for q in store}  # every graph's triples, in one graph
    # the themes are in: the recipe without them gave empty themes on a server
    themes = [
        q
        for q in _quads(plain, "nq")
        if q.startswith("<https://w3id.org/xuncha/ontology#ThemeProcurement> ")
    ]
    assert themes and all(q.endswith(" <https://w3id.org/xuncha/ontology>") for q in themes)


def test_no_ontology_leaves_out_the_ontology_graph(corpus_build: Path, tmp_path: Path) -> None:
    from kgtools.query.export import export_file

    out = tmp_path / "notices.nq"
    result = export_file(corpus_build, out, ontology=False, links=False)
    assert result.graphs == 6
    text = out.read_text(encoding="utf-8")
    assert "<https://w3id.org/xuncha/ontology> ." not in text
    assert "<https://w3id.org/xuncha/id/graph/links> ." not in text


def test_export_of_a_directory_that_is_no_build_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["export", "--build", str(tmp_path), "--out", str(tmp_path / "x.nq")], capsys
    )
    assert code == 2 and "run `kgtools build` first" in err
    assert not list(tmp_path.iterdir())  # nothing half-written left behind
