"""The package's map: its stages in dependency order.

A module may import from its own stage and from the stages before it, never from a later
one (``tests/test_architecture.py`` walks the imports and enforces it). The build hashes
the code of every stage up to and including ``build`` into its format, so changing a
query runner or a chart does not re-extract every notice, and a new recognizer does.
"""

from __future__ import annotations

from pathlib import Path

#: Stages in dependency order; the names are modules or subpackages of kgtools. Stages on
#: one line are siblings: they may not import each other unless SIBLING_EDGES allows it.
STAGES: tuple[tuple[str, ...], ...] = (
    ("_version", "errors"),
    ("vocab", "layout", "display", "numerals"),
    ("resources", "record"),
    ("read",),
    ("segment",),
    ("recognize",),
    ("extract",),
    ("emit",),
    ("build",),
    ("validate", "query", "compare", "viz"),
    ("site",),
    ("cli",),
    ("__init__", "__main__"),
)

#: The last stage whose code shapes the files a build writes.
LAST_BUILD_STAGE = "build"

PACKAGE = Path(__file__).resolve().parent


def stage_of(module: str) -> str:
    """The stage of a dotted module name inside kgtools (``kgtools.read.html`` → ``read``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def rank_of(stage: str) -> int:
    """The position of a stage in STAGES.

    :raises KeyError: a stage the map does not name.
    """
    for rank, stages in enumerate(STAGES):
        if stage in stages:
            return rank
    raise KeyError(f"kgtools.{stage} is not on the map in kgtools/layout.py; add it to STAGES")


def build_code() -> list[Path]:
    """The package's source files that shape the build's files (stages up to the build)."""
    last = rank_of(LAST_BUILD_STAGE)
    shaping = {s for stages in STAGES[: last + 1] for s in stages}
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0].removesuffix(".py") in shaping
    )
