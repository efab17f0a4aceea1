"""``kgtools eval``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..compare.evaluate import evaluate, format_text


@click.command(name="eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Directory of gold records, <stem>.json each.")  # fmt: skip
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 when the F1 of findings, measures or regulations is below this.")  # fmt: skip
def eval_(gold_dir: Path, sources: tuple[Path, ...], fmt: str, min_f1: float | None) -> None:
    """Compare extractions of SOURCES with the gold records in --gold.

    Each gold file <stem>.json is compared with the source file of the same stem in
    SOURCES (files or directories; default: the gold directory's parent). Prints
    precision, recall and F1 per element type (problem areas, findings, measures under
    their finding, regulations with role, outputs, dates, scalar fields, totals), the
    worst notices and their unmatched items. Exits 2 when a gold record has no source.
    """
    report = evaluate(gold_dir, list(sources) or None)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(report))
    if min_f1 is not None:
        totals = report.totals()
        low = [k for k in ("findings", "measures", "regulations") if totals[k].f1 < min_f1]
        if low:
            click.echo(f"F1 below {min_f1} for: {', '.join(low)}", err=True)
            sys.exit(1)
