"""Fuzzing the whole pipeline: generated and mutated notices never raise anything but our own
clear errors, and every graph produced keeps the provenance invariant (quote = text at the
offsets). A short run always; `pytest -m slow` runs long."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgtools.emit.terms import XK
from kgtools.emit.triples import record_triples
from kgtools.errors import KgtoolsError
from kgtools.extract import extract_bytes

from .conftest import FIXTURES, SAMPLE

SEEDS = [SAMPLE.read_bytes(), *(p.read_bytes() for p in sorted(FIXTURES.glob("*.txt")))]
LONG = os.environ.get("KGTOOLS_FUZZ_LONG") == "1"


def check_pipeline(data: bytes) -> None:
    """Extract and emit; only KgtoolsError may escape; offsets must match quotes."""
    try:
        rec = extract_bytes(data, name="fuzz.txt")
    except KgtoolsError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        return
    starts, ends, quotes = {}, {}, {}
    for s, p, o in record_triples(rec):
        if p == XK.startOffset:
            starts[s] = int(o)
        elif p == XK.endOffset:
            ends[s] = int(o)
        elif p == XK.quote:
            quotes[s] = str(o)
    assert set(starts) == set(ends) == set(quotes)
    for node, quote in quotes.items():
        assert 0 <= starts[node] <= ends[node] <= len(rec.text)
        assert rec.text[starts[node] : ends[node]] == quote, node


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Byte- and text-level mutations: flips, deletions, duplications, splices, markers."""
    text = data.decode("utf-8", errors="replace") if rng.random() < 0.7 else None
    if text is not None:
        tokens = ["一、", "（一）", "1.", "（1）", "①", "一是", "二是", "第一，", "《", "》", "。", "\n", "问题：",
                  "整改情况：", "2024年", "至", "月", "日", "万元", "余人", "公开期限：", "联系电话：", "“", "”", "\u3000"]  # fmt: skip
        for _ in range(rng.randint(1, 20)):
            pos = rng.randint(0, len(text))
            op = rng.random()
            if op < 0.4:
                text = text[:pos] + rng.choice(tokens) + text[pos:]
            elif op < 0.7:
                text = text[:pos] + text[pos + rng.randint(1, 50) :]
            else:
                j = rng.randint(0, len(text))
                text = text[:pos] + text[j : j + rng.randint(1, 200)] + text[pos:]
        return text.encode(rng.choice(["utf-8", "gb18030", "utf-16"]), errors="replace")
    out = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def test_mutation_fuzzer_short() -> None:
    rng = random.Random(20261125)
    for _ in range(3000 if LONG else 150):
        check_pipeline(mutate(rng.choice(SEEDS), rng))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1234.①是第，。：《》“”\n 问题整改情况制定办法培训人万元年月日至公开期限巡察组对进行了通报关于"))
               | st.characters(), min_size=0, max_size=400))  # fmt: skip
def test_generated_text(text: str) -> None:
    check_pipeline(("关于巡察整改进展情况的通报\n" + text).encode("utf-8", errors="surrogatepass"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_generated_bytes(data: bytes) -> None:
    check_pipeline(data)


@pytest.mark.parametrize(
    "case", sorted((Path(__file__).parent / "fuzz_cases").glob("*.bin")), ids=lambda p: p.stem
)
def test_known_crashes(case: Path) -> None:
    check_pipeline(case.read_bytes())


@pytest.mark.slow
def test_mutation_fuzzer_long(monkeypatch) -> None:
    rng = random.Random(1)
    for _ in range(20000):
        check_pipeline(mutate(rng.choice(SEEDS), rng))
