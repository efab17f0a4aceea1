"""The store's background threads during a build (kgtools.build.storethreads): an
incremental build gives them the lowest CPU priority, so that merging the files of the last
cold build does not take the CPU from its workers, and gives it back at the end; a cold
build leaves them as they are (its loads must be merged while the workers run). Fictional
IRIs and values."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kgtools.build import corpus
from kgtools.build.corpus import build
from kgtools.build.store import StoreWriter
from kgtools.build.storethreads import LOWEST
from kgtools.vocab import notice_iri_text

from .test_queries import CORPUS

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="a thread's priority is set by its id on Linux only")  # fmt: skip

A = notice_iri_text("shili-a")


def _store_nice() -> dict[int, int]:
    """The nice value of each of this process's threads that the store started."""
    found = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
            if name.startswith("rocksdb:"):
                found[int(tid)] = os.getpriority(os.PRIO_PROCESS, int(tid))
        except OSError:
            continue
    return found


def _built(out: Path) -> None:
    writer = StoreWriter(out, fresh=True)
    writer.load(iter([f'<{A}/x> <http://e.org/p> "示例" <{A}> .\n'.encode()]))
    writer.finish()


def test_an_incremental_build_lowers_the_store_threads_and_gives_their_priority_back(tmp_path: Path) -> None:  # fmt: skip
    _built(tmp_path)
    before = _store_nice()
    assert before, "the store started no background thread"
    assert all(nice < LOWEST for nice in before.values())

    writer = StoreWriter(tmp_path, fresh=False)
    during = _store_nice()
    writer.finish()
    after = _store_nice()

    assert during and all(nice == LOWEST for nice in during.values())
    if os.geteuid() == 0:  # raising a priority again needs the privilege
        assert after == before


def test_a_cold_build_leaves_the_store_threads_as_they_are(tmp_path: Path) -> None:
    _built(tmp_path)
    before = _store_nice()
    (tmp_path / "again").mkdir()
    writer = StoreWriter(tmp_path / "again", fresh=True)
    assert _store_nice() == before
    writer.abandon()


def test_an_abandoned_incremental_build_gives_the_priority_back(tmp_path: Path) -> None:
    _built(tmp_path)
    before = _store_nice()
    writer = StoreWriter(tmp_path, fresh=False)
    assert all(nice == LOWEST for nice in _store_nice().values())
    writer.abandon()
    if os.geteuid() == 0:
        assert _store_nice() == before


def test_an_incremental_build_that_waited_for_the_store_to_close_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The merge that makes a store close slowly needs thousands of notices; here every
    close counts as slow, and only the incremental build gets the note."""
    src = tmp_path / "src"
    src.mkdir()
    names = sorted(p.name for p in CORPUS.glob("*.txt"))[:2]
    for name in names:
        (src / name).write_text((CORPUS / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(corpus, "SLOW_CLOSE_S", -1.0)
    cold = build([src], out=tmp_path / "out", jobs=1)
    assert not any("to close" in n for n in cold.notes)
    (src / names[0]).write_text((src / names[0]).read_text(encoding="utf-8") + "\n另行通报。\n",
                                encoding="utf-8")  # fmt: skip
    again = build([src], out=tmp_path / "out", jobs=1)
    assert any("the store took" in n and "to close" in n for n in again.notes)
