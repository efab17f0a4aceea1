"""Shared fixtures: paths to the sample notice, the fictional fixtures, a built sample."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "notices" / "dandong-kexie-2024.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/rdf/*.nq from today's output (review the git diff first)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def sample_record():
    from kgtools.extract import extract_file

    return extract_file(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    from kgtools.build.corpus import build

    out = tmp_path_factory.mktemp("build")
    build([SAMPLE], out=out)
    return out


def build_nquads(out: Path, *, links: bool = True) -> bytes:
    """A build's notice graphs (and links graph) as N-Quads, read from its store the way
    `kgtools export` writes them: what a test compares across builds."""
    import io

    from kgtools.query.export import write_export

    buffer = io.BytesIO()
    write_export(out, buffer, fmt="nq", ontology=False, links=links)
    return buffer.getvalue()


def notice_nquads(out: Path, notice: str) -> str:
    """One notice's graph in a build's store, as N-Quads text."""
    from kgtools.build.store import graph_ntriples, open_read_only
    from kgtools.vocab import notice_iri_text

    iri = notice_iri_text(notice)
    lines = graph_ntriples(open_read_only(out / "store"), iri).decode("utf-8").splitlines()
    return "".join(f"{line[:-2]} <{iri}> .\n" for line in lines)


def build_dataset(out: Path):  # type: ignore[no-untyped-def]
    """A build's notice graphs and links graph as an rdflib Dataset."""
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=build_nquads(out).decode("utf-8"), format="nquads")
    return ds


from .browser import browser  # noqa: E402,F401  (fixture)
