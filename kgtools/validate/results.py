"""What both engines do alike once a shape has failed: the shape's name, the messages
(from the shape's templates, or a generic pair when it has none), the kgtools
placeholders ({?term}, {?nearest}), and where in the text the result is (the offsets of
the value when it is an extracted node, else of the focus node; the quote is the notice's
clean text at those offsets, the label a clip of it).

Every choice here is deterministic (the smallest of several values), so that two engines
reading the same graph build the same :class:`ValidationResult`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..display import clip
from ..vocab import NOTICE_BASE, RDF_TYPE, RDFS_LABEL, SH_NS, XK_NS
from .report import Severity, ValidationResult, severity_of
from .shapes import Shapes, owner_name
from .vocabulary import Declared, declared, fill

#: (subject, predicate IRI) → the objects' lexical forms, in the notice's graph
Lookup = Callable[[str, str], list[str]]
_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")
_INTEGER = re.compile(r"[+-]?[0-9]+")


@cache
def known_terms() -> Declared:
    """The classes and properties the shipped ontology declares."""
    from ..resources import load_ontology

    return declared(load_ontology())


@cache
def ontology_subclass_triples() -> tuple[tuple[Any, Any, Any], ...]:
    """The ontology's rdfs:subClassOf triples: the part of the ontology SHACL reads (a
    class's instances include its subclasses'); validation adds them to each notice."""
    from rdflib.namespace import RDFS

    from ..resources import load_ontology

    return tuple(sorted(load_ontology().triples((None, RDFS.subClassOf, None))))


def templates(graph: Any, node: Any) -> dict[str, str]:
    """A shape's or constraint's sh:message by language (an untagged one counts as en)."""
    from rdflib import URIRef

    return {(m.language or "en"): str(m) for m in graph.objects(node, URIRef(SH_NS + "message"))}


def generic(name: str, component: str) -> dict[str, str]:
    """Messages for a shape that has none (the same for both engines)."""
    what = component.removeprefix(SH_NS).removesuffix("ConstraintComponent")
    return {"zh": f"不满足形状“{name}”（sh:{what[:1].lower() + what[1:]}）",
            "en": f"Shape “{name}” is not satisfied (sh:{what[:1].lower() + what[1:]})"}  # fmt: skip


def as_regex(template: str) -> re.Pattern[str]:
    """A message template as a pattern its filled-in messages match."""
    parts = _PLACEHOLDER.split(template)
    # split() alternates text and placeholder names
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else ".*?" for i, p in enumerate(parts)), re.S
    )


def integer(text: str | None) -> int | None:
    return int(text) if text is not None and _INTEGER.fullmatch(text) else None


@dataclass(frozen=True)
class Raw:
    """A result as an engine found it, before naming and locating."""

    notice: str  # the notice graph's IRI
    severity: str
    source: Any  # the source shape (a node of shapes.graph)
    messages: dict[str, str]  # language → message, as the engine filled it in
    focus: str
    path: str | None  # as text
    path_iri: str | None  # the result path when it is one property
    value: str | None
    value_is_iri: bool
    focus_is_iri: bool = True
    shape_name: str | None = None  # the source shape's name, when the engine has it at hand


def build(raw: Raw, shapes: Shapes, lookup: Lookup) -> ValidationResult:
    """The ValidationResult of a raw result, located in the notice's text."""

    def first(subject: str | None, predicate: str) -> str | None:
        found = sorted(lookup(subject, predicate)) if subject is not None else []
        return found[0] if found else None

    start_of = XK_NS + "startOffset"
    by_value = raw.value_is_iri and first(raw.value, start_of) is not None
    located = raw.value if by_value else (raw.focus if raw.focus_is_iri else None)
    term = raw.value if raw.path_iri == RDF_TYPE else raw.path_iri
    messages = {lang: fill(text, term=term or "", known=known_terms(), is_class=raw.path_iri == RDF_TYPE)
                for lang, text in raw.messages.items()}  # fmt: skip
    severity: Severity = severity_of(raw.severity)
    start, end = integer(first(located, start_of)), integer(first(located, XK_NS + "endOffset"))
    quote = first(located, XK_NS + "quote")  # a graph of the former build carries its quote
    if quote is None:
        quote = text_at(first(raw.notice, XK_NS + "cleanText"), start, end)
    label = first(located, RDFS_LABEL)
    return ValidationResult(
        severity=severity,
        notice=raw.notice.removeprefix(NOTICE_BASE),
        focus=raw.focus,
        shape=raw.shape_name or owner_name(shapes.graph, raw.source),
        message_zh=messages.get("zh", ""),
        message_en=messages.get("en", ""),
        path=raw.path,
        value=raw.value,
        label=label if label is not None else (clip(quote, 24) if quote else None),
        quote=quote,
        start=start,
        end=end,
    )


def text_at(text: str | None, start: int | None, end: int | None) -> str | None:
    """A node's text: the clean text at [start, end) (characters), when they lie within it."""
    if text is None or start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return text[start:end]
