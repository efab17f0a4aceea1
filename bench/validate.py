"""Validation speed (issue 4): N copies of the sample notice with distinct identities,
validated (a) as one whole graph with pySHACL — the baseline — and (b) per notice in
parallel worker processes; optionally (c) with the SPARQL engine on an embedded store.
Target: ≥ 50 notices/s on 2 cores.

    python bench/validate.py [--notices 1000] [--baseline-notices N] [--jobs 2]

The whole-graph baseline runs on all notices by default (about 2½ minutes for 1 000 on a
2-core machine); --baseline-notices makes it shorter.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kgtools.emit.serialize import ntriples_lines
from kgtools.emit.triples import record_triples
from kgtools.extract import extract_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "notices" / "dandong-kexie-2024.txt"
TARGET = 50.0


def corpus(n: int) -> list[tuple[str, str]]:
    data = SAMPLE.read_bytes()
    out = []
    for i in range(n):
        rec = extract_bytes(data, name=f"copy-{i:05d}.txt")
        out.append(
            (
                f"https://w3id.org/xuncha/id/notice/{rec.notice_id}",
                "".join(ntriples_lines(record_triples(rec))),
            )
        )
    return out


def whole_graph(pairs: list[tuple[str, str]]) -> float:
    import pyshacl
    from rdflib import Graph

    from kgtools.resources import load_ontology as _ontology
    from kgtools.validate import load_shapes

    graph = Graph()
    for _, nt in pairs:
        graph.parse(data=nt, format="nt")
    for triple in _ontology():
        graph.add(triple)
    start = time.perf_counter()
    pyshacl.validate(graph, shacl_graph=load_shapes().graph, inference="none", allow_warnings=True)
    return time.perf_counter() - start


def per_notice(pairs: list[tuple[str, str]], jobs: int, engine: str) -> float:
    from kgtools.validate import validate_graphs

    start = time.perf_counter()
    validate_graphs(pairs, jobs=jobs, engine=engine)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument(
        "--baseline-notices",
        type=int,
        default=None,
        help="notices for the slow whole-graph baseline (default: all)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    pairs = corpus(args.notices)
    base_n = min(args.baseline_notices or args.notices, args.notices)
    base = whole_graph(pairs[:base_n])
    base_rate = base_n / base
    print(json.dumps({"case": "whole graph, pySHACL (baseline)", "notices": base_n, "seconds": round(base, 2),
                      "notices_per_s": round(base_rate, 2)}))  # fmt: skip
    for engine in ("pyshacl", "sparql"):
        seconds = per_notice(pairs, args.jobs, engine)
        rate = args.notices / seconds
        print(json.dumps({"case": f"per notice, {engine}, {args.jobs} jobs", "notices": args.notices,
                          "seconds": round(seconds, 2), "notices_per_s": round(rate, 1),
                          "ratio_to_baseline": round(rate / base_rate, 1), "target": TARGET,
                          "ratio_to_target": round(rate / TARGET, 2)}))  # fmt: skip


if __name__ == "__main__":
    main()
