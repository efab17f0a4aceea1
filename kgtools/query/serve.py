"""``kgtools serve``: an Oxigraph SPARQL server (with its web query UI) on the build's store."""

from __future__ import annotations

import ipaddress
import shutil
import subprocess
from pathlib import Path

from ..errors import UsageError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_command(
    store: Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False
) -> list[str]:
    """The oxigraph command line: read-only unless ``writable``, union default graph.

    :raises UsageError: no store, or no oxigraph executable.
    """
    if not store.is_dir():
        raise UsageError(f"{store}: no store; run `kgtools build` first")
    exe = shutil.which("oxigraph")
    if exe is None:
        raise UsageError("the oxigraph server is not installed: pip install oxigraph")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    mode = "serve" if writable else "serve-read-only"
    return [exe, mode, "--location", str(store), "--bind", bind, "--union-default-graph"]


def start_server(
    store: Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False
) -> subprocess.Popen[bytes]:
    """Start the server process (the caller waits on it or stops it)."""
    return subprocess.Popen(server_command(store, host=host, port=port, writable=writable))
