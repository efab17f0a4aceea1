"""The ``kgtools`` command line: a thin shell over the library.

Exit codes: 0 success (or data conforms), 1 data does not conform, 2 usage or
input error, 3 internal error. Each subcommand lives in its own module and is
imported only when it runs, so ``kgtools --help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import KgtoolsError

EXIT_OK, EXIT_NONCONFORM, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

# name → (module, attribute, one-line help)
# fmt: off
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("kgtools.cli.build_cmd", "build", "Build the graph of all notices into an output directory."),
    "extract": ("kgtools.cli.extract_cmd", "extract", "Extract one notice and print its record or graph."),
    "validate": ("kgtools.cli.validate_cmd", "validate", "Check graphs against the SHACL shapes (for CI)."),
    "query": ("kgtools.cli.query_cmd", "query", "Run a library SPARQL query on the store or an endpoint."),
    "load": ("kgtools.cli.load_cmd", "load", "Push the build to a triplestore (Graph Store Protocol)."),
    "export": ("kgtools.cli.export_cmd", "export", "Write the build as one file for bulk loaders (N-Quads, TriG, Turtle)."),
    "serve": ("kgtools.cli.serve_cmd", "serve", "Serve the store over SPARQL on 127.0.0.1 (read-only by default)."),
    "eval": ("kgtools.cli.eval_cmd", "eval_", "Score extractions against hand-made gold records."),
    "diff": ("kgtools.cli.diff_cmd", "diff", "Compare two builds notice by notice."),
    "viz": ("kgtools.cli.viz_cmd", "viz", "Draw or export a notice's graph (HTML, GraphML, GEXF, DOT, SVG …)."),
    "report": ("kgtools.cli.report_cmd", "report", "Write a static HTML report site of a build."),
}
# fmt: on


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, _, help_) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xuncha-kg", prog_name="kgtools")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build, check and query the knowledge graph of inspection-rectification notices
    (巡视/巡察整改进展情况的通报).

    \b
    Exit codes: 0 success or data conforms; 1 data does not conform;
                2 usage or input error; 3 internal error.
    """
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning errors into messages and exit codes."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="kgtools", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT)
    except KgtoolsError as exc:
        if debug:
            raise
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # noqa: BLE001 — last resort: report, do not dump a traceback
        if debug:
            raise
        click.echo(
            f"Internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
