"""Scores of what a record says beyond its items: the labelled attributes of matched
findings (status, deadline, responsible unit, reported results) and the units of a
centralized notice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from .match import THRESHOLD, match_pairs, similarity


class Scored(Protocol):
    """What a notice's evaluation offers: its scores and its lists of misses."""

    scores: dict[str, Any]
    missed: list[str]
    spurious: list[str]


def _text(item: Any, key: str = "text") -> str:
    return item if isinstance(item, str) else str(item.get(key) or "")


def _same_text(a: Any, b: Any) -> bool:
    return similarity(str(a), str(b)) >= THRESHOLD


_ATTRIBUTES: dict[str, Callable[[Any, Any], bool]] = {
    "status": lambda a, b: a == b,
    "deadline": _same_text,
    "responsible": _same_text,
}


def score_attributes(
    ne: Scored,
    new_score: Callable[..., Any],
    gold: list[Any],
    pred: list[Any],
    pairs: list[tuple[int, int]],
) -> None:
    """Status, deadline, responsible unit and results of each matched finding."""
    score = ne.scores.setdefault("attributes", new_score())
    for i, j in pairs:
        g, p = gold[i], pred[j]
        if not isinstance(g, dict):
            continue
        for key, same in _ATTRIBUTES.items():
            gv, pv = g.get(key), p.get(key)
            score.gold += gv is not None
            score.predicted += pv is not None
            if gv is not None and pv is not None and same(gv, pv):
                score.matched += 1
            elif gv is not None or pv is not None:
                ne.missed.append(
                    f"attributes: {key} of {_text(g)[:20]} gold={gv!r} extracted={pv!r}"
                )
        g_res, p_res = g.get("results") or [], p.get("results") or []
        found = match_pairs(g_res, p_res, lambda a, b: similarity(_text(a), _text(b)))
        score.gold += len(g_res)
        score.predicted += len(p_res)
        score.matched += len(found)


def score_units(
    ne: Scored, new_score: Callable[..., Any], gold: dict[str, Any], pred: dict[str, Any]
) -> None:
    """The inspected units of a centralized notice, matched by name."""
    g_units, p_units = gold.get("units") or [], pred.get("units") or []
    pairs = match_pairs(
        g_units, p_units, lambda a, b: similarity(_text(a, "name"), _text(b, "name"))
    )
    ne.scores["units"] = new_score(len(pairs), len(p_units), len(g_units))
    gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}
    ne.missed += [f"units: {_text(u, 'name')}" for i, u in enumerate(g_units) if i not in gi]
    ne.spurious += [f"units: {_text(u, 'name')}" for j, u in enumerate(p_units) if j not in pj]
