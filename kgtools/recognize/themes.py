"""Problem themes: tag findings and measures with concepts of ontology/themes.ttl.

The classifier is transparent: a theme is assigned when one of its keywords occurs in the
text, and the assignment keeps the words that matched. A finding that matches nothing
takes the themes of its problem area (and says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..record import Assignment
from ..resources import resource_dir
from ..vocab import SKOS_NS, XK_NS

THEMES_FILE = "themes.ttl"
XK = XK_NS


@dataclass(frozen=True)
class Theme:
    """A theme: its local name in the ontology, notation, Chinese label and keywords."""

    name: str
    notation: str
    label: str
    keywords: tuple[str, ...]


@cache
def load_themes() -> tuple[Theme, ...]:
    """The themes and their keywords, read once from ontology/themes.ttl (with pyoxigraph's
    parser: rdflib, imported for this alone, took a tenth of a second of every report)."""
    from pyoxigraph import Literal, RdfFormat, parse

    keyword, label, notation = XK + "keyword", SKOS_NS + "prefLabel", SKOS_NS + "notation"
    words: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    notations: dict[str, str] = {}
    for quad in parse(path=str(resource_dir("ontology") / THEMES_FILE), format=RdfFormat.TURTLE):
        concept, predicate, value = quad.subject.value, quad.predicate.value, quad.object
        if predicate == keyword:
            words.setdefault(concept, set()).add(value.value)
        elif predicate == label and isinstance(value, Literal) and value.language == "zh":
            labels.setdefault(concept, value.value)
        elif predicate == notation:
            notations.setdefault(concept, value.value)
    return tuple(
        Theme(
            concept[len(XK) :],
            notations.get(concept, "None"),
            labels.get(concept, ""),
            tuple(sorted(found, key=lambda w: (-len(w), w))),
        )  # fmt: skip
        for concept, found in sorted(words.items())
    )


def classify(text: str) -> list[Assignment]:
    """Themes whose keywords occur in ``text``; a keyword inside a longer matched one counts once."""
    out = []
    for theme in load_themes():
        found: list[str] = []
        for word in theme.keywords:  # longest first
            if word in text and not any(word in longer for longer in found):
                found.append(word)
        if found:
            out.append(Assignment(theme.name, tuple(sorted(found))))
    return out


def label_of(name: str) -> str:
    """The Chinese label of a theme by local name."""
    return next((t.label for t in load_themes() if t.name == name), name)
