"""Scaling exponents between runs of bench/scale.py at different N.

For each corpus, the runs sorted by N, and each time or disk figure (a key ending in
``_s``, ``_mb`` or ``_kb``, nested ones such as ``query_s.notices`` or
``disk_by_part_mb.store/`` included), the exponent between consecutive N:
log(figure₂ / figure₁) / log(N₂ / N₁). 1 is linear in N, 0 constant; a per-notice figure
(``disk_per_notice_kb``) is flat at 0 when the total is linear. Runs at the same N: the
last line wins.

    python bench/exponents.py runs.jsonl [more.jsonl …] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

SUFFIXES = ("_s", "_mb", "_kb")
SKIP = {"sources_s", "total_s"}  # setup and the sum of everything: not a figure of the table


def flatten(figures: dict[str, Any]) -> dict[str, float]:
    """The numeric time and disk figures of a run, nested keys joined by dots."""
    flat: dict[str, float] = {}
    for key, value in figures.items():
        if key in SKIP or key == "vs_today" or key.endswith("_per_s"):  # rates: see the times
            continue
        if isinstance(value, dict):
            if key.endswith(SUFFIXES):  # a dict of figures: query_s, disk_by_part_mb
                flat.update({f"{key}.{k}": v for k, v in value.items() if _number(v)})
            continue
        if key.endswith(SUFFIXES) and _number(value):
            flat[key] = value
    return flat


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_runs(paths: list[Path]) -> dict[str, dict[int, dict[str, float]]]:
    """corpus → N → flat figures, from JSON lines (other lines skipped)."""
    runs: dict[str, dict[int, dict[str, float]]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("{"):
                continue
            run = json.loads(line)
            runs.setdefault(run.get("corpus", "?"), {})[int(run["notices"])] = flatten(run)
    return runs


def exponents(by_n: dict[int, dict[str, float]]) -> dict[str, dict[str, float | None]]:
    """figure → "N₁→N₂" → exponent (None when a figure is missing or not positive)."""
    ns = sorted(by_n)
    table: dict[str, dict[str, float | None]] = {}
    keys = sorted({k for figures in by_n.values() for k in figures})
    for key in keys:
        row: dict[str, float | None] = {}
        for a, b in zip(ns, ns[1:], strict=False):
            fa, fb = by_n[a].get(key), by_n[b].get(key)
            ok = fa is not None and fb is not None and fa > 0 and fb > 0
            row[f"{a}→{b}"] = round(math.log(fb / fa) / math.log(b / a), 2) if ok else None
        table[key] = row
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("runs", type=Path, nargs="+", help="files of bench/scale.py JSON lines")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = parser.parse_args()
    result = {}
    for corpus, by_n in sorted(read_runs(args.runs).items()):
        if len(by_n) < 2:
            print(f"{corpus}: one N only ({', '.join(map(str, by_n))}), no exponent")
            continue
        result[corpus] = table = exponents(by_n)
        if args.json:
            continue
        spans = [f"{a}→{b}" for a, b in zip(sorted(by_n), sorted(by_n)[1:], strict=False)]
        width = max(len(k) for k in table)
        print(f"{corpus}\n{'figure':<{width}}  " + "  ".join(f"{s:>13}" for s in spans))
        for key, row in table.items():
            cells = ("—" if row[s] is None else f"{row[s]:.2f}" for s in spans)
            print(f"{key:<{width}}  " + "  ".join(f"{c:>13}" for c in cells))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
