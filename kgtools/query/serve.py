"""``kgtools serve``: the build's store over the SPARQL 1.1 Protocol and the Graph Store
Protocol, with Oxigraph's web query UI.

The server is kgtools' own (:mod:`.httpd`, on the embedded pyoxigraph store), not the
``oxigraph`` binary: that binary follows ``SERVICE`` to any URL and accepts a write from
any web page the user opens (a form posted to ``/update``), and a server put behind a
proxy would still listen on a port any page can find. kgtools' server checks every
request (see :mod:`.httpd`); the ``oxigraph`` binary of this environment (next to the
Python interpreter, else on PATH) only lends its query UI, whose files are taken from it
at start-up (it runs for a moment on an empty in-memory store).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from .httpd import Asset, StoreServer

LOOPBACK = ("127.0.0.1", "localhost", "::1")
UI_FILES = ("/", "/yasgui.min.js", "/yasgui.min.css", "/logo.svg")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def oxigraph_executable() -> str | None:
    """The ``oxigraph`` binary installed with this Python (the ``oxigraph`` package puts it
    beside the interpreter: found even when that folder is not on PATH), else on PATH."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def ui_assets(exe: str | None, *, wait: float = 10.0) -> dict[str, Asset]:
    """The files of Oxigraph's query UI, fetched from the binary (run on an empty in-memory
    store on a free loopback port for as long as it takes); {} when it cannot be run."""
    if exe is None:
        return {}
    port = _free_port()
    process = subprocess.Popen([exe, "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    assets: dict[str, Asset] = {}
    try:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and process.poll() is None:
            try:
                for path in UI_FILES:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                        assets[path] = Asset(r.headers.get_content_type(), r.read())
                return assets
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assets.clear()
                time.sleep(0.05)
        return {}
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def resolve_store(store: Path) -> Path:
    """The store directory: ``store`` itself, or the store inside a build directory.

    :raises UsageError: no store there.
    """
    if not (store / "CURRENT").exists() and (store / "store").is_dir():
        store = store / "store"
    if not store.is_dir():
        raise UsageError(f"{store}: no store; run `kgtools build` first")
    return store


def make_server(
    store: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    allow_service: bool = False,
    log: Callable[[str], None] = print,
) -> StoreServer:
    """A server bound to ``host:port`` on ``store`` (not yet serving: call serve_forever).

    :raises UsageError: no store; the port is in use or cannot be bound.
    """
    store = resolve_store(store)
    try:
        server = StoreServer((host, port), store=store, writable=writable,
                             allow_service=allow_service, assets={}, log=log)  # fmt: skip
    except OSError as exc:
        where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"{where}: the port is in use (another server?); give another --port"
            ) from None
        if exc.errno == errno.EACCES:
            raise UsageError(
                f"{where}: not allowed to bind this port; give another --port (above 1023)"
            ) from None
        raise UsageError(
            f"{where}: cannot listen there ({exc.strerror}); check --host and --port"
        ) from None
    server.assets = ui_assets(oxigraph_executable())
    if not server.assets:
        log("Note: no oxigraph binary to take the query UI from (pip install oxigraph); "
            "serving a plain query page")  # fmt: skip
    return server
