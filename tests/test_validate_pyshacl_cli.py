"""The README's recipe gives kgtools' results: pySHACL's own command line, run on each
shapes file with the ontology as ``-e`` (not merged in), reports exactly the results
``kgtools validate`` does (focus node, path, severity, shape, value) — on the conforming
sample (its warnings) and on a notice broken in several ways."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from kgtools.validate import load_shapes, validate_graphs
from kgtools.validate.shapes import path_text, shape_names
from kgtools.vocab import NOTICE_BASE, SH_NS

from .conftest import ROOT
from .test_validate_breakages import HEADER, broken, notices

SH = SH_NS
BREAKAGES = ["impossible-date", "property-typo", "offsets-reversed", "ghost-measure", "second-level",
             "interval-without-start", "measure-class-typo", "feedback-on-last-day"]  # fmt: skip


def _data(tmp: Path) -> tuple[Path, list[tuple[str, str]]]:
    """The sample unbroken and a fixture notice with several breakages, in one file (the
    shapes look at one node at a time: two notices with distinct IRIs do not meet)."""
    sample = notices()[-1]
    name, nt = notices()[0]
    for breakage in BREAKAGES:
        text = (ROOT / "tests" / "shapes_cases" / "breakages" / f"{breakage}.ru").read_text("utf-8")
        nt = broken(nt, HEADER + text)
    path = tmp / "data.nt"
    path.write_text(sample[1] + nt, encoding="utf-8")
    return path, [(NOTICE_BASE + "sample", sample[1]), (NOTICE_BASE + name, nt)]


def _name(shapes: Graph, results: Graph, source: URIRef | BNode) -> str:
    """The kgtools name of a result's source shape: a blank node is known by the message
    pySHACL copies from it into the report."""
    if isinstance(source, URIRef):
        return shape_names(shapes, source)[0]
    said = {str(m) for m in results.objects(source, URIRef(SH + "message"))}
    [shape] = {s for s in set(shapes.subjects(URIRef(SH + "message"), None))
               if {str(m) for m in shapes.objects(s, URIRef(SH + "message"))} == said}  # fmt: skip
    return shape_names(shapes, shape)[0]


def test_pyshacl_command_line_gives_kgtools_results(tmp_path: Path) -> None:
    data, pairs = _data(tmp_path)
    shapes = load_shapes().graph
    theirs: Counter = Counter()
    for shape_file in sorted((ROOT / "shapes").glob("*.ttl")):
        command = [sys.executable, "-m", "pyshacl", "-s", str(shape_file), "-e",
                   str(ROOT / "ontology" / "xuncha.ttl"), "-w", "-f", "turtle", str(data)]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        assert done.returncode in (0, 1), done.stderr[-2000:]
        results = Graph().parse(data=done.stdout, format="turtle")
        for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
            get = lambda name: results.value(result, URIRef(SH + name))  # noqa: B023, E731
            value = get("value")
            theirs[(str(get("focusNode")), path_text(results, get("resultPath")),
                    str(get("resultSeverity")).removeprefix(SH), _name(shapes, results, get("sourceShape")),
                    str(value) if value is not None else None)] += 1  # fmt: skip
    ours = Counter((r.focus, r.path, str(r.severity), r.shape, r.value)
                   for r in validate_graphs(pairs, engine="pyshacl"))  # fmt: skip
    assert sum(ours.values()) > 20 and {s for _, _, s, _, _ in ours} == {"Violation", "Warning"}
    assert theirs == ours, (sorted(theirs - ours)[:5], sorted(ours - theirs)[:5])
