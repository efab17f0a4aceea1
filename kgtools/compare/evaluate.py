"""Compare extractions with hand-made gold records (notice-record.md) element by element.

Text items match one-to-one when their normalized character similarity is ≥ 0.8
(difflib ratio after NFKC, whitespace and edge punctuation removed). Measures match only
under matching findings; regulations need the same role; outputs the same value and unit;
dates and codes must be equal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import KgtoolsError, NotANoticeError, UsageError
from ..extract import extract_file
from ..read import SUFFIXES
from ..record import to_dict
from .attributes import score_attributes, score_units
from .match import THRESHOLD, match_pairs, similarity

TEXT_SCALARS = ("title", "issuing_org", "inspected_org", "inspecting_body", "contact_phone")
CODE_SCALARS = ("genre", "inspection_kind", "level")
DATE_FIELDS = (
    "inspection_start",
    "inspection_end",
    "feedback_date",
    "publication_start",
    "publication_end",
)
ELEMENTS = (
    "problem_areas",
    "findings",
    "measures",
    "regulations",
    "outputs",
    "dates",
    "scalars",
    "totals",
    "attributes",
    "units",
    "genre",
)


@dataclass
class Score:
    """Matched, predicted and gold counts of one element type."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NoticeEval:
    """Scores of one notice, and the items that found no partner."""

    notice: str
    scores: dict[str, Score] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)  # in gold, not extracted
    spurious: list[str] = field(default_factory=list)  # extracted, not in gold
    error: str | None = None
    refusal: str | None = None  # the reason the extractor gave for refusing the document
    doubts: list[str] = field(default_factory=list)  # the codes of the record's doubts

    @property
    def f1(self) -> float:
        total = Score()
        for s in self.scores.values():
            total.add(s)
        return total.f1


@dataclass
class EvalReport:
    """Per-notice evaluations and their sums per element type."""

    notices: list[NoticeEval]

    def totals(self) -> dict[str, Score]:
        out = {name: Score() for name in ELEMENTS}
        for n in self.notices:
            for name, s in n.scores.items():
                out[name].add(s)
        return out

    def doubt_summary(self) -> dict[str, int]:
        """How well the records' doubts point at the notices that are wrong: of the notices
        scoring below 0.9 on findings or measures, how many carry a doubt; of the others,
        how many do (false alarms)."""
        wrong = right = wrong_flagged = right_flagged = 0
        for n in self.notices:
            if "findings" not in n.scores or n.error:
                continue
            bad = min(n.scores["findings"].f1, n.scores["measures"].f1) < 0.9
            wrong, right = wrong + bad, right + (not bad)
            wrong_flagged += bad and bool(n.doubts)
            right_flagged += (not bad) and bool(n.doubts)
        return {"wrong": wrong, "wrong_with_doubt": wrong_flagged,
                "right": right, "right_with_doubt": right_flagged}  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        def score(s: Score) -> dict[str, Any]:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                    "matched": s.matched, "predicted": s.predicted, "gold": s.gold}  # fmt: skip

        return {
            "totals": {k: score(v) for k, v in self.totals().items()},
            "doubts": self.doubt_summary(),
            "notices": [
                {
                    "notice": n.notice,
                    "f1": round(n.f1, 4),
                    "error": n.error,
                    "scores": {k: score(v) for k, v in n.scores.items()},
                    "missed": n.missed,
                    "doubts": n.doubts,
                    "spurious": n.spurious,
                }  # fmt: skip
                for n in self.notices
            ],
        }


def _text(item: Any, key: str = "text") -> str:
    return item if isinstance(item, str) else str(item.get(key) or "")


def _score(
    ne: NoticeEval,
    name: str,
    gold: list[Any],
    pred: list[Any],
    pairs: list[tuple[int, int]],
    show: Any,
) -> None:
    ne.scores[name] = Score(len(pairs), len(pred), len(gold))
    gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}
    ne.missed += [f"{name}: {show(g)}" for i, g in enumerate(gold) if i not in gi]
    ne.spurious += [f"{name}: {show(p)}" for j, p in enumerate(pred) if j not in pj]


def _dates(rec: dict[str, Any]) -> dict[str, str | None]:
    period = rec.get("publication_period") or [None, None]
    return {
        "inspection_start": rec.get("inspection_start"),
        "inspection_end": rec.get("inspection_end"),
        "feedback_date": rec.get("feedback_date"),
        "publication_start": period[0],
        "publication_end": period[1],
    }


def _number(value: Any) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def compare(gold: dict[str, Any], pred: dict[str, Any], *, notice: str) -> NoticeEval:
    """Evaluate one extracted record against its gold record."""
    ne = NoticeEval(notice)
    by_text = lambda g, p: similarity(_text(g), _text(p))  # noqa: E731
    g_areas, p_areas = gold.get("problem_areas") or [], pred.get("problem_areas") or []
    _score(ne, "problem_areas", g_areas, p_areas, match_pairs(g_areas, p_areas, by_text), _text)
    g_find, p_find = gold.get("findings") or [], pred.get("findings") or []
    finding_pairs = match_pairs(g_find, p_find, by_text)
    _score(ne, "findings", g_find, p_find, finding_pairs, _text)
    partner = dict(finding_pairs)
    g_meas = [
        (i, m)
        for i, f in enumerate(g_find)
        for m in (f.get("measures") or [] if isinstance(f, dict) else [])
    ]
    p_meas = [(j, m) for j, f in enumerate(p_find) for m in (f.get("measures") or [])]

    def same_measure(g: Any, p: Any) -> float:
        return similarity(_text(g[1]), _text(p[1])) if partner.get(g[0]) == p[0] else 0.0

    _score(
        ne,
        "measures",
        g_meas,
        p_meas,
        match_pairs(g_meas, p_meas, same_measure),
        lambda m: _text(m[1]),
    )
    g_regs, p_regs = gold.get("regulations") or [], pred.get("regulations") or []

    def same_reg(g: Any, p: Any) -> float:
        role_ok = isinstance(g, str) or g.get("role") in (None, p.get("role"))
        return similarity(_text(g, "title").strip("《》"), _text(p, "title")) if role_ok else 0.0

    show_reg = lambda r: _text(r, "title") + ("" if isinstance(r, str) else f" ({r.get('role')})")  # noqa: E731
    _score(ne, "regulations", g_regs, p_regs, match_pairs(g_regs, p_regs, same_reg), show_reg)
    g_out, p_out = gold.get("outputs") or [], pred.get("outputs") or []

    def same_out(g: Any, p: Any) -> float:
        ok = _number(g.get("value")) == _number(p.get("value")) and g.get("unit") == p.get("unit")
        return 1.0 if ok else 0.0

    show_out = lambda o: f"{o.get('value')}{o.get('unit')} {o.get('what') or ''}".strip()  # noqa: E731
    _score(ne, "outputs", g_out, p_out, match_pairs(g_out, p_out, same_out), show_out)
    score_attributes(ne, Score, g_find, p_find, finding_pairs)
    score_units(ne, Score, gold, pred)
    _scalars(ne, gold, pred)
    return ne


def _scalars(ne: NoticeEval, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    for name, keys, fetch, same in (
        ("dates", DATE_FIELDS, _dates, lambda a, b: a == b),
        (
            "scalars",
            TEXT_SCALARS,
            lambda r: r,
            lambda a, b: similarity(str(a), str(b)) >= THRESHOLD,
        ),
        ("scalars", CODE_SCALARS, lambda r: r, lambda a, b: a == b),
        (
            "totals",
            ("problems", "rectified", "measures", "rules"),
            lambda r: r.get("totals") or {},
            lambda a, b: a == b,
        ),
    ):
        g, p = fetch(gold), fetch(pred)
        score = ne.scores.setdefault(name, Score())
        for key in keys:
            gv, pv = g.get(key), p.get(key)
            if key not in g and name == "scalars":
                continue  # a gold file may leave out a scalar it does not judge
            score.gold += gv is not None
            score.predicted += pv is not None
            if gv is not None and pv is not None and same(gv, pv):
                score.matched += 1
            elif gv is not None or pv is not None:
                ne.missed.append(f"{name}: {key} gold={gv!r} extracted={pv!r}")


def _sources(sources: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for src in sources:
        files = sorted(src.rglob("*")) if src.is_dir() else [src]
        for f in files:
            if f.is_file() and f.suffix.lower() in SUFFIXES:
                found.setdefault(f.stem, f)
    return found


def evaluate(gold_dir: Path, sources: list[Path] | None = None) -> EvalReport:
    """Evaluate every gold record in ``gold_dir`` (``<stem>.json``) against the extraction
    of the source with the same stem in ``sources`` (default: the gold directory's parent).

    :raises UsageError: no gold directory or no gold files, an unreadable gold file, or a
        gold record with no source of its stem (scores of 0 would say nothing about it).
    """
    if not gold_dir.is_dir():
        raise UsageError(f"{gold_dir}: no such gold directory")
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise UsageError(f"{gold_dir}: no gold records (*.json) in it")
    searched = sources or [gold_dir.parent]
    available = _sources(searched)
    missing = [g for g in gold_files if g.stem not in available]
    if missing:
        where = ", ".join(str(s) for s in searched)
        named = ", ".join(g.name for g in missing[:3]) + (" …" if len(missing) > 3 else "")
        raise UsageError(
            f"{len(missing)} of {len(gold_files)} gold record(s) have no source of the same "
            f"stem in {where} ({named}); give the folder of the sources: "
            f"kgtools eval --gold {gold_dir} SOURCES…"
        )
    report = EvalReport([])
    for gold_file in gold_files:
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{gold_file}: not a readable JSON gold record ({exc})") from None
        report.notices.append(_evaluate_one(gold, available[gold_file.stem], gold_file.stem))
    return report


def _evaluate_one(gold: dict[str, Any], source: Path, name: str) -> NoticeEval:
    """One source against its gold: a negative gold (a neighbouring genre) must be refused,
    a notice must not be; the genre score counts refusals."""
    negative = gold.get("genre") == "negative"
    try:
        pred = to_dict(extract_file(source))
    except NotANoticeError as exc:
        ne = NoticeEval(name) if negative else compare(gold, {}, notice=name)
        ne.scores["genre"] = Score(int(negative), 1, int(negative))
        ne.refusal = str(exc)
        if not negative:
            ne.error = str(exc)
        return ne
    except KgtoolsError as exc:
        ne = compare(gold, {}, notice=name)
        ne.error = str(exc)
        return ne
    if negative:
        ne = NoticeEval(name)
        ne.scores["genre"] = Score(0, 0, 1)
        ne.error = f"accepted as a notice, but it is {gold.get('class') or 'another genre'}"
        ne.missed.append(f"genre: should be refused ({gold.get('reason') or gold.get('class')})")
        return ne
    ne = compare(gold, pred, notice=name)
    ne.scores["genre"] = Score(0, 0, 0)
    ne.doubts = [d.get("code", "") for d in pred.get("doubts") or []]
    return ne


def format_text(report: EvalReport, *, worst: int = 5, unmatched: int = 10) -> str:
    """The report as a table of precision, recall and F1, the worst notices and their misses."""
    from ..display import format_table

    rows = [(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", s.matched, s.predicted, s.gold)
            for name, s in report.totals().items()]  # fmt: skip
    out = [f"{len(report.notices)} notice(s) evaluated", "",
           format_table(("element", "precision", "recall", "F1", "matched", "extracted", "gold"), rows)]  # fmt: skip
    d = report.doubt_summary()
    out += ["", f"Doubts: {d['wrong_with_doubt']} of {d['wrong']} notice(s) scoring below 0.9 on "
                f"findings or measures carry a doubt; {d['right_with_doubt']} of {d['right']} others do."]  # fmt: skip
    ranked = sorted(report.notices, key=lambda n: n.f1)[:worst]
    out += ["", "Worst notices:"]
    for n in ranked:
        out.append(f"  {n.notice}: F1 {n.f1:.3f}" + (f" — error: {n.error}" if n.error else ""))
        for line in n.missed[:unmatched]:
            out.append(f"    missed    {line}")
        for line in n.spurious[:unmatched]:
            out.append(f"    spurious  {line}")
    return "\n".join(out)
