"""Document titles in 《》 and the role each plays: formulated, studied or cited."""

from __future__ import annotations

import re

from ..record import RegulationMention, RegulationRole

TITLE_RE = re.compile(r"《([^《》\n]{1,150})》")
_CLAUSE_STOP = "。；;！!？?\n"
FORMULATE_RE = re.compile(
    r"(?:重新)?(?:制定|制订|出台|修订|修改|起草|印发|建立|完善|健全|新建|编制|编印|发布|草拟|形成|研究制定)(?:了|出台|并印发|印发)?"
)
STUDY_RE = re.compile(r"学习|传达|研读|宣讲|宣传|贯彻|解读|培训")
CITE_RE = re.compile(r"根据|按照|依据|依照|对照|遵照|严格执行|执行|落实")


def role_for(text: str, start: int) -> str:
    """Role of the title opening at ``start`` from the nearest verb before it in its clause."""
    left = start
    while left > 0 and start - left < 40 and text[left - 1] not in _CLAUSE_STOP:
        left -= 1
    clause = text[left:start]
    best: tuple[int, str] | None = None
    for role, pattern in (("formulated", FORMULATE_RE), ("studied", STUDY_RE), ("cited", CITE_RE)):
        for m in pattern.finditer(clause):
            if best is None or m.end() > best[0]:
                best = (m.end(), role)
    return best[1] if best else "cited"


def find_regulations(text: str, start: int, end: int) -> list[RegulationMention]:
    """Every 《title》 in ``text[start:end]``; spans cover the title without brackets."""
    found = []
    for m in TITLE_RE.finditer(text, start, end):
        title = " ".join(m.group(1).split())
        found.append(
            RegulationMention(
                title, RegulationRole(role_for(text, m.start())), (m.start(1), m.end(1))
            )
        )
    return found
