"""Cost of keying the validation cache by content (issue 19): a cached run of a build of
N copies of the sample notice, with each notice keyed by the SHA-256 of its graph file
(now) and by its size (before: a same-size edit slipped through).

    python bench/validate_cache.py [--notices 1000] [--runs 3]

Builds the corpus in a temporary folder first (a minute or two for 1 000 notices).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from kgtools.build.corpus import build
from kgtools.validate import cache, validate

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "notices" / "dandong-kexie-2024.txt"


def by_size(path: Path) -> str:
    """The old key: the graph file's size (the source hash is the same for every copy)."""
    return str(path.stat().st_size)


def cached_run(out: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = validate(out, engine="sparql")
        times.append(time.perf_counter() - start)
        assert report.from_cache == len(report.notices)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "notices"
        sources.mkdir()
        text = SAMPLE.read_bytes()
        for i in range(args.notices):
            (sources / f"copy-{i:05d}.txt").write_bytes(text)
        out = Path(tmp) / "build"
        build([sources], out=out, store=False, corpus_files=False)
        graphs = sorted((out / "notices").glob("*.nq"))
        size = sum(p.stat().st_size for p in graphs)
        for name, key in (("by size (before)", by_size), ("by content (now)", cache.content_key)):
            cache.content_key = key  # type: ignore[assignment]
            validate(out, engine="sparql")  # fill the cache with this key
            seconds = cached_run(out, args.runs)
            print(json.dumps({"key": name, "notices": len(graphs), "graph MB": round(size / 1e6, 1),
                              "cached run s": round(seconds, 2)}))  # fmt: skip
        start = time.perf_counter()
        for path in graphs:
            key_now = cache.content_key(path)
        print(
            json.dumps(
                {"hashing alone s": round(time.perf_counter() - start, 2), "last": key_now[:8]}
            )
        )


if __name__ == "__main__":
    main()
