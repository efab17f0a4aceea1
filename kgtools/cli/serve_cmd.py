"""``kgtools serve``."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT


@click.command()
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT / "store",
              show_default=True, help="The store to serve.")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--writable",
    is_flag=True,
    help="Accept SPARQL updates and Graph Store writes (read-only by default).",
)
def serve(store: Path, host: str, port: int, writable: bool) -> None:
    """Serve the build's store over SPARQL with Oxigraph's web query UI.

    Binds 127.0.0.1 and is read-only unless told otherwise; warns when bound to another
    interface. The default graph is the union of all graphs, as in `kgtools query`.
    Stop with Ctrl-C.
    """
    from ..query.serve import is_loopback, start_server

    if not is_loopback(host):
        click.echo(f"Warning: binding {host} exposes the store beyond this machine; anyone who can "
                   "reach it can query" + (" and change it" if writable else " it"), err=True)  # fmt: skip
    process = start_server(store, host=host, port=port, writable=writable)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {store} at http://{shown}:{port}/ (SPARQL endpoint: http://{shown}:{port}/query, "
               f"{'read-write' if writable else 'read-only'}); Ctrl-C stops it")  # fmt: skip

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # stop the server too when we are terminated
    try:
        process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
