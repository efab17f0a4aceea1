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
from ..vocab import XK_NS

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
    """The themes and their keywords, read once from ontology/themes.ttl."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS

    graph = Graph().parse(resource_dir("ontology") / THEMES_FILE)
    keyword = URIRef(XK + "keyword")
    themes = []
    for concept in sorted(set(graph.subjects(keyword, None)), key=str):
        label = next(
            (
                str(lbl)
                for lbl in graph.objects(concept, SKOS.prefLabel)
                if getattr(lbl, "language", None) == "zh"
            ),
            "",
        )
        words = tuple(
            sorted({str(w) for w in graph.objects(concept, keyword)}, key=lambda w: (-len(w), w))
        )
        themes.append(
            Theme(str(concept)[len(XK) :], str(graph.value(concept, SKOS.notation)), label, words)
        )
    return tuple(themes)


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
