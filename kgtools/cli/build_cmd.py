"""``kgtools build``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build import DEFAULT_OUT, DEFAULT_SOURCES
from ..build import build as build_graph
from ..table import format_table

PROGRESS_FROM = 5


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Output directory.")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="Print only failures.")
def build(sources: tuple[Path, ...], out: Path, quiet: bool) -> None:
    """Build the graph of SOURCES (notice files or directories; default data/notices).

    Writes OUT/graph.trig and OUT/graph.nq (all notices, one named graph each),
    OUT/notices/<id>.trig and .json per notice, and OUT/summary.json, then prints a
    summary table. A file that cannot be built is listed with its reason and nothing
    is written for it; the others are built. Exits 2 when any source failed.
    """
    paths = sources or DEFAULT_SOURCES
    show_progress = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int, name: str) -> None:
        if total >= PROGRESS_FROM and (show_progress or done == total):
            click.echo(f"\r[{done}/{total}] {name[-50:]:<50}", err=True, nl=done == total)

    result = build_graph(paths, out=out, progress=None if quiet else progress)
    if not quiet:
        rows = [
            (n.notice, n.findings, n.measures, n.regulations, n.outputs) for n in result.notices
        ]
        if rows:
            click.echo(
                format_table(("notice", "findings", "measures", "regulations", "outputs"), rows)
            )
        click.echo(
            f"{len(result.notices)} notice(s) built into {out}/ (graph.trig, graph.nq, notices/)"
        )
    for f in result.failures:
        click.echo(f"Failed: {f.error}", err=True)
    if result.failures:
        click.echo(
            f"{len(result.failures)} source(s) failed; nothing was written for them.", err=True
        )
        sys.exit(2)
