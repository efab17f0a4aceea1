"""Text matching shared by evaluation and build comparison: normalized character
similarity, and one-to-one pairing of two lists, best pairs first."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

THRESHOLD = 0.8
_EDGE = " \t\n\u3000。．.，,；;：:、！？!?"


def normalize(text: str) -> str:
    """NFKC, no whitespace, no punctuation at the ends."""
    return "".join(unicodedata.normalize("NFKC", text).split()).strip(_EDGE)


def similarity(a: str, b: str) -> float:
    """Character similarity of two normalized texts, 0..1."""
    a, b = normalize(a), normalize(b)
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_pairs(
    gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best similarity first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = same(g, p)
            if s >= THRESHOLD:
                pairs.append((s, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out
