"""A second real triplestore: Virtuoso Open Source (Debian ``virtuoso-opensource``),
started on 127.0.0.1 with a throwaway database in a temporary directory and stopped
after. The README's Virtuoso recipes, run as written: `kgtools load` over the Graph Store
Protocol (``/sparql-graph-crud-auth``, Digest), `--prune`, and the bulk loader
(``ld_dir`` + ``rdf_loader_run``) on `kgtools export`; every library query through
`kgtools query --endpoint` gives the embedded store's rows.

On a machine without Virtuoso the tests skip with the command to install it; where
.ci/run installed it (KGTOOLS_REQUIRE_SYSTEM=1) they are required."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.query import catalog
from kgtools.query.graphstore import remote_notice_graphs
from kgtools.vocab import notice_iri_text

from .browser import require_system
from .test_cli import run
from .test_queries import CORPUS, _expected, _free_port, wait_for

VIRTUOSO, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
QUERIES = [info.name for info in catalog()]

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


class Virtuoso:
    def __init__(self, db: Path, sql: int, http: int) -> None:
        self.db, self.sql = db, sql
        self.base = f"http://127.0.0.1:{http}"
        self.store = self.base + "/sparql-graph-crud-auth"  # the README's URLs
        self.query = self.base + "/sparql"

    def isql(self, statements: str) -> str:
        done = subprocess.run([ISQL or "isql-vt", f"127.0.0.1:{self.sql}", "dba", "dba",
                               f"exec={statements}"],
                              capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
        return done.stdout


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    require_system(
        bool(VIRTUOSO and ISQL),
        "needs Virtuoso Open Source: apt-get install virtuoso-opensource",
    )
    db = tmp_path_factory.mktemp("virtuoso")
    server = Virtuoso(db, _free_port(), _free_port())
    ini = db / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql=server.sql, http=server.base.rsplit(":", 1)[1]))
    with (db / "console.log").open("wb") as log:
        process = subprocess.Popen([VIRTUOSO or "virtuoso-t", "+configfile", str(ini),
                                    "+foreground"], cwd=db, stdout=log, stderr=log)  # fmt: skip
    try:
        wait_for(server.query + "?query=ASK%7B%7D", seconds=60)
        yield server
    finally:
        process.terminate()  # a quick shutdown, about 2 s
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGTOOLS_SPARQL_USER", "dba")  # the throwaway database's own account
    monkeypatch.setenv("KGTOOLS_SPARQL_PASSWORD", "dba")


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    build([CORPUS], out=out, jobs=1)
    return out


def _csv(text: str) -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


def _same_rows_as_the_embedded_store(endpoint: str, build_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for name in QUERIES:
        code, remote, err = run(["query", name, "--endpoint", endpoint, "--format", "csv"], capsys)
        assert code == 0, (name, err)
        _, embedded, _ = run(
            ["query", name, "--store", str(build_dir / "store"), "--format", "csv"], capsys
        )
        assert _csv(remote) == _csv(embedded), name


def test_load_then_every_query_gives_the_embedded_rows(
    virtuoso: Virtuoso, corpus_build: Path, credentials: None, capsys
) -> None:
    load = ["load", "--endpoint", virtuoso.store, "--build", str(corpus_build)]
    code, out, err = run(load, capsys)
    assert code == 0, err
    assert "8 graph(s) loaded" in out and "8 added, 0 replaced, 0 removed" in out
    code, out, _ = run(load, capsys)  # loading twice replaces, and leaves the same triples
    assert code == 0 and "0 added, 8 replaced, 0 removed" in out
    _same_rows_as_the_embedded_store(virtuoso.query, corpus_build, capsys)
    # each notice in its own named graph, as `kgtools load --prune` expects to find it
    notices = remote_notice_graphs(virtuoso.query, timeout=30)
    assert notices == {notice_iri_text(p.stem) for p in CORPUS.glob("*.txt")}
    for name in QUERIES:  # and the rows written by hand
        _, text, _ = run(["query", name, "--endpoint", virtuoso.query, "--format", "csv"], capsys)
        assert _csv(text) == _expected(name), name


def test_prune_removes_the_graphs_of_notices_gone_from_the_build(
    virtuoso: Virtuoso, corpus_build: Path, credentials: None, tmp_path: Path, capsys
) -> None:
    run(["load", "--endpoint", virtuoso.store, "--build", str(corpus_build)], capsys)
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in CORPUS.glob("*.txt"):
        if path.stem != "shili-daxue-2024":
            shutil.copy(path, sources)
    smaller = tmp_path / "build"
    build([sources], out=smaller, jobs=1)
    load = ["load", "--endpoint", virtuoso.store, "--build", str(smaller)]
    code, out, _ = run(load, capsys)  # without --prune, the notice stays on the server
    assert code == 0 and "0 removed" in out
    _, text, _ = run(["query", "notices", "--endpoint", virtuoso.query, "--format", "csv"], capsys)
    assert "shili-daxue-2024" in text
    code, out, _ = run([*load, "--prune"], capsys)
    assert code == 0 and "7 graph(s) loaded" in out and "0 added, 7 replaced, 1 removed" in out
    _same_rows_as_the_embedded_store(virtuoso.query, smaller, capsys)
    code, out, _ = run([*load, "--prune"], capsys)
    assert code == 0 and "0 removed" in out


def test_bulk_load_of_the_export_gives_the_embedded_rows(
    virtuoso: Virtuoso, corpus_build: Path, capsys
) -> None:
    virtuoso.isql("SPARQL CLEAR GRAPH <https://w3id.org/xuncha/ontology>;")
    for graph in virtuoso.isql(
        "SPARQL SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/xuncha/id/')) };"
    ).split():
        if graph.startswith("https://w3id.org/xuncha/id/"):
            virtuoso.isql(f"SPARQL CLEAR GRAPH <{graph}>;")
    _, text, _ = run(["query", "notices", "--endpoint", virtuoso.query, "--format", "csv"], capsys)
    assert _csv(text)[1] == []  # an empty store
    dump = virtuoso.db / "xuncha.nq"  # in DirsAllowed
    code, _, _ = run(["export", "--build", str(corpus_build), "--out", str(dump)], capsys)
    assert code == 0
    # the README's recipe: ld_dir on the export (graphs from the quads), then the loader
    virtuoso.isql(
        f"ld_dir('{virtuoso.db}', 'xuncha.nq', 'https://w3id.org/xuncha/id/graph/unnamed');"
        " rdf_loader_run(); checkpoint;"
    )
    _same_rows_as_the_embedded_store(virtuoso.query, corpus_build, capsys)
    # each notice in its own named graph, as `kgtools load --prune` expects to find it
    notices = remote_notice_graphs(virtuoso.query, timeout=30)
    assert notices == {notice_iri_text(p.stem) for p in CORPUS.glob("*.txt")}
