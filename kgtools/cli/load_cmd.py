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
@click.option("--prune", is_flag=True,
              help="Also delete the store's notice graphs that the build no longer has.")  # fmt: skip
@click.option("--query-endpoint", metavar="URL", default=None,
              help="The store's SPARQL query URL, to list its graphs for --prune (derived from --endpoint for Oxigraph, Virtuoso, Fuseki, GraphDB).")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True,
              help="Seconds to wait for each request.")  # fmt: skip
def load(
    endpoint: str, build_dir: Path, prune: bool, query_endpoint: str | None, timeout: float
) -> None:
    """Push the build to a triplestore with the Graph Store Protocol.

    One named graph per notice, plus the links graph and the ontology; each PUT replaces
    its graph, so loading twice leaves the same triples, and a load that stopped part-way
    is completed by running it again. Prints how many graphs were added, replaced and
    removed. Credentials come from KGTOOLS_SPARQL_USER / KGTOOLS_SPARQL_PASSWORD (Basic,
    or Digest when the server asks). Failed requests are retried with backoff. Exits 2
    when the store is down or refuses, saying how far the load got.
    """
    from ..query.graphstore import load_remote
    from ..query.remote import safe_url

    def progress(done: int, total: int, graph: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r[{done}/{total}] {graph[-60:]:<60}", err=True, nl=done == total)

    result = load_remote(
        endpoint,
        build_dir,
        timeout=timeout,
        prune=prune,
        query_url=query_endpoint,
        progress=progress,
    )
    click.echo(result.summary(safe_url(endpoint)))
