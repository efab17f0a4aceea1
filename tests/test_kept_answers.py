"""The rows the build keeps for the library's ``# kept: per notice`` queries
(kgtools.query.kept): the same rows as the SPARQL query on the store, for every parameter
value, on the fictional corpus (tests/corpus/, invented 示例市/某县 notices) and on fictional
synthetic notices (bench/synth.py); kept equal through incremental builds; unused when they
do not belong to the store."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.errors import QueryFileError
from kgtools.query import find_query, query
from kgtools.query.aggregates import PART, add_rows, aggregate_columns, notice_select, total_rows
from kgtools.query.kept import (
    SCHEMA,
    _read,
    answers_path,
    dumps,
    from_answers,
    kept_queries,
)
from kgtools.query.keptrun import _kept_rows
from kgtools.query.keptwriter import _rows
from kgtools.query.library import (
    ANY,
    QueryInfo,
    bind,
    catalog,
    parse_query_file,
    strip_comments,
)
from kgtools.query.local import open_store, run_on_store
from kgtools.query.ordering import split_order_by
from kgtools.site.buildstep import BuildCollector, BuildStep, _own_links

CORPUS = Path(__file__).resolve().parent / "corpus"
BENCH = Path(__file__).resolve().parents[1] / "bench"
KEPT = [
    "concreteness",
    "findings-by-theme",
    "measures-per-finding",
    "notices",
    "organization-rounds",
    "outputs-by-organization",
    "outputs-by-unit",
    "regulations-written",
    "rounds",
    "teams",
    "themes",
]


def _build(src: Path, out: Path, step: BuildStep | None = None, **kw: object) -> object:
    """A build as `kgtools build --no-report` runs it (the kept rows made by the workers),
    with a step of the test's own."""
    collector = BuildCollector.for_build(out, report=False)
    result = build([src], out=out, jobs=2, step=step or BuildStep(), collect=collector, **kw)
    collector.commit()
    return result


def _sparql(out: Path, info: QueryInfo, params: dict[str, str]) -> list[list[object]]:
    return run_on_store(open_store(out / "store"), bind(info, params)).rows


def _kept(out: Path, info: QueryInfo, params: dict[str, str]) -> list[list[object]]:
    answered = from_answers(info, params, out / "store")
    assert answered is not None, f"{info.name}: not answered from the kept rows"
    assert answered.columns == info.columns
    return answered.rows


def _same(kept: list[list[object]], sparql: list[list[object]], info: QueryInfo) -> None:
    """The same rows, in the query's order (rows that tie on every sort key may come in
    either order, and a GROUP_CONCAT's values too: SPARQL leaves both open)."""
    concat = {i: c.separator for i, c in enumerate(info.aggregates or []) if c.kind == "concat"}

    def canonical(row: list[object]) -> str:
        return repr([sorted(str(v).split(concat[i])) if i in concat else v
                     for i, v in enumerate(row)])  # fmt: skip

    assert sorted(map(canonical, kept)) == sorted(map(canonical, sparql))
    _, keys = split_order_by(strip_comments(info.text))
    at = [info.columns.index(name) for name, _ in keys]
    assert [[r[i] for i in at] for r in kept] == [[r[i] for i in at] for r in sparql]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    _build(CORPUS, out)
    return out


@pytest.fixture(scope="module")
def synth_build(tmp_path_factory) -> Path:
    sys.path.insert(0, str(BENCH))
    from synth import write_corpus

    src, out = tmp_path_factory.mktemp("synth-src"), tmp_path_factory.mktemp("synth-out")
    write_corpus(src, 24, seed=5)
    _build(src, out)
    return out


def test_the_library_keeps_the_queries_of_a_row_per_notice() -> None:
    assert sorted(info.name for info in catalog() if info.kept) == KEPT
    # a count over the corpus is kept as the rows without it and the count per notice
    assert [i.name for i in kept_queries()] == sorted(
        [*KEPT, "organization-rounds#count"], key=lambda n: n.replace("#", " ")
    )


@pytest.mark.parametrize("name", KEPT)
def test_kept_rows_are_the_rows_of_the_sparql_query(
    name: str, corpus_build: Path, synth_build: Path
) -> None:
    info = find_query(name)
    for out in (corpus_build, synth_build):
        everything = _sparql(out, info, {p.name: ANY for p in info.params})
        assert everything, (name, out.name)
        _same(_kept(out, info, {}), _sparql(out, info, {}), info)
        for p in info.params:
            at = info.columns.index(p.name)
            values = sorted({str(r[at]) for r in everything if r[at] is not None})
            assert values, (name, p.name)
            for value in [*values, ANY, "不存在", '"', "city ", ""]:
                kept = _kept(out, info, {p.name: value})
                _same(kept, _sparql(out, info, {p.name: value}), info)
                if value in values:
                    assert kept and all(r[at] == value for r in kept)


def test_kept_rows_through_query_and_its_decimals(synth_build: Path) -> None:
    rows = query("measures-per-finding", synth_build / "store").rows
    info = find_query("measures-per-finding")
    assert rows == _kept(synth_build, info, {})
    per_finding = [r[info.columns.index("per_finding")] for r in rows]
    assert any(not isinstance(v, int) for v in per_finding)  # Decimal kept as Decimal
    assert rows == _sparql(synth_build, info, {}) or sorted(map(repr, rows)) == sorted(
        map(repr, _sparql(synth_build, info, {}))
    )


def _edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "一是" in text
    path.write_text(text.replace("一是", "一是修订《示例采购内控办法》，", 1), encoding="utf-8")


def test_incremental_builds_keep_the_rows_equal_to_the_store(tmp_path: Path) -> None:
    src, out, fresh = tmp_path / "src", tmp_path / "incremental", tmp_path / "fresh"
    shutil.copytree(CORPUS, src, ignore=shutil.ignore_patterns("expected"))
    _build(src, out)
    fresh_before = tmp_path / "before"
    shutil.copytree(out, fresh_before)
    notices = find_query("notices")
    before = {r[0]: r for r in _kept(out, notices, {})}
    _edit(src / "mou-xian-caizheng-2024.txt")
    (src / "shili-daxue-2024.txt").unlink()
    result = _build(src, out)
    assert result.extracted == ["mou-xian-caizheng-2024"]  # type: ignore[attr-defined]
    assert result.removed == ["shili-daxue-2024"]  # type: ignore[attr-defined]
    _build(src, fresh)
    for name in KEPT:
        info = find_query(name)
        kept = _kept(out, info, {})
        _same(kept, _sparql(out, info, {}), info)
        _same(kept, _kept(fresh, info, {}), info)
    themes = find_query("themes")
    counted = themes.columns.index("notices")
    assert sum(r[counted] for r in _kept(out, themes, {})) < sum(r[counted] for r in _kept(fresh_before, themes, {}))  # fmt: skip
    after = {r[0]: r for r in _kept(out, notices, {})}
    assert "shili-daxue-2024" in before and "shili-daxue-2024" not in after
    regulations = notices.columns.index("regulations")
    assert after["mou-xian-caizheng-2024"][regulations] > before["mou-xian-caizheng-2024"][regulations]  # fmt: skip


def test_a_count_over_the_corpus_follows_the_notices(tmp_path: Path) -> None:
    """organization-rounds keeps an organization inspected in more than one round: its two
    fictional 示例市教育局 notices. One of them removed, it is gone from the kept rows as
    from the store's; put back, it comes back."""
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(CORPUS, src, ignore=shutil.ignore_patterns("expected"))
    info = find_query("organization-rounds")
    _build(src, out)
    notice = info.columns.index("notice")
    both = ["shili-jiaoyuju-2023", "shili-jiaoyuju-2025"]
    assert sorted(r[notice] for r in _kept(out, info, {})) == both
    moved = (src / "shili-jiaoyuju-2025.txt").rename(tmp_path / "away.txt")
    _build(src, out)
    assert _kept(out, info, {}) == _sparql(out, info, {}) == []
    moved.rename(src / "shili-jiaoyuju-2025.txt")
    _build(src, out)
    assert sorted(r[notice] for r in _kept(out, info, {})) == both
    _same(_kept(out, info, {}), _sparql(out, info, {}), info)


class _Keeping(BuildStep):
    """A step that keeps the chunks' graphs (for a test to query them again)."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[list[object]] = []

    def __call__(self, graphs):  # type: ignore[no-untyped-def]
        self.chunks.append(list(graphs))
        return super().__call__(graphs)


def test_groupings_on_a_whole_chunk_give_each_notice_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A grouping with a GRAPH pattern runs once on a chunk, grouped by notice too: each
    notice gets the rows the query gives on its graph alone (fictional corpus, 8 synthetic
    notices, chunks as the workers make them)."""
    sys.path.insert(0, str(BENCH))
    from synth import write_corpus

    from kgtools.query import keptrun as kept
    from kgtools.validate.cache import load_graphs

    src = tmp_path / "src"
    shutil.copytree(CORPUS, src, ignore=shutil.ignore_patterns("expected"))
    write_corpus(src, 8, seed=11)
    step = _Keeping()
    build([src], out=tmp_path / "out", jobs=1, step=step)  # the step in this process
    assert step.chunks and max(map(len, step.chunks)) > 1, "the step ran elsewhere"
    whole = [i.name for i in kept_queries() if i.aggregates and kept._GRAPH_VARIABLE.search(i.text)]  # fmt: skip
    assert sorted(whole) == ["outputs-by-organization", "outputs-by-unit", "regulations-written", "themes"]  # fmt: skip
    chunked = []
    real = kept._chunk_rows
    monkeypatch.setattr(kept, "_chunk_rows", lambda *a: chunked.append(real(*a)) or chunked[-1])
    for graphs in step.chunks:
        links = {g.notice: _own_links(g) for g in graphs}  # type: ignore[attr-defined]
        notices = [g.notice for g in graphs]  # type: ignore[attr-defined]
        both = [kept.notice_answers(load_graphs([g.nquads for g in graphs]), notices, links)]  # type: ignore[attr-defined]
        assert sum(rows is not None for rows in chunked) == len(whole)  # none fell back
        monkeypatch.setattr(kept, "_chunk_rows", lambda *a: None)  # every notice alone
        both.append(kept.notice_answers(load_graphs([g.nquads for g in graphs]), notices, links))  # type: ignore[attr-defined]
        monkeypatch.setattr(kept, "_chunk_rows", lambda *a: chunked.append(real(*a)) or chunked[-1])
        chunked.clear()
        for notice in notices:
            for name in whole:
                one, alone = (sorted(map(repr, _rows(b[notice][name]))) for b in both)
                assert one == alone, (notice, name)
        assert any(_rows(both[0][n]["regulations-written"]) for n in notices)


class _Failing(BuildStep):
    """A step whose kept rows are lost for one notice (as when a worker's step fails)."""

    def __call__(self, graphs):  # type: ignore[no-untyped-def]
        made = super().__call__(graphs)
        return [m._replace(answers=None) if g.notice == "mou-xian-caizheng-2024" else m
                for g, m in zip(graphs, made, strict=True)]  # fmt: skip


def test_rows_that_do_not_belong_to_the_store_are_not_used(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(CORPUS, src, ignore=shutil.ignore_patterns("expected"))
    info = find_query("rounds")
    _build(src, out)
    expected = _kept(out, info, {})
    # a build without the step (the Python API's build()): a new store, the old rows
    _edit(src / "mou-xian-caizheng-2024.txt")
    build([src], out=out, jobs=1)
    assert from_answers(info, {}, out / "store") is None
    assert query("rounds", out / "store").rows == _sparql(out, info, {})
    # the next build with the step cannot trust the other rows: still not used
    (src / "mou-xian-caizheng-2024.txt").write_text(
        (CORPUS / "mou-xian-caizheng-2024.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    _build(src, out)
    assert from_answers(info, {}, out / "store") is None
    _build(src, out, force=True)  # a full build makes them all again
    _same(_kept(out, info, {}), expected, info)
    # one notice's rows lost: none used
    _edit(src / "mou-xian-caizheng-2024.txt")
    _build(src, out, step=_Failing())
    assert from_answers(info, {}, out / "store") is None
    assert query("rounds", out / "store").rows == _sparql(out, info, {})
    _build(src, out, force=True)
    assert from_answers(info, {}, out / "store") is not None
    answers_path(out).write_bytes(b"not a database")  # damaged: SPARQL answers
    assert from_answers(info, {}, out / "store") is None
    assert query("rounds", out / "store").rows == _sparql(out, info, {})


def test_a_copy_of_a_kept_query_runs_on_the_store(tmp_path: Path, corpus_build: Path) -> None:
    own = tmp_path / "rounds.rq"
    own.write_text(find_query("rounds").text, encoding="utf-8")
    assert from_answers(parse_query_file(own), {}, corpus_build / "store") is None


def test_kgtools_build_keeps_the_rows_without_a_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "kgtools", "build", str(CORPUS), "--out", str(out),
                    "--no-report", "-q"], check=True)  # fmt: skip
    info = find_query("notices")
    assert len(_kept(out, info, {})) == len(_sparql(out, info, {})) > 1


_HEAD = "# columns: {columns}\n# kept: per notice\n{params}PREFIX xk: <https://w3id.org/xuncha/ontology#>\n"  # fmt: skip


@pytest.mark.parametrize(
    ("columns", "params", "body", "message"),
    [
        ("n", "", "SELECT ?n WHERE { ?n xk:noticeId ?x }", "needs a `notice` column"),
        ("notice", "", "SELECT ?notice WHERE { { SELECT ?notice (COUNT(*) AS ?c) WHERE { ?n xk:noticeId ?notice } GROUP BY ?notice } }",  # fmt: skip
         "the union of each notice's rows"),
        ("notice, c", "# param: c (string, default: any) — a count\n",
         "SELECT ?notice (COUNT(*) AS ?c) WHERE { ?n xk:noticeId ?notice FILTER (!BOUND(?param_c) || ?c = ?param_c) } GROUP BY ?notice",  # fmt: skip
         "parameters only for the columns it groups by"),
        ("notice, name", "", "SELECT ?notice ?name WHERE { ?n xk:noticeId ?notice ; xk:canonicalIssuer ?c . ?c skos:altLabel ?name }",  # fmt: skip
         "reads skos:altLabel, which the links graph makes from the whole corpus"),
        ("notice, t", "", "SELECT ?notice ?t WHERE { ?n xk:noticeId ?notice ; xk:canonicalIssuer ?c . ?r xk:issuer ?c ; <http://www.w3.org/2000/01/rdf-schema#label> ?t }",  # fmt: skip
         "reads xk:issuer"),
        ("u, a", "", "SELECT ?u (AVG(?v) AS ?a) WHERE { ?t xk:sumUnit ?u ; xk:sumValue ?v } GROUP BY ?u",  # fmt: skip
         "does not add up across notices"),
        ("notice", "", "SELECT DISTINCT ?notice WHERE { ?n xk:noticeId ?notice }", "DISTINCT"),
        ("notice", "# param: level (string, default: any) — a level\n",
         "SELECT ?notice WHERE { ?n xk:noticeId ?notice }", "parameter 'level'"),
        ("notice", "", "SELECT ?notice WHERE { ?n xk:noticeId ?notice } ORDER BY STR(?notice)",
         "ORDER BY only by"),
        ("notice", "", "SELECT ?notice WHERE { ?n xk:noticeId ?notice . " + 2 * "{ SELECT ?n WHERE { ?n xk:reportsOn ?r } GROUP BY ?n HAVING (COUNT(?r) > 1) } " + "}",  # fmt: skip
         "at most one count over the corpus"),
        ("u, n", "", "SELECT ?u (COUNT(?t) AS ?n) WHERE { ?t xk:sumUnit ?u . { SELECT ?u WHERE { ?x xk:sumUnit ?u } GROUP BY ?u HAVING (COUNT(?x) > 1) } } GROUP BY ?u",  # fmt: skip
         "a grouping has no count over the corpus"),
        ("notice", "", "SELECT ?notice WHERE { ?n xk:noticeId ?notice . { SELECT ?o WHERE { ?r xk:inspects ?o } GROUP BY ?o HAVING (COUNT(?r) > 1) } }",  # fmt: skip
         "the count.s .o joins nothing"),
        ("notice", "", "SELECT ?notice WHERE { ?n xk:noticeId ?notice . { SELECT ?n WHERE { ?n xk:reportsOn ?r } GROUP BY ?n HAVING (COUNT(?r) >= 1) } }",  # fmt: skip
         "the union of each notice's rows"),
    ],
)  # fmt: skip
def test_a_kept_query_that_is_not_per_notice_is_refused(
    tmp_path: Path, columns: str, params: str, body: str, message: str
) -> None:
    path = tmp_path / "q.rq"
    path.write_text(_HEAD.format(columns=columns, params=params) + body, encoding="utf-8")
    with pytest.raises(QueryFileError, match=message.replace("(", r"\(")):
        parse_query_file(path)


def test_a_notice_put_twice_into_new_rows_counts_once(tmp_path: Path, corpus_build: Path) -> None:
    """A writer whose table starts empty (a cold build) takes nothing out before a notice's
    first rows, but a notice given twice (two sources of one id) replaces its rows."""
    from kgtools.query.keptwriter import AnswersWriter

    db = sqlite3.connect(answers_path(corpus_build))
    notice = db.execute("SELECT notice FROM answers LIMIT 1").fetchone()[0]
    answers = {info.name: db.execute("SELECT rows FROM answers WHERE notice = ? AND query = ?",
                                     (notice, q)).fetchone()[0]
               for q, info in enumerate(kept_queries())}  # fmt: skip
    db.close()
    writer = AnswersWriter(tmp_path)
    writer.put(notice, answers)
    writer.put(notice, answers)
    at = [q for q, info in enumerate(kept_queries()) if info.aggregates is not None]
    states = [state for q in at for state in writer._totals_of(q).values()]
    assert states and all(state[0] == 1 for state in states)
    assert writer.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == len(answers)
    writer.abandon()


def test_totals_add_up_and_come_out_again() -> None:
    columns = aggregate_columns(
        'SELECT ?unit (SUM(?v) AS ?total) (COUNT(?t) AS ?n) (GROUP_CONCAT(DISTINCT ?l; separator=" ") AS ?levels) '  # fmt: skip
        "(ROUND(AVG(?d)) AS ?days)",
        " GROUP BY ?unit ORDER BY ?unit",
    )
    assert columns is not None
    # a notice's rows as notice_select() has them: distinct values joined by PART, a mean
    # as its sum and count
    one = [["人", Decimal("0.1"), 2, f"city{PART}county", 3, 2], ["元", 5, 1, "city", 5, 1]]
    two = [["人", Decimal("0.2"), 1, f"county{PART}province", 2, 1], ["元", None, 1, "city", None, 1]]  # fmt: skip
    totals: dict = {}
    add_rows(totals, columns, one, 1)
    add_rows(totals, columns, two, 1)
    assert sorted(total_rows(totals, columns)) == [
        ["人", Decimal("0.3"), 3, "city county province", 2],  # exact, each level once; 5/3
        ["元", None, 2, "city", None],  # a sum without a value has none (SPARQL: unbound)
    ]
    add_rows(totals, columns, two, -1)
    assert sorted(total_rows(totals, columns)) == [["人", Decimal("0.1"), 3 - 1, "city county", 2], ["元", 5, 1, "city", 5]]  # fmt: skip
    add_rows(totals, columns, [["人", Decimal("0.9"), 1, "city", -8, 2]], 1)
    # 1.0 is 1, as rows give it; ROUND(-5/4) is -1, ROUND(-1/2) would be 0 (halves up)
    assert ["人", 1, 3, "city county", -1] in total_rows(totals, columns)
    add_rows(totals, columns, one, -1)
    add_rows(totals, columns, [["人", Decimal("0.9"), 1, "city", -8, 2]], -1)
    assert totals == {}  # a group no notice has is gone
    add_rows(
        totals, columns, [["人", 1, 1, "《甲》；《乙》", -1, 2]], 1
    )  # a value with the separator
    assert total_rows(totals, columns) == [["人", 1, 1, "《甲》；《乙》", 0]]


def test_a_notice_is_asked_for_what_adds_up() -> None:
    select = 'SELECT ?k (ROUND(AVG(?days)) AS ?avg) (GROUP_CONCAT(DISTINCT ?t; separator="；") AS ?titles)'  # fmt: skip
    assert (
        notice_select(select)
        == (
            f'SELECT ?k (SUM(?days) AS ?avg) (COUNT(?days) AS ?avg_count_) (GROUP_CONCAT(DISTINCT ?t; separator="{PART}") AS ?titles)'  # fmt: skip
        )
    )


@pytest.mark.parametrize(
    ("select", "tail", "message"),
    [
        ("SELECT ?u (AVG(?v) AS ?a)", " GROUP BY ?u", "AVG"),
        ("SELECT ?u (ROUND(AVG(?v + 1)) AS ?a)", " GROUP BY ?u", "AVG"),
        ("SELECT ?u (COUNT(DISTINCT ?v) AS ?a)", " GROUP BY ?u", "COUNT"),
        ("SELECT ?u (GROUP_CONCAT(?v) AS ?a)", " GROUP BY ?u", "GROUP_CONCAT"),
        ("SELECT ?u (SUM(?v) AS ?a)", " GROUP BY ?u HAVING (SUM(?v) > 1)", "no HAVING"),
        ("SELECT ?u ?w (SUM(?v) AS ?a)", " GROUP BY ?u", "GROUP BY variables"),
        ("SELECT ?u (SUM(?v) + 1 AS ?a)", " GROUP BY ?u", "cannot add up"),
    ],
)
def test_totals_that_do_not_add_up_are_refused(select: str, tail: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        aggregate_columns(select, tail)
    assert aggregate_columns("SELECT ?u ?v", " ORDER BY ?u") is None


def test_a_row_whose_key_is_not_a_string_keeps_its_value() -> None:
    """Rows are kept by the value of the first parameter's column; the rows whose value is
    unbound or not a string together, and no string parameter matches them."""
    info = find_query("rounds")
    notice, level = info.columns.index("notice"), info.columns.index("level")
    rows = []
    for value in ("city", None, 5, "county"):
        row: list[object] = [f"{c}-{value}" for c in info.columns]
        row[notice], row[level] = "示例-1", value
        rows.append(row)
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    db.execute("INSERT INTO answers VALUES (?, ?, ?)",
               ("示例-1", kept_queries().index(info), dumps(_kept_rows(info, rows))))  # fmt: skip
    assert sorted(map(repr, _read(db, info, {}))) == sorted(map(repr, rows))
    assert _read(db, info, {"level": "city"}) == [rows[0]]
    assert _read(db, info, {"level": "5"}) == []
    # the others come together (from_answers filters them out for a string, as SPARQL does)
    assert sorted(repr(r[level]) for r in _read(db, info, {"level": ""})) == ["5", "None"]


def test_the_public_build_keeps_the_rows(tmp_path: Path) -> None:
    import kgtools

    out = tmp_path / "out"
    result = kgtools.build([CORPUS], out=out, jobs=1)
    assert len(result.notices) > 1
    info = find_query("rounds")
    _same(_kept(out, info, {}), _sparql(out, info, {}), info)
    assert not (out / "report").exists()  # as `kgtools build --no-report`


def test_a_build_makes_the_rows_again_when_they_belong_to_another_store(tmp_path: Path) -> None:
    import kgtools
    from kgtools.site.buildstep import STALE_ROWS

    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(CORPUS, src, ignore=shutil.ignore_patterns("expected"))
    info = find_query("rounds")
    assert kgtools.build([src], out=out, jobs=1).notes == []
    _edit(src / "mou-xian-caizheng-2024.txt")
    build([src], out=out, jobs=1)  # the stage's build: no kept rows
    assert from_answers(info, {}, out / "store") is None
    result = kgtools.build([src], out=out, jobs=1)  # every notice again, with a note
    assert STALE_ROWS in result.notes and len(result.extracted) == len(result.notices) > 1
    _same(_kept(out, info, {}), _sparql(out, info, {}), info)
    # rows a lost step left out are not a reason to build everything: they come back
    # when their notice changes
    _edit(src / "mou-xian-caizheng-2024.txt")
    _build(src, out, step=_Failing())
    assert from_answers(info, {}, out / "store") is None
    result = kgtools.build([src], out=out, jobs=1)
    assert result.notes == [] and result.extracted == []
    assert from_answers(info, {}, out / "store") is None
    _edit(src / "mou-xian-caizheng-2024.txt")
    result = kgtools.build([src], out=out, jobs=1)
    assert result.extracted == ["mou-xian-caizheng-2024"]
    _same(_kept(out, info, {}), _sparql(out, info, {}), info)
