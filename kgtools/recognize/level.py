"""Administrative level of an inspection from the names of its bodies."""

from __future__ import annotations

import re

LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("central", re.compile(r"中央")),
    ("province", re.compile(r"省委|自治区党委|(?:北京|天津|上海|重庆)市委|市委.*巡视")),
    ("county", re.compile(r"县委|区委|旗委|县(?:级)?市委")),
    ("city", re.compile(r"市委|州委|盟委|地委")),
    ("other", re.compile(r"大学|学院|学校|公司|集团|医院|银行|党委")),
)


def level_of(*names: str | None) -> str | None:
    """The level named by the first body that tells it (team, deciders, issuer)."""
    for name in names:
        if not name:
            continue
        for level, pattern in LEVELS:
            if pattern.search(name):
                return level
    return None
