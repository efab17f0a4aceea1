"""``kgtools diff``."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from ..compare.diff import diff_builds, format_diff


@click.command()
@click.argument("old", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def diff(old: Path, new: Path, fmt: str) -> None:
    """Compare two build directories OLD and NEW, notice by notice.

    Lists notices added or removed, and for changed notices the findings, measures,
    regulations and outputs added (+), removed (-) or changed (~). Items are matched by
    text similarity ≥ 0.8, as in `kgtools eval`. Exits 0 when the builds are the same,
    1 when they differ.
    """
    diffs = diff_builds(old, new)
    if fmt == "json":
        click.echo(json.dumps([asdict(d) for d in diffs], ensure_ascii=False, indent=2))
    else:
        click.echo(format_diff(diffs))
    sys.exit(1 if any(d.status != "same" for d in diffs) else 0)
