"""``kgtools extract``."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.failures import from_the_input, reason, refusal
from ..emit.serialize import record_json, record_nquads, record_trig
from ..errors import NoticeFormatError
from ..extract import extract_file, notice_id_for

FORMATS = {"json": record_json, "trig": record_trig, "nquads": record_nquads}


@click.command()
@click.argument("notice", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True,
              help="json: the notice record; trig / nquads: its named graph.")  # fmt: skip
@click.pass_context
def extract(ctx: click.Context, notice: Path, fmt: str) -> None:
    """Extract one NOTICE file and print its record (json) or graph (trig, nquads).

    Exits 2 with a one-line error when the file is empty, binary, undecodable, encrypted,
    not a regular file, or not a rectification notice.
    """
    refused = refusal(notice, notice_id_for(notice.name), id_limit=False)
    if refused:
        raise NoticeFormatError(refused)
    try:
        rec = extract_file(notice)
        text = FORMATS[fmt](rec)
    except Exception as exc:
        if not from_the_input(exc) or (ctx.obj and ctx.obj.get("debug")):
            raise  # a bug: exit 3 (a build lists it as the source's failure and goes on)
        raise NoticeFormatError(reason(notice, exc)) from None
    click.echo(text, nl=False)
