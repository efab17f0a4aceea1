"""Genre check: is this text a rectification-progress notice, and why (not)."""

from __future__ import annotations

import re
from dataclasses import dataclass

NEGATIVES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("announcement", re.compile(r"进驻|(?:巡视|巡察)(?:工作)?(?:公告|预告)|的公告|公告$|通告"),
     "it announces an inspection (stationing, how to report), not rectification progress"),
    ("feedback-meeting news", re.compile(r"反馈会|反馈.{0,6}会议|情况反馈会|动员会|向.{2,30}反馈(?:巡视|巡察)?(?:情况|意见)$"),
     "it reports a feedback or mobilization meeting"),
    ("rectification plan", re.compile(r"整改(?:工作)?(?:实施)?方案|整改任务清单|整改台账"),
     "it is a rectification plan, not a report of progress"),
    ("speech", re.compile(r"讲话|致辞|发言|报告会"), "it is a speech"),
)  # fmt: skip
INSPECTION_RE = re.compile(r"巡视|巡察")
RECTIFY_RE = re.compile(r"整改")
PROGRESS_RE = re.compile(
    r"整改(?:落实)?(?:进展|情况|工作情况)|(?:予以|现将|现就).{0,30}(?:公布|通报|公开)"
)
CENTRALIZED_RE = re.compile(r"集中整改")


@dataclass(frozen=True)
class Genre:
    """The genre of a text and the reason for it."""

    name: (
        str  # progress | centralized | feedback-meeting news | rectification plan | speech | other
    )
    reason: str

    @property
    def is_notice(self) -> bool:
        return self.name in ("progress", "centralized")


def classify(text: str, title: str | None) -> Genre:
    """Classify by the title (or the first lines) and the presence of the genre's signals."""
    head = title or " ".join(text.split())[:120]
    for name, pattern, reason in NEGATIVES:
        if pattern.search(head) and not PROGRESS_RE.search(head):
            return Genre(name, f"not a rectification notice: {reason} (title: {head[:40]!r})")
    if not INSPECTION_RE.search(text):
        return Genre("other", "not a rectification notice: it never mentions 巡视 or 巡察")
    if not RECTIFY_RE.search(head) and not PROGRESS_RE.search(text[:600]):
        return Genre(
            "other",
            "not a rectification notice: no 整改 in its title and no statement publishing rectification progress",
        )
    if CENTRALIZED_RE.search(head):
        return Genre("centralized", f"title names a centralized rectification: {head[:40]!r}")
    return Genre("progress", f"title and opening report rectification progress: {head[:40]!r}")
