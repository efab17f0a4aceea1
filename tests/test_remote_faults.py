"""Remote endpoint faults, provoked for real with a deliberately faulty local HTTP server on
127.0.0.1: 403, a server that answers too slowly, and retries with backoff on `load`."""

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

    def _answer(self) -> None:
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
