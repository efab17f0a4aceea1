"""The HTTP server of ``kgtools serve``: SPARQL queries (``/query``, ``/sparql``), updates
(``/update``) and the Graph Store Protocol (``/store``) on a pyoxigraph store.

Every request is checked before it reaches the store:

- ``Host`` must name this server (a loopback name when bound to loopback): a web page whose
  domain is re-pointed at 127.0.0.1 (DNS rebinding) is refused;
- a request a browser marks as cross-site (``Sec-Fetch-Site: cross-site``) is refused;
- a write (update, PUT/POST/DELETE on ``/store``) needs ``--writable``, and is refused when
  its ``Origin`` is not this server's or its ``Sec-Fetch-Site`` is not ``same-origin`` or
  ``none``: browsers send these headers with every cross-origin write, a form posted by
  another page included, so no page the user opens can write; clients that are not
  browsers (``kgtools load``, curl) send neither and are let through, as they could write
  the store's files anyway;
- a query or update calling ``SERVICE`` is refused unless ``--allow-service``.

The store is reopened when the build marks a new generation (``.store-ok``), so a running
server answers from the store of the latest build, and says so.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

from ..build.corpus import STORE_OK, store_generation
from ..errors import QueryFileError
from .answers import Refused, answer
from .gsp import graph_store
from .sparqltext import refuse_service

MAX_QUERY_BYTES = 10_000_000
MAX_BODY_BYTES = 1_000_000_000
_FORM = "application/x-www-form-urlencoded"
_PLAIN_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>kgtools serve</title></head><body><h1>SPARQL</h1>
<form method="get" action="query"><textarea name="query" rows="16" cols="100">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea>
<p><button>Run</button></p></form></body></html>
"""


class Asset(NamedTuple):
    """A file of the web UI."""

    content_type: str
    body: bytes


class StoreState:
    """The open store; reopened (read-only mode) when the build marks a new generation."""

    def __init__(self, path: Path, *, writable: bool, log: Callable[[str], None]) -> None:
        self.path, self.writable, self.log = path, writable, log
        self._lock = threading.Lock()
        self._marker = path.parent / STORE_OK
        self._seen = self._marker_stat()
        self.generation = store_generation(path.parent)
        self.store = self._open()

    def _open(self) -> Any:
        from pyoxigraph import Store

        return Store(str(self.path)) if self.writable else Store.read_only(str(self.path))

    def _marker_stat(self) -> tuple[int, int, int] | None:
        try:
            st = self._marker.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def current(self) -> Any:
        """The store to answer from: reopened first if a build has completed since."""
        if self.writable:
            return self.store
        with self._lock:
            seen = self._marker_stat()
            if seen != self._seen:
                self._seen = seen
                generation = store_generation(self.path.parent)
                if generation and generation != self.generation:
                    self.store = self._open()
                    self.generation = generation
                    self.log(
                        f"The store was rebuilt (generation {generation[:8]}); now answering from it"
                    )
                elif generation is None:
                    self.log(
                        "A build is updating the store; answers come from the previous one until it ends"
                    )
            return self.store


class StoreServer(ThreadingHTTPServer):
    """The server: its store, its mode and what it accepts."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], *, store: Path, writable: bool,
                 allow_service: bool, assets: dict[str, Asset], log: Callable[[str], None]) -> None:  # fmt: skip
        host = address[0]
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host.strip("[]"), address[1]), Handler)
        self.state = StoreState(store, writable=writable, log=log)
        self.writable, self.allow_service, self.assets, self.log = (
            writable,
            allow_service,
            assets,
            log,
        )
        self.port = self.server_address[1]
        self.hosts = _allowed_hosts(host)

    def origins(self) -> set[str]:
        """The origins of this server's own pages (none known when bound to every interface)."""
        return {f"http://{h}:{self.port}" for h in self.hosts or ()}


def _allowed_hosts(host: str) -> set[str] | None:
    """Names a request's Host may give (None: any, when bound to every interface)."""
    bare = host.strip("[]")
    if bare in ("", "0.0.0.0", "::"):
        return None
    names = {"localhost", "127.0.0.1", "[::1]"}
    names.add(f"[{bare}]" if ":" in bare else bare.lower())
    return names


def _host_name(header: str) -> str:
    """The host part of a Host header (``[::1]:7878`` → ``[::1]``)."""
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.rsplit(":", 1)[0].lower() if ":" in header else header.lower()


def _is_loopback_name(name: str) -> bool:
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


class Handler(BaseHTTPRequestHandler):
    server: StoreServer
    server_version = "kgtools-serve"
    protocol_version = "HTTP/1.1"

    # -- checks ---------------------------------------------------------------------------

    def _check_host(self) -> None:
        allowed = self.server.hosts
        header = self.headers.get("Host")
        if allowed is None or header is None:
            return
        name = _host_name(header)
        if name in allowed or (_is_loopback_name(name) and "127.0.0.1" in allowed):
            return
        raise Refused(403, f"Host {header!r} is not this server's name (DNS rebinding?)")

    def _check_site(self) -> None:
        if self.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
            raise Refused(403, "cross-site request refused")

    def _check_write(self) -> None:
        if not self.server.writable:
            raise Refused(
                403, "read-only server: start `kgtools serve --writable` to accept writes"
            )
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower().rstrip("/") not in self._origins():
            raise Refused(403, f"write from another origin ({origin}) refused")
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site.lower() not in ("same-origin", "none"):
            raise Refused(403, f"write from another site (Sec-Fetch-Site: {site}) refused")

    def _origins(self) -> set[str]:
        host = self.headers.get("Host", "")
        own = {f"http://{host.lower()}"} if host else set()
        if self.server.hosts is None:
            return own  # bound to every interface: the origin the request itself names
        return own | self.server.origins()

    # -- dispatch -------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        try:
            self._check_host()
            if url.path in ("/query", "/sparql"):
                self._check_site()
                self._sparql(method, params, update_allowed=url.path == "/sparql")
            elif url.path == "/update":
                self._check_site()
                self._update(method)
            elif url.path == "/store":
                self._check_site()
                graph_store(self, method, params)
            elif method in ("GET", "HEAD"):
                self._asset(url.path, head=method == "HEAD")
            else:
                raise Refused(404, "no such resource")
        except Refused as exc:
            if exc.status == 403:
                self.server.log(f"Refused: {self.command} {url.path}: {exc}")
            self.reply(exc.status, str(exc).encode("utf-8") + b"\n", "text/plain; charset=utf-8")
        except QueryFileError as exc:
            status = 403 if "SERVICE" in str(exc) else 400
            if status == 403:
                self.server.log(f"Refused: {self.command} {url.path}: {exc}")
            self.reply(status, str(exc).encode("utf-8") + b"\n", "text/plain; charset=utf-8")
        except (SyntaxError, ValueError) as exc:
            self.reply(400, f"{type(exc).__name__}: {exc}\n".encode(), "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # noqa: BLE001 — one failing request must not stop the server
            self.reply(500, f"{type(exc).__name__}: {exc}\n".encode(), "text/plain; charset=utf-8")

    # -- answers --------------------------------------------------------------------------

    def body(self, limit: int = MAX_BODY_BYTES) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            raise Refused(413, f"request body over {limit} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def reply(self, status: int, body: bytes, content_type: str, *, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status >= 400:  # a refused request's body may be unread: no next request on it
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _asset(self, path: str, *, head: bool) -> None:
        asset = self.server.assets.get(path)
        if asset is None and path == "/":
            asset = Asset("text/html", _PLAIN_PAGE)
        if asset is None:
            raise Refused(404, "no such resource")
        content_type = asset.content_type + (
            "; charset=utf-8" if asset.content_type.startswith("text/") else ""
        )
        self.reply(200, asset.body, content_type, head=head)

    def _sparql(self, method: str, params: dict[str, list[str]], *, update_allowed: bool) -> None:
        if method in ("GET", "HEAD"):
            text = _one(params, "query")
        elif method == "POST":
            kind = self.content_type()
            if kind == "application/sparql-query":
                text = self.body(MAX_QUERY_BYTES).decode("utf-8")
            elif kind == _FORM:
                form = urllib.parse.parse_qs(
                    self.body(MAX_QUERY_BYTES).decode("utf-8"), keep_blank_values=True
                )
                if "update" in form and update_allowed:
                    self._run_update(_one(form, "update"))
                    return
                text = _one(form, "query")
            elif kind == "application/sparql-update" and update_allowed:
                self._run_update(self.body(MAX_QUERY_BYTES).decode("utf-8"))
                return
            else:
                raise Refused(
                    415, "send the query as application/sparql-query or as a form (query=…)"
                )
        else:
            raise Refused(405, "GET or POST a query")
        refuse_service(text, allow=self.server.allow_service)
        status, body, content_type = answer(
            self.server.state.current(), text, self.headers.get("Accept", "")
        )
        self.reply(status, body, content_type, head=method == "HEAD")

    def _update(self, method: str) -> None:
        if method != "POST":
            raise Refused(405, "POST an update")
        self._check_write()
        kind = self.content_type()
        if kind == "application/sparql-update":
            text = self.body(MAX_BODY_BYTES).decode("utf-8")
        elif kind == _FORM:
            text = _one(urllib.parse.parse_qs(self.body(MAX_BODY_BYTES).decode("utf-8")), "update")
        else:
            raise Refused(
                415, "send the update as application/sparql-update or as a form (update=…)"
            )
        self._run_update(text)

    def _run_update(self, text: str) -> None:
        self._check_write()
        refuse_service(text, allow=self.server.allow_service)
        self.server.state.current().update(text)
        self.reply(204, b"", "text/plain")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base class's name
        pass  # quiet: refusals and rebuilds are reported on their own


def _one(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name)
    if not values:
        raise Refused(400, f"no {name} parameter")
    return values[0]
