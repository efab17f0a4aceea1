"""Fuzzing the whole pipeline: generated and mutated notices never raise anything but our own
clear errors, never take long, every graph produced keeps the provenance invariant (both
offsets on every node, within the text), and its N-Quads are one quad per line that an
N-Quads parser reads back. A short run (300 mutations) always; `pytest -m slow` runs 20 000.

The mutations: markers and tokens inserted, deletions, duplications, splices within a seed
and across seeds, control characters and line separators, huge numbers before units and in
totals, byte flips, and re-encodings (UTF-8/16/32, with BOM, GB18030, Big5) with byte errors
(flipped, truncated, invalid sequences)."""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgtools.emit.serialize import record_nquads
from kgtools.emit.terms import XK
from kgtools.emit.triples import record_triples
from kgtools.errors import KgtoolsError
from kgtools.extract import extract_bytes

from .conftest import FIXTURES, SAMPLE

SEEDS = [SAMPLE.read_bytes(), *(p.read_bytes() for p in sorted(FIXTURES.glob("*.txt")))]
LONG = os.environ.get("KGTOOLS_FUZZ_LONG") == "1"
HANG_SECONDS = 20.0  # one mutated notice (at most a few hundred kB) read in longer: a hang
_RAW = {chr(c) for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)} - {"\n"}


class PipelineError(AssertionError):
    """What the fuzzer counts: a crash, a hang, a provenance violation, unreadable N-Quads."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def check_pipeline(data: bytes) -> bool:
    """Extract and emit (True; False when the input is refused with our own error); only
    KgtoolsError may escape; every node has both offsets, within the text; the N-Quads must
    be one quad per line, read back by pyoxigraph.

    :raises PipelineError: with its kind (crash, hang, provenance, nquads).
    """
    started = time.monotonic()
    try:
        rec = extract_bytes(data, name="fuzz.txt")
    except KgtoolsError as exc:
        if not str(exc).startswith("fuzz.txt: "):
            raise PipelineError("crash", f"error without the file name: {exc}") from None
        return False
    except Exception as exc:  # noqa: BLE001 — what the fuzzer looks for
        raise PipelineError("crash", f"{type(exc).__name__}: {exc}") from exc
    triples = record_triples(rec)
    if time.monotonic() - started > HANG_SECONDS:
        raise PipelineError("hang", f"{time.monotonic() - started:.1f} s for {len(data)} bytes")
    starts, ends = {}, {}
    for s, p, o in triples:
        if p == XK.startOffset:
            starts[s] = int(o)
        elif p == XK.endOffset:
            ends[s] = int(o)
    if set(starts) != set(ends):
        raise PipelineError("provenance", "a node lacks one of its offsets")
    for node in starts:
        if not 0 <= starts[node] <= ends[node] <= len(rec.text):
            raise PipelineError("provenance", f"{node}: offsets outside the text")
    check_nquads(record_nquads(rec))  # what the build loads
    return True


def check_nquads(nq: str) -> None:
    """One quad per line (split on LF only), no raw control character, read back whole."""
    from pyoxigraph import RdfFormat, parse

    lines = nq.split("\n")
    if lines[-1] != "" or any(ch in _RAW for ch in nq):
        raise PipelineError("nquads", "a raw control character or an unterminated line")
    try:
        quads = sum(1 for _ in parse(nq.encode("utf-8"), format=RdfFormat.N_QUADS))
    except (SyntaxError, ValueError) as exc:
        raise PipelineError("nquads", f"not read back: {exc}") from None
    if quads != len(lines) - 1:
        raise PipelineError("nquads", f"{len(lines) - 1} lines hold {quads} quads")


TOKENS = ["一、", "（一）", "1.", "（1）", "①", "一是", "二是", "第一，", "《", "》", "。", "\n", "问题：",
          "整改情况：", "2024年", "至", "月", "日", "万元", "余人", "公开期限：", "联系电话：", "“", "”", "\u3000",
          "【问题一】", "】", "（二）：", "反馈问题", "已完成整改", "整改完成率"]  # fmt: skip
CONTROLS = [*(chr(c) for c in range(0x20)), "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe",
            "\uffff", "\u200b", "\u202e", "\U0001f600", "𠮷"]  # fmt: skip
UNITS = ["个", "人", "万元", "亿元", "元", "项", "条", "%", "件", "次"]
ENCODINGS = ["utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig", "utf-32", "big5"]


def _huge_number(rng: random.Random) -> str:
    digits = "".join(
        rng.choice("0123456789０１２３４５６７８９")
        for _ in range(rng.choice([29, 30, 60, 500, 3000]))
    )
    return rng.choice(["", "反馈问题", "已完成整改", "共", "清退资金"]) + digits + rng.choice(UNITS)


def _text(data: bytes) -> str:
    """A seed's text (the fixtures hold GBK too)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 20)):
        pos = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.3:
            text = text[:pos] + rng.choice(TOKENS) + text[pos:]
        elif op < 0.5:
            text = text[:pos] + text[pos + rng.randint(1, 50) :]
        elif op < 0.65:
            j = rng.randint(0, len(text))
            text = text[:pos] + text[j : j + rng.randint(1, 200)] + text[pos:]
        elif op < 0.75:  # splice across seeds
            other = _text(rng.choice(SEEDS))
            j = rng.randint(0, len(other))
            text = text[:pos] + other[j : j + rng.randint(1, 400)] + text[pos:]
        elif op < 0.9:
            text = (
                text[:pos]
                + "".join(rng.choice(CONTROLS) for _ in range(rng.randint(1, 3)))
                + text[pos:]
            )
        else:
            text = text[:pos] + _huge_number(rng) + text[pos:]
    return text


def _byte_errors(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        op = rng.random()
        if op < 0.4 and out:
            out[rng.randrange(len(out))] = rng.randrange(256)
        elif op < 0.6 and out:
            del out[-rng.randint(1, 3) :]  # cut inside the last character
        else:
            pos = rng.randint(0, len(out))
            out[pos:pos] = rng.choice(
                [b"\xff", b"\xed\xa0\x80", b"\xc3", b"\x80\x80", b"\xfe\xff", b"\x00"]
            )
    return bytes(out)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Text-level mutations re-encoded (sometimes with byte errors), or byte flips."""
    if rng.random() < 0.75:
        text = _mutate_text(_text(data), rng)
        out = text.encode(rng.choice(ENCODINGS), errors="replace")
        return _byte_errors(out, rng) if rng.random() < 0.2 else out
    out = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


@dataclass
class FuzzStats:
    """What a fuzzing run found."""

    runs: int = 0
    refused: int = 0  # inputs refused with one of our own errors
    slowest: float = 0.0
    found: dict[str, list[str]] = field(default_factory=dict)  # kind → details


def fuzz(n: int, seed: int) -> FuzzStats:
    rng = random.Random(seed)
    stats = FuzzStats()
    for _ in range(n):
        data = mutate(rng.choice(SEEDS), rng)
        started = time.monotonic()
        try:
            stats.refused += not check_pipeline(data)
        except PipelineError as exc:
            stats.found.setdefault(exc.kind, []).append(str(exc))
        stats.slowest = max(stats.slowest, time.monotonic() - started)
        stats.runs += 1
    return stats


def test_mutation_fuzzer_short() -> None:
    stats = fuzz(3000 if LONG else 300, 20261125)
    assert not stats.found, stats.found
    assert stats.slowest < HANG_SECONDS


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
def test_mutation_fuzzer_long() -> None:
    stats = fuzz(20_000, 1)
    print(f"\nfuzz: {stats.runs} mutations, {stats.refused} refused, slowest {stats.slowest:.2f} s, "
          f"found {({k: len(v) for k, v in stats.found.items()})}")  # fmt: skip
    assert not stats.found, {k: v[:3] for k, v in stats.found.items()}
