"""Query speed (issue 5): median time of every library query on N synthetic notices
(bench/synth.py) on the embedded pyoxigraph store, and the same queries with rdflib's
in-memory engine as the baseline, on a corpus small enough for rdflib to hold.
Target: every query ≤ 1 s median on the embedded store at N = 10 000.

    python bench/query.py [--notices 10000] [--baseline-notices 300] [--repeat 5] [--work DIR]
                          [--build DIR]   (an existing build of the large corpus, e.g. bench/scale.py's)

Embedded times are those of ``kgtools.query`` (what ``kgtools query`` runs): open the
store, run the query (``search`` from the build's text index), turn the results into rows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_corpus  # noqa: E402

from kgtools.build.corpus import build  # noqa: E402
from kgtools.query import catalog, query  # noqa: E402
from kgtools.query.library import bind  # noqa: E402

TARGET = 1.0


def corpus_build(work: Path, n: int) -> Path:
    """Generate and build N notices once (kept in ``work`` for later runs)."""
    src, out = work / f"src-{n}", work / f"build-{n}"
    if not (out / "store").is_dir():
        write_corpus(src, n)
        start = time.perf_counter()
        build([src], out=out)
        print(
            json.dumps(
                {"stage": "build", "notices": n, "seconds": round(time.perf_counter() - start, 1)}
            ),
            flush=True,
        )
    return out


def median_seconds(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def with_limit(fn, seconds: int) -> float | None:  # type: ignore[no-untyped-def]
    """Seconds ``fn`` takes in a forked child, or None when it runs past ``seconds``
    (rdflib can take hours and cannot be interrupted from inside)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        start = time.perf_counter()
        fn()
        queue.put(time.perf_counter() - start)

    process = ctx.Process(target=child)
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return queue.get() if not queue.empty() else None


def rdflib_dataset(out: Path):  # type: ignore[no-untyped-def]
    from rdflib import Dataset

    from kgtools.build.store import ontology_ntriples

    ds = Dataset(default_union=True)
    ds.parse(out / "graph.nq", format="nquads")
    ds.graph("https://w3id.org/xuncha/ontology").parse(data=ontology_ntriples(), format="nt")
    return ds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--baseline-notices", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--baseline-limit", type=int, default=30, help="seconds before an rdflib query is given up"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgtools-bench"))
    parser.add_argument(
        "--build", type=Path, default=None, help="an existing build of the large corpus to query"
    )
    parser.add_argument(
        "--embedded-limit", type=int, default=30, help="seconds before a store query is given up"
    )
    args = parser.parse_args()
    queries = {info.name: bind(info, {}) for info in catalog()}

    # The large corpus first: rdflib's in-memory graph (gigabytes) would otherwise push the
    # store's files out of the page cache before it is measured.
    big = args.build or corpus_build(args.work, args.notices)
    worst = 0.0
    for name in queries:  # as `kgtools query NAME` runs it: open the store, query, rows

        def run(name: str = name) -> None:
            query(name, big / "store")

        first = with_limit(run, args.embedded_limit)
        if first is None:
            print(json.dumps({"query": name, "notices": args.notices, "embedded_median_s": f">{args.embedded_limit}",
                              "target_s": TARGET, "meets_target": False}), flush=True)  # fmt: skip
            worst = max(worst, float(args.embedded_limit))
            continue
        fast = median_seconds(run, args.repeat) if first < 5 else first
        worst = max(worst, fast)
        print(json.dumps({"query": name, "notices": args.notices, "embedded_median_s": round(fast, 3),
                          "target_s": TARGET, "meets_target": fast <= TARGET}), flush=True)  # fmt: skip
    small = corpus_build(args.work, args.baseline_notices)
    ds = rdflib_dataset(small)
    for name, text in queries.items():
        fast = median_seconds(lambda name=name: query(name, small / "store"), args.repeat)
        slow = with_limit(lambda text=text: list(ds.query(text)), args.baseline_limit)
        speedup = (
            round(slow / fast, 1) if slow is not None else f">{round(args.baseline_limit / fast)}"
        )
        print(json.dumps({"query": name, "notices": args.baseline_notices, "embedded_s": round(fast, 4),
                          "rdflib_s": round(slow, 3) if slow is not None else f">{args.baseline_limit}",
                          "speedup": speedup}), flush=True)  # fmt: skip
    print(
        json.dumps(
            {"summary": "slowest query median", "notices": args.notices, "seconds": round(worst, 3)}
        )
    )


if __name__ == "__main__":
    main()
