"""``kgtools export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT


@click.command()
@click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True, help="Build directory to read.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["nq", "trig", "ttl"]), default=None,
              help="N-Quads, TriG or Turtle [default: from --out's name, else nq].")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Output file, gzipped if it ends in .gz [default: standard output].")  # fmt: skip
@click.option("--no-ontology", is_flag=True, help="Leave out the ontology and the themes.")
@click.option("--no-links", is_flag=True, help="Leave out the links graph.")
def export(
    build_dir: Path, fmt: str | None, out: Path | None, no_ontology: bool, no_links: bool
) -> None:
    """Write the whole build as one file for a triplestore's bulk loader.

    By default with the ontology and the themes (graph https://w3id.org/xuncha/ontology),
    every notice's named graph and the links graph: what the embedded store holds, so the
    library queries give the same rows on a server loaded from it. Read from the build's
    store one graph at a time.

    \b
    kgtools export --out xuncha.nq
    oxigraph load --location DB --file xuncha.nq
    """
    from ..query.export import export_file, format_of, write_export

    kept = ", ".join(
        part
        for part, on in (("ontology and themes", not no_ontology), ("notices", True), ("links", not no_links))
        if on
    )  # fmt: skip
    if out is None:
        result = write_export(build_dir, sys.stdout.buffer, fmt=fmt or "nq",
                              ontology=not no_ontology, links=not no_links)  # fmt: skip
        sys.stdout.flush()
        where = "standard output"
    else:
        fmt = fmt or format_of(out)
        result = export_file(build_dir, out, fmt=fmt, ontology=not no_ontology, links=not no_links)
        where = str(out)
    click.echo(
        f"exported {result.graphs} graph(s), {result.statements} statement(s) ({kept}) to {where}",
        err=True,
    )
