"""The text index that answers `search` on the embedded store (kgtools.textindex): the same
rows, in the same order, as the SPARQL query on the store, for every kind of search text, on
the fictional corpus (tests/corpus/, invented 示例市/某县 notices) and on fictional synthetic
notices (bench/synth.py); kept equal through incremental builds; unused when stale."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kgtools.build import textindex, textsearch
from kgtools.build.corpus import STORE_OK, build
from kgtools.build.store import open_read_only
from kgtools.query import find_query, query
from kgtools.query.library import bind
from kgtools.query.local import run_on_store

CORPUS = Path(__file__).resolve().parent / "corpus"
BENCH = Path(__file__).resolve().parents[1] / "bench"
TEXTS = [
    "采购", "公务卡", "整改", "制度", "采", "，", "。", "", " ", "示例", "万元", "2024",
    "2024年", "a", "A", "党组", "《", "不存在的词语", '"', "\\", "整改落实到位", "（一）", "\n",
]  # fmt: skip


def _sparql(out: Path, text: str) -> list[list[object]]:
    return run_on_store(
        open_read_only(out / "store"), bind(find_query("search"), {"text": text})
    ).rows


def _indexed(out: Path, text: str) -> list[list[object]]:
    return [list(hit) for hit in textsearch.search(out, text)]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    build([CORPUS], out=out, jobs=1)
    return out


@pytest.fixture(scope="module")
def synth_build(tmp_path_factory) -> Path:
    sys.path.insert(0, str(BENCH))
    from synth import write_corpus

    src, out = tmp_path_factory.mktemp("synth-src"), tmp_path_factory.mktemp("synth-out")
    write_corpus(src, 24, seed=3)
    build([src], out=out, jobs=2)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_index_gives_the_rows_of_the_sparql_query(
    text: str, corpus_build: Path, synth_build: Path
) -> None:
    for out in (corpus_build, synth_build):
        assert _indexed(out, text) == _sparql(out, text), (out.name, text)


@pytest.mark.parametrize("text", ["采购", "", "。", "不存在的词语"])
def test_a_second_process_searches_half_of_many_notices(
    text: str, synth_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above SPLIT_AT candidate notices a second Python searches some of them: the same
    hits. If it cannot run (here: its interpreter is a program that fails) or takes too
    long, this process searches its part too."""
    expected = _indexed(synth_build, text)
    monkeypatch.setattr(textsearch, "SPLIT_AT", 2)
    monkeypatch.setattr(textsearch, "_HEAD_START", 0)
    here: list[tuple[object, ...]] = []  # the parts searched in this process: (low, high)
    real = textsearch._search_rows
    monkeypatch.setattr(textsearch, "_search_rows", lambda db, t, *part: here.append(part) or real(db, t, *part))  # fmt: skip
    assert _indexed(synth_build, text) == expected
    if text != "不存在的词语":  # no candidate notices: no second process
        assert (
            len(here) == 1 and here[0][0] is None and here[0][1]
        )  # from a notice on: the helper's
    python = sys.executable
    for executable, patience in [("/bin/false", 600), (python, 0)]:  # it fails; it is too slow
        here.clear()
        monkeypatch.setattr(sys, "executable", executable)
        monkeypatch.setattr(textsearch, "_PATIENCE", patience)
        assert _indexed(synth_build, text) == expected
        if text != "不存在的词语":
            assert len(here) == 2 and here[1][1] is None  # its part searched here


def test_a_node_is_named_after_its_parent_when_it_lies_inside_it() -> None:
    """The index names a node by the rest of its path after its parent's when the
    parent's span contains its span; otherwise by its whole path. Class initials differ."""
    assert len({c[0] for c in textindex.SEARCH_CLASSES}) == len(textindex.SEARCH_CLASSES)
    nodes = [("ProblemArea", "area/1", 0, 10), ("Finding", "area/1/finding/1", 2, 8),
             ("Regulation", "regulation/ab12", 3, 6), ("Measure", "area/1/finding/1/measure/1", 4, 6),
             ("Measure", "area/1/measure/9", 9, 12)]  # fmt: skip
    spans = [(s, e, s, e) for _, _, s, e in nodes]
    assert textindex._names(nodes, spans) == [
        "Parea/1", "F/finding/1", "Rregulation/ab12",
        "Marea/1/finding/1/measure/1",  # its parent is the regulation, not its path's
        "Marea/1/measure/9",  # it ends after area/1 (they overlap)
    ]  # fmt: skip


def test_the_index_finds_what_it_should(corpus_build: Path, synth_build: Path) -> None:
    hits = _indexed(corpus_build, "公务卡")
    assert hits and all("公务卡" in h[5] for h in hits)
    everything = _indexed(synth_build, "")
    assert {"Finding", "Measure", "Regulation", "Output"} <= {h[1] for h in everything}
    assert len(everything) > 24 * 5  # each synthetic notice has at least 5 findings
    assert _indexed(corpus_build, "采") and len(_indexed(corpus_build, "采")) >= len(
        _indexed(corpus_build, "采购")
    )


def test_kgtools_query_uses_the_index_only_while_it_belongs_to_the_store(tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([CORPUS], out=out, jobs=1)
    assert textindex.generation(out) == (out / STORE_OK).read_text().split()[-1]
    expected = query("search", out / "store", params={"text": "采购"}).rows
    assert expected == _sparql(out, "采购") and expected
    (out / "text-index.sqlite").write_bytes(b"not a database")  # stale or damaged: SPARQL answers
    assert query("search", out / "store", params={"text": "采购"}).rows == expected
    build([CORPUS], out=out, jobs=1)  # nothing changed, but the index is rebuilt
    assert textindex.generation(out) == (out / STORE_OK).read_text().split()[-1]
    assert _indexed(out, "采购") == expected


def _edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "一是" in text
    path.write_text(text.replace("一是", "一是修订《示例采购内控办法》，", 1), encoding="utf-8")


def test_incremental_builds_keep_the_index_equal_to_the_store(tmp_path: Path) -> None:
    src, out, fresh = tmp_path / "src", tmp_path / "incremental", tmp_path / "fresh"
    shutil.copytree(CORPUS, src, ignore=shutil.ignore_patterns("expected"))
    build([src], out=out, jobs=1)
    before = len(_indexed(out, "示例采购内控办法"))
    _edit(src / "mou-xian-caizheng-2024.txt")
    (src / "shili-daxue-2024.txt").unlink()
    result = build([src], out=out, jobs=1)
    assert result.extracted == ["mou-xian-caizheng-2024"] and result.removed == ["shili-daxue-2024"]
    build([src], out=fresh, jobs=1)
    for text in ("", "采购", "示例采购内控办法", "示例大学"):
        assert _indexed(out, text) == _sparql(out, text) == _indexed(fresh, text), text
    assert before == 0 and _indexed(out, "示例采购内控办法")
    assert not [h for h in _indexed(out, "") if h[0] == "shili-daxue-2024"]


def test_offsets_after_characters_of_every_utf8_length(tmp_path: Path) -> None:
    """The index searches UTF-8 bytes and gives character offsets: characters of one, two,
    three and four bytes (𠮷 lies outside the BMP) before and inside the nodes move the two
    apart, and the rows stay those of the SPARQL query."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    text = (CORPUS / "mou-xian-caizheng-2024.txt").read_text(encoding="utf-8")
    assert "一是" in text and "（一）" in text
    text = text.replace("（一）", "（一）ab é 𠮷", 1).replace("一是", "一是对𠮷é采购a", 1)
    (src / "mou-xian-caizheng-2024.txt").write_text(text, encoding="utf-8")
    build([src], out=out, jobs=1)
    for word in ("𠮷", "é", "𠮷é采购", "a", "采购", "", "细则"):
        rows = _indexed(out, word)
        assert rows == _sparql(out, word), word
        assert all(word in row[5] for row in rows), word
    assert _indexed(out, "𠮷é采购")  # inside a measure


@pytest.mark.parametrize("seed", range(40))
def test_the_spans_walk_finds_the_nodes_that_trying_every_span_finds(seed: int) -> None:
    """Random spans over a random text of a few letters: nested ones (walked from the last
    span starting before a hit up its parents), overlapping ones (every span tried), empty
    ones, equal ones, and 32-bit offsets; every node containing the pattern, no other."""
    import random

    rng = random.Random(seed)
    body = "".join(rng.choice("ab采购") for _ in range(rng.randint(0, 80))).encode("utf-8")
    offset = 70_000 if seed % 5 == 0 else 0  # past 16 bits: 32-bit integers
    body = b"x" * offset + body
    cuts = sorted(rng.randint(offset, len(body)) for _ in range(2 * rng.randint(0, 12)))
    if seed % 2:  # nested: intervals of a balanced bracketing of the cut points
        pairs = [(cuts[i], cuts[-1 - i]) for i in range(len(cuts) // 2)]
        pairs += [(c, c) for c in cuts[:2]] + pairs[:1]  # empty and equal spans
        if pairs:  # two that meet, inside the innermost
            a, b = pairs[len(cuts) // 2 - 1] if cuts else pairs[0]
            pairs += [(a, (a + b) // 2), ((a + b) // 2, b)]
    else:
        pairs = [tuple(sorted((rng.choice(cuts), rng.choice(cuts)))) for _ in cuts]
    spans = sorted(((s, e, s, e) for s, e in pairs), key=lambda x: (x[2], -x[3]))
    values, nested = textindex.unpack_spans(textindex.pack_spans(spans))
    assert list(values[0::5]) == [s for s, _, _, _ in spans]
    if seed % 2:
        assert nested
    for pattern in [b"a", b"ab", "采购".encode(), "购a".encode(), b"b"]:
        expected = [i for i, (_, _, s, e) in enumerate(spans) if body.find(pattern, s, e) >= 0]
        assert textsearch._containing(body, pattern, values, nested) == expected
