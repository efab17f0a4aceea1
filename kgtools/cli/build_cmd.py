"""``kgtools build``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..build.corpus import DEFAULT_OUT, DEFAULT_SOURCES, Progress
from ..build.lock import build_lock
from ..display import format_table

PROGRESS_FROM = 5
TABLE_ROWS = 40


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT,
              show_default=True, help="Output directory.")  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction [default: one per CPU].")  # fmt: skip
@click.option("--force", is_flag=True, help="Re-extract every notice, even unchanged ones.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures.")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report (OUT/report).")
def build(sources: tuple[Path, ...], out: Path, jobs: int | None, force: bool, quiet: bool,
          no_report: bool) -> None:  # fmt: skip
    """Build the graph of SOURCES (notice files or directories; default data/notices).

    Loads every notice's graph (one named graph each), the links graph and the ontology
    into the embedded store OUT/store — the one copy of the graph — and writes
    OUT/notices/<id>.json (each notice's record), OUT/build.sqlite (the table of built
    notices), the text index behind `kgtools query search`, OUT/links.json,
    OUT/concreteness.csv and OUT/summary.json, then prints a summary table; then the HTML
    report in OUT/report unless --no-report (its query catalog without rows, which
    `kgtools report` adds: each query reads the whole corpus). The whole graph as one
    file (N-Quads, TriG, Turtle): `kgtools export`.

    Incremental: only new or changed notices (by content hash) are extracted again;
    the graphs and records of notices whose sources are gone are removed. A file that
    cannot be built is listed with its reason and nothing is kept for it; the others are
    built. Exits 2 when any source failed.
    """
    show_progress = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int, name: str) -> None:
        if total >= PROGRESS_FROM and (show_progress or done == total):
            click.echo(f"\r[{done}/{total}] {name[-50:]:<50}", err=True, nl=done == total)

    with build_lock(out):  # the report too is written under the lock
        _build(sources, out, jobs, force, quiet, no_report, progress)


def _say(message: str) -> None:
    click.echo(f"\n{message} …", err=True)


def _build(sources: tuple[Path, ...], out: Path, jobs: int | None, force: bool, quiet: bool,
           no_report: bool, progress: Progress) -> None:  # fmt: skip
    # The workers make each notice's kept query rows and, with the report, validate it and
    # write its report pages.
    from ..site.buildstep import build_with_step
    from ..site.prepare import ReportStep

    result, collector = build_with_step(
        sources or DEFAULT_SOURCES, out=out, jobs=jobs, force=force,
        progress=None if quiet else progress,
        report=None if no_report else ReportStep(str(out / "report")),
        say=None if quiet else _say,
    )  # fmt: skip
    if not quiet:
        rows = [
            (n.notice, n.findings, n.measures, n.regulations, n.outputs) for n in result.notices
        ]
        if rows:
            click.echo(
                format_table(
                    ("notice", "findings", "measures", "regulations", "outputs"), rows[:TABLE_ROWS]
                )
            )
            if len(rows) > TABLE_ROWS:
                click.echo(f"… and {len(rows) - TABLE_ROWS} more (see {out}/summary.json)")
        doubtful = [n for n in result.notices if n.doubts]
        if doubtful:
            names = ", ".join(f"{n.notice} ({', '.join(n.doubts)})" for n in doubtful[:5])
            more = f" and {len(doubtful) - 5} more" if len(doubtful) > 5 else ""
            click.echo(
                f"{len(doubtful)} notice(s) to check: {names}{more} (doubts in notices/*.json)"
            )
        click.echo(
            f"{len(result.notices)} notice(s) in {out}/ (store/, notices/): "
            f"{len(result.extracted)} extracted, {result.unchanged} unchanged, {len(result.removed)} removed"
        )
        for note in result.notes:
            click.echo(f"Note: {note}")
    if not no_report and result.notices:
        from ..site.report import write_report

        report = write_report(out, run_queries=False,  # `kgtools report` runs the catalog
                              prepared=collector.report.keys if collector.report else None,
                              parts=collector.report.parts if collector.report else None)  # fmt: skip
        if not quiet:
            click.echo(f"report: {report.index}" + "".join(f"\nNote: {n}" for n in report.notes))
    for f in result.failures:
        click.echo(f"Failed: {f.error}", err=True)
    if result.failures:
        click.echo(
            f"{len(result.failures)} source(s) failed; nothing was written for them.", err=True
        )
        sys.exit(2)
