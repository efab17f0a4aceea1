"""The README says what the code does: each command's synopsis — generated here from its
`--help` (the command's arguments and every option it lists) — appears in the README as
written, every file in docs/ is linked from it, and its relative links lead to files.

After changing a command's options, print the synopses to paste into the README with
``python -m tests.test_docs``.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import click
import pytest

from kgtools.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command(name: str) -> click.Command:
    module, attr, _ = COMMANDS[name]
    command = getattr(importlib.import_module(module), attr)
    assert isinstance(command, click.Command)
    return command


def _metavar(option: click.Option) -> str:
    if option.metavar:
        return option.metavar
    kind = option.type
    if isinstance(kind, click.Choice):
        return "|".join(str(c) for c in kind.choices)
    if isinstance(kind, click.Path):
        return "DIR" if not kind.file_okay else "FILE" if not kind.dir_okay else "PATH"
    if option.name == "timeout":
        return "SECONDS"
    if isinstance(kind, click.types.IntParamType):
        return "N"
    if isinstance(kind, click.types.FloatParamType):
        return "X"
    return option.name.upper().replace("_", "-") if option.name else "VALUE"


def synopsis(name: str) -> str:
    """``kgtools NAME`` with its arguments and every option of its ``--help``, in order."""
    parts = [f"kgtools {name}"]
    for param in _command(name).params:
        if isinstance(param, click.Argument):
            word = param.human_readable_name.upper()
            if param.nargs == -1:
                parts.append(f"{word}…" if param.required else f"[{word}…]")
            else:
                parts.append(word if param.required else f"[{word}]")
        elif isinstance(param, click.Option) and not param.hidden:
            flag = next((o for o in param.opts if o.startswith("--")), param.opts[0])
            if param.is_flag:
                text = "/".join([flag, *param.secondary_opts])
            else:
                text = f"{flag} {_metavar(param)}" + ("…" if param.multiple else "")
            parts.append(text if param.required else f"[{text}]")
    return " ".join(parts)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_readme_shows_each_commands_synopsis(name: str) -> None:
    wanted = f"### `{synopsis(name)}`"
    assert wanted in README, f"README.md: write the section heading of {name} as\n{wanted}"


def test_each_synopsis_names_every_option_of_the_help() -> None:
    from click.testing import CliRunner

    from kgtools.cli import cli

    for name in COMMANDS:
        shown = CliRunner().invoke(cli, [name, "--help"]).output
        listed = set(re.findall(r"(?m)^\s+(?:-\w, )?(--[\w-]+)", shown)) - {"--help"}
        assert listed and all(option in synopsis(name) for option in listed), (name, listed)


def test_the_readme_links_every_document_and_its_links_lead_to_files() -> None:
    for doc in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{doc.name})" in README, f"README.md does not link docs/{doc.name}"
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README):
        assert (ROOT / target).exists(), f"README.md links {target}, which does not exist"


if __name__ == "__main__":
    for command in COMMANDS:
        print(f"### `{synopsis(command)}`")
