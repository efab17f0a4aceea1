"""Genre check: is this text a rectification-progress notice, and if not, which of the
neighbouring genres (genre atlas D1–D8) it is, with a reason that names it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# (class, name, signal in the title or the first lines, reason). First match wins; each
# is checked only when the head does not also announce rectification progress.
NEGATIVES: tuple[tuple[str, str, re.Pattern[str], str], ...] = (
    ("D7", "speech", re.compile(r"讲话|致辞|发言提纲|(?:经验|典型)交流|心得体会|表态发言|^同志们"),
     "it is a speech, essay or template, not a notice"),
    ("D1", "announcement", re.compile(r"进驻|(?:巡视|巡察)(?:工作)?(?:公告|预告)|的公告|公告$|通告"),
     "it announces an inspection (stationing, how to report), not rectification progress"),
    ("D2", "feedback-meeting news", re.compile(r"反馈会|反馈.{0,6}会议|情况反馈会|动员会|向.{2,30}反馈(?:巡视|巡察)?(?:情况|意见)$"),
     "it is news of a feedback or mobilization meeting"),
    ("D4", "rectification plan", re.compile(r"整改(?:工作)?(?:实施)?方案|整改任务(?:清单|分解)|整改台账|整改责任清单"),
     "it is a rectification plan (tasks, leaders, deadlines to come), not a report of progress"),
    ("D6", "another kind of rectification", re.compile(
        r"审计(?:查出|发现)?(?:问题)?整改|审计工作报告|(?:生态)?环(?:境)?(?:保护)?(?:保)?督察|主题教育|民主生活会|组织生活会"
        r"|信访|安全生产|消防|专项检查(?:发现)?问题整改|督查(?:发现)?问题整改|考核反馈"),
     "it reports another kind of rectification (audit, environmental inspection, theme education, "
     "democratic life meeting, petition…), not 巡视/巡察"),
    ("D5", "work news", re.compile(r"工作动态|督查|督导|回访|调研|检查组|(?:巡视|巡察)办.{0,12}(?:开展|深入|赴)|简报"),
     "it is work news about others' rectification (supervision, return visits), not a unit's own notice"),
    ("D8", "inspection statistics", re.compile(
        r"(?:19|20)\d\d年(?:度|上半年|下半年|全年)?(?:全[省市县区])?(?:巡视|巡察)工作(?:情况|开展情况|统计|总结|报告)|(?:巡视|巡察)工作(?:统计|总结|年报)"),
     "it gives statistics of inspection work, not an inspected organization's rectification"),
)  # fmt: skip
INSPECTION_RE = re.compile(r"巡视|巡察")
RECTIFY_RE = re.compile(r"整改")
PROGRESS_RE = re.compile(
    r"整改(?:落实)?(?:进展|情况|工作情况)|(?:予以|现将|现就).{0,30}(?:公布|通报|公开)"
)
HEAD_PROGRESS_RE = re.compile(r"整改(?:落实|工作)?(?:进展|情况)|整改.{0,4}(?:通报|公告|公示)")
CENTRALIZED_RE = re.compile(r"集中整改")
PLACEHOLDER_RE = re.compile(r"[XＸ×]{2,}|某某某|＿{2,}|_{3,}")
OTHER_KIND_BODY_RE = re.compile(
    r"审计|环保督察|环境保护督察|生态环境保护督察|主题教育|民主生活会|信访"
)


@dataclass(frozen=True)
class Genre:
    """The genre of a text, the reason for it, and its atlas class when it is refused."""

    name: str  # progress | centralized | speech | announcement | … | other
    reason: str
    atlas_class: str | None = None

    @property
    def is_notice(self) -> bool:
        return self.name in ("progress", "centralized")


def _refuse(code: str, name: str, reason: str, head: str) -> Genre:
    return Genre(
        name, f"not a rectification notice ({code}): {reason} (title: {head[:40]!r})", code
    )


def classify(text: str, title: str | None) -> Genre:
    """Classify by the title (or the first lines) and the presence of the genre's signals."""
    head = title or " ".join(text.split())[:120]
    progress_head = bool(HEAD_PROGRESS_RE.search(head))
    for code, name, pattern, reason in NEGATIVES:
        if pattern.search(head) and not (progress_head and code in ("D1", "D2")):
            if code == "D6" and INSPECTION_RE.search(head) and progress_head:
                continue  # 巡察整改 that mentions an audit is still a notice of this genre
            return _refuse(code, name, reason, head)
    if len(PLACEHOLDER_RE.findall(text)) >= 3:
        return _refuse(
            "D7", "template", "it is a template with placeholders (XX), not a notice", head
        )
    if not INSPECTION_RE.search(text):
        if OTHER_KIND_BODY_RE.search(text[:800]):
            return _refuse("D6", "another kind of rectification", NEGATIVES[4][3], head)
        return Genre("other", "not a rectification notice: it never mentions 巡视 or 巡察")
    if not RECTIFY_RE.search(head) and not PROGRESS_RE.search(text[:600]):
        return Genre(
            "other",
            "not a rectification notice: no 整改 in its title and no statement publishing rectification progress",
        )
    if CENTRALIZED_RE.search(head):
        return Genre("centralized", f"title names a centralized rectification: {head[:40]!r}")
    return Genre("progress", f"title and opening report rectification progress: {head[:40]!r}")


def feedback_itself(findings: int, with_measures: int, rectified_stated: bool) -> Genre | None:
    """D3: problems listed with (almost) no measures taken and no rectification stated —
    the published feedback, even when titled …的通报."""
    if findings >= 3 and with_measures <= findings * 0.2 and not rectified_stated:
        return Genre(
            "feedback",
            "not a rectification notice (D3): it is the feedback itself: problems listed, "
            f"no measures taken ({with_measures} of {findings} problems have a measure)",
            "D3",
        )
    return None
