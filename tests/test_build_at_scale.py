"""What large corpora rely on (issues 8 and 20), on the fictional corpus (tests/corpus/,
invented 示例市/某县 notices): validation cached by content and shapes, the store as the
only copy of the graph, and incremental store updates that equal a fresh build."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from kgtools.build import build
from kgtools.build.sources import RACY_NS
from kgtools.resources import resource_dir
from kgtools.validate import validate

from .test_cli import run

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, src / path.name)
    return src


def _edit(path: Path) -> None:
    """Add a regulation to the first measure of a fictional notice."""
    text = path.read_text(encoding="utf-8")
    marker = "一是"
    assert marker in text
    path.write_text(text.replace(marker, "一是制定《示例整改台账管理制度》，", 1), encoding="utf-8")


def _set_meta(out: Path, key: str, value: str) -> None:
    """Change what build.sqlite says of the last build."""
    db = sqlite3.connect(out / "build.sqlite")
    with db:
        db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    db.close()


def _quads(store_dir: Path) -> set[str]:
    from pyoxigraph import Store

    store = Store.read_only(str(store_dir))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def test_validation_results_are_cached_by_content_and_shapes(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    code, first, err = run(["validate", str(out)], capsys)
    assert code == 1 and "cache" not in err  # the fixture corpus has one violation
    code, again, err = run(["validate", str(out)], capsys)
    assert again == first and "6 notice(s): 0 validated, 6 unchanged" in err

    _edit(corpus / "shili-jiaoyuju-2023.txt")
    build([corpus], out=out, jobs=1)
    code, after, err = run(["validate", str(out)], capsys)
    assert "6 notice(s): 1 validated, 5 unchanged" in err
    for cache in out.glob("validation-cache.sqlite*"):
        cache.unlink()
    code, uncached, err = run(["validate", str(out)], capsys)
    assert uncached == after and "cache" not in err

    # Another extractor writes other graphs from the same sources: its build format differs
    _set_meta(out, "format", "another format")
    code, _, err = run(["validate", str(out)], capsys)
    assert "cache" not in err

    shapes = tmp_path / "shapes"
    shutil.copytree(resource_dir("shapes"), shapes)
    core = shapes / "core.ttl"
    core.write_text(core.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    code, _, err = run(["validate", str(out), "--shapes", str(shapes)], capsys)
    assert "cache" not in err  # other shapes: every notice validated again


def test_sparql_and_pyshacl_engines_agree_through_the_cache(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    by_pyshacl = validate(out, engine="pyshacl").sorted_results()
    by_sparql = validate(out, engine="sparql").sorted_results()
    assert by_sparql == by_pyshacl and by_pyshacl


def test_each_quad_is_written_once_into_the_store(corpus: Path, tmp_path: Path) -> None:
    from .conftest import build_nquads

    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["build.sqlite", "concreteness.csv", "links.json", "notices", "store",
                     "summary.json", "text-index.sqlite"]  # fmt: skip
    assert sorted(p.suffix for p in (out / "notices").iterdir()) == [".json"] * 6
    # what the graph files held is in the store, and export writes it out
    graphs = {line.rsplit(b" ", 2)[1] for line in build_nquads(out).splitlines()}
    assert len(graphs) == 7  # six notices and the links graph


def test_incremental_store_equals_a_fresh_build(corpus: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "incremental", tmp_path / "fresh"
    build([corpus], out=out, jobs=1)
    _edit(corpus / "mou-xian-caizheng-2024.txt")  # its links change: a new regulation
    (corpus / "shili-daxue-2024.txt").unlink()  # its links go
    result = build([corpus], out=out, jobs=1)
    assert result.extracted == ["mou-xian-caizheng-2024"] and result.removed == ["shili-daxue-2024"]
    build([corpus], out=fresh, jobs=1)
    assert _quads(out / "store") == _quads(fresh / "store")
    for name in ("links.json", "concreteness.csv"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes()
    assert sorted(os.listdir(out / "notices")) == sorted(os.listdir(fresh / "notices"))


def test_concreteness_csv_is_written_only_when_a_figure_or_the_file_changed(
    corpus: Path, tmp_path: Path
) -> None:
    """Writing it reads every notice's facts (0.14 s at 10 000 notices): an edit that leaves
    every notice's concreteness leaves the file; one made by hand is replaced."""
    out, csv = tmp_path / "build", tmp_path / "build" / "concreteness.csv"
    build([corpus], out=out, jobs=1)
    record = out / "notices" / "mou-xian-caizheng-2024.json"
    before = json.loads(record.read_text(encoding="utf-8"))["concreteness"]
    source = corpus / "mou-xian-caizheng-2024.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("一是", "一是认真", 1), encoding="utf-8")  # fmt: skip
    stamp = csv.stat().st_mtime_ns
    assert build([corpus], out=out, jobs=1).extracted == ["mou-xian-caizheng-2024"]
    assert json.loads(record.read_text(encoding="utf-8"))["concreteness"] == before
    assert csv.stat().st_mtime_ns == stamp  # not written again
    build([corpus], out=tmp_path / "fresh", jobs=1)
    assert csv.read_bytes() == (tmp_path / "fresh" / "concreteness.csv").read_bytes()
    csv.write_text("edited by hand\n", encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace("一是认真", "一是", 1), encoding="utf-8")  # fmt: skip
    build([corpus], out=out, jobs=1)
    assert csv.read_bytes() == (tmp_path / "fresh" / "concreteness.csv").read_bytes()
    _edit(corpus / "shili-daxue-2024.txt")  # its one measure gains a regulation
    build([corpus], out=out, jobs=1)
    changed = json.loads((out / "notices" / "shili-daxue-2024.json").read_text(encoding="utf-8"))
    assert changed["concreteness"]["with_regulation"] == 1
    build([corpus], out=tmp_path / "fresh2", jobs=1)
    assert csv.read_bytes() == (tmp_path / "fresh2" / "concreteness.csv").read_bytes()


def test_a_build_interrupted_while_loading_leaves_the_next_one_to_rebuild_in_full(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store changes in place (bulk loads are not transactions): a build stopped while
    it loads must not leave a store that the next build takes for up to date."""
    from kgtools.build.store import StoreWriter

    out, fresh = tmp_path / "interrupted", tmp_path / "fresh"
    build([corpus], out=out, jobs=1)
    _edit(corpus / "mou-xian-caizheng-2024.txt")

    def interrupted(self: StoreWriter) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(StoreWriter, "finish", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build([corpus], out=out, jobs=1)
    assert not (out / ".store-ok").exists()
    _edit(corpus / "shili-jiaoyuju-2023.txt")
    result = build([corpus], out=out, jobs=1)
    assert len(result.extracted) == 6  # no marker: everything again
    build([corpus], out=fresh, jobs=1)
    assert _quads(out / "store") == _quads(fresh / "store")


def test_a_rebuild_with_nothing_changed_leaves_the_store_and_the_files(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    names = ("links.json", "concreteness.csv", "text-index.sqlite", ".store-ok", "store/CURRENT",
             "notices/shili-daxue-2024.json")  # fmt: skip
    stamps = {f: (out / f).stat().st_mtime_ns for f in names}
    before = _quads(out / "store")
    result = build([corpus], out=out, jobs=1)
    assert result.unchanged == 6 and not result.extracted
    assert {f: (out / f).stat().st_mtime_ns for f in stamps} == stamps
    assert _quads(out / "store") == before


def test_a_notice_that_now_fails_leaves_the_store_and_the_text_index(
    corpus: Path, tmp_path: Path
) -> None:
    from kgtools.build import textsearch

    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    gone = "https://w3id.org/xuncha/id/notice/shili-daxue-2024"
    assert any(f" <{gone}>" in q for q in _quads(out / "store"))
    assert [h for h in textsearch.search(out, "") if h[0] == "shili-daxue-2024"]
    (corpus / "shili-daxue-2024.txt").write_bytes(b"")  # an empty file: no notice any more
    result = build([corpus], out=out, jobs=1)
    assert [Path(f.source).name for f in result.failures] == ["shili-daxue-2024.txt"]
    assert not any(f" <{gone}>" in q for q in _quads(out / "store"))
    assert not [h for h in textsearch.search(out, "") if h[0] == "shili-daxue-2024"]
    assert not list((out / "notices").glob("shili-daxue-2024.*"))


def test_only_the_code_that_shapes_the_files_decides_a_full_re_extraction() -> None:
    import kgtools
    from kgtools.build.manifest import build_code

    package = Path(kgtools.__file__).resolve().parent
    names = {p.relative_to(package).as_posix() for p in build_code() if package in p.parents}
    # extraction and emission change the notices' files: a change re-extracts every notice
    assert {"extract.py", "emit/triples.py", "segment.py", "recognize/structure.py",
            "read/html.py", "build/corpus.py", "record.py", "emit/quads.py"} <= names  # fmt: skip
    # readers of the build do not: changing a query runner or a chart keeps the build
    assert not names & {"query/local.py", "query/ordering.py", "query/remote.py",
                        "cli/build_cmd.py", "viz/charts.py", "__init__.py"}  # fmt: skip
    stages = ("validate/", "query/", "compare/", "viz/", "site/", "cli/")
    assert not [n for n in names if n.startswith(stages)]
    assert any(p.suffix == ".ttl" for p in build_code())  # the ontology's vocabularies count


def _rewrite_keeping_size_and_mtime(path: Path) -> None:
    """Change a character of a fictional notice without changing its size or mtime."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "整改" in text
    path.write_text(text.replace("整改", "改正", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_unchanged_sources_are_recognized_by_size_and_mtime_unless_racy(
    corpus: Path, tmp_path: Path
) -> None:
    """Like git's index: a source whose size and mtime are those recorded when it was
    hashed is not read again, unless its mtime is not older than the start of that build
    (it could have been rewritten within the same clock tick): then it is hashed again."""
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    from kgtools.build.notices_db import notice_rows

    notice = "shili-jiaoyuju-2023"
    recorded = notice_rows(out)[notice]["stat"]
    source = (corpus / f"{notice}.txt").stat()
    assert recorded == [source.st_size, source.st_mtime_ns]

    _rewrite_keeping_size_and_mtime(corpus / f"{notice}.txt")
    # The previous build started after the file's mtime: its size and mtime are trusted.
    _set_meta(out, "started_ns", str(recorded[1] + RACY_NS + 1))
    assert build([corpus], out=out, jobs=1).extracted == []
    # It started within a coarse clock tick of the file's mtime: hashed, the edit seen.
    _set_meta(out, "started_ns", str(recorded[1] + RACY_NS))
    assert build([corpus], out=out, jobs=1).extracted == [notice]
    # A later build records the new hash with the same stat; any size or mtime change
    # is hashed again (and an unchanged hash keeps the notice).
    os.utime(corpus / f"{notice}.txt", ns=(recorded[1] + 10**9, recorded[1] + 10**9))
    result = build([corpus], out=out, jobs=1)
    assert result.extracted == [] and result.unchanged == 6


def test_a_damaged_row_of_the_notice_table_makes_the_next_build_extract_again(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    before = _quads(out / "store")
    db = sqlite3.connect(out / "build.sqlite")
    with db:
        db.execute("UPDATE notices SET facts = x'00' WHERE id = 'shili-daxue-2024'")
    db.close()
    result = build([corpus], out=out, jobs=1)
    assert len(result.extracted) == 6 and not result.unchanged
    assert _quads(out / "store") == before
    assert build([corpus], out=out, jobs=1).unchanged == 6


def test_the_notice_table_keeps_a_row_under_two_kilobytes(corpus: Path, tmp_path: Path) -> None:
    """The facts compressed: a row stored as text filled a 4 KB page (4.7 KB a notice)."""
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    db = sqlite3.connect(out / "build.sqlite")
    rows = db.execute("SELECT length(facts), length(CAST(source AS BLOB)) FROM notices").fetchall()
    db.close()
    assert len(rows) == 6 and all(facts + source < 2000 for facts, source in rows)
