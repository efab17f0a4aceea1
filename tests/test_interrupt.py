"""Interrupted builds: `kill -9` of the whole `kgtools build` at random points, then a rerun:
the files and the store are complete and consistent — nothing half-written, no notice
graph half-loaded, no duplicates — and equal to an uninterrupted build."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgtools.build import textindex, textsearch
from kgtools.build.corpus import build, store_generation
from kgtools.build.store import open_read_only

from .conftest import SAMPLE, build_nquads


def _corpus(folder: Path, n: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    folder.mkdir()
    for i in range(n):  # copies of the sample with distinct identities and one changed number
        (folder / f"copy-{i:03d}.txt").write_text(
            text.replace("175名", f"{100 + i}名"), encoding="utf-8"
        )


def _state(out: Path) -> tuple[bytes, int, list[str], list[textindex.Hit]]:
    nq = build_nquads(out)
    store = open_read_only(out / "store")
    in_store = sum(1 for q in store if str(q.graph_name) != "<https://w3id.org/xuncha/ontology>")
    assert textindex.generation(out) == store_generation(out)  # the index belongs to the store
    hits = textsearch.search(out, "")  # every row of the text index
    return nq, in_store, sorted(p.name for p in (out / "notices").iterdir()), hits


def test_kill_minus_9_at_random_points_then_rerun(tmp_path: Path) -> None:
    kill_and_rerun(tmp_path, kills=6)


@pytest.mark.slow
def test_many_kills(tmp_path: Path) -> None:
    kill_and_rerun(tmp_path, kills=30)


def kill_and_rerun(tmp_path: Path, *, kills: int) -> None:
    """`kills` builds killed at random points (half of them incremental), then a full run."""
    src = tmp_path / "src"
    _corpus(src, 60)
    reference = tmp_path / "reference"
    started = time.monotonic()
    build([src], out=reference, jobs=2)
    duration = time.monotonic() - started + 0.5  # plus the start-up of a new process
    expected = _state(reference)
    assert expected[1] == expected[0].count(b"\n")  # the store holds exactly the graph's quads

    out = tmp_path / "out"
    rng = random.Random(7)
    killed = 0
    for run in range(kills):
        if run == kills // 2:  # also interrupt incremental builds: change a few notices
            for i in range(0, 60, 9):
                path = src / f"copy-{i:03d}.txt"
                path.write_text(
                    path.read_text(encoding="utf-8").replace("6个专家工作站", "7个专家工作站"),
                    encoding="utf-8",
                )
            build([src], out=reference, jobs=2)
            expected = _state(reference)
        process = subprocess.Popen([sys.executable, "-m", "kgtools", "build", str(src), "--out", str(out), "-q", "-j", "2"],
                                   start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.2, 0.9) * duration)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed += 1
        process.wait()
    assert killed >= kills // 2, "the build finished before most kills; the corpus is too small"
    result = build([src], out=out, jobs=2)
    assert not result.failures
    assert _state(out) == expected
    assert not list(out.glob(".*.tmp")) and not list((out / "notices").glob(".*.tmp"))
