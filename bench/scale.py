"""Scale (issue 8): N synthetic notices through the whole pipeline on this machine.

Generates N fictional notices (bench/synth.py), then measures: a cold build (extraction
in worker processes, streaming writes, store bulk load), an incremental build after
changing 1% of the notices, a no-change rebuild, validation of the whole build (SPARQL
engine, per notice, in parallel) and again after the change (cached: only the changed
notices), and the median time of every library query. Builds skip the whole-corpus files
graph.nq/graph.trig (--no-corpus-files, the large-corpus setting) unless --corpus-files. Prints one JSON line:
seconds per stage, notices/s, peak RSS, store size on disk, and — for N up to
--baseline-max — the naive baseline (rdflib Dataset in memory + pySHACL on the whole graph).

    python bench/scale.py --notices 1000 [--work /tmp/kgtools-scale] [--baseline-max 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import notice, write_corpus  # noqa: E402

from kgtools.build.corpus import build  # noqa: E402
from kgtools.query import catalog, query  # noqa: E402
from kgtools.validate import validate  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def baseline(src: Path) -> float:
    """rdflib Dataset in memory + pySHACL on the whole graph: extract, emit, validate."""
    import pyshacl
    from rdflib import Graph

    from kgtools.emit.triples import record_triples
    from kgtools.extract import extract_file
    from kgtools.resources import load_ontology as _ontology
    from kgtools.validate import load_shapes

    start = time.perf_counter()
    graph = Graph()
    for path in sorted(src.glob("*.txt")):
        for triple in record_triples(extract_file(path)):
            graph.add(triple)
    for triple in _ontology():
        graph.add(triple)
    pyshacl.validate(graph, shacl_graph=load_shapes().graph, inference="none", allow_warnings=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgtools-scale"))
    parser.add_argument("--baseline-max", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--corpus-files",
        action="store_true",
        help="also write graph.nq/graph.trig (off: the large-corpus setting)",
    )
    args = parser.parse_args()
    n = args.notices
    work = args.work / str(n)
    shutil.rmtree(work, ignore_errors=True)
    src, out = work / "src", work / "build"
    write_corpus(src, n)
    figures: dict[str, object] = {"notices": n, "cpus": os.cpu_count()}

    def run_build():  # type: ignore[no-untyped-def]
        return build([src], out=out, corpus_files=args.corpus_files)

    cold, _ = timed(run_build)
    figures["cold_build_s"] = round(cold, 1)
    figures["cold_notices_per_s"] = round(n / cold, 1)
    validation, report = timed(lambda: validate(out, engine="sparql"))
    figures["validation_s"] = round(validation, 1)
    figures["validation_notices_per_s"] = round(n / validation, 1)
    figures["violations"] = report.counts()["Violation"]
    changed = max(1, n // 100)
    for i in range(changed):  # 1% of the notices change
        name, text = notice(i, 0)
        (src / name).write_text(
            text.replace("持续巩固整改成果", "持续巩固整改成果并定期复查"), encoding="utf-8"
        )
    incremental, result = timed(run_build)
    figures["incremental_1pct_s"] = round(incremental, 1)
    figures["incremental_extracted"] = len(result.extracted)
    revalidation, report = timed(lambda: validate(out, engine="sparql"))
    figures["validation_after_1pct_s"] = round(revalidation, 1)
    figures["revalidated"] = len(report.notices) - report.from_cache
    nothing, _ = timed(run_build)
    figures["rebuild_unchanged_s"] = round(nothing, 1)
    medians = {}
    for info in catalog():  # as `kgtools query NAME` runs it: open the store, query, rows
        times = [timed(lambda name=info.name: query(name, out / "store"))[0]]
        if times[0] < 10:  # a slow query is timed once
            times += [
                timed(lambda name=info.name: query(name, out / "store"))[0]
                for _ in range(args.repeat - 1)
            ]
        medians[info.name] = round(statistics.median(times), 3)
    figures["query_median_s"] = medians
    figures["slowest_query_s"] = max(medians.values())
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["store_mb"] = disk_mb(out / "store")
    figures["text_index_mb"] = round((out / "text-index.sqlite").stat().st_size / 1e6, 1)
    figures["build_files_mb"] = disk_mb(out)
    total = cold + validation
    if n <= args.baseline_max:
        base = baseline(src)
        figures["baseline_s"] = round(base, 1)
        figures["speedup_vs_baseline"] = round(base / total, 1)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
