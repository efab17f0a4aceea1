"""The CLI, run in-process through its real entry point: outputs and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kgtools.cli import COMMANDS, main

from .conftest import FIXTURES, ROOT, SAMPLE


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
        raise SystemExit(0)
    out = capsys.readouterr()
    return exc.value.code or 0, out.out, out.err


def test_extract_json_record(capsys) -> None:
    code, out, _ = run(["extract", str(SAMPLE)], capsys)
    record = json.loads(out)
    assert code == 0
    assert record["record"] == "xuncha-notice/1"
    assert len(record["findings"]) == 15


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_extract_rdf_formats(fmt: str, capsys) -> None:
    code, out, _ = run(["extract", str(SAMPLE), "--format", fmt], capsys)
    assert code == 0 and "https://w3id.org/xuncha/ontology#Measure" in out.replace(
        "xk:", "https://w3id.org/xuncha/ontology#"
    )


def test_build_prints_summary_and_writes_files(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["build", str(SAMPLE), "--out", str(tmp_path)], capsys)
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("dandong-kexie-2024"))
    assert row.split()[1:] == ["15", "37", "11", "24"]
    for name in ("summary.json", "build.sqlite", "notices/dandong-kexie-2024.json", "store/CURRENT",
                 "text-index.sqlite", "report/index.html"):  # fmt: skip
        assert (tmp_path / name).is_file(), name
    assert not list(tmp_path.rglob("*.nq")) and not list(tmp_path.rglob("*.trig"))  # store only


def _bad_inputs(folder: Path) -> dict[str, bytes]:
    files = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02PK\x03\x04" * 50,
        "undecodable.txt": b"abc\x80\xff\x80\xff\x80" * 3,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    shutil.copy(FIXTURES / "news-feedback-meeting.txt", folder / "news.txt")
    return files


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "undecodable.txt", "news.txt"])
def test_extract_refuses_bad_input_with_one_line_and_exit_2(
    name: str, tmp_path: Path, capsys
) -> None:
    _bad_inputs(tmp_path)
    code, out, err = run(["extract", str(tmp_path / name)], capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and name in lines[0]


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "nope.txt" in err


def test_batch_continues_past_bad_files_and_lists_them(tmp_path: Path, capsys) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _bad_inputs(src)
    shutil.copy(SAMPLE, src / "good.txt")
    out_dir = tmp_path / "out"
    code, out, err = run(["build", str(src), "--out", str(out_dir)], capsys)
    assert code == 2
    header, rule, row = out.splitlines()[:3]
    assert header.split()[:2] == ["notice", "findings"] and set(rule) <= {"-", " "}
    assert row.split() == ["good", "15", "37", "11", "24"]  # the sample's counts by hand
    for name in ("empty.txt", "binary.txt", "undecodable.txt", "news.txt"):
        assert name in err
    written = sorted(p.name for p in (out_dir / "notices").iterdir())
    assert written == ["good.json"]
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["failures"]) == 4 and [n["notice"] for n in summary["notices"]] == ["good"]


def test_every_command_has_help_and_is_in_the_readme(capsys) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        code, out, _ = run([name, "--help"], capsys)
        assert code == 0 and len(out) > 100, name
        assert f"kgtools {name}" in readme, name


def test_console_script_runs_without_arguments_as_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kgtools", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "Exit codes" in proc.stdout


def test_an_internal_error_exits_3_with_one_line_and_no_traceback(capsys, monkeypatch) -> None:
    """A bug (here injected: no input provokes one today) is exit 3, one line on stderr."""
    import kgtools.cli.extract_cmd as extract_cmd

    def broken(path: Path) -> None:
        raise RuntimeError("injected fault")

    monkeypatch.setattr(extract_cmd, "extract_file", broken)
    code, out, err = run(["extract", str(SAMPLE)], capsys)
    assert code == 3 and out == ""
    assert err.splitlines() == [
        "Internal error: RuntimeError: injected fault (rerun with --debug for a traceback)"
    ]


def test_a_build_notes_when_the_store_has_grown_past_what_a_full_build_writes(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's compaction after incremental builds can leave it far larger than a full
    build writes it (1.7 times at 10 000 notices): the build says so, and how to write it
    compact. Provoking that takes thousands of notices, so here the size the full build
    recorded is lowered instead, and so is the size below which a store is left alone."""
    import sqlite3

    from kgtools.build import corpus

    monkeypatch.setattr(corpus, "GROWN_FROM", 0)

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SAMPLE, src / name)
    build = ["build", str(src), "--out", str(out), "--no-report"]
    code, first, _ = run(build, capsys)
    ssts = sum(f.stat().st_size for f in (out / "store").glob("*.sst"))
    db = sqlite3.connect(out / "build.sqlite")
    fresh = int(dict(db.execute("SELECT key, value FROM meta"))["store_bytes_per_notice_fresh"])
    assert code == 0 and fresh == round(ssts / 2) and "Note: the store takes" not in first

    def edit(word: str) -> None:
        text = SAMPLE.read_text(encoding="utf-8").replace("175名", word, 1)
        (src / "b.txt").write_text(text, encoding="utf-8")

    edit("176名")
    code, second, _ = run(build, capsys)
    assert code == 0 and "1 extracted" in second and "Note: the store takes" not in second
    with db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'store_bytes_per_notice_fresh'",
                   (str(fresh // 4),))  # fmt: skip
    db.close()
    edit("177名")
    code, third, _ = run(build, capsys)
    assert code == 0 and "Note: the store takes" in third and "kgtools build --force" in third
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any("the store takes" in n for n in summary["notes"])
    code, forced, _ = run([*build, "--force"], capsys)
    assert code == 0 and "Note: the store takes" not in forced


def test_a_build_that_waits_for_the_store_to_close_says_why_while_it_waits(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that must merge a cold build's files makes one of the next builds wait when
    it closes (28 s at 10 000 notices). Provoking that takes thousands of notices, so here
    closing the store is made slow instead: the build says why during the wait (not with
    --quiet) and in a note afterwards; a full build never does."""
    import time

    from kgtools.build import corpus
    from kgtools.build.store import StoreWriter

    finish = StoreWriter.finish

    def slow_finish(self: StoreWriter) -> Path:
        time.sleep(0.6)
        return finish(self)

    monkeypatch.setattr(StoreWriter, "finish", slow_finish)
    monkeypatch.setattr(corpus, "SLOW_CLOSE_S", 0.2)
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLE, src / "a.txt")
    build = ["build", str(src), "--out", str(out), "--no-report"]
    code, out_cold, err_cold = run(build, capsys)
    assert code == 0 and "merge" not in out_cold + err_cold

    def edit(word: str) -> None:
        text = SAMPLE.read_text(encoding="utf-8").replace("175名", word, 1)
        (src / "a.txt").write_text(text, encoding="utf-8")

    edit("176名")
    code, out_again, err_again = run(build, capsys)
    assert code == 0 and "waiting for the store to merge the files" in err_again
    assert "Note: the store took 1 s to close" in out_again
    edit("177名")
    code, out_quiet, err_quiet = run([*build, "--quiet"], capsys)
    assert code == 0 and "merge" not in out_quiet + err_quiet


def test_a_build_keeps_only_the_newest_of_the_store_s_old_info_logs(tmp_path: Path, capsys) -> None:  # fmt: skip
    """Every read-write open of the store (a build's, `kgtools serve --writable`'s) starts a
    new info log, and the store keeps a thousand of them; the build removes all but the
    newest three."""
    from pyoxigraph import Store

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLE, src / "a.txt")
    build = ["build", str(src), "--out", str(out), "--no-report"]
    assert run(build, capsys)[0] == 0
    for _ in range(5):
        store = Store(str(out / "store"))  # opened for writing, then closed
        del store
    assert len(list((out / "store").glob("LOG.old.*"))) >= 5
    newest = sorted((out / "store").glob("LOG.old.*"), key=lambda p: int(p.name.split(".")[-1]))[-2:]  # fmt: skip
    (src / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8").replace("175名", "176名", 1),
                               encoding="utf-8")  # fmt: skip
    assert run(build, capsys)[0] == 0
    kept = list((out / "store").glob("LOG.old.*"))
    assert len(kept) == 3 and all(p in kept for p in newest)
