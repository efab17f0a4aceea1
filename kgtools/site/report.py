"""``kgtools report``: a static HTML site of a build, browsable offline.

``write_report(build, out)`` writes ``index.html`` (notices with their counts and
validation status), ``notices/<id>.html`` (the text with every extracted node highlighted
and linked to the graph), ``graph/<id>.html`` and ``graph/all.html`` (interactive graphs),
``charts.html`` (drawn in the browser by ECharts; ``charts/*.svg|png`` for print when
matplotlib is installed), ``queries.html`` (the query catalog run on the
build's store), ``validation.html`` and ``ontology.html``. Sections whose parts are missing
(matplotlib, the validator, the query library, the store) are replaced by a note.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..emit.serialize import write_atomic
from ..errors import UsageError
from ..viz.html import LIBRARY, graph_page, static_text
from ..viz.model import build_views, combine, page_href
from .charts import charts_page
from .pages import esc, notice_page, shell

MAX_ALL_NODES = 5000
MAX_ROWS = 50


@dataclass
class ReportResult:
    """What was written: the index page, the number of notice pages, notes on skipped parts."""

    index: Path
    notices: int = 0
    notes: list[str] = field(default_factory=list)


def _note(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'


def _validation(build: Path, out: Path, notes: list[str]) -> dict[str, dict[str, int]] | None:
    """Per-notice counts by severity, and validation.html; None when validation is unavailable."""
    try:
        from ..validate import load_shapes
        from ..validate.report import to_html
        from ..validate.store_engine import validate_build_store

        report = validate_build_store(build, load_shapes())
    except Exception as exc:  # noqa: BLE001 — another team's module: absent or failing is a note
        notes.append(f"validation skipped: {type(exc).__name__}: {exc}")
        write_atomic(out / "validation.html", shell("验证 / Validation", _note(notes[-1])))
        return None
    write_atomic(out / "validation.html", to_html(report))
    counts = {n: {"Violation": 0, "Warning": 0, "Info": 0} for n in report.notices}
    for r in report.results:
        counts.setdefault(r.notice, {"Violation": 0, "Warning": 0, "Info": 0})[r.severity] += 1
    return counts


def _status(counts: dict[str, int] | None, up: str = "") -> str:
    if counts is None:
        return '<span class="en">—</span>'
    if counts["Violation"]:
        return f'<a class="bad" href="{up}validation.html">✗ {counts["Violation"]} violation(s)</a>'
    if counts["Warning"]:
        return f'<span class="warn">✓ 符合 conforms, {counts["Warning"]} warning(s)</span>'
    return '<span class="ok">✓ 符合 conforms</span>'


def _index(records: dict[str, dict[str, Any]], validation: dict[str, dict[str, int]] | None,
           notes: list[str], build: Path) -> str:  # fmt: skip
    head = ("通报 notice", "标题 title", "发布单位 issuer", "问题 findings", "措施 measures",
            "制度 regulations", "成果 outputs", "具体占比 concreteness", "验证 validation", "图 graph")  # fmt: skip
    rows = []
    for nid, r in sorted(records.items()):
        nums = (len(r["findings"]), sum(len(f["measures"]) for f in r["findings"]),
                len(r["regulations"]), len(r["outputs"]))  # fmt: skip
        status = _status(validation.get(nid) if validation is not None else None)
        rows.append(
            f'<tr><td><a href="notices/{page_href(nid)}">{esc(nid)}</a></td><td>{esc(r.get("title"))}</td>'
            f"<td>{esc(r.get('issuing_org'))}</td>" + "".join(f'<td class="num">{n}</td>' for n in nums)
            + f'<td class="num">{r["concreteness"]["share"]:.0%}</td><td>{status}</td>'
            f'<td><a href="graph/{page_href(nid)}">图 graph</a></td></tr>'
        )  # fmt: skip
    table = ("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"
             + "".join(rows) + "</tbody></table>")  # fmt: skip
    body = [
        f"<p>构建目录 / build: <code>{esc(build)}</code> · {len(records)} 份通报 notice(s)</p>",
        table,
    ]
    body += [_note(n) for n in notes]
    return shell("巡视巡察整改通报知识图谱 / Inspection-rectification notices", "\n".join(body))


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return (
        f'<td class="num">{esc(text)}</td>'
        if isinstance(value, int | float)
        else f"<td>{esc(text)}</td>"
    )


def _queries(build: Path, notes: list[str]) -> str:
    try:
        from ..build.store import open_read_only
        from ..query.library import bind, catalog
        from ..query.local import run_on_store

        infos = catalog()
        store = open_read_only(build / "store")
    except Exception as exc:  # noqa: BLE001 — another team's module or no store: a note
        notes.append(f"query catalog skipped: {type(exc).__name__}: {exc}")
        return _note(notes[-1])
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
        try:
            rows = run_on_store(store, bind(info, {}))
        except Exception as exc:  # noqa: BLE001 — one failing query must not hide the others
            parts.append(_note(f"query failed: {type(exc).__name__}: {exc}"))
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


def _ontology(notes: list[str]) -> tuple[str, str]:
    try:
        from .ontodoc import ontology_sections

        return ontology_sections()
    except Exception as exc:  # noqa: BLE001 — documentation is optional
        notes.append(f"ontology documentation skipped: {type(exc).__name__}: {exc}")
        return "Ontology", _note(notes[-1])


WRITTEN = ".kgtools-report.json"  # the pages the last run wrote (only those are ever removed)
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")  # write_atomic's temporaries


def _remove_temporaries(out: Path) -> None:
    """Temporary files of a run that was killed (complete pages are only renamed in)."""
    for folder in (out, *(out / sub for sub in ("notices", "graph", "charts", "assets"))):
        if folder.is_dir():
            for path in folder.iterdir():
                if _TEMPORARY.fullmatch(path.name) and path.is_file():
                    path.unlink(missing_ok=True)


def _previous_pages(out: Path) -> set[str]:
    """The notice and graph pages the last run wrote (paths relative to ``out``)."""
    try:
        pages = json.loads((out / WRITTEN).read_text(encoding="utf-8")).get("pages", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {p for p in pages if isinstance(p, str)}


def _clean(out: Path, written: set[str]) -> None:
    """Remove the pages the last run wrote that this one did not (a notice gone from the
    build); any other file, e.g. in an --out folder given by the user, stays."""
    for page in sorted(_previous_pages(out) - written):
        path = out / page
        if path.parent in (out / "notices", out / "graph") and path.suffix == ".html":
            path.unlink(missing_ok=True)
    write_atomic(out / WRITTEN, json.dumps({"pages": sorted(written)}, ensure_ascii=False) + "\n")


def write_report(build: Path, out: Path | None = None) -> ReportResult:
    """Write the report site of ``build`` into ``out`` (default ``build/report``).

    :raises UsageError: ``build`` has no built notices.
    """
    out = out or build / "report"
    views = build_views(build)
    if not views and not (build / "notices").is_dir():
        raise UsageError(f"{build}: no build here (no notices/); run `kgtools build` first")
    records = {}
    for v in views:
        path = build / "notices" / f"{v.notice_id}.json"
        if path.is_file():
            records[v.notice_id] = json.loads(path.read_text(encoding="utf-8"))
    result = ReportResult(out / "index.html")
    notes = result.notes
    _remove_temporaries(out)
    write_atomic(out / "assets" / "report.css", static_text("report.css"))
    write_atomic(out / "assets" / LIBRARY, static_text(LIBRARY))
    validation = _validation(build, out, notes)
    names = set()
    for v in views:
        name = f"{v.notice_id}.html"
        names.add(name)
        counts = validation.get(v.notice_id) if validation is not None else None
        status = _status(counts, up="../")
        write_atomic(out / "notices" / name, notice_page(v, records.get(v.notice_id), status))
        write_atomic(out / "graph" / name, graph_page(v.graph, library_src=f"../assets/{LIBRARY}",
                                                      notice_href="../notices/{page}", back_href="../index.html"))  # fmt: skip
    _clean(out, {f"{sub}/{name}" for sub in ("notices", "graph") for name in names})
    everything = combine(views)
    if everything.number_of_nodes() <= MAX_ALL_NODES:
        page = graph_page(everything, title="全部通报 / all notices", library_src=f"../assets/{LIBRARY}",
                          notice_href="../notices/{page}", back_href="../index.html")  # fmt: skip
    else:
        notes.append(f"graph/all.html: {everything.number_of_nodes()} nodes are too many for one page; "
                     "open a notice's graph, or `kgtools viz all --format gexf` in Gephi")  # fmt: skip
        page = shell("全部通报 / all notices", _note(notes[-1]), depth=1)
    write_atomic(out / "graph" / "all.html", page)
    write_atomic(
        out / "charts.html", shell("图表 / Charts", charts_page(list(records.values()), out, notes))
    )
    write_atomic(out / "queries.html", shell("查询目录 / Query catalog", _queries(build, notes)))
    title, body = _ontology(notes)
    write_atomic(out / "ontology.html", shell(f"本体 / Ontology: {title}", body))
    write_atomic(out / "index.html", _index(records, validation, notes, build))
    result.notices = len(views)
    return result
