"""The query library on the fictional corpus (tests/corpus/, six invented notices) against
expected results written by hand (tests/corpus/expected/<query>.csv), on the embedded store
and on a real Oxigraph server loaded with `kgtools load`; the same rows from both."""

from __future__ import annotations

import csv
import socket
import subprocess
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.query import catalog, query

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = CORPUS / "expected"
QUERIES = [info.name for info in catalog()]


def _cells(rows: list[list[object]]) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in rows]


def _expected(name: str) -> tuple[list[str], list[list[str]]]:
    with (EXPECTED / f"{name}.csv").open(encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    build([CORPUS], out=out, jobs=1)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


@pytest.fixture(scope="module")
def oxigraph_server():
    """A real, writable, in-memory Oxigraph server on a free 127.0.0.1 port."""
    port = _free_port()
    process = subprocess.Popen(["oxigraph", "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_every_query_has_an_expected_result_and_a_full_header() -> None:
    assert len(QUERIES) >= 15
    for info in catalog():
        assert (EXPECTED / f"{info.name}.csv").is_file(), info.name
        assert info.title and info.question_zh and info.question_en and info.columns, info.name


@pytest.mark.parametrize("name", QUERIES)
def test_query_on_the_embedded_store(name: str, corpus_build: Path) -> None:
    header, rows = _expected(name)
    result = query(name, corpus_build / "store")
    assert result.columns == header
    assert _cells(result.rows) == rows


def test_same_answers_from_a_real_oxigraph_server_after_loading_twice(
    corpus_build: Path, oxigraph_server: str, capsys
) -> None:
    from .test_cli import run

    for _ in range(2):  # loading twice leaves the same triples
        code, out, _ = run(
            ["load", "--endpoint", oxigraph_server + "/store", "--build", str(corpus_build)], capsys
        )
        assert code == 0 and "8 graph(s) loaded" in out
    for name in QUERIES:
        header, rows = _expected(name)
        remote = query(name, endpoint=oxigraph_server + "/query")
        embedded = query(name, corpus_build / "store")
        assert remote.columns == header == embedded.columns, name
        assert _cells(remote.rows) == rows == _cells(embedded.rows), name


def test_parameters_narrow_the_answer(corpus_build: Path) -> None:
    store = corpus_build / "store"
    assert [r[0] for r in query("rounds", store, params={"level": "city"}).rows] == [
        "shili-jiaoyuju-2023",
        "shili-jiaoyuju-2025",
    ]
    # the finance finding 预算执行不严格 of 某县财政局 got a 细则; its other finance finding none
    written = query("regulations-written", store, params={"theme": "finance"}).rows
    assert written == [
        ["finance", "某县财政局党组", "细则", 1, 1, 85, "《某县财政局预算执行管理细则》"]
    ]
    assert query("search", store, params={"text": "公务卡"}).rows[0][5] == "公务卡使用不规范的问题"
    assert [
        r[3] for r in query("outputs-by-organization", store, params={"unit": "万元"}).rows
    ] == ["万元", "万元"]


def test_the_python_api_takes_the_build_directory_as_a_string(corpus_build: Path) -> None:
    by_store = query("notices", corpus_build / "store").rows
    assert len(by_store) == 6
    assert query("notices", str(corpus_build)).rows == by_store
    assert query("notices", str(corpus_build / "store")).rows == by_store


@pytest.mark.parametrize(
    "hostile",
    [
        '") } } DELETE WHERE { ?s ?p ?o } #',
        '采购" || true || "',
        '\\" . } UNION { ?x ?y ?z',
        "'; DROP ALL; --",
        "\n}\n",
    ],
)
def test_hostile_parameter_values_cannot_change_the_query(hostile: str, corpus_build: Path) -> None:
    store = corpus_build / "store"
    assert query("search", store, params={"text": hostile}).rows == []
    assert query("rounds", store, params={"level": hostile}).rows == []
    assert len(query("notices", store).rows) == 6  # nothing was changed or dropped


@pytest.mark.parametrize(
    ("lexical", "datatype", "expected"),
    [
        ("5", "integer", 5),
        ("+05", "integer", 5),
        ("1.0", "integer", 1),  # not a valid xsd:integer form: read as a number anyway
        ("x", "integer", "x"),
        ("2.50", "decimal", Decimal("2.5")),
        ("3.0", "decimal", 3),
        ("2024-01-02", "date", "2024-01-02"),
        ("采购", "string", "采购"),
    ],
)
def test_result_values_come_back_as_plain_python(lexical: str, datatype: str, expected) -> None:  # type: ignore[no-untyped-def]
    from pyoxigraph import Literal, NamedNode, Quad, Store

    from kgtools.query.local import run_on_store

    store = Store()
    literal = Literal(lexical, datatype=NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}"))
    store.add(Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), literal))
    [[value]] = run_on_store(store, "SELECT ?o WHERE { ?s ?p ?o }").rows
    assert value == expected and type(value) is type(expected)
