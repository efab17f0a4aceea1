"""``kgtools load``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL of the triplestore, e.g. http://127.0.0.1:7878/store.")  # fmt: skip
@click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="The build directory to push.")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True)
def load(endpoint: str, build_dir: Path, timeout: float) -> None:
    """Push the build to a triplestore with the Graph Store Protocol.

    One named graph per notice, plus the links graph and the ontology; each PUT replaces
    its graph, so loading twice leaves the same triples. Credentials come from
    KGTOOLS_SPARQL_USER / KGTOOLS_SPARQL_PASSWORD. Failed requests are retried with
    backoff. Exits 2 when the store is down or refuses.
    """
    from ..query.remote import load_remote, safe_url

    def progress(done: int, total: int, graph: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r[{done}/{total}] {graph[-60:]:<60}", err=True, nl=done == total)

    count = load_remote(endpoint, build_dir, timeout=timeout, progress=progress)
    click.echo(f"{count} graph(s) loaded into {safe_url(endpoint)}")
