"""HTML reports escape every text from notices: a fictional notice with `<script>` in a
measure shows it as text in a real browser, and the script never runs."""

from __future__ import annotations

from pathlib import Path

from .conftest import FIXTURES
from .test_cli import run


def test_validation_report_shows_script_as_text(tmp_path: Path, capsys, browser) -> None:
    text = (FIXTURES / "county-gbk-crlf.txt").read_bytes().decode("gbk")
    hostile = text.replace(
        "对120份干部档案进行专项审核。", "<script>document.title='pwned'</script>开展档案自查。"
    )
    (tmp_path / "hostile.txt").write_text(hostile, encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, _ = run(
        ["validate", str(tmp_path / "hostile.txt"), "--format", "html", "--out", str(report)],
        capsys,
    )
    assert code == 0
    assert "<script>document" not in report.read_text(encoding="utf-8")
    browser.get(report.as_uri())
    assert browser.title != "pwned"
    assert (
        "<script>document.title='pwned'</script>开展档案自查"
        in browser.find_element("tag name", "body").text
    )
