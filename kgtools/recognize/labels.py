"""Labelled lines of a finding (B3, and the rows of problem tables): which label opens a
problem, a measure, or an attribute of the finding (status, deadline, responsible unit,
reported results), and the status a statement reports."""

from __future__ import annotations

import re
from enum import Enum

from ..record import Status


class Role(str, Enum):
    """What a labelled line is to its finding."""

    PROBLEM = "problem"
    MEASURES = "measures"
    RESULTS = "results"
    STATUS = "status"
    RESPONSIBLE = "responsible"
    DEADLINE = "deadline"
    NUMBER = "number"


# The label: a few characters before a colon at the start of a line (a table row's cell is
# rendered by the reader as "<column header>：<cell>").
LABEL_RE = re.compile(r"(?P<label>[^\s：:。，,；;]{1,10}?)\s*[：:]\s*")
_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.NUMBER, re.compile(r"^(?:序号|编号|序)$")),
    (Role.RESULTS, re.compile(r"成效|效果|取得.{0,2}成果|整改结果")),
    (Role.STATUS, re.compile(r"状态|进度|进展情况|完成情况|是否完成|整改进展$")),
    (
        Role.RESPONSIBLE,
        re.compile(r"责任(?:单位|部门|处室|科室|人|领导)|牵头(?:单位|部门)|承办|配合单位"),
    ),
    (Role.DEADLINE, re.compile(r"时限|期限|完成时间|整改时间|时间节点")),
    (
        Role.MEASURES,
        re.compile(r"措施|整改情况|落实情况|整改举措|整改落实|主要做法|具体做法|整改内容"),
    ),
    (Role.PROBLEM, re.compile(r"问题|事项|情形")),
)

STATUS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("basically", re.compile(r"基本完成|基本整改到位|基本到位")),
    (
        "ongoing",
        re.compile(
            r"持续整改|正在整改|整改中|持续推进|长期坚持|持续落实|逐步推进|未完成|推进中|正在推进"
        ),
    ),
    ("completed", re.compile(r"已完成|已整改|整改到位|完成整改|已办结|已落实|^完成")),
)
# A statement that a problem is still being rectified, with no measure (B9).
OPEN_RE = re.compile(
    r"^(?:该|此|本|这一)?(?:问题|项)?(?:目前|现)?(?:正在|仍在|还在|持续|正)+(?:整改|推进|落实)[^。]{0,12}[。.]?$"
    r"|^(?:该|此)?问题(?:已)?(?:列入|纳入)[^。]{0,20}(?:持续整改|长期整改)[^。]{0,10}[。.]?$"
)


def label_role(text: str, start: int, end: int) -> tuple[Role, int] | None:
    """The role of the label opening ``text[start:end]`` and where its content starts."""
    m = LABEL_RE.match(text, start, end)
    if not m:
        return None
    label = m.group("label")
    for role, pattern in _ROLES:
        if pattern.search(label):
            return role, m.end()
    return None


def status_of(statement: str) -> Status | None:
    """completed, basically or ongoing, from a status cell or statement."""
    for code, pattern in STATUS_WORDS:
        if pattern.search(statement.strip()):
            return Status(code)
    return None


_COUNTED_PROBLEMS_RE = re.compile(
    r"(?:反馈|指出|交办)的?(?:各类|具体)?[0-9０-９一二三四五六七八九十百]+(?:个|项|条)(?:具体)?问题|反馈问题[0-9０-９一二三四五六七八九十百]+(?:个|项|条)"
)
_RECTIFIED_RE = re.compile(r"已(?:全部)?(?:完成|整改|办结)")


def is_totals_statement(paragraph: str) -> bool:
    """A paragraph that counts the problems and how many are rectified (a totals
    statement, genre atlas B11): not a measure."""
    return bool(_COUNTED_PROBLEMS_RE.search(paragraph) and _RECTIFIED_RE.search(paragraph))
