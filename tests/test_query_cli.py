"""`kgtools query`, `load` and `serve` through the CLI: formats, the catalog, and clear
one-line errors with exit 2 for a server that is down, a wrong URL, bad credentials and a
query file with a syntax error. The servers are real processes on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kgtools.display import display_width

from .test_cli import run
from .test_queries import _free_port, wait_for


def test_catalog_lists_every_query_with_its_questions(capsys) -> None:
    code, out, _ = run(["query", "--list"], capsys)
    assert code == 0
    assert "regulations-written" in out and "which new rules" in out.lower()
    assert "哪些单位被哪个巡视巡察组巡察" in out and "--param level=" in out
    entries: dict[str, list[str]] = {}  # query name → its indented lines
    for line in out.splitlines():
        if not line.startswith(" "):
            entries[line] = []
        else:
            entries[list(entries)[-1]].append(line.strip())
    kept = sorted(
        name for name, lines in entries.items() if any(x.startswith("kept:") for x in lines)
    )
    assert kept == ["concreteness", "findings-by-theme", "measures-per-finding", "notices", "organization-rounds", "outputs-by-organization", "outputs-by-unit", "regulations-written", "rounds", "teams", "themes"]  # fmt: skip


def test_display_width_counts_wide_and_full_width_characters_twice() -> None:
    """Widths are remembered per character: a character measured again has the same width."""
    for _ in range(2):
        assert display_width("abc") == 3
        assert display_width("巡察组") == 6
        assert display_width("ＡＢ１") == 6  # full-width
        assert display_width("…—é") == 3  # ambiguous or narrow: one column
        assert display_width("市委第4巡察组（2024）") == 21


def test_formats(sample_build: Path, capsys) -> None:
    store = str(sample_build / "store")
    code, out, _ = run(["query", "rounds", "--store", store, "--format", "csv"], capsys)
    assert code == 0 and out.splitlines()[1].startswith(
        "dandong-kexie-2024,市科协党组,市委第四巡察组,巡察,city"
    )
    code, out, _ = run(["query", "rounds", "--store", store, "--format", "json"], capsys)
    assert json.loads(out)[0]["days_to_feedback"] == 62
    code, out, _ = run(["query", "rounds", "--store", store, "--format", "tsv"], capsys)
    assert out.splitlines()[0].split("\t")[:2] == ["notice", "inspected"]
    code, out, _ = run(["query", "rounds", "--store", store], capsys)
    header, _, row = out.splitlines()[:3]
    # columns line up in a terminal, where each Chinese character takes two columns
    assert display_width(header[: header.index("team")]) == display_width(
        row[: row.index("市委第四巡察组")]
    )
    assert display_width(header[: header.index("start")]) == display_width(
        row[: row.index("2023-09-25")]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"], "no query named"),
        (["query", "rounds", "--param", "nope=1"], "has no parameter"),
        (["query", "rounds", "--param", "level"], "write name=value"),
        (["query", "rounds", "--store", "/nonexistent/store"], "no store"),
        (
            ["query", "rounds", "--endpoint", "http://user:secret@127.0.0.1:9/query"],
            "no credentials in the URL",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str, capsys) -> None:
    code, out, err = run(args, capsys)
    assert code == 2 and out == "" and message in err
    assert len(err.strip().splitlines()) == 1 and "secret" not in err


def test_syntax_error_in_a_query_file(tmp_path: Path, sample_build: Path, capsys) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: broken\nSELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    code, _, err = run(["query", str(bad), "--store", str(sample_build / "store")], capsys)
    assert code == 2 and "syntax error" in err.lower()


def test_server_down_is_a_clear_error(capsys) -> None:
    port = _free_port()  # nothing listens there
    code, _, err = run(["query", "rounds", "--endpoint", f"http://127.0.0.1:{port}/query"], capsys)
    assert code == 2 and "cannot connect" in err
    code, _, err = run(["load", "--endpoint", f"http://127.0.0.1:{port}/store"], capsys)
    assert code == 2


class _Refusing(http.server.BaseHTTPRequestHandler):
    """A deliberately faulty endpoint: 401 without the right credentials, else 500."""

    def _answer(self) -> None:
        if self.headers.get("Authorization") != "Basic dXNlcjpyaWdodA==":  # user:right
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="x"')
            self.end_headers()
            return
        self.send_response(500)
        self.end_headers()

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_bad_credentials_and_server_errors(refusing_server: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KGTOOLS_SPARQL_USER", "user")
    monkeypatch.setenv("KGTOOLS_SPARQL_PASSWORD", "wrong-secret")
    code, _, err = run(["query", "rounds", "--endpoint", refusing_server + "/query"], capsys)
    assert code == 2 and "HTTP 401" in err and "wrong-secret" not in err
    monkeypatch.setenv("KGTOOLS_SPARQL_PASSWORD", "right")
    code, _, err = run(["query", "rounds", "--endpoint", refusing_server + "/query"], capsys)
    assert code == 2 and "server error" in err


def test_serve_is_read_only_on_loopback(sample_build: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "kgtools", "serve", "--store", str(sample_build / "store"),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        query = urllib.request.Request(
            f"http://127.0.0.1:{port}/query", data=b"SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/xuncha/ontology#Measure> }",
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})  # fmt: skip
        answer = json.loads(urllib.request.urlopen(query, timeout=10).read())
        assert answer["results"]["bindings"][0]["n"]["value"] == "37"  # union default graph
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=b"DROP ALL",
                                        headers={"Content-Type": "application/sparql-update"})  # fmt: skip
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=10)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out.decode()


def test_serve_warns_when_bound_beyond_loopback(tmp_path: Path, capsys) -> None:
    # The warning comes before the server starts; a missing store then stops it, so no
    # server is ever exposed beyond this machine by the test.
    code, _, err = run(["serve", "--store", str(tmp_path / "missing"), "--host", "0.0.0.0"], capsys)
    assert "Warning: binding 0.0.0.0" in err
    assert code == 2 and "no store" in err


def test_syntax_error_is_reported_before_reaching_an_endpoint(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: broken\nSELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    port = _free_port()  # nothing listens: the local parse must fail first
    code, _, err = run(["query", str(bad), "--endpoint", f"http://127.0.0.1:{port}/query"], capsys)
    assert code == 2 and "syntax error" in err.lower() and len(err.strip().splitlines()) == 1


_HEAVY = ("rdflib", "networkx", "pyshacl", "SPARQLWrapper", "matplotlib", "lxml", "kgtools.build",
          "kgtools.emit", "kgtools.extract", "kgtools.recognize", "kgtools.read", "kgtools.validate",
          "kgtools.viz", "kgtools.site", "kgtools.compare", "kgtools.query.remote")  # fmt: skip


def _loaded_by_cli(args: list[str]) -> tuple[int, str, set[str]]:
    """Run ``kgtools ARGS`` in a fresh interpreter; its exit code, output and loaded modules."""
    code = (
        "import sys, json\nfrom kgtools.cli import main\n"
        f"sys.argv = ['kgtools', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    status = exc.code or 0\nelse:\n    status = 0\n"
        "sys.stdout.flush()\nprint('\\n' + json.dumps([status, sorted(sys.modules)]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    *out, last = proc.stdout.rstrip("\n").split("\n")
    status, modules = json.loads(last)
    return status, "\n".join(out), set(modules)


# kgtools.build is a package of lazy names, and its marker module reads one small file: a
# query reads the store's marker to know whether the build's kept rows belong to the store
_LIGHT = ("kgtools.build", "kgtools.build.marker")


def _heavy(modules: set[str]) -> list[str]:
    return sorted(
        m
        for m in modules
        if m not in _LIGHT and any(m == h or m.startswith(h + ".") for h in _HEAVY)
    )


@pytest.mark.parametrize(
    "args",
    [["query", "notices"], ["query", "rounds", "--format", "json"], ["query", "--help"],
     ["query", "--list"], ["--help"]],
    ids=["notices", "rounds-json", "query-help", "list", "help"],
)  # fmt: skip
def test_query_on_a_store_imports_only_what_it_uses(args: list[str], sample_build: Path) -> None:
    """``kgtools query NAME`` on a store runs with pyoxigraph and kgtools.query alone: no
    rdflib, no networkx, no pySHACL, no build or pipeline module (they cost a second)."""
    if args[0] == "query" and args[1] not in ("--help", "--list"):
        args = [*args, "--store", str(sample_build / "store")]
    status, out, modules = _loaded_by_cli(args)
    assert status == 0, out
    assert out.strip()
    assert _heavy(modules) == []
    if "--help" in args or "--list" in args:
        assert "pyoxigraph" not in modules
    else:
        assert "dandong-kexie-2024" in out and "pyoxigraph" in modules


def test_query_import_check_sees_the_heavy_modules(sample_build: Path) -> None:
    """The check above can fail: a command that does load rdflib (`validate`) is caught."""
    status, _, modules = _loaded_by_cli(
        ["validate", str(sample_build / "store"), "--format", "json"]
    )
    assert "rdflib" in _heavy(modules)
