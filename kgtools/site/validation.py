"""The report's validation: per-notice counts by severity and ``validation.html``, from the
build's validation cache (:func:`kgtools.validate.validate_build_cached`: only notices
whose graph changed are validated again).

At 1 000 notices loading the shapes and the cached results takes about 2.5 s even when
nothing changed, so the report runs it in a separate process (:class:`Pending`) while it
writes the pages that do not show a validation status, and waits for it after.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .background import Background, reply
from .shell import note, shell
from .written import write_if_changed

Counts = dict[str, int]  # by severity
MAX_ROWS = 2000  # results listed in validation.html (all of them: `kgtools validate`)


@dataclass
class Validation:
    """Counts by severity per notice (None: validation unavailable), the digest of the
    results (validation.html is written again only when it changes), notes."""

    counts: dict[str, Counts] | None
    digest: str = ""
    notes: list[str] = field(default_factory=list)


def summarize(build: Path, out: Path, previous_digest: str | None) -> Validation:
    """Validate ``build`` (from the cache), write ``out/validation.html`` when the results
    differ from ``previous_digest`` (or the page is missing), count results per notice
    (from the cache's tallies: the results themselves are read only for the page's first
    MAX_ROWS)."""
    try:
        from ..validate import load_shapes
        from ..validate.report import to_html
        from ..validate.summary import summarize_build

        summary = summarize_build(build, load_shapes(), max_results=MAX_ROWS)
    except Exception as exc:  # noqa: BLE001 — another team's module: absent or failing is a note
        text = f"validation skipped: {type(exc).__name__}: {exc}"
        write_if_changed(out / "validation.html", shell("验证 / Validation", note(text)))
        return Validation(None, notes=[text])
    if previous_digest != summary.digest or not (out / "validation.html").is_file():
        page = to_html(summary.report, max_rows=MAX_ROWS, totals=summary.totals,
                       by_shape=summary.by_shape)  # fmt: skip
        write_if_changed(out / "validation.html", page)
    return Validation(summary.counts, summary.digest)


class Pending:
    """The validation running in another process (``python -m kgtools.site.validation``);
    :meth:`result` waits for it, and validates here when that process failed."""

    def __init__(self, build: Path, out: Path, previous_digest: str | None) -> None:
        self._args = (build, out, previous_digest)
        self._process = Background(__name__, str(build), str(out), previous_digest or "")

    def result(self) -> Validation:
        data = self._process.result()
        try:
            return Validation(data["counts"], data["digest"], data["notes"])
        except (TypeError, KeyError):
            return summarize(*self._args)

    def close(self) -> None:
        self._process.close()


if __name__ == "__main__":
    build, out, previous = sys.argv[1:]
    found = summarize(Path(build), Path(out), previous or None)
    sys.exit(reply({"counts": found.counts, "digest": found.digest, "notes": found.notes}))
