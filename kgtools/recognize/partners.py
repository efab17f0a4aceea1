"""Partner organizations a measure names: 与丹东市第六中学等4所中小学开展馆校合作, 联合相关农业企业."""

from __future__ import annotations

import re

PARTNER_RE = re.compile(
    r"(?:与|联合|会同|协同|携手|邀请|依托)"
    r"([^，,。；;：:、（）()“”《》\n]{2,24}?"
    r"(?:单位|部门|企业|学校|中学|小学|中小学|大学|学院|协会|学会|局|委|办|院|所|中心|公司|集团|银行|医院|站|馆|街道|社区|乡镇|村))"
)


def find_partners(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Names of partner organizations in ``text[start:end]`` with their spans."""
    return [(m.group(1), m.span(1)) for m in PARTNER_RE.finditer(text, start, end)]
