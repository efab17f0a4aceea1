"""N-Triples / N-Quads term syntax, written once for the whole package.

Literals are escaped as canonical N-Triples (RDF 1.2) does: ``\\b \\t \\n \\f \\r \\" \\\\``
as two-character escapes, every other C0 control character and DEL (U+0000–U+001F, U+007F)
as ``\\uXXXX``. U+0085, U+2028 and U+2029, which some line splitters take for line ends, are
written ``\\uXXXX`` too: one quad is always one physical line, and a file of N-Quads can be
split on ``\\n`` alone.
"""

from __future__ import annotations

from collections.abc import Iterable

_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPES = {ord(c): e for c, e in _ECHAR.items()}
_ESCAPES.update(
    {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029) if c not in _ESCAPES}
)


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


def nquads_text(
    graph: str, quads: Iterable[tuple[str, str, str | tuple[str, str | None, str | None]]]
) -> str:
    """N-Quads lines of ``(subject IRI, predicate IRI, object)`` in the named graph ``graph``,
    deduplicated and sorted (byte-identical on rebuild). An object is an IRI (``str``) or
    a literal ``(text, datatype, lang)``."""
    g = f"<{graph}>"
    lines = set()
    for s, p, o in quads:
        obj = f"<{o}>" if isinstance(o, str) else literal(o[0], datatype=o[1], lang=o[2])
        lines.add(f"<{s}> <{p}> {obj} {g} .\n")
    return "".join(sorted(lines))
