"""Validation speed (issues 4 and 20): N copies of the real sample notice under invented
ids (``dandong-kexie-2024-c0001.txt`` …: the notice id comes from the file name), built
with ``kgtools build --no-report``, then validated from the build's store with the
validation cache empty (cold) and full (cached). Prints one JSON line per case with
notices/s, the CPU time per notice (this process and its workers) and the ratio to the
34–68 notices/s measured before the lean build. Target (issue 20): ≥ 150 notices/s cold
at 1 000 on 2 cores.

    python bench/validate.py [--notices 1000] [--jobs 2] [--work DIR] [--baseline-notices N]

The build is kept in --work (default: a folder under the system's temporary directory)
and reused when it already holds the N notices. --baseline-notices N also times the
naive baseline on N of them: one rdflib graph of every notice and the ontology,
validated whole by pySHACL (about 2½ minutes for 1 000).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kgtools.build.corpus import build
from kgtools.build.notices_db import notice_digests
from kgtools.validate import load_shapes
from kgtools.validate.cache import CACHE_NAME, validate_build

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "notices" / "dandong-kexie-2024.txt"
BEFORE = (34.0, 68.0)  # notices/s, cold cache, before the lean build
TARGET = 150.0


def corpus_build(n: int, work: Path) -> Path:
    """A build of ``n`` copies of the sample (reused when ``work`` already has one)."""
    out = work / "build"
    if len(notice_digests(out)) == n:
        return out
    sources = work / "notices"
    shutil.rmtree(sources, ignore_errors=True)
    sources.mkdir(parents=True)
    for i in range(1, n + 1):
        shutil.copy(SAMPLE, sources / f"{SAMPLE.stem}-c{i:04d}.txt")
    build([sources], out=out)
    return out


def cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)  # fmt: skip
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed(out: Path, jobs: int, *, cold: bool) -> dict[str, object]:
    if cold:
        for path in out.glob(CACHE_NAME + "*"):
            path.unlink()
    shapes = load_shapes()
    cpu, start = cpu_seconds(), time.perf_counter()
    report = validate_build(out, shapes, engine="sparql", jobs=jobs)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    n = len(report.notices)
    rate = n / seconds
    return {"case": f"build store, sparql, {jobs} jobs, {'cold' if cold else 'cached'}",
            "notices": n, "validated": n - report.from_cache, "results": len(report.results),
            "seconds": round(seconds, 2), "notices_per_s": round(rate, 1),
            "cpu_ms_per_notice": round(1000 * cpu / n, 1),
            "ratio_to_before": [round(rate / BEFORE[1], 2), round(rate / BEFORE[0], 2)],
            "target": TARGET, "ratio_to_target": round(rate / TARGET, 2),
            "load_average": round(os.getloadavg()[0], 1)}  # fmt: skip


def whole_graph(out: Path, n: int) -> dict[str, object]:
    """The naive baseline: every notice and the ontology in one graph, pySHACL on it."""
    import pyshacl
    from pyoxigraph import NamedNode, RdfFormat
    from rdflib import Graph

    from kgtools.build.store import open_read_only
    from kgtools.resources import load_ontology
    from kgtools.vocab import NOTICE_BASE

    store = open_read_only(out / "store")
    graph = Graph()
    for notice in sorted(notice_digests(out))[:n]:
        data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(NOTICE_BASE + notice))
        graph.parse(data=data.decode("utf-8"), format="nt")
    for triple in load_ontology():
        graph.add(triple)
    start = time.perf_counter()
    pyshacl.validate(graph, shacl_graph=load_shapes().graph, inference="none", allow_warnings=True)
    seconds = time.perf_counter() - start
    return {"case": "whole graph, pySHACL (naive baseline)", "notices": n,
            "seconds": round(seconds, 2), "notices_per_s": round(n / seconds, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kgtools-bench-validate")  # fmt: skip
    parser.add_argument("--baseline-notices", type=int, default=0,
                        help="notices for the slow whole-graph pySHACL baseline (default: none)")  # fmt: skip
    args = parser.parse_args()
    start = time.perf_counter()
    out = corpus_build(args.notices, args.work)
    print(json.dumps({"case": "build (or reuse)", "notices": args.notices,
                      "seconds": round(time.perf_counter() - start, 1)}))  # fmt: skip
    print(json.dumps(timed(out, args.jobs, cold=True)))
    print(json.dumps(timed(out, args.jobs, cold=False)))
    if args.baseline_notices:
        print(json.dumps(whole_graph(out, min(args.baseline_notices, args.notices))))


if __name__ == "__main__":
    main()
