"""What large corpora rely on (issue 8), on the fictional corpus (tests/corpus/, invented
示例市/某县 notices): validation cached by content and shapes, builds without the
whole-corpus files, and incremental store updates that equal a fresh build."""

from __future__ import annotations

import importlib
import json
import os
import shutil
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
    (out / "validation-cache.json").unlink()
    code, uncached, err = run(["validate", str(out)], capsys)
    assert uncached == after and "cache" not in err

    # Another extractor writes other graphs from the same sources: its build format differs
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "format": data["format"] + "x"}), encoding="utf-8")
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


def test_without_corpus_files_the_store_is_the_same(corpus: Path, tmp_path: Path) -> None:
    with_files, without = tmp_path / "a", tmp_path / "b"
    build([corpus], out=with_files, jobs=1)
    build([corpus], out=without, jobs=1, corpus_files=False)
    assert (with_files / "graph.nq").is_file() and not (without / "graph.nq").exists()
    assert not (without / "graph.trig").exists() and not list((without / "notices").glob("*.trig"))
    assert len(list((with_files / "notices").glob("*.trig"))) == 6
    assert _quads(without / "store") == _quads(with_files / "store")
    build([corpus], out=with_files, jobs=1, corpus_files=False)  # stale corpus files go
    assert not (with_files / "graph.nq").exists() and not (with_files / "graph.trig").exists()
    assert not list((with_files / "notices").glob("*.trig"))


def test_incremental_store_equals_a_fresh_build(corpus: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "incremental", tmp_path / "fresh"
    build([corpus], out=out, jobs=1)
    _edit(corpus / "mou-xian-caizheng-2024.txt")  # its links change: a new regulation
    (corpus / "shili-daxue-2024.txt").unlink()  # its links go
    result = build([corpus], out=out, jobs=1)
    assert result.extracted == ["mou-xian-caizheng-2024"] and result.removed == ["shili-daxue-2024"]
    build([corpus], out=fresh, jobs=1)
    assert _quads(out / "store") == _quads(fresh / "store")
    assert (out / "links.nq").read_bytes() == (fresh / "links.nq").read_bytes()
    assert not list((out / "notices").glob("*.previous"))


def test_a_build_interrupted_before_the_store_leaves_it_to_be_reloaded(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files change before the store does: a build stopped in between must not leave
    a store that the next build takes for up to date (it updates by difference)."""
    build_module = importlib.import_module("kgtools.build.corpus")  # the package exports build()

    out, fresh = tmp_path / "interrupted", tmp_path / "fresh"
    build([corpus], out=out, jobs=1)
    _edit(corpus / "mou-xian-caizheng-2024.txt")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(build_module, "load_store", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build([corpus], out=out, jobs=1)
    assert list((out / "notices").glob("*.previous"))  # the old N-Quads, kept for the store
    _edit(corpus / "shili-jiaoyuju-2023.txt")
    build([corpus], out=out, jobs=1)
    build([corpus], out=fresh, jobs=1)
    assert _quads(out / "store") == _quads(fresh / "store")
    assert not list((out / "notices").glob("*.previous"))


def test_a_rebuild_with_nothing_changed_leaves_the_cross_notice_files(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    stamps = {f: (out / f).stat().st_mtime_ns for f in ("links.nq", "graph.nq", "store/CURRENT")}
    result = build([corpus], out=out, jobs=1)
    assert result.unchanged == 6 and not result.extracted
    assert {f: (out / f).stat().st_mtime_ns for f in stamps} == stamps
    build([corpus], out=out, jobs=1, corpus_files=False)  # asked for another layout: rewritten
    assert not (out / "graph.nq").exists() and not (out / "links.trig").exists()
    result = build([corpus], out=out, jobs=1)
    assert (out / "graph.nq").is_file() and (out / "links.trig").is_file()
    assert len(result.extracted) == 6 and len(list((out / "notices").glob("*.trig"))) == 6


def test_a_notice_that_now_fails_leaves_the_store_and_the_text_index(
    corpus: Path, tmp_path: Path
) -> None:
    from kgtools.build import textindex

    out = tmp_path / "build"
    build([corpus], out=out, jobs=1)
    gone = "https://w3id.org/xuncha/id/notice/shili-daxue-2024"
    assert any(f" <{gone}>" in q for q in _quads(out / "store"))
    assert [h for h in textindex.search(out, "") if h[0] == "shili-daxue-2024"]
    (corpus / "shili-daxue-2024.txt").write_bytes(b"")  # an empty file: no notice any more
    result = build([corpus], out=out, jobs=1)
    assert [Path(f.source).name for f in result.failures] == ["shili-daxue-2024.txt"]
    assert not any(f" <{gone}>" in q for q in _quads(out / "store"))
    assert not [h for h in textindex.search(out, "") if h[0] == "shili-daxue-2024"]
    assert not list((out / "notices").glob("shili-daxue-2024.*"))


def test_only_the_code_that_shapes_the_files_decides_a_full_re_extraction() -> None:
    import kgtools
    from kgtools.build.manifest import build_code

    package = Path(kgtools.__file__).resolve().parent
    names = {p.relative_to(package).as_posix() for p in build_code() if package in p.parents}
    # extraction and emission change the notices' files: a change re-extracts every notice
    assert {"extract.py", "emit/triples.py", "segment.py", "recognize/structure.py",
            "read/html.py", "build/corpus.py", "record.py"} <= names  # fmt: skip
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
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    notice = "shili-jiaoyuju-2023"
    recorded = data["notices"][notice]["stat"]
    source = (corpus / f"{notice}.txt").stat()
    assert recorded == [source.st_size, source.st_mtime_ns]

    _rewrite_keeping_size_and_mtime(corpus / f"{notice}.txt")
    # The previous build started after the file's mtime: its size and mtime are trusted.
    data["started_ns"] = recorded[1] + RACY_NS + 1
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert build([corpus], out=out, jobs=1).extracted == []
    # It started within a coarse clock tick of the file's mtime: hashed, the edit seen.
    data["started_ns"] = recorded[1] + RACY_NS
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert build([corpus], out=out, jobs=1).extracted == [notice]
    # A later build records the new hash with the same stat; any size or mtime change
    # is hashed again (and an unchanged hash keeps the notice).
    os.utime(corpus / f"{notice}.txt", ns=(recorded[1] + 10**9, recorded[1] + 10**9))
    result = build([corpus], out=out, jobs=1)
    assert result.extracted == [] and result.unchanged == 6
