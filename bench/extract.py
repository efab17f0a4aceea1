"""Extraction speed: notices per second on one core (target ≥ 200/s, issue 3).

Runs the read → segment → recognize stages on the sample notice, then on N copies
(each with its own identity), and the same with emit to N-Quads. Prints one JSON line
per case with notices/s and the ratio to the 200 notices/s target.

    python bench/extract.py [--copies 500]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kgtools.emit.serialize import record_nquads
from kgtools.extract import extract_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "notices" / "dandong-kexie-2024.txt"
TARGET = 200.0


def _rate(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=500)
    args = parser.parse_args()
    data = SAMPLE.read_bytes()
    extract_bytes(data, name="warmup.txt")
    cases = {
        "extract (record)": lambda i: extract_bytes(data, name=f"copy-{i}.txt"),
        "extract + emit (N-Quads)": lambda i: record_nquads(
            extract_bytes(data, name=f"copy-{i}.txt")
        ),
    }
    for name, fn in cases.items():
        rate = _rate(args.copies, fn)
        print(json.dumps({"case": name, "notices": args.copies, "notices_per_s": round(rate, 1),
                          "target": TARGET, "ratio_to_target": round(rate / TARGET, 2)}))  # fmt: skip


if __name__ == "__main__":
    main()
