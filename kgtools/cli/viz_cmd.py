"""``kgtools viz``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT
from ..viz.export import VizFormat


@click.command()
@click.argument("notice", default="all")
@click.option("--format", "fmt", type=click.Choice([f.value for f in VizFormat]), default="html",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Output file [default: standard output; required for png].")  # fmt: skip
@click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True, help="Build directory to read.")  # fmt: skip
def viz(notice: str, fmt: str, out: Path | None, build_dir: Path) -> None:
    """Draw or export the graph of NOTICE: a notice id of the build, `all` (default), a
    graph file (.nq, .trig) or a notice source file (extracted on the fly).

    \b
    html       one self-contained interactive page (offline: pan, zoom, search, filter)
    graphml    for Gephi, Cytoscape, yEd
    gexf       for Gephi (dates as node start times: the timeline plays the notices)
    cytoscape  Cytoscape JSON (.cyjs)
    dot        Graphviz
    svg, png   a static tree picture (needs matplotlib)
    """
    import io

    from ..viz import export, load_graph
    from ..viz.export import xml_safe

    graph = load_graph(notice, build=build_dir)
    if (
        fmt == VizFormat.SVG
    ):  # XML: drawn from text XML 1.0 can hold (GraphML, GEXF clean their own)
        graph = xml_safe(graph)
    buffer = io.BytesIO()
    export(graph, buffer, VizFormat(fmt))
    data = buffer.getvalue()
    if out is None:
        if fmt == "png":
            raise click.UsageError("--out is required for png")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from ..emit.serialize import write_atomic

    write_atomic(out, data)
    click.echo(f"wrote {out}", err=True)
