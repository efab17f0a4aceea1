"""A second, independent SHACL implementation agrees with ours: shacl-engine (RDF/JS, from
npm; tools/shacl-js/) runs the same shapes files on the same graphs and reports the same
results (focus node, path, severity, shape, value).

The SHACL Core part of the shapes runs on every fixture notice and on every breakage of
three notices and of tests/shapes_cases/base.ttl; the SHACL-SPARQL constraints (through
shacl-engine's SPARQL plugin, Comunica — half a second a graph) on the cases that break
them. The same on every fixture × every breakage is marked slow (``pytest -m slow``).

Needs Node.js and ``npm ci`` in tools/shacl-js (.ci/run installs both): the tests skip on
a bare machine, saying so, and are required where KGTOOLS_REQUIRE_SYSTEM=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kgtools.validate import load_shapes, validate_graphs
from kgtools.validate.results import ontology_subclass_triples
from kgtools.vocab import NOTICE_BASE, SH_NS

from .browser import require_system
from .conftest import ROOT
from .test_validate_breakages import breakages, corpus, notices
from .test_validate_cases import FILES as CASE_FILES
from .test_validate_cases import NOTICE as CASE_NOTICE
from .test_validate_cases import base, edited

JS = ROOT / "tools" / "shacl-js"
NODE = shutil.which("node")
INSTALL = "apt-get install nodejs npm && (cd tools/shacl-js && npm ci)"
# the shapes with SHACL-SPARQL constraints, and the breakages aimed at them
SPARQL_SHAPES = {"IntervalOrdered", "FeedbackAfterStationing", "PublicationAfterFeedback", "OffsetsWithinText",
                 "RoundDatesRepeatStationing", "NoticeDatesRepeatRound"}  # fmt: skip
SPARQL_BREAKAGES = {"interval-reversed", "feedback-on-last-day", "publication-on-feedback-day", "offsets-reversed",
                    "end-past-text", "stationing-start-differs", "publication-start-differs", "feedback-year-wrong"}  # fmt: skip


@pytest.fixture(scope="module")
def node() -> str:
    ready = bool(NODE) and (JS / "node_modules" / "shacl-engine").is_dir()
    require_system(ready, f"needs Node.js and the npm packages of tools/shacl-js: {INSTALL}")
    return str(NODE)


def _core_only(folder: Path) -> Path:
    """The shipped shapes without their sh:sparql constraints, one file each."""
    folder.mkdir()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        graph.remove((None, URIRef(SH_NS + "sparql"), None))
        graph.serialize(folder / path.name, format="turtle")
    return folder


def _run_js(
    node: str, graphs: list[tuple[str, str]], shapes: Path, tmp: Path, *, sparql: bool
) -> Counter:
    extra = tmp / "extra.nt"
    extra.write_text("".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in ontology_subclass_triples()),
                     encoding="utf-8")  # fmt: skip
    halves = [graphs[0::2], graphs[1::2]]  # two processes: the two cores
    runs = []
    for i, half in enumerate(halves):
        batch = tmp / f"graphs-{i}.jsonl"
        batch.write_text(
            "".join(json.dumps({"key": k, "nt": nt}) + "\n" for k, nt in half), encoding="utf-8"
        )
        env = {**os.environ, "KGTOOLS_SHACL_SPARQL": "1" if sparql else "0"}
        command = [
            node,
            str(JS / "validate.mjs"),
            str(batch),
            str(extra),
            *map(str, sorted(shapes.glob("*.ttl"))),
        ]
        runs.append(
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
            )
        )
    found: Counter = Counter()
    for process in runs:
        out, err = process.communicate(timeout=1800)
        assert process.returncode == 0, err[-2000:]
        for line in out.splitlines():
            r = json.loads(line)
            found[
                (
                    r["key"].removeprefix(NOTICE_BASE),
                    r["focus"],
                    r["path"],
                    r["severity"],
                    r["shape"],
                    r["value"],
                )
            ] += 1
    return found


def _ours(graphs: list[tuple[str, str]], shapes: Path) -> Counter:
    results = validate_graphs(graphs, shapes=load_shapes(shapes), engine="sparql")
    return Counter((r.notice, r.focus, r.path, str(r.severity), r.shape, r.value) for r in results)


def _agree(
    node: str, graphs: list[tuple[str, str]], shapes: Path, tmp: Path, *, sparql: bool
) -> None:
    theirs, ours = _run_js(node, graphs, shapes, tmp, sparql=sparql), _ours(graphs, shapes)
    assert sum(ours.values()) > 0
    assert not (theirs - ours) and not (ours - theirs), (
        sorted(theirs - ours, key=str)[:5],
        sorted(ours - theirs, key=str)[:5],
    )
    return {shape for *_, shape, _ in ours}


def _cases() -> list[tuple[str, str]]:
    return [(CASE_NOTICE, base())] + [(f"{CASE_NOTICE}/~{f.stem}", edited(f)) for f in CASE_FILES]


def test_core_shapes_agree_on_fixtures_breakages_and_cases(node: str, tmp_path: Path) -> None:
    chosen = tuple(name for name, _ in notices()[:2]) + (notices()[-1][0],)  # + the sample
    graphs = {k: nt for k, nt in corpus(chosen)}
    graphs.update({k: nt for k, nt in corpus() if k.endswith("/~none")})  # every notice, unbroken
    graphs.update(dict(_cases()))
    _agree(node, sorted(graphs.items()), _core_only(tmp_path / "core"), tmp_path, sparql=False)


def test_sparql_constraints_agree_where_they_fire(node: str, tmp_path: Path) -> None:
    sample = notices()[-1][0]
    graphs = [
        (k, nt)
        for k, nt in corpus((sample,))
        if k.rsplit("/~", 1)[1] in SPARQL_BREAKAGES | {"none"}
    ]
    graphs += [(k, nt) for k, nt in _cases() if k.rsplit("~", 1)[-1].split(".")[0] in SPARQL_SHAPES]
    assert {name for name, *_ in breakages()} >= SPARQL_BREAKAGES
    shapes = _agree(node, graphs, ROOT / "shapes", tmp_path, sparql=True)
    assert {"offsets lie within the notice text", "feedback comes after the stationing ends",
            "interval has one start and one end, no later than it"} <= shapes  # fmt: skip


@pytest.mark.slow
def test_core_shapes_agree_on_every_fixture_and_breakage(node: str, tmp_path: Path) -> None:
    _agree(node, list(corpus()), _core_only(tmp_path / "core"), tmp_path, sparql=False)
