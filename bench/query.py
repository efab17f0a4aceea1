"""Query speed (issues 5 and 20): what `kgtools query` costs beyond the query, and the
in-process time of every library query on a build of N notices.

    python bench/query.py [--build DIR] [--notices 10000] [--repeat 5] [--work DIR]
                          [--cli-repeat 10] [--baseline-notices 300]

1. CLI overhead: the wall time of ``kgtools query NAME --store …`` in a fresh process
   (median) minus the in-process time of the same query (median, warm), for a few queries,
   with CSV output and with the default table (whose alignment of wide characters costs
   ~20 µs a cell: 0.2 s on 10 000 rows); the same in CPU time (user + system, steadier on
   a loaded machine); and ``kgtools --help``, ``kgtools query --help``, ``python -c pass``.
   Target ≤ 0.25 s (was 0.9–1.4 s before the lean CLI: `import kgtools` loaded the build
   and rdflib).
2. Every library query in-process, as ``kgtools.query.query`` runs it (open the store, run
   the query — ``search`` from the build's text index — rows): target ≤ 0.5 s at 10 000
   notices, ≤ 2 s at 100 000.
3. With ``--baseline-notices N`` (> 0): the same queries on rdflib's in-memory engine.

``--build`` takes an existing build (e.g. bench/scale.py's); otherwise N synthetic notices
(bench/synth.py) are generated and built once in ``--work``. One JSON line per figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import write_corpus  # noqa: E402

from kgtools.query.api import query  # noqa: E402
from kgtools.query.library import bind, catalog  # noqa: E402

CLI_TARGET = 0.25
CLI_BEFORE = (0.9, 1.4)  # seconds of `kgtools query` beyond the query, before the lean CLI
CLI_QUERIES = ("notices", "rounds", "totals", "search")


def target(notices: int) -> float:
    """The in-process target of a library query on this many notices."""
    return 0.5 if notices <= 10_000 else 2.0


def corpus_build(work: Path, n: int) -> Path:
    """Generate and build N notices once (kept in ``work`` for later runs)."""
    from kgtools.build.corpus import build

    src, out = work / f"src-{n}", work / f"build-{n}"
    if not (out / "store").is_dir():
        write_corpus(src, n)
        start = time.perf_counter()
        build([src], out=out)
        print(json.dumps({"stage": "build", "notices": n, "seconds": round(time.perf_counter() - start, 1)}),
              flush=True)  # fmt: skip
    return out


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def with_limit(fn: Callable[[], object], seconds: int) -> float | None:
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


def run_cli(argv: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a command; its output is
    discarded and it must exit 0. CPU time is the steadier figure on a loaded machine."""
    import resource

    walls, cpus = [], []
    for i in range(repeat + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120
        )
        took = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i:  # the first run warms the page cache and the bytecode cache
            walls.append(took)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def in_process(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of ``fn`` in this process."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def cli_overhead(store: Path, repeat: int) -> float:
    """Print the CLI figures; return the largest wall-minus-in-process time (CSV output)."""
    kgtools = [sys.executable, "-m", "kgtools"]
    for label, argv in [("python -c pass", [sys.executable, "-c", "pass"]),
                        ("kgtools --help", [*kgtools, "--help"]),
                        ("kgtools query --help", [*kgtools, "query", "--help"])]:  # fmt: skip
        took, cpu = run_cli(argv, repeat)
        print(
            json.dumps({"cli": label, "wall_s": round(took, 3), "cpu_s": round(cpu, 3)}), flush=True
        )
    worst = 0.0
    for name in CLI_QUERIES:
        if with_limit(partial(query, name, store), 60) is None:  # e.g. search without its index
            print(json.dumps({"cli": f"kgtools query {name}", "in_process_s": ">60"}), flush=True)
            continue
        inside, inside_cpu = in_process(partial(query, name, store), repeat)
        for fmt in ("csv", "table"):
            argv = [*kgtools, "query", name, "--store", str(store), "--format", fmt]
            try:
                outside, outside_cpu = run_cli(argv, repeat)
            except subprocess.TimeoutExpired:
                print(
                    json.dumps({"cli": f"kgtools query {name} --format {fmt}", "wall_s": ">120"}),
                    flush=True,
                )
                continue
            overhead = outside - inside
            if fmt == "csv":
                worst = max(worst, overhead)
            print(json.dumps({"cli": f"kgtools query {name} --format {fmt}", "wall_s": round(outside, 3),
                              "in_process_s": round(inside, 3), "overhead_s": round(overhead, 3),
                              "overhead_cpu_s": round(outside_cpu - inside_cpu, 3), "target_s": CLI_TARGET,
                              "meets_target": overhead <= CLI_TARGET,
                              "before_over_now": [round(b / max(overhead, 1e-3), 1) for b in CLI_BEFORE]}),
                  flush=True)  # fmt: skip
    return worst


def rdflib_dataset(out: Path):  # type: ignore[no-untyped-def]
    """The build's store as an rdflib Dataset (the baseline engine)."""
    from pyoxigraph import RdfFormat, Store
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    data = Store.read_only(str(out / "store")).dump(format=RdfFormat.N_QUADS)
    ds.parse(data=data, format="nquads")
    return ds


def rdflib_rows(ds, text: str) -> list[object]:  # type: ignore[no-untyped-def]
    return list(ds.query(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--notices", type=int, default=10_000,
                        help="notices of the corpus (with --build: how many it holds, for the target)")  # fmt: skip
    parser.add_argument("--baseline-notices", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cli-repeat", type=int, default=10)
    parser.add_argument("--baseline-limit", type=int, default=30,
                        help="seconds before an rdflib query is given up")  # fmt: skip
    parser.add_argument("--embedded-limit", type=int, default=60,
                        help="seconds before a store query is given up")  # fmt: skip
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgtools-bench"))
    parser.add_argument("--build", type=Path, default=None, help="an existing build to query")
    parser.add_argument("--only", nargs="*", default=None, help="these queries only")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI figures")
    args = parser.parse_args()
    names = [info.name for info in catalog() if not args.only or info.name in args.only]

    # The large corpus first: rdflib's in-memory graph (gigabytes) would otherwise push the
    # store's files out of the page cache before it is measured.
    big = args.build or corpus_build(args.work, args.notices)
    store = big / "store"
    if not args.no_cli:
        worst_cli = cli_overhead(store, args.cli_repeat)
        print(json.dumps({"summary": "largest kgtools query overhead", "seconds": round(worst_cli, 3),
                          "target_s": CLI_TARGET}), flush=True)  # fmt: skip
    limit, worst, slowest = target(args.notices), 0.0, ""
    for name in names:  # as `kgtools query NAME` runs it: open the store, query, rows
        first = with_limit(partial(query, name, store), args.embedded_limit)
        if first is None:
            print(json.dumps({"query": name, "notices": args.notices, "median_s": f">{args.embedded_limit}",
                              "target_s": limit, "meets_target": False}), flush=True)  # fmt: skip
            worst, slowest = max(worst, float(args.embedded_limit)), name
            continue
        fast = median_seconds(partial(query, name, store), args.repeat) if first < 5 else first
        if fast > worst:
            worst, slowest = fast, name
        print(json.dumps({"query": name, "notices": args.notices, "median_s": round(fast, 3),
                          "target_s": limit, "meets_target": fast <= limit}), flush=True)  # fmt: skip
    print(json.dumps({"summary": "slowest query median", "notices": args.notices, "query": slowest,
                      "seconds": round(worst, 3), "target_s": limit}), flush=True)  # fmt: skip
    if args.baseline_notices > 0:
        small = corpus_build(args.work, args.baseline_notices)
        ds = rdflib_dataset(small)
        for name in names:
            text = bind(next(i for i in catalog() if i.name == name), {})
            fast = median_seconds(partial(query, name, small / "store"), args.repeat)
            slow = with_limit(partial(rdflib_rows, ds, text), args.baseline_limit)
            speedup = (
                round(slow / fast, 1)
                if slow is not None
                else f">{round(args.baseline_limit / fast)}"
            )
            print(json.dumps({"query": name, "notices": args.baseline_notices, "embedded_s": round(fast, 4),
                              "rdflib_s": round(slow, 3) if slow is not None else f">{args.baseline_limit}",
                              "speedup": speedup}), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
