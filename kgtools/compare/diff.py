"""Differences between two builds, per notice: findings, measures, regulations and outputs
added, removed or changed (matched by text similarity, as in evaluation)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .match import match_pairs, similarity


@dataclass
class Change:
    """One difference: kind (added, removed, changed), element, and the old and new text."""

    kind: str
    element: str
    old: str | None = None
    new: str | None = None

    def line(self) -> str:
        if self.kind == "changed":
            return f"~ {self.element}: {self.old} → {self.new}"
        return f"{'+' if self.kind == 'added' else '-'} {self.element}: {self.new if self.kind == 'added' else self.old}"


@dataclass
class NoticeDiff:
    """Changes of one notice; ``status`` is added, removed, changed or same."""

    notice: str
    status: str
    changes: list[Change] = field(default_factory=list)


def _records(build: Path) -> dict[str, dict[str, Any]]:
    folder = build / "notices"
    if not folder.is_dir():
        raise UsageError(
            f"{build}: not a build directory (no notices/); run kgtools build --out {build}"
        )
    out = {}
    for path in sorted(folder.glob("*.json")):
        try:
            out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{path}: unreadable record ({exc})") from None
    return out


def _pair(
    element: str, old: list[Any], new: list[Any], text: Any, changes: list[Change], same: Any = None
) -> Any:
    """Match old and new items; record added, removed and changed ones; return the pairs."""
    pairs = match_pairs(old, new, same or (lambda a, b: similarity(text(a), text(b))))
    for i, j in pairs:
        if text(old[i]) != text(new[j]):
            changes.append(Change("changed", element, text(old[i]), text(new[j])))
    matched_old, matched_new = {i for i, _ in pairs}, {j for _, j in pairs}
    changes += [
        Change("removed", element, old=text(o)) for i, o in enumerate(old) if i not in matched_old
    ]
    changes += [
        Change("added", element, new=text(n)) for j, n in enumerate(new) if j not in matched_new
    ]
    return pairs


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Changes from one record of a notice to another."""
    changes: list[Change] = []
    finding_text = lambda f: f["text"]  # noqa: E731
    pairs = _pair("finding", old["findings"], new["findings"], finding_text, changes)
    for i, j in pairs:
        _pair(
            "measure",
            old["findings"][i]["measures"],
            new["findings"][j]["measures"],
            finding_text,
            changes,
        )
    matched = ({i for i, _ in pairs}, {j for _, j in pairs})
    for i, f in enumerate(old["findings"]):
        if i not in matched[0]:
            changes += [Change("removed", "measure", old=m["text"]) for m in f["measures"]]
    for j, f in enumerate(new["findings"]):
        if j not in matched[1]:
            changes += [Change("added", "measure", new=m["text"]) for m in f["measures"]]
    reg_text = lambda r: f"{r['title']} ({r['role']})"  # noqa: E731
    _pair("regulation", old["regulations"], new["regulations"], reg_text, changes,
          same=lambda a, b: similarity(a["title"], b["title"]))  # fmt: skip
    out_text = lambda o: f"{o['value']}{o['unit']} {o['what']}"  # noqa: E731
    _pair("output", old["outputs"], new["outputs"], out_text, changes,
          same=lambda a, b: similarity(a["what"], b["what"]) if a["unit"] == b["unit"] else 0.0)  # fmt: skip
    return changes


def diff_builds(old: Path, new: Path) -> list[NoticeDiff]:
    """Per-notice differences between two build directories.

    :raises UsageError: a directory is not a build.
    """
    before, after = _records(old), _records(new)
    out = []
    for notice in sorted(set(before) | set(after)):
        if notice not in after:
            out.append(NoticeDiff(notice, "removed"))
        elif notice not in before:
            out.append(NoticeDiff(notice, "added"))
        else:
            changes = diff_records(before[notice], after[notice])
            out.append(NoticeDiff(notice, "changed" if changes else "same", changes))
    return out


def format_diff(diffs: list[NoticeDiff]) -> str:
    """Text report: a line per notice, then its changes."""
    lines = []
    for d in diffs:
        if d.status == "same":
            continue
        lines.append(
            f"{d.notice}: {d.status}" + (f" ({len(d.changes)} change(s))" if d.changes else "")
        )
        lines += [f"  {c.line()}" for c in d.changes]
    same = sum(d.status == "same" for d in diffs)
    lines.append(f"{len(diffs) - same} notice(s) differ, {same} unchanged")
    return "\n".join(lines)
