"""``kgtools report``."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT


@click.command()
@click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True, help="Build directory to read.")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Site directory [default: BUILD/report].")  # fmt: skip
def report(build_dir: Path, out: Path | None) -> None:
    """Write a static HTML site of the build: an index of notices with their counts and
    validation status, each notice's text with its findings, measures, regulations and
    outputs highlighted and linked to the interactive graph, charts, the query catalog
    with results, and the ontology documentation. Works offline.
    """
    from ..site.report import write_report

    result = write_report(build_dir, out)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    click.echo(f"report: {result.index} ({result.notices} notice page(s))")
