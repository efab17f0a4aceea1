"""N-Quads that any text survives (issue 22, item 2): every control character is escaped
(one quad is one physical line, split on LF only), the build and the store read N-Quads by
splitting on LF, never with str.splitlines(), and any Unicode text in a notice comes back
unchanged from the notice's N-Quads file and from the store, after a full build and after
an incremental one."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgtools.build.corpus import build
from kgtools.build.store import nquads_as_ntriples, open_read_only
from kgtools.emit.ntriples import literal
from kgtools.errors import KgtoolsError
from kgtools.read import read_notice

from .test_bad_inputs import BASE

CLEAN_TEXT = "https://w3id.org/xuncha/ontology#cleanText"
RAW = {chr(c) for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)}


def test_every_control_character_is_escaped() -> None:
    text = "".join(chr(c) for c in range(0x20)) + '\x7f\x85\u2028\u2029 a\\b"c 𠮷'
    written = literal(text)
    assert not RAW & set(written)
    assert written.startswith('"\\u0000\\u0001') and "\\b\\t\\n\\u000B\\f\\r" in written
    assert written.endswith('\\u007F\\u0085\\u2028\\u2029 a\\\\b\\"c 𠮷"')
    from pyoxigraph import RdfFormat, parse

    [quad] = parse(
        f"<http://s> <http://p> {written} <http://g> .\n".encode(), format=RdfFormat.N_QUADS
    )
    assert quad.object.value == text


def test_the_store_splits_n_quads_on_line_feeds_only() -> None:
    # N-Quads written raw by another tool (or an older kgtools): characters that
    # str.splitlines() takes for line ends stay inside their literal.
    nq = '<http://s> <http://p> "a\u2028b\x85c\x0cd\x1ce" <http://g> .\n<http://s> <http://q> "x" <http://g> .\n'
    assert nquads_as_ntriples(nq) == (
        '<http://s> <http://p> "a\u2028b\x85c\x0cd\x1ce" .\n<http://s> <http://q> "x" .\n'
    )


def _clean_text_in_store(out: Path, notice: str) -> str:
    store = open_read_only(out / "store")
    from pyoxigraph import NamedNode

    [quad] = store.quads_for_pattern(None, NamedNode(CLEAN_TEXT), None, None)
    assert quad.graph_name.value.endswith(f"/notice/{notice}")
    return quad.object.value


def _check_round_trip(src: Path, out: Path) -> None:
    try:
        expected, _ = read_notice(src)
    except KgtoolsError:
        expected = None
    result = build([src], out=out, jobs=1)
    if expected is None or result.failures:  # refused (binary, not a notice): with its reason
        assert [f.source for f in result.failures] == [str(src)]
        return
    from kgtools.emit.serialize import record_nquads
    from kgtools.extract import extract_file

    nq = record_nquads(extract_file(src))  # what the build loads into the store
    assert not RAW & set(nq.replace("\n", ""))
    from pyoxigraph import RdfFormat, parse

    quads = list(parse(nq.encode("utf-8"), format=RdfFormat.N_QUADS))
    assert len(quads) == nq.count("\n")  # one quad per line
    [text] = [q.object.value for q in quads if q.predicate.value == CLEAN_TEXT]
    assert text == expected
    assert _clean_text_in_store(out, "n") == expected
    from pyoxigraph import Store

    store, read = open_read_only(out / "store"), Store()
    read.load(nq.encode("utf-8"), format=RdfFormat.N_QUADS)  # terms as the store keeps them
    in_store = {str(q) for q in store.quads_for_pattern(None, None, None, quads[0].graph_name)}
    assert in_store == {str(q) for q in read}  # the store holds the emitted quads exactly


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))  # fmt: skip
def test_any_text_round_trips_through_build_store_and_n_quads(
    tmp_path_factory, first: str, second: str
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    src, out = folder / "n.txt", folder / "out"
    notice = BASE.replace("专项审核", "专项" + first + "审核")
    src.write_bytes(notice.encode("utf-8", "surrogatepass"))
    _check_round_trip(src, out)
    # an incremental build replaces the graph by difference: the changed text again
    src.write_bytes(notice.replace("培训", "培训" + second).encode("utf-8", "surrogatepass"))
    _check_round_trip(src, out)
    shutil.rmtree(folder)


def test_the_graphs_a_build_writes_are_valid_n_quads_for_a_strict_reader(tmp_path: Path) -> None:
    """The build's store and its workers read the emitted N-Quads leniently (no IRI check:
    half the parse). So every quad the emitter writes for every fixture, and for names and a
    source_url that need percent-encoding, must be one a strict reader takes unchanged."""
    import json

    from pyoxigraph import RdfFormat, parse

    from kgtools.build.worker import Built, build_one

    from .conftest import FIXTURES, SAMPLE

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE, src / "示例 市#1%%.txt")  # a name whose id must be percent-encoded
    (src / "示例 市#1%%.meta.json").write_text(
        json.dumps({"source_url": "https://示例.example.cn/通报?id=1#第2节"}), encoding="utf-8"
    )
    sources = [
        *src.glob("*.txt"),
        *sorted(FIXTURES.rglob("*.txt")),
        *sorted(FIXTURES.rglob("*.html")),
    ]
    checked = 0
    for path in sources:
        built = build_one(path)
        if not isinstance(built, Built):
            continue  # refused (another genre): nothing to load
        strict = list(parse(built.nquads, format=RdfFormat.N_QUADS))
        assert strict == list(parse(built.nquads, format=RdfFormat.N_QUADS, lenient=True)), path
        checked += 1
    assert checked >= 20
