"""Hostile and broken inputs: each gets a clear one-line error naming the file and the
reason (exit 2 for one file), or is read correctly; a batch goes on past them and lists
them; memory stays bounded. The inputs are made here from the fictional county fixture."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES

BASE = (FIXTURES / "county-gbk-crlf.txt").read_bytes().decode("gbk").replace("\r\n", "\n")
MEMORY_LIMIT = 2 * 1024**3  # the limit the CLI runs under in these tests


def _findings(n: int) -> str:
    items = "\n".join(
        f"（{i}）在示例管理第{i}项不规范方面。一是制定《某县示例办法{i}》。二是培训{i}人。"
        for i in range(1, n + 1)
    )
    return BASE.replace("（1）干部档案管理不严格。对120份干部档案进行专项审核。", items)


def _nested(depth: int) -> str:
    markers = ["{n}.", "（{n}）", "①", "一、", "（一）", "{n}、"]
    lines = [
        markers[i % len(markers)].format(n=i % 9 + 1) + f"第{i}层管理不到位方面。一是整改。"
        for i in range(depth)
    ]
    return BASE + "\n".join(lines)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * 80_000_000 + b">")
    return buffer.getvalue()


def _scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.rect(50, 50, 300, 300, fill=1)
    c.save()
    return buffer.getvalue()


# name → (bytes, None when it must be read as a notice, else a word of the expected reason)
INPUTS: dict[str, tuple[bytes, str | None]] = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 40, "binary"),
    "truncated-utf8.txt": (BASE.encode("utf-8")[:-1], None),
    "truncated-gbk.txt": (BASE.encode("gbk")[:-1], None),
    "mixed-encodings.txt": (BASE[:200].encode("utf-8") + BASE[200:].encode("gbk"), "undecodable"),
    "huge.txt": (BASE.encode("utf-8") * (25_000_000 // len(BASE.encode("utf-8"))), "limit"),
    "deep-nesting.txt": (_nested(10_000).encode("utf-8"), None),
    "five-thousand-findings.txt": (_findings(5000).encode("utf-8"), None),
    "scripts.html": (
        (
            "<html><head><script>alert('x')</script></head><body><div id='zoom'>"
            + "".join(f"<p>{line}&nbsp;&amp;&lt;b&gt;</p>" for line in BASE.split("\n"))
            + "<script>document.write('<p>注入</p>')</script></div></body></html>"
        ).encode("utf-8"),
        None,
    ),  # fmt: skip
    "bomb.docx": (_zip_bomb(), "limit"),
    "not-a-zip.docx": (b"PK\x03\x04" + b"\x00garbage" * 100, "not a readable .docx"),
    "scan.pdf": (_scanned_pdf(), "no text layer"),
    "control-chars.txt": (BASE.replace("。", "。\x07\x1b\x00").encode("utf-8"), "binary"),
    "lone-surrogates.txt": (
        BASE.encode("utf-8").replace("。".encode(), b"\xed\xa0\x80", 3),
        "undecodable",
    ),
    "rtl-marks.txt": (BASE.replace("，", "\u202e，\u200f").encode("utf-8"), None),
    "示例 通报 (副本).txt": (BASE.encode("utf-8"), None),
}


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kgtools", *args], capture_output=True, text=True, timeout=300,
                          preexec_fn=_limited, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad inputs")
    for name, (data, _) in INPUTS.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_single_file(name: str, inputs: Path) -> None:
    proc = _cli("extract", str(inputs / name))
    reason = INPUTS[name][1]
    assert "Traceback" not in proc.stderr
    if reason is None:
        assert proc.returncode == 0, proc.stderr
        assert '"record": "xuncha-notice/1"' in proc.stdout
    else:
        assert proc.returncode == 2
        [line] = proc.stderr.strip().splitlines()
        assert line.startswith("Error: ") and name in line and reason in line


def test_scripts_in_html_are_not_text(inputs: Path) -> None:
    proc = _cli("extract", str(inputs / "scripts.html"))
    assert (
        "alert" not in proc.stdout
        and "注入" not in proc.stdout
        and "document.write" not in proc.stdout
    )


def test_batch_goes_on_and_lists_every_bad_file(inputs: Path, tmp_path: Path) -> None:
    proc = _cli("build", str(inputs), "--out", str(tmp_path / "out"), "-j", "2")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    bad = sorted(name for name, (_, reason) in INPUTS.items() if reason)
    failed = [line for line in proc.stderr.splitlines() if line.startswith("Failed: ")]
    assert len(failed) == len(bad)
    for name in bad:
        assert any(name in line for line in failed), name
    built = {p.stem for p in (tmp_path / "out" / "notices").glob("*.json")}
    assert len(built) == len(INPUTS) - len(bad)
