"""No web page can write to the store, no query reaches the network (issue 22, items 3 and 4
of the issue's list): `serve --writable` refuses writes from other origins and Host names
that are not its own; SERVICE is refused by `serve` and `query` unless --allow-service; the
check of a query sent to an endpoint parses it, never runs it; `serve` on a busy port exits 2
with one line, finds the oxigraph binary of its own environment without PATH, and notices
when a build replaces the store. Every server here listens on 127.0.0.1 and is stopped."""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kgtools.build.corpus import build

from .conftest import SAMPLE
from .test_bad_inputs import BASE
from .test_cli import run
from .test_queries import _free_port

XK = "https://w3id.org/xuncha/ontology#"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{XK}Notice> }}"


class _Trap(http.server.BaseHTTPRequestHandler):
    """Records every request it gets (a SERVICE call, an endpoint query) and fails it."""

    def _record(self) -> None:
        self.server.paths.append(self.path.split("?")[0])  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _record

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trap() -> Iterator[tuple[str, list[str]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trap)
    server.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.paths  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


@contextmanager
def serving(
    store: Path, *args: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "kgtools", "serve", "--store", str(store), "--port", str(port), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"serve did not start: {process.stderr.read() if process.stderr else ''}"
                    ) from None
                time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def _request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
             method: str | None = None) -> tuple[int, bytes]:  # fmt: skip
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _count(url: str) -> int:
    import json

    status, body = _request(f"{url}/query", COUNT.encode(),
                            {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})  # fmt: skip
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
INSERT = urllib.parse.urlencode(
    {"update": f"INSERT DATA {{ GRAPH <http://x/g> {{ <http://x/n> a <{XK}Notice> }} }}"}
).encode()


def test_writable_serve_refuses_cross_origin_writes(sample_build: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_build / "store", store)
    with serving(store, "--writable") as (url, _):
        port = url.rsplit(":", 1)[1]
        attacks = [
            {**FORM, "Origin": "http://evil.example"},  # a form posted by another site
            {**FORM, "Origin": "null"},  # … from a sandboxed frame
            {**FORM, "Sec-Fetch-Site": "cross-site"},
            {**FORM, "Sec-Fetch-Site": "same-site", "Origin": f"http://localhost:{int(port) + 1}"},
            {**FORM, "Host": f"evil.example:{port}"},  # DNS rebinding
        ]
        for headers in attacks:
            assert _request(f"{url}/update", INSERT, headers)[0] == 403, headers
        put = {"Content-Type": "application/n-triples", "Origin": "http://evil.example"}
        assert (
            _request(
                f"{url}/store?graph=http://x/g",
                b"<http://x/n> <http://x/p> <http://x/o> .\n",
                put,
                "PUT",
            )[0]
            == 403
        )
        assert _count(url) == 1
        same = {**FORM, "Origin": url, "Sec-Fetch-Site": "same-origin"}  # the UI's own page
        assert _request(f"{url}/update", INSERT, same)[0] == 204
        assert _count(url) == 2
        script = {
            "Content-Type": "application/sparql-update"
        }  # curl, kgtools load: no browser headers
        assert _request(f"{url}/update", b"DROP GRAPH <http://x/g>", script)[0] == 204
        assert _count(url) == 1


def test_serve_refuses_service_unless_allowed(
    sample_build: Path, trap: tuple[str, list[str]]
) -> None:
    where, paths = trap
    query = f"SELECT * WHERE {{ SERVICE <{where}/service> {{ ?s ?p ?o }} }}"
    headers = {"Content-Type": "application/sparql-query"}
    with serving(sample_build / "store") as (url, process):
        status, body = _request(f"{url}/query", query.encode(), headers)
        assert status == 403 and b"SERVICE is refused" in body
        assert _request(f"{url}/query?" + urllib.parse.urlencode({"query": query}))[0] == 403
        assert paths == []
    with serving(sample_build / "store", "--allow-service") as (url, _):
        _request(f"{url}/query", query.encode(), headers)
        assert paths == ["/service"]


def test_query_refuses_service_unless_allowed(
    sample_build: Path, trap: tuple[str, list[str]], tmp_path: Path, capsys
) -> None:
    where, paths = trap
    rq = tmp_path / "service.rq"
    rq.write_text(
        f"# title: calls out\nSELECT * WHERE {{ SERVICE <{where}/service> {{ ?s ?p ?o }} }}\n"
    )
    code, _, err = run(["query", str(rq), "--store", str(sample_build / "store")], capsys)
    assert code == 2 and "SERVICE is refused" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(["query", str(rq), "--endpoint", f"{where}/endpoint"], capsys)
    assert code == 2 and "SERVICE is refused" in err
    assert paths == []
    code, _, err = run(
        ["query", str(rq), "--store", str(sample_build / "store"), "--allow-service"], capsys
    )
    assert paths == ["/service"]


def test_a_remote_query_is_parsed_here_never_run(
    trap: tuple[str, list[str]], tmp_path: Path, capsys
) -> None:
    where, paths = trap
    rq = tmp_path / "service.rq"
    rq.write_text(
        f"# title: calls out\nSELECT * WHERE {{ SERVICE <{where}/service> {{ ?s ?p ?o }} }}\n"
    )
    code, _, err = run(
        ["query", str(rq), "--endpoint", f"{where}/endpoint", "--allow-service"], capsys
    )
    assert paths == ["/endpoint"]  # only the endpoint got the query; nothing ran here
    assert code == 2 and "server error" in err


@pytest.mark.parametrize(
    "form",
    [
        "ASK { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s a ?c } LIMIT 3",
        "DESCRIBE ?s WHERE { ?s a ?c } LIMIT 1",
    ],
)
def test_ask_construct_describe_files(
    form: str, sample_build: Path, tmp_path: Path, capsys
) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text(f"# title: another form\n{form}\n")
    code, out, err = run(
        ["query", str(rq), "--store", str(sample_build / "store"), "--format", "csv"], capsys
    )
    assert code == 0, err
    header, *rows = out.splitlines()
    if form.startswith("ASK"):
        assert header == "ask" and rows == ["True"]
    else:
        assert header == "subject,predicate,object" and rows
    code, _, err = run(["query", str(rq), "--endpoint", "http://127.0.0.1:9/query"], capsys)
    assert code == 2 and "only SELECT" in err and len(err.strip().splitlines()) == 1


def test_serve_on_a_busy_port_exits_2_with_one_line(sample_build: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "kgtools", "serve", "--store", str(sample_build / "store"), "--port", str(port)],
                              capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "in use" in line and "--port" in line


def test_serve_finds_the_oxigraph_of_its_environment_without_path(sample_build: Path) -> None:
    beside = Path(sys.executable).parent / "oxigraph"
    if not beside.is_file():
        pytest.skip("the oxigraph binary is not installed beside this Python")
    with serving(sample_build / "store", env={"PATH": "/nonexistent"}) as (url, _):
        status, body = _request(f"{url}/yasgui.min.js")
        assert status == 200 and len(body) > 100_000  # Oxigraph's query UI
        assert b"Yasgui" in _request(f"{url}/")[1]
        assert _count(url) == 1


def test_a_running_serve_answers_from_the_rebuilt_store(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLE, src / "first.txt")
    build([src], out=out)
    with serving(out / "store") as (url, process):
        assert _count(url) == 1
        (src / "second.txt").write_text(BASE, encoding="utf-8")
        build([src], out=out)  # incremental: the new notice's graph added
        assert _count(url) == 2
        build([src], out=out, force=True)  # cold: a new store directory replaces the old one
        assert _count(url) == 2
        (src / "second.txt").unlink()
        build([src], out=out, force=True)
        assert _count(url) == 1
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert err.count("The store was rebuilt") >= 2
