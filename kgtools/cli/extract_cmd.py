"""``kgtools extract``."""

from __future__ import annotations

from pathlib import Path

import click

from ..emit.serialize import record_json, record_nquads, record_trig
from ..extract import extract_file

FORMATS = {"json": record_json, "trig": record_trig, "nquads": record_nquads}


@click.command()
@click.argument("notice", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True,
              help="json: the notice record; trig / nquads: its named graph.")  # fmt: skip
def extract(notice: Path, fmt: str) -> None:
    """Extract one NOTICE file and print its record (json) or graph (trig, nquads).

    Exits 2 with a one-line error when the file is empty, binary, undecodable or
    not a rectification notice.
    """
    rec = extract_file(notice)
    click.echo(FORMATS[fmt](rec), nl=False)
