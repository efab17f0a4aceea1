"""Remote endpoint faults, provoked for real with a deliberately faulty local HTTP server on
127.0.0.1: 403, a server that answers too slowly, retries with backoff on `load`, a store
that goes down half-way through a load (the load says how far it got, and the next one
completes it), and Ctrl-C during a load."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

from .test_cli import run


class _Faulty(http.server.BaseHTTPRequestHandler):
    mode = "403"
    puts: list[float] = []
    graphs: dict[str, bytes] = {}  # what a "store" mode server holds
    accept = 0  # in "dies" mode: PUTs accepted before the server fails

    def _answer(self) -> None:
        if self.mode in ("store", "dies") and self.command == "PUT":
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.mode == "dies" and len(self.graphs) >= self.accept:
                self.send_response(503)
                self.end_headers()
                return
            graph = self.path.partition("graph=")[2]
            self.send_response(204 if graph in self.graphs else 201)
            self.graphs[graph] = body
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(3)
        if self.mode == "flaky" and self.command == "PUT":
            type(self).puts.append(time.monotonic())
            if len(self.puts) < 3:  # fail twice, then accept
                self.send_response(503)
                self.end_headers()
                return
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(204)
            self.end_headers()
            return
        self.send_response(403 if self.mode == "403" else 200)
        self.end_headers()

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def faulty():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Faulty)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def _url(server) -> str:  # type: ignore[no-untyped-def]
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_forbidden(faulty, capsys) -> None:
    _Faulty.mode = "403"
    code, _, err = run(["query", "rounds", "--endpoint", _url(faulty) + "/query"], capsys)
    assert code == 2 and "HTTP 403" in err


def test_slow_server_times_out(faulty, capsys) -> None:
    _Faulty.mode = "slow"
    started = time.monotonic()
    code, _, err = run(
        ["query", "rounds", "--endpoint", _url(faulty) + "/query", "--timeout", "1"], capsys
    )
    assert code == 2 and "timed out" in err
    assert time.monotonic() - started < 3


def test_load_retries_idempotent_puts_with_backoff(faulty, sample_build: Path, capsys) -> None:
    _Faulty.mode, _Faulty.puts = "flaky", []
    code, out, _ = run(
        ["load", "--endpoint", _url(faulty) + "/store", "--build", str(sample_build)], capsys
    )
    assert code == 0 and "graph(s) loaded" in out
    first, second, third = _Faulty.puts[:3]
    assert second - first >= 0.4 and third - second >= 0.8  # backoff doubles


def test_a_load_cut_short_says_how_far_it_got_and_the_next_completes_it(
    faulty, sample_build: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgtools.query import remote

    monkeypatch.setattr(remote, "BACKOFF", 0.01)
    _Faulty.mode, _Faulty.graphs, _Faulty.accept = "dies", {}, 2
    load = ["load", "--endpoint", _url(faulty) + "/store", "--build", str(sample_build)]
    code, _, err = run(load, capsys)
    assert code == 2
    assert "HTTP 503" in err and "load stopped after 2 of 3 graph(s) (2 added" in err
    assert "run the same `kgtools load` again to complete it" in err
    assert len(_Faulty.graphs) == 2
    _Faulty.mode = "store"  # the server is back
    code, out, _ = run(load, capsys)
    assert code == 0 and "3 graph(s) loaded" in out and "1 added, 2 replaced, 0 removed" in out
    assert len(_Faulty.graphs) == 3  # ontology, the notice, the links graph


def test_ctrl_c_during_a_load_says_how_far_it_got(faulty, sample_build: Path) -> None:
    from kgtools.query.graphstore import LoadInterrupted, load_remote

    _Faulty.mode, _Faulty.graphs = "store", {}

    def interrupt(done: int, total: int, graph: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(LoadInterrupted, match=r"^interrupted; load stopped after 1 of 3"):
        load_remote(_url(faulty) + "/store", sample_build, progress=interrupt)


def test_prune_needs_a_query_endpoint_it_can_tell(faulty, sample_build: Path, capsys) -> None:
    _Faulty.mode, _Faulty.graphs = "store", {}
    code, _, err = run(
        ["load", "--endpoint", _url(faulty) + "/gsp", "--build", str(sample_build), "--prune"],
        capsys,
    )
    assert code == 2 and "--query-endpoint" in err
    assert _Faulty.graphs == {}  # nothing was loaded before the question was settled
