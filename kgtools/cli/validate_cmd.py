"""``kgtools validate``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..build.corpus import DEFAULT_OUT
from ..errors import UsageError

if TYPE_CHECKING:
    from ..validate.cache import StreamedValidation
    from ..validate.report import Severity


@click.command()
@click.argument("data", nargs=-1, type=click.Path(path_type=Path))
@click.option("--shapes", "shapes_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Directory of SHACL shapes (*.ttl) [default: the shipped shapes/].")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "html"]), default="text",
              show_default=True, help="Report format.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(["violation", "warning"]), default="violation", show_default=True,
              help="Lowest severity that makes the exit code 1.")  # fmt: skip
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes.")
@click.option("--engine", type=click.Choice(["auto", "pyshacl", "sparql"]), default="auto", show_default=True,
              help="pyshacl: the reference; sparql: the same shapes compiled to SPARQL and run on an embedded "
                   "store (tested to give identical results, much faster); auto: sparql from 50 notices on, "
                   "when it compiles every shape.")  # fmt: skip
def validate(data: tuple[Path, ...], shapes_dir: Path | None, fmt: str, fail_on: str, out: Path | None,
             jobs: int | None, engine: str) -> None:  # fmt: skip
    """Check notice graphs against the SHACL shapes and report what to fix.

    DATA is a TriG / N-Quads / Turtle file, a build directory, its store
    (data/build/store: the shapes run as SPARQL in place) or a directory of notices
    (built in memory first); default: data/build. Each notice's named graph is
    validated with the ontology, in parallel for many notices. For a build directory
    the graphs are read from its store and the results cached by each notice's
    graph digest and the shapes (validation-cache.sqlite): only new or changed
    notices are validated again.

    \b
    Exit codes: 0 conforms at the --fail-on level; 1 results at or above it;
                2 usage or input error (unreadable data, no notice found,
                bad shapes, report file not writable); 3 internal error.
    """
    from ..validate import validate as run
    from ..validate.api import validate_streamed
    from ..validate.report import FORMATS, severity_of

    level = severity_of(fail_on)
    paths = list(data) or [DEFAULT_OUT]
    if fmt == "text":  # a build's text report is written as its cache is read
        streamed = validate_streamed(paths, shapes_dir=shapes_dir, jobs=jobs, engine=engine)
        if streamed is not None:
            _from_cache(len(streamed.notices), streamed.from_cache)
            sys.exit(_write_text(streamed, level, out))
    report = run(paths, shapes_dir=shapes_dir, jobs=jobs, engine=engine)
    _from_cache(len(report.notices), report.from_cache)
    _emit([FORMATS[fmt](report, level=level)], out)
    sys.exit(0 if report.conforms(level) else 1)


def _from_cache(notices: int, from_cache: int) -> None:
    if from_cache:
        click.echo(f"{notices} notice(s): {notices - from_cache} validated, {from_cache} "
                   "unchanged (results from validation-cache.sqlite)", err=True)  # fmt: skip


def _write_text(streamed: StreamedValidation, level: Severity, out: Path | None) -> int:
    """The text report of a build, written as it is read from the cache; the exit code."""
    from ..validate.report import counts_conform, text_lines

    totals: dict[str, int] = {}
    _emit(text_lines(streamed.notices, streamed.groups(), level=level, totals=totals), out)
    return 0 if counts_conform(totals, level) else 1


def _emit(text: Iterable[str], out: Path | None) -> None:
    """A report, given in parts, to ``out`` (atomically) or to standard output, as made.

    :raises UsageError: ``out`` cannot be written.
    """
    from itertools import islice

    from ..emit.files import write_lines_atomic

    parts = iter(text)
    if out:
        try:
            write_lines_atomic(out, parts)
        except OSError as exc:
            raise UsageError(f"{out}: cannot write the report ({exc.strerror or exc})") from None
        click.echo(f"Report written to {out}", err=True)
    else:
        while block := "".join(islice(parts, 2000)):
            click.echo(block, nl=False)
