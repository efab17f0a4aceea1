"""``kgtools query``."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import click

from ..display import format_table
from ..errors import UsageError
from ..query.local import DEFAULT_STORE


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: write name=value")
        out[name.strip()] = value
    return out


def _render(columns: list[str], rows: list[list[object]], fmt: str) -> str:
    def text(v: object) -> str:
        return "" if v is None else str(v)

    if fmt == "json":

        def conv(v: object) -> object:
            return float(v) if isinstance(v, Decimal) else v

        return json.dumps([{c: conv(v) for c, v in zip(columns, row, strict=True)} for row in rows],
                          ensure_ascii=False, indent=2) + "\n"  # fmt: skip
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[text(v) for v in row] for row in rows])
        return buffer.getvalue()
    return format_table(columns, rows) + f"\n({len(rows)} row(s))\n"


@click.command()
@click.argument("name", required=False)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a query parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--list", "list_", is_flag=True, help="Print the catalog of library queries and exit."
)
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_STORE,
              show_default=True, help="The embedded store to query.")  # fmt: skip
@click.option("--endpoint", default=None, metavar="URL",
              help="Query this SPARQL 1.1 endpoint instead (credentials from KGTOOLS_SPARQL_USER / KGTOOLS_SPARQL_PASSWORD).")  # fmt: skip
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60,
    show_default=True,
    help="Seconds to wait for an endpoint.",
)
@click.option("--allow-service", is_flag=True,
              help="Let the query call SERVICE <url>, which makes this machine (or the endpoint) "
                   "send requests to other servers; refused by default.")  # fmt: skip
def query(name: str | None, params: tuple[str, ...], fmt: str, list_: bool, store: Path, endpoint: str | None,
          timeout: float, allow_service: bool) -> None:  # fmt: skip
    """Run the library query NAME (or a .rq FILE) on the embedded store or an endpoint.

    \b
    kgtools query --list
    kgtools query rounds --param level=city
    kgtools query search -p text=采购 --format csv
    kgtools query regulations-written --endpoint http://127.0.0.1:7878/query

    A .rq file may hold a SELECT, ASK (one column `ask`), CONSTRUCT or DESCRIBE (columns
    subject, predicate, object) for the embedded store; an endpoint gets SELECT queries
    only, checked by a parser first (never run here). SERVICE is refused unless
    --allow-service is given. On a build's store, `search` is answered by the build's text
    index and the queries marked "kept" in --list by the rows the build kept for each
    notice (the same rows, faster), while they belong to the store.

    Exits 2 on an unknown query or parameter, a SPARQL syntax error, a refused query, a
    missing store, or an endpoint that is down, refuses or times out.
    """
    from ..query.library import catalog

    if list_:
        for info in catalog():
            click.echo(
                f"{info.name}\n    {info.title}\n    {info.question_zh}\n    {info.question_en}"
            )
            for p in info.params:
                click.echo(f"    --param {p.name}=…  ({p.kind}, default: {p.default}) {p.help}")
            click.echo(f"    columns: {', '.join(info.columns)}")
            if info.kept:
                click.echo("    kept: the build keeps its rows per notice (kgtools/query/kept.py)")
        return
    if not name:
        raise UsageError("give a query name or .rq file, or --list to see the catalog")
    from ..query.api import query as run_query

    rows = run_query(name, store, endpoint=endpoint, params=_params(params), timeout=timeout,
                     allow_service=allow_service)  # fmt: skip
    click.echo(_render(rows.columns, rows.rows, fmt), nl=False)
