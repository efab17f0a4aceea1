"""SPARQL endpoints: SELECT queries over the SPARQL 1.1 Protocol (SPARQLWrapper), and the
HTTP requests of the Graph Store Protocol (``graphstore.py`` loads a build with them).

Credentials come only from the environment (KGTOOLS_SPARQL_USER, KGTOOLS_SPARQL_PASSWORD)
and never appear in messages: URLs are shown without their user-info part. A Graph Store
request sends them in the scheme the server's challenge asks for, Basic or Digest
(Virtuoso's ``/sparql-graph-crud-auth``); Basic then goes up front.
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

from ..errors import QueryFileError, RemoteError, UsageError
from .library import strip_comments
from .ordering import sort_rows, split_order_by
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


def check_url(url: str) -> None:
    """:raises UsageError: not an http(s) URL, or one with credentials in it."""
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


#: The scheme each server took credentials in ("basic" is then sent up front).
_SCHEME: dict[str, str] = {}


def _opener(url: str) -> urllib.request.OpenerDirector:
    """An opener that answers a server's Basic or Digest challenge with the credentials."""
    creds = _credentials()
    if not creds:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *creds)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    )


def send(
    method: str,
    url: str,
    body: bytes | None = None,
    *,
    timeout: float,
    content_type: str = "application/n-triples",
    missing_ok: bool = False,
) -> int:
    """One idempotent request (PUT, DELETE, GET), retried with backoff on a server error or
    a lost connection; returns the HTTP status (404 too when ``missing_ok``).

    :raises RemoteError: refused, not found, or still failing after the retries.
    """
    headers = {"Content-Type": content_type} if body is not None else {}
    creds = _credentials()
    server = urllib.parse.urlsplit(url).netloc
    if creds and _SCHEME.get(server) == "basic":  # the server took Basic before: up front
        token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode()
        headers["Authorization"] = "Basic " + token
    opener = _opener(url)
    delay = BACKOFF
    for attempt in range(1, RETRIES + 1):
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
            scheme = str(request.get_header("Authorization") or "").split(" ")[0].lower()
            if scheme:
                _SCHEME[server] = scheme
            return int(response.status)
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing_ok:
                return 404
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
    raise AssertionError("unreachable")  # pragma: no cover


def run_remote(endpoint: str, query_text: str, *, timeout: float = 60.0) -> Rows:
    """Run a SELECT on a SPARQL 1.1 endpoint and return plain rows.

    When the query ends in a plain ``ORDER BY ?a DESC(?b)``, the rows are sorted again here
    in SPARQL's order (numbers by value, text by code point), as the embedded runner sorts
    them: servers order text by their own collation (Virtuoso 7.2 puts some Chinese
    strings out of code-point order), and the rows must not depend on the server.

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

    check_url(endpoint)
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
    _, keys = split_order_by(strip_comments(query_text))
    if keys and all(name in columns for name, _ in keys):
        sort_rows(columns, rows, keys)  # stable: ties keep the server's order
    return Rows(columns, rows)
