"""Centralized notices (genre atlas C1, C2): one notice for a round over several units is
built, validated and queried; every unit is listed with the totals the notice gives it.

The expected values were read from the fictional notices in tests/fixtures/atlas/batch-a/
(qu-xuncha-diwulun-2024.html: three 【unit】 sections; shi-xuncha-dierlun-2024.pdf: totals
only, seven units named in the opening)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgtools.build import build
from kgtools.extract import extract_file
from kgtools.query import query
from kgtools.validate import validate

from .conftest import FIXTURES

BATCH = FIXTURES / "atlas" / "batch-a"
C2 = BATCH / "qu-xuncha-diwulun-2024.html"
C1 = BATCH / "shi-xuncha-dierlun-2024.pdf"


@pytest.fixture(scope="module")
def centralized_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for path in (C1, C2):
        shutil.copy(path, src / path.name)
    out = tmp_path_factory.mktemp("out")
    result = build([src], out=out, jobs=1)
    assert not result.failures
    return out


def test_a_round_with_totals_only_is_a_notice_with_its_units() -> None:
    rec = extract_file(C1)
    assert rec.genre == "centralized" and rec.findings == [] and rec.inspected_org is None
    assert [u.name for u in rec.units] == [
        "市发展和改革委员会", "市教育局", "市民政局", "市水务局",
        "市城市建设投资集团有限公司", "示例职业技术学院", "市体育局",
    ]  # fmt: skip
    assert rec.totals and (rec.totals.problems, rec.totals.rectified, rec.totals.rules) == (
        163,
        149,
        86,
    )


def test_findings_of_a_unit_section_name_their_unit() -> None:
    rec = extract_file(C2)
    assert rec.genre == "centralized"
    assert [f.unit for f in rec.findings] == ["区农业农村局"] * 3 + ["区城市管理局"] * 3 + [
        "区退役军人事务局"
    ] * 3
    last = rec.findings[-1]
    assert last.text == "镇街退役军人服务站建设标准不一" and last.measures == []
    assert last.status and last.status.value == "ongoing"


def test_rounds_and_totals_list_every_unit(centralized_build: Path) -> None:
    rounds = query("rounds", centralized_build)
    inspected = sorted(r[rounds.columns.index("inspected")] for r in rounds.rows
                       if r[0] == "qu-xuncha-diwulun-2024")  # fmt: skip
    assert inspected == ["区农业农村局", "区城市管理局", "区退役军人事务局"]
    totals = query("totals", centralized_build)
    rows = {(r[0], r[1]): r[2:6] for r in totals.rows}
    assert rows[("qu-xuncha-diwulun-2024", None)] == [27, 24, None, 17]
    assert rows[("qu-xuncha-diwulun-2024", "区农业农村局")] == [10, 9, None, 6]
    assert rows[("qu-xuncha-diwulun-2024", "区城市管理局")] == [9, 8, None, 7]
    assert rows[("qu-xuncha-diwulun-2024", "区退役军人事务局")] == [8, 7, None, 4]
    assert rows[("shi-xuncha-dierlun-2024", None)] == [163, 149, 512, 86]


def test_centralized_notices_pass_the_structural_shapes(centralized_build: Path) -> None:
    report = validate(centralized_build, engine="pyshacl")
    shapes = {r.shape for r in report.at_or_above("Violation")}
    assert "notice has findings or totals" not in shapes
    assert "finding has a measure, unless it is still being rectified" not in shapes
