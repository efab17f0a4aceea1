"""The report's query catalog page: every query of the library run on the build's store,
its first rows as a table, its SPARQL folded under it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .shell import esc, note

MAX_ROWS = 50


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return (
        f'<td class="num">{esc(text)}</td>'
        if isinstance(value, int | float)
        else f"<td>{esc(text)}</td>"
    )


NOT_RUN = ("Rows: <code>kgtools report</code> runs each query on this build and shows its "
           "rows here; <code>kgtools build</code> does not (each query reads the whole corpus, "
           "which an incremental build never does).")  # fmt: skip


def queries_body(store: Any, notes: list[str], *, store_dir: Path | None = None,
                 run: bool = True) -> str:  # fmt: skip
    """The body of ``queries.html``; a query or a catalog that fails is a note. ``search``
    is answered by the build's text index when it belongs to the store in ``store_dir``
    (as ``kgtools query search`` is: a scan of every notice's text takes seconds). Without
    ``run``, the catalog without rows (no store read)."""
    try:
        from ..query.library import bind, catalog
        from ..query.local import from_text_index, run_on_store

        infos = catalog()
        if store is None and run:
            raise FileNotFoundError("the build has no store")
    except Exception as exc:  # noqa: BLE001 — another team's module or no store: a note
        notes.append(f"query catalog skipped: {type(exc).__name__}: {exc}")
        return note(notes[-1])
    parts = [
        "<ul>"
        + "".join(
            f'<li><a href="#q-{esc(i.name)}">{esc(i.name)}</a> — {esc(i.title)}</li>' for i in infos
        )
        + "</ul>"
    ]
    for info in infos:
        parts.append(f'<h2 id="q-{esc(info.name)}">{esc(info.name)}: {esc(info.title)}</h2>'
                     f"<p>{esc(info.question_zh)}<br><span class='en'>{esc(info.question_en)}</span></p>"
                     f"<p class='en'><code>kgtools query {esc(info.name)}</code></p>")  # fmt: skip
        if not run:
            parts.append(f"<p class='en'>{NOT_RUN}</p><details><summary>SPARQL</summary>"
                         f"<pre class='sparql'>{esc(info.text)}</pre></details>")  # fmt: skip
            continue
        try:
            indexed = from_text_index(info, {}, store_dir) if store_dir is not None else None
            rows = indexed if indexed is not None else run_on_store(store, bind(info, {}))
        except Exception as exc:  # noqa: BLE001 — one failing query must not hide the others
            parts.append(note(f"query failed: {type(exc).__name__}: {exc}"))
            continue
        head = "".join(f"<th>{esc(c)}</th>" for c in rows.columns)
        body = "".join(
            "<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows.rows[:MAX_ROWS]
        )
        more = (
            f"<p class='en'>… {len(rows.rows) - MAX_ROWS} more rows</p>"
            if len(rows.rows) > MAX_ROWS
            else ""
        )
        parts.append(f"<p class='en'>{len(rows.rows)} row(s)</p><table><thead><tr>{head}</tr></thead>"
                     f"<tbody>{body}</tbody></table>{more}"
                     f"<details><summary>SPARQL</summary><pre class='sparql'>{esc(info.text)}</pre></details>")  # fmt: skip
    return "\n".join(parts)


def write_catalog(out: Path) -> list[str]:
    """``out/queries.html``: the catalog without rows (what ``kgtools build`` writes)."""
    from .shell import shell
    from .written import write_if_changed

    notes: list[str] = []
    body = queries_body(None, notes, run=False)
    write_if_changed(out / "queries.html", shell("查询目录 / Query catalog", body))
    return notes


def write_queries(build: Path, out: Path) -> list[str]:
    """``out/queries.html``: the catalog run on the build's store; the notes it made."""
    from ..build.store import open_read_only
    from .shell import shell
    from .written import write_if_changed

    notes: list[str] = []
    try:
        store: Any = open_read_only(build / "store")
    except Exception:  # noqa: BLE001 — the store cannot be opened: the body says so
        store = None
    body = queries_body(store, notes, store_dir=build / "store")
    write_if_changed(out / "queries.html", shell("查询目录 / Query catalog", body))
    return notes


class PendingQueries:
    """The catalog page written by another process (``python -m kgtools.site.catalog``);
    :meth:`result` waits for its notes, and writes the page here when that process failed."""

    def __init__(self, build: Path, out: Path) -> None:
        from .background import Background

        self._args = (build, out)
        self._process = Background(__name__, str(build), str(out))

    def result(self) -> list[str]:
        notes = self._process.result()
        if isinstance(notes, list) and all(isinstance(n, str) for n in notes):
            return notes
        return write_queries(*self._args)

    def close(self) -> None:
        self._process.close()


if __name__ == "__main__":
    import sys

    from .background import reply

    sys.exit(reply(write_queries(Path(sys.argv[1]), Path(sys.argv[2]))))
