"""The validation cache (issue 20): a build's notices are keyed by their digest in
build.sqlite, so a cached run reads the cache only, and after a rebuild that changed 1% of
the notices only that 1% is validated again. Uses the build of bench/validate.py (made
first if missing).

    python bench/validate_cache.py [--notices 1000] [--runs 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kgtools.build.corpus import build
from kgtools.validate import load_shapes, validate_build_cached

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import corpus_build  # noqa: E402  (bench/validate.py)

EDIT = ("。", "。 ")  # a space after the first full stop: another text, another digest


def cached_runs(out: Path, runs: int, jobs: int) -> list[float]:
    shapes = load_shapes()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = validate_build_cached(out, shapes, jobs=jobs)
        times.append(time.perf_counter() - start)
    assert report.from_cache == len(report.notices)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kgtools-bench-validate")  # fmt: skip
    args = parser.parse_args()
    out = corpus_build(args.notices, args.work)
    validate_build_cached(out, load_shapes(), jobs=args.jobs)  # fill the cache
    times = cached_runs(out, args.runs, args.jobs)
    print(json.dumps({"case": "cached run", "notices": args.notices,
                      "median_s": round(statistics.median(times), 3)}))  # fmt: skip
    changed = sorted((args.work / "notices").glob("*.txt"))[::100]
    for path in changed:
        path.write_text(path.read_text(encoding="utf-8").replace(*EDIT, 1), encoding="utf-8")
    build([args.work / "notices"], out=out)
    start = time.perf_counter()
    report = validate_build_cached(out, load_shapes(), jobs=args.jobs)
    print(json.dumps({"case": "after a rebuild that changed 1%", "notices": args.notices,
                      "validated": len(report.notices) - report.from_cache,
                      "seconds": round(time.perf_counter() - start, 3)}))  # fmt: skip
    for path in changed:  # as it was, for the next run
        path.write_text(
            path.read_text(encoding="utf-8").replace(EDIT[1], EDIT[0], 1), encoding="utf-8"
        )
    build([args.work / "notices"], out=out)


if __name__ == "__main__":
    main()
