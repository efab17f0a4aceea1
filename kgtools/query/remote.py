"""SPARQL endpoints: queries over SPARQL 1.1 Protocol (SPARQLWrapper) and loading a build
over the Graph Store Protocol (one named graph per notice, PUT replaces it).

Credentials come only from the environment (KGTOOLS_SPARQL_USER, KGTOOLS_SPARQL_PASSWORD)
and never appear in messages: URLs are shown without their user-info part.
"""

from __future__ import annotations

import base64
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..build.store import nquads_as_ntriples, ontology_ntriples
from ..errors import QueryFileError, RemoteError, UsageError
from ..vocab import LINKS_GRAPH, ONTOLOGY_GRAPH, notice_iri_text
from .rows import Rows, plain

ENV_USER, ENV_PASSWORD = "KGTOOLS_SPARQL_USER", "KGTOOLS_SPARQL_PASSWORD"
RETRIES = 3
BACKOFF = 0.5  # seconds, doubled after each failed attempt


def safe_url(url: str) -> str:
    """The URL without user:password@."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{safe_url(url)!r} is not an http(s) URL of a SPARQL endpoint")
    if parts.username or parts.password:
        raise UsageError(
            f"put no credentials in the URL; set {ENV_USER} and {ENV_PASSWORD} instead"
        )


def _credentials() -> tuple[str, str] | None:
    user = os.environ.get(ENV_USER)
    return (user, os.environ.get(ENV_PASSWORD, "")) if user else None


def _http_error(url: str, code: int, reason: str) -> Exception:
    where = safe_url(url)
    if code in (401, 403):
        return RemoteError(
            f"{where}: refused (HTTP {code} {reason}); check {ENV_USER} / {ENV_PASSWORD}"
        )
    if code == 404:
        return RemoteError(f"{where}: not found (HTTP 404); is this the endpoint's URL?")
    if code == 400:
        return QueryFileError(f"{where}: the endpoint rejected the request (HTTP 400 {reason})")
    return RemoteError(f"{where}: server error (HTTP {code} {reason})")


def run_remote(endpoint: str, query_text: str, *, timeout: float = 60.0) -> Rows:
    """Run a SELECT on a SPARQL 1.1 endpoint and return plain rows.

    :raises RemoteError: the endpoint is down, refuses or times out.
    :raises QueryFileError: the endpoint rejects the query.
    """
    from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import (
        EndPointInternalError,
        EndPointNotFound,
        QueryBadFormed,
        SPARQLWrapperException,
        Unauthorized,
    )

    _check_url(endpoint)
    client = SPARQLWrapper(endpoint)
    client.setQuery(query_text)
    # SPARQLWrapper guesses the query form with a regex that can take a SELECT for an
    # update (queries/totals.rq reads as ADD) and then sends it as one; the library runs
    # SELECT queries only, so say so.
    client.queryType = SELECT
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, int(timeout)))
    creds = _credentials()
    if creds:
        client.setCredentials(*creds)
    where = safe_url(endpoint)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SPARQLWrapper warns on stderr as well as raising
            data = client.queryAndConvert()
    except Unauthorized:
        raise RemoteError(
            f"{where}: refused (HTTP 401); check {ENV_USER} / {ENV_PASSWORD}"
        ) from None
    except EndPointNotFound:
        raise RemoteError(f"{where}: not found (HTTP 404); is this the endpoint's URL?") from None
    except QueryBadFormed as exc:
        raise QueryFileError(
            f"{where}: the endpoint rejected the query as malformed ({str(exc).splitlines()[0][:200]})"
        ) from None
    except EndPointInternalError:
        raise RemoteError(f"{where}: server error (HTTP 500)") from None
    except urllib.error.HTTPError as exc:
        raise _http_error(endpoint, exc.code, exc.reason) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise RemoteError(f"{where}: no answer within {timeout:g} s (timed out)") from None
        raise RemoteError(f"{where}: cannot connect ({reason})") from None
    except SPARQLWrapperException as exc:
        raise RemoteError(f"{where}: {type(exc).__name__}") from None
    if not isinstance(data, dict) or "head" not in data:
        raise RemoteError(
            f"{where}: the answer is not SPARQL JSON results; is this a SPARQL endpoint?"
        )
    columns = data["head"].get("vars", [])
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        row = []
        for name in columns:
            cell = binding.get(name)
            row.append(None if cell is None else plain(cell["value"], cell.get("datatype")))
        rows.append(row)
    return Rows(columns, rows)


def _put(url: str, body: bytes, *, timeout: float) -> None:
    """PUT with retries and backoff (PUT is idempotent); errors other than 5xx/connection fail at once."""
    headers = {"Content-Type": "application/n-triples"}
    creds = _credentials()
    if creds:
        headers["Authorization"] = (
            "Basic " + base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode()
        )
    delay = BACKOFF
    for attempt in range(1, RETRIES + 1):
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
            return
        except urllib.error.HTTPError as exc:
            if exc.code < 500 or attempt == RETRIES:
                raise _http_error(url, exc.code, exc.reason) from None
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            if attempt == RETRIES:
                reason = getattr(exc, "reason", exc)
                raise RemoteError(
                    f"{safe_url(url)}: cannot connect after {RETRIES} attempts ({reason})"
                ) from None
        time.sleep(delay)
        delay *= 2


def load_remote(
    store_url: str,
    build: Path,
    *,
    timeout: float = 60.0,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Push every graph of a build (notices, links, ontology) to a Graph Store Protocol URL.

    Each graph is PUT to ``<store_url>?graph=<iri>``, replacing it, so loading twice
    leaves the same triples. Returns the number of graphs loaded.

    :raises UsageError: not a build directory.
    :raises RemoteError: the store is down or refuses.
    """

    _check_url(store_url)
    notices = sorted((build / "notices").glob("*.nq"))
    if not notices:
        raise UsageError(f"{build}: no built notices (notices/*.nq); run `kgtools build` first")
    graphs: list[tuple[str, Callable[[], str]]] = [
        (notice_iri_text(p.stem), partial(_ntriples_of, p)) for p in notices
    ]
    if (build / "links.nq").is_file():
        graphs.append(
            (
                LINKS_GRAPH,
                lambda: nquads_as_ntriples((build / "links.nq").read_text(encoding="utf-8")),
            )
        )
    graphs.append((ONTOLOGY_GRAPH, ontology_ntriples))
    sep = "&" if "?" in store_url else "?"
    for i, (graph, body) in enumerate(graphs, 1):
        _put(
            f"{store_url}{sep}graph={urllib.parse.quote(graph, safe='')}",
            body().encode("utf-8"),
            timeout=timeout,
        )
        if progress:
            progress(i, len(graphs), graph)
    return len(graphs)


def _ntriples_of(path: Path) -> str:
    return nquads_as_ntriples(path.read_text(encoding="utf-8"))
