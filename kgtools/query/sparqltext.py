"""What a SPARQL text is, read without running it: its keywords (outside strings, IRIs,
names and comments), its form (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update), whether it
calls ``SERVICE``, and whether it parses.

``SERVICE <url>`` makes the engine send a request to any URL, from the machine that runs
the query: a query file, or a web page that reaches ``kgtools serve``, could make it reach
services on the local network. kgtools refuses such queries unless told otherwise
(``--allow-service``). The keyword is found by a tokenizer that follows SPARQL's lexical
grammar, on the text as written and with its ``\\uXXXX`` escapes decoded, so that neither a
comment, a string, an IRI, a prefixed name nor an escape can hide it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import QueryFileError

_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
    | (?P<var>[?$]\w+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\.)*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
SERVICE_REFUSED = (
    "SERVICE is refused: it makes this machine send requests to other servers; "
    "give --allow-service to allow it"
)


def _decoded(text: str) -> str:
    """The text with SPARQL's codepoint escapes (``\\u0041``, ``\\U00000041``) decoded."""

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code < 0x110000 else "\ufffd"

    return _ESCAPE.sub(char, text)


def keywords(text: str) -> Iterator[re.Match[str]]:
    """The keyword tokens of a SPARQL text (upper-cased by the caller as needed)."""
    for m in _TOKENS.finditer(text):
        if m.lastgroup == "word":
            yield m


def uses_service(text: str) -> bool:
    """True when the text has a SERVICE keyword, as written or once its escapes are decoded."""
    return any(m.group().upper() == "SERVICE" for t in (text, _decoded(text)) for m in keywords(t))


def refuse_service(text: str, *, allow: bool = False, where: str = "") -> None:
    """:raises QueryFileError: the text calls SERVICE and ``allow`` is false (the message
    starts with ``where``, the query's file or name, when given)."""
    if not allow and uses_service(text):
        raise QueryFileError(f"{where}: {SERVICE_REFUSED}" if where else SERVICE_REFUSED)


def form(text: str) -> str:
    """The first keyword after the prologue (PREFIX, BASE): SELECT, ASK, CONSTRUCT,
    DESCRIBE, or an update's first keyword (INSERT, DELETE, DROP …); "" when none."""
    for m in keywords(text):
        word = m.group().upper()
        if word not in ("PREFIX", "BASE"):
            return word
    return ""


def check_syntax(text: str) -> None:
    """Parse a query without running it (SPARQL 1.1 grammar, rdflib's parser): a query
    sent to an endpoint is checked here first, and nothing is evaluated.

    :raises QueryFileError: it does not parse.
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except ParseBaseException as exc:
        raise QueryFileError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
