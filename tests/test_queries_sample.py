"""Each library query on the real sample notice, with its answer checked against a reading
of the notice (counts from ../shared/notice-record.md and by hand)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kgtools.query import query


@pytest.fixture(scope="module")
def store(sample_build: Path) -> Path:
    return sample_build / "store"


def rows(name: str, store: Path, **params: str) -> list[list[object]]:
    return query(name, store, params=params).rows


def test_notices_and_rounds(store: Path) -> None:
    assert rows("notices", store) == [
        ["dandong-kexie-2024", "关于市委巡察整改落实进展情况的通报", "city", 15, 37, 11, 24]
    ]
    [r] = rows("rounds", store)
    assert r[1:5] == ["市科协党组", "市委第四巡察组", "巡察", "city"]
    assert r[5:] == ["2023-09-25", "2023-12-29", "2024-02-29", "2024-10-21", 95, 62, 235]
    assert rows("durations-by-level", store) == [["city", 1, 62, 235]]
    assert rows("teams", store) == [
        ["丹东市委员会第四巡察组", "市科协党组", "dandong-kexie-2024", "2024-02-29"]
    ]
    assert rows("measures-by-year", store) == [[2024, "city", 1, 15, 37]]
    assert rows("organization-rounds", store) == []  # one round only


def test_findings_measures_and_themes(store: Path) -> None:
    # 37 measures under 15 findings: 2.47 a finding, at most 3 (一是…三是), none without
    assert rows("measures-per-finding", store) == [
        ["dandong-kexie-2024", 15, 37, Decimal("2.47"), 3, 0]
    ]
    assert rows("findings-without-measures", store) == []
    themes = {r[0]: r[3] for r in rows("themes", store)}
    assert themes["core-business"] == 8 and themes["procurement"] == 1 and themes["finance"] == 1
    assert rows("findings-by-theme", store) == [
        ["dandong-kexie-2024", "procurement", "市科协党组", 1, "采购"]
    ]


def test_regulations(store: Path) -> None:
    # the procurement finding got the 采购办法 (its 内控制度 has no title in 《》), published
    # 235 days after the feedback; the finance finding (财务制度) the 公务卡使用管理办法
    issuer = "丹东市科学技术协会党组"
    assert rows("regulations-written", store) == [
        ["procurement", issuer, "办法", 1, 1, 235, "《丹东市科学技术协会采购办法（试行）》"]
    ]
    assert rows("regulations-written", store, theme="finance") == [
        ["finance", issuer, "办法", 1, 1, 235, "《市科协公务卡使用管理办法》"]
    ]
    assert rows("regulations-cited", store) == [["巡视工作条例", "条例", 1]]


def test_outputs_and_concreteness(store: Path) -> None:
    by_unit = {r[0]: (r[1], r[2]) for r in rows("outputs-by-unit", store)}
    assert by_unit["个"] == (7, 90)  # 6+6+21+10+32+4+11
    assert by_unit["人"] == (3, 13540)  # 140余 + 1.3万 + 400余
    assert sum(count for count, _ in by_unit.values()) == 24
    assert len(rows("outputs-by-organization", store)) == len(by_unit)
    assert rows("accountability", store) == []  # no one disciplined, no funds returned
    assert rows("concreteness", store) == [
        ["dandong-kexie-2024", Decimal("0.6486"), 10, 14, 2, 3, 13]
    ]


def test_search_gives_provenance(store: Path) -> None:
    hits = rows("search", store)
    assert [(r[1], r[5]) for r in hits] == [
        ("Finding", "在采购管理有漏洞方面"),
        (
            "Measure",
            "对采购人员强化业务培训，制定了《丹东市科学技术协会采购办法（试行）》，进一步规范采购流程。",
        ),
        ("Regulation", "丹东市科学技术协会采购办法（试行）"),
    ]
    text = (
        Path(__file__).resolve().parent.parent / "data" / "notices" / "dandong-kexie-2024.txt"
    ).read_text(encoding="utf-8")
    for r in hits:
        assert text[r[3] : r[4]] == r[5]
