"""The breakage catalog (tests/shapes_cases/breakages/*.ru) and the corpus the engines are
compared on: each breakage, a SPARQL Update written for any notice graph, applied to every
fixture notice graph (tests/fixtures/genre/*, tests/fixtures/atlas/batch-a/* that extract,
and the sample notice). Other test modules import :func:`corpus`; the tests here check the
catalog itself."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kgtools.emit.serialize import ntriples_lines
from kgtools.emit.triples import record_triples
from kgtools.errors import KgtoolsError
from kgtools.extract import extract_file
from kgtools.read import SUFFIXES
from kgtools.vocab import NOTICE_BASE

from .conftest import FIXTURES, SAMPLE

BREAKAGES = Path(__file__).resolve().parent / "shapes_cases" / "breakages"
HEADER = """PREFIX xk: <https://w3id.org/xuncha/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_CAUGHT = re.compile(r"^# caught-by: (.+)$", re.MULTILINE)


def fixture_paths() -> list[Path]:
    found = [p for folder in (FIXTURES / "genre", FIXTURES / "atlas" / "batch-a")
             for p in sorted(folder.iterdir()) if p.suffix.lower() in SUFFIXES and p.is_file()]  # fmt: skip
    return [*found, SAMPLE]


@cache
def notices() -> tuple[tuple[str, str], ...]:
    """(name, N-Triples) of every fixture notice that extracts; the name is unique (two
    fixtures may share a notice id)."""
    out = []
    for path in fixture_paths():
        try:
            rec = extract_file(path)
        except KgtoolsError:
            continue  # a neighbouring genre (atlas D1–D8): refused, no graph
        out.append(
            (f"{path.parent.name}--{path.stem}", "".join(ntriples_lines(record_triples(rec))))
        )
    return tuple(out)


@cache
def breakages() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(name, SPARQL Update, shapes that must catch it) of every breakage kind."""
    out = []
    for path in sorted(BREAKAGES.glob("*.ru")):
        text = path.read_text(encoding="utf-8")
        caught = frozenset(_CAUGHT.search(text).group(1).split()) - {"nothing"}  # type: ignore[union-attr]
        out.append((path.stem, HEADER + text, caught))
    return tuple(out)


def broken(nt: str, update: str) -> str:
    """A notice's N-Triples with a breakage applied."""
    from pyoxigraph import DefaultGraph, RdfFormat, Store

    store = Store()
    store.bulk_load(nt.encode("utf-8"), format=RdfFormat.N_TRIPLES)
    store.update(update)
    return store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()).decode("utf-8")


def key(notice: str, breakage: str) -> str:
    """The graph name a (notice, breakage) case is validated under."""
    return f"{NOTICE_BASE}{notice}/~{breakage}"


@cache
def corpus(notice_names: tuple[str, ...] | None = None) -> tuple[tuple[str, str], ...]:
    """(graph name, N-Triples) of every notice unbroken and with every breakage that
    changes it (a breakage a notice gives no hold to, e.g. no regulation to untitle, would
    only repeat the unbroken graph)."""
    out = []
    for name, nt in notices():
        if notice_names is not None and name not in notice_names:
            continue
        out.append((key(name, "none"), nt))
        for breakage, update, _ in breakages():
            edited = broken(nt, update)
            if sorted(edited.splitlines()) != sorted(nt.splitlines()):  # see changes()
                out.append((key(name, breakage), edited))
    return tuple(out)


def test_at_least_forty_breakage_kinds_each_saying_what_catches_it() -> None:
    assert len(breakages()) >= 40
    for name, update, caught in breakages():
        assert update.splitlines()[len(HEADER.splitlines())].startswith("# "), name
        assert caught or "nothing" in update, name


def test_every_fixture_with_a_notice_extracts() -> None:
    """31 fixtures and the sample; the atlas' neighbouring genres (D1–D8) are refused."""
    assert len(notices()) >= 30


def changes(nt: str, update: str) -> bool:
    return sorted(broken(nt, update).splitlines()) != sorted(nt.splitlines())


def test_every_breakage_changes_some_notice() -> None:
    for name, update, _ in breakages():
        assert any(changes(nt, update) for _, nt in notices()), name
