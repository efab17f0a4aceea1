"""What kgtools writes stays well-formed and its own (issue 22, items 9 and 10 of the issue's
list): XML exports hold only what XML 1.0 allows, a NUL anywhere makes a text file binary,
the report removes the temporaries of a killed run and only pages it wrote, a charset naming
a Python codec is ignored, and a heading with no text makes no empty node."""

from __future__ import annotations

import xml.dom.minidom
from pathlib import Path

import pytest

from kgtools.build.corpus import build

from .test_bad_inputs import BASE
from .test_cli import run

# characters XML 1.0 forbids, and U+0085, which it allows
ODD = "\x0b\x0c\x01\x85\ufffe\x1f"


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("odd")
    text = BASE.replace("关于县委第二轮巡察", f"关于{ODD}县委第二轮巡察")
    text = text.replace("第一，修订", f"第一，{ODD}修订").replace("对120份", f"对{ODD}120份")
    (folder / "odd.txt").write_text(text, encoding="utf-8")
    result = build([folder / "odd.txt"], out=folder / "out")
    assert not result.failures
    return folder / "out"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "svg"])
def test_xml_exports_are_well_formed_on_any_text(
    fmt: str, odd_build: Path, tmp_path: Path, capsys
) -> None:
    if fmt == "svg":
        pytest.importorskip("matplotlib")
    target = tmp_path / f"odd.{fmt}"
    code, _, err = run(
        ["viz", "odd", "--build", str(odd_build), "--format", fmt, "--out", str(target)], capsys
    )
    assert code == 0, err
    document = xml.dom.minidom.parse(str(target))  # expat: refuses what XML 1.0 forbids
    assert document.documentElement is not None
    text = target.read_text(encoding="utf-8")
    assert "县委第二轮巡察" in text and "\x85" in text if fmt != "svg" else True


def test_a_late_nul_makes_a_text_file_binary(tmp_path: Path, capsys) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes(BASE.encode("utf-8") * 4 + b"\x00" + BASE.encode("utf-8"))
    code, _, err = run(["extract", str(path)], capsys)
    assert code == 2 and "binary" in err
    path.write_bytes(
        b"\xff\xfe" + (BASE + "\x00").encode("utf-16-le")
    )  # a NUL character, not a byte of UTF-16
    code, _, err = run(["extract", str(path)], capsys)
    assert code == 2 and "binary" in err


def test_report_removes_stale_temporaries(odd_build: Path, capsys) -> None:
    report = odd_build / "report"
    stale = [report / ".index.html.k2j4l5m6.tmp", report / "notices" / ".odd.html.abcdefgh.tmp",
             report / "graph" / ".all.html.a1b2c3d4.tmp"]  # fmt: skip
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<html>half a page")
    mine = report / "notes.tmp"  # not a temporary of ours
    mine.write_text("keep")
    code, _, err = run(["report", "--build", str(odd_build)], capsys)
    assert code == 0, err
    assert not any(p.exists() for p in stale) and mine.is_file()


def test_report_out_deletes_only_pages_it_wrote(odd_build: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    for sub in ("notices", "graph"):
        (site / sub).mkdir(parents=True)
        (site / sub / "mine.html").write_text("<p>my own page</p>")
    code, _, err = run(["report", "--build", str(odd_build), "--out", str(site)], capsys)
    assert code == 0, err
    assert (site / "notices" / "mine.html").is_file() and (site / "graph" / "mine.html").is_file()
    assert (site / "notices" / "odd.html").is_file()
    # a page the report did write goes when its notice is gone from the build
    (site / ".kgtools-report.json").write_text(
        '{"pages": ["notices/gone.html", "graph/gone.html"]}'
    )
    (site / "notices" / "gone.html").write_text("<p>old</p>")
    code, _, _ = run(["report", "--build", str(odd_build), "--out", str(site)], capsys)
    assert code == 0 and not (site / "notices" / "gone.html").exists()
    assert (site / "notices" / "mine.html").is_file()


@pytest.mark.parametrize(
    "charset", ["unicode_escape", "raw_unicode_escape", "rot13", "base64", "hex"]
)
def test_a_charset_naming_a_python_codec_is_ignored(charset: str, tmp_path: Path, capsys) -> None:
    body = "".join(f"<p>{line}\\u0041\\n</p>\n" for line in BASE.split("\n"))
    page = (
        f'<html><head><meta charset="{charset}"><title>t</title></head><body>{body}</body></html>'
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))  # not UTF-8: the declared charset is considered
    code, out, err = run(["extract", str(path)], capsys)
    assert code == 0, err
    plain = tmp_path / "plain.txt"
    plain.write_text(BASE, encoding="utf-8")
    _, expected, _ = run(["extract", str(plain)], capsys)
    import json

    got, want = json.loads(out), json.loads(expected)
    assert len(got["findings"]) == len(want["findings"]) == 3  # the page read whole, not cut
    assert (
        "\\\\u0041" in out
    )  # the text as written (JSON escapes its backslash): no codec decoded it


def test_a_heading_with_no_text_makes_no_empty_node() -> None:
    from kgtools.emit.terms import XK
    from kgtools.emit.triples import record_triples
    from kgtools.extract import extract_bytes

    text = BASE.replace("（二）选人用人工作存在短板", "（二）：\n（三）选人用人工作存在短板")
    rec = extract_bytes(text.encode("utf-8"), name="empty-heading.txt")
    spans: dict[object, list[int]] = {}
    for s, p, o in record_triples(rec):
        if p in (XK.startOffset, XK.endOffset):
            spans.setdefault(s, []).append(int(o))
    assert all(a != b for a, b in (sorted(v) for v in spans.values()))
