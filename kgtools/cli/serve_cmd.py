"""``kgtools serve``."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT


@click.command()
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT / "store",
              show_default=True, help="The store to serve (or the build directory holding it).")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--writable",
    is_flag=True,
    help="Accept SPARQL updates and Graph Store writes (read-only by default); writes from "
    "web pages of other origins are refused.",
)
@click.option("--allow-service", is_flag=True,
              help="Let queries call SERVICE <url> (this machine then sends requests to other "
                   "servers); refused by default.")  # fmt: skip
def serve(store: Path, host: str, port: int, writable: bool, allow_service: bool) -> None:
    """Serve the build's store over SPARQL (query, update, Graph Store Protocol) with
    Oxigraph's web query UI.

    Binds 127.0.0.1 and is read-only unless told otherwise; warns when bound to another
    interface. The default graph is the union of all graphs, as in `kgtools query`.
    Requests naming another host, writes from other origins and SERVICE calls are refused.
    When a build replaces the store, the server reopens it and says so. Stop with Ctrl-C.
    """
    from ..query.serve import is_loopback, make_server

    if not is_loopback(host):
        click.echo(f"Warning: binding {host} exposes the store beyond this machine; anyone who can "
                   "reach it can query" + (" and change it" if writable else " it"), err=True)  # fmt: skip
    server = make_server(store, host=host, port=port, writable=writable, allow_service=allow_service,
                         log=lambda line: click.echo(line, err=True))  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {store} at http://{shown}:{port}/ (SPARQL endpoint: http://{shown}:{port}/query, "
               f"{'read-write' if writable else 'read-only'}"
               f"{', SERVICE allowed' if allow_service else ''}); Ctrl-C stops it")  # fmt: skip

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # a terminated server closes its socket and store
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
