"""N-Triples / N-Quads term syntax, written once for the whole package.

Escaping follows rdflib's N-Triples serializer (``\\\\``, ``\\n``, ``\\"``, ``\\r``) so that
output stays byte-identical, and also escapes, as ``\\uXXXX``, every other character that a
line splitter may take for a line end (form feed, vertical tab, U+001C–U+001E, U+0085,
U+2028, U+2029): one quad is always one physical line.
"""

from __future__ import annotations

_ESCAPES = {ord("\\"): "\\\\", ord("\n"): "\\n", ord('"'): '\\"', ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)})


def quoted(text: str) -> str:
    """A string in double quotes, escaped for N-Triples."""
    return '"' + text.translate(_ESCAPES) + '"'


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax: ``"text"``, ``"text"@zh`` or ``"text"^^<datatype>``."""
    if lang:
        return f"{quoted(text)}@{lang}"
    if datatype:
        return f"{quoted(text)}^^<{datatype}>"
    return quoted(text)
