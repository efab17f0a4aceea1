"""``kgtools report``: a static HTML site of a build, browsable offline.

``write_report(build, out)`` writes ``index.html`` (notices with their counts and
validation status), ``notices/<id>.html`` (the text with every extracted node highlighted
and linked to the graph), ``graph/view.html#<id>`` (one page for every notice's interactive
graph) and ``graph/all.html``,
``charts.html`` (drawn in the browser by ECharts; ``charts/*.svg|png`` for print when
matplotlib is installed), ``queries.html`` (the query catalog run on the
build's store), ``validation.html`` and ``ontology.html``. Sections whose parts are missing
(matplotlib, the validator, the query library, the store) are replaced by a note.

The report is incremental: a notice's files (``graph/<id>.js``, its text and graph, read
by its text page and the graph page; ``notices/<id>.html``, which also shows its
validation status) are written only when the digest of its graph (``build.sqlite``) or
its validation status changed since the run that wrote them (:mod:`.written`), and
removed when the notice is gone. The index, the charts and the node count that decides
``graph/all.html`` come from each notice's part (its row and chart numbers: from the
build's workers, or read from the store by SPARQL, :mod:`.storedata`), kept by digest in a
keyed table between runs (:mod:`.partstable`), the statuses from the validation cache
(:mod:`.validation`, in another process meanwhile) — no notice's graph or record is read
unless its pages change.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.notices_db import notice_digests
from ..errors import UsageError
from ..viz.chartspec import specs_of
from ..viz.html import ASSETS, VIEWER, graph_page, static_text, viewer_page
from ..viz.model import NoticeView, combine, page_href, store_notices, view_from_store
from .catalog import PendingQueries, write_catalog
from .charts import charts_page
from .noticefiles import Counts, page_key, status_html, write_graph_files, write_notice_page
from .pages import NOTICE_SCRIPT
from .partstable import read_parts, save_parts
from .shell import esc, note, shell
from .storedata import NoticePart, NoticeRow, chart_data_of_parts, node_count, notice_parts
from .validation import Pending, Validation
from .written import Written, read_written, remove_temporaries, save_written, write_if_changed

MAX_ALL_NODES = 5000
PAGE_FORMAT = "3"  # bump when the notice or graph pages change: every page is written again


@dataclass
class ReportResult:
    """What was written: the index page, the number of notices, how many notices' pages
    were written this time, notes on skipped parts."""

    index: Path
    notices: int = 0
    pages_written: int = 0
    notes: list[str] = field(default_factory=list)


def _index(rows: list[NoticeRow], validation: dict[str, Counts] | None, notes: list[str],
           build: Path) -> str:  # fmt: skip
    head = ("通报 notice", "标题 title", "发布单位 issuer", "问题 findings", "措施 measures",
            "制度 regulations", "成果 outputs", "具体占比 concreteness", "验证 validation", "图 graph")  # fmt: skip
    lines = []
    for r in rows:
        href = page_href(r.notice_id)
        status = status_html(validation.get(r.notice_id) if validation is not None else None)
        nums = "".join(
            f'<td class="num">{n}</td>' for n in (r.findings, r.measures, r.regulations, r.outputs)
        )
        lines.append(f'<tr><td><a href="notices/{href}">{esc(r.notice_id)}</a></td><td>{esc(r.title)}</td>'
                     f"<td>{esc(r.issuer)}</td>{nums}<td class=\"num\">{r.share:.0%}</td><td>{status}</td>"
                     f'<td><a href="graph/{VIEWER}#{href.removesuffix(".html")}">图 graph</a></td></tr>')  # fmt: skip
    table = ("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"
             + "".join(lines) + "</tbody></table>")  # fmt: skip
    body = [
        f"<p>构建目录 / build: <code>{esc(build)}</code> · {len(rows)} 份通报 notice(s)</p>",
        table,
    ]
    body += [note(n) for n in notes]
    return shell("巡视巡察整改通报知识图谱 / Inspection-rectification notices", "\n".join(body))


def _ontology(out: Path, previous: Written, now: Written, notes: list[str]) -> None:
    """ontology.html, written again only when the ontology files or kgtools changed (parsing
    the ontology takes a third of a second)."""
    from .._version import __version__
    from ..resources import resource_dir

    files = sorted(resource_dir("ontology").glob("*.ttl"))
    key = hashlib.sha256(
        __version__.encode() + b"".join(f.read_bytes() for f in files)
    ).hexdigest()[:32]
    now.parts["ontology"] = key
    if previous.parts.get("ontology") == key and (out / "ontology.html").is_file():
        return
    try:
        from .ontodoc import ontology_sections

        title, body = ontology_sections()
    except Exception as exc:  # noqa: BLE001 — documentation is optional
        notes.append(f"ontology documentation skipped: {type(exc).__name__}: {exc}")
        title, body = "Ontology", note(notes[-1])
        now.parts.pop("ontology")
    write_if_changed(out / "ontology.html", shell(f"本体 / Ontology: {title}", body))


def _record(build: Path, notice_id: str) -> dict[str, Any] | None:
    path = build / "notices" / f"{notice_id}.json"
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return record
    except (OSError, ValueError):
        return None


def _all_graph(out: Path, store: Any, views: dict[str, NoticeView], notes: list[str], *,
               changed: bool, nodes: int) -> None:  # fmt: skip
    """graph/all.html: every notice in one graph when the notices ``changed`` (or the page
    is missing), or a note when their ``nodes`` are over the cap (no graph is read then)."""
    if nodes > MAX_ALL_NODES:
        notes.append(f"graph/all.html: {nodes} nodes are too many for one page; "
                     "open a notice's graph, or `kgtools viz all --format gexf` in Gephi")  # fmt: skip
        write_if_changed(
            out / "graph" / "all.html", shell("全部通报 / all notices", note(notes[-1]), depth=1)
        )
        return
    if not changed and (out / "graph" / "all.html").is_file():
        return
    for nid in store_notices(store):
        if nid not in views and (view := view_from_store(store, nid)) is not None:
            views[nid] = view
    every = combine(views[n] for n in sorted(views))
    write_if_changed(out / "graph" / "all.html", graph_page(every, title="全部通报 / all notices",
                     texts={n: v.text for n, v in views.items()}, assets="../assets",
                     notice_href="../notices/{page}", back_href="../index.html"))  # fmt: skip


SHARED = ("index.html", "charts.html", "queries.html", "validation.html", "ontology.html",
          "graph/all.html")  # fmt: skip


def _store_key(digests: dict[str, str]) -> str:
    """What the shared pages and the validation depend on: every notice's graph digest (the
    links graph is made from them), the shapes and the ontology, kgtools' version."""
    from .._version import __version__
    from ..validate.shapes import shapes_hash

    text = json.dumps([__version__, shapes_hash(None), sorted(digests.items())])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _kept_validation(previous: Written) -> Validation:
    """The last run's validation counts (its graphs, shapes and kgtools were the same)."""
    kept = json.loads(previous.parts.get("counts", "null"))
    if kept is None:
        return Validation(None, previous.parts.get("validation", ""))
    counts = {n: {"Violation": 0, "Warning": 0, "Info": 0} for n in previous.notices}
    counts.update(kept)
    return Validation(counts, previous.parts.get("validation", ""))


def _parts(out: Path, store: Any, digests: dict[str, str],
           prepared: dict[str, tuple[str, str]]) -> dict[str, NoticePart]:  # fmt: skip
    """Each notice's part (its row and chart numbers): from the build's workers, or kept
    from the last run when its graph's digest is the same, else read from the store; the
    table of parts (:mod:`.partstable`) gets the new ones and loses those of notices gone."""
    if not digests:  # a build without build.sqlite: every part from the store
        return notice_parts(store)
    kept = read_parts(out)
    found: dict[str, str] = {}  # notice → its part as JSON text
    changed: dict[str, tuple[str, str]] = {}
    for nid, digest in digests.items():
        entry = prepared.get(nid)
        if isinstance(entry, (list, tuple)) and len(entry) == 2 and entry[0] == digest:
            text = entry[1] if isinstance(entry[1], str) else _part_text(entry[1])
            if kept.get(nid) != (digest, text):
                changed[nid] = (digest, text)
        elif nid in kept and kept[nid][0] == digest:
            text = kept[nid][1]
        else:
            continue
        found[nid] = text
    missing = sorted(set(digests) - set(found))
    parts = notice_parts(store, missing)
    try:
        parts.update((nid, NoticePart.from_json(json.loads(text))) for nid, text in found.items())
    except (TypeError, ValueError):  # a damaged part: every part from the store, saved anew
        parts, kept, missing = notice_parts(store), {}, sorted(digests)
    changed.update((nid, (digests[nid], _part_text(parts[nid].to_json())))
                   for nid in missing if nid in parts)  # fmt: skip
    save_parts(out, changed, set(kept) - set(digests), anew=not kept)
    return parts


def _part_text(part: Any) -> str:
    return json.dumps(part, ensure_ascii=False, separators=(",", ":"))


def _open_store(build: Path) -> Any:
    from ..build.store import open_read_only

    return open_read_only(build / "store")


def write_report(build: Path, out: Path | None = None, *, run_queries: bool = True,
                 prepared: dict[str, str] | None = None,
                 parts: dict[str, tuple[str, str]] | None = None) -> ReportResult:  # fmt: skip
    """Write the report site of ``build`` into ``out`` (default ``build/report``), writing
    only what changed since the last run into ``out``. Without ``run_queries`` the query
    catalog shows no rows (``kgtools build``: each query reads the whole corpus).
    ``prepared``: the notices whose files the build's workers have just written into
    ``out`` (:mod:`.prepare`), each with the key they were written for; ``parts``: the
    NoticeParts they computed (as JSON text), each with its graph's digest.

    :raises UsageError: ``build`` has no store (no build there).
    """
    out = out or build / "report"
    if not (build / "store").is_dir():
        raise UsageError(f"{build}: no build here (no store/); run `kgtools build` first")
    remove_temporaries(out)
    previous = read_written(out)
    if previous.parts.get("format") != PAGE_FORMAT:
        previous.notices = {}
    previous.notices.update(prepared or {})
    digests = notice_digests(build)  # none: a build without build.sqlite, all written
    catalog_kind = "rows" if run_queries else "plain"
    now = Written(
        parts={"format": PAGE_FORMAT, "store": _store_key(digests), "catalog": catalog_kind}
    )
    same_store = bool(digests) and previous.parts.get("store") == now.parts["store"]
    validated = previous.parts.get("counts", "null") != "null"  # not skipped last time
    # a catalog with rows stays until the store changes; one without rows is not enough
    # for `kgtools report`
    same_catalog = previous.parts.get("catalog") in (catalog_kind, "rows")
    if same_store and validated and same_catalog and all((out / f).is_file() for f in SHARED):
        validation = _kept_validation(previous)  # the same graphs, shapes and kgtools
        pending = None
    else:
        pending = Pending(build, out, previous.parts.get("validation"))
    catalog = PendingQueries(build, out) if pending is not None and run_queries else None
    try:
        store = _open_store(build)
        notice_data = _parts(out, store, digests, parts or {})
        rows = [notice_data[n].row for n in sorted(notice_data)]
        result = ReportResult(out / "index.html", notices=len(rows))
        notes = result.notes
        for asset in ("report.css", *ASSETS, NOTICE_SCRIPT):
            write_if_changed(out / "assets" / asset, static_text(asset))
        write_if_changed(out / "graph" / VIEWER, viewer_page("../assets", "../index.html"))
        views: dict[str, NoticeView] = {}
        graphs = _file_names(out / "graph")  # one listing, not two stat calls a notice
        for r in rows:  # the graph and data of each notice whose graph changed
            nid, digest = r.notice_id, digests.get(r.notice_id, "")
            same = digest and previous.notices.get(nid, "").split(" ")[0] == digest
            if not (same and f"{nid}.js" in graphs):
                if (view := view_from_store(store, nid)) is not None:
                    views[nid] = view
                    write_graph_files(out, view)
        if pending is None:  # nothing in the store changed: the shared pages stay
            now.parts["notes"] = previous.parts.get("notes", "[]")
            notes += json.loads(now.parts["notes"])
            for part in (
                "charts",
                "charts-notes",
                "ontology",
                *(k for k in previous.parts if k.startswith("chart:")),
            ):
                if part in previous.parts:
                    now.parts[part] = previous.parts[part]
        else:
            changed = bool(views or prepared) or {r.notice_id for r in rows} != set(
                previous.notices
            )
            _all_graph(
                out, store, dict(views), notes, changed=changed, nodes=node_count(notice_data)
            )
            _charts(out, notice_data, previous, now, notes)
            _ontology(out, previous, now, notes)
            if catalog is not None:
                notes += catalog.result()
            elif not run_queries:
                notes += write_catalog(out)
            validation = pending.result()
            notes[:0] = validation.notes
            now.parts["notes"] = json.dumps(notes, ensure_ascii=False)
    finally:
        for task in (pending, catalog):
            if task is not None:
                task.close()
    now.parts["validation"] = validation.digest
    counts = validation.counts
    now.parts["counts"] = json.dumps(
        None if counts is None else {n: c for n, c in counts.items() if any(c.values())}
    )
    pages = _file_names(out / "notices")
    for r in rows:  # the text page of each notice whose graph or validation status changed
        nid = r.notice_id
        status = status_html(counts.get(nid) if counts is not None else None, up="../")
        digest = digests.get(nid, "")
        key = page_key(digest, status)
        now.notices[nid] = key
        now.pages |= {f"notices/{nid}.html", f"graph/{nid}.js"}
        if (
            nid in views
            or not key
            or previous.notices.get(nid) != key
            or f"{nid}.html" not in pages
        ):
            view = views.get(nid) or view_from_store(store, nid)
            if view is not None:
                write_notice_page(out, view, _record(build, nid), status)
                result.pages_written += 1
    save_written(out, previous, now)
    write_if_changed(out / "index.html", _index(rows, counts, notes, build))
    return result


def _file_names(folder: Path) -> set[str]:
    """The names of the files in ``folder`` (none when it does not exist)."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_file()}
    except FileNotFoundError:
        return set()


def _charts(out: Path, parts: dict[str, NoticePart], previous: Written, now: Written,
            notes: list[str]) -> None:  # fmt: skip
    """charts.html when the charts' numbers changed, and the static file of each chart
    whose numbers changed (matplotlib takes about half a second a chart)."""
    specs = specs_of(chart_data_of_parts(parts))
    keys = {s.name: hashlib.sha256(repr(s).encode()).hexdigest()[:32] for s in specs}
    for name, key in keys.items():
        now.parts[f"chart:{name}"] = key
    charts_key = hashlib.sha256(repr(sorted(keys.items())).encode()).hexdigest()[:32]
    now.parts["charts"] = charts_key
    if previous.parts.get("charts") == charts_key and (out / "charts.html").is_file():
        kept = json.loads(previous.parts.get("charts-notes", "[]"))
        now.parts["charts-notes"] = json.dumps(kept, ensure_ascii=False)
        notes.extend(kept)
        return
    redraw = {n for n, k in keys.items()
              if previous.parts.get(f"chart:{n}") != k or not (out / "charts" / f"{n}.svg").is_file()}  # fmt: skip
    before = len(notes)
    body = charts_page(specs, out, notes, redraw=redraw)
    write_if_changed(out / "charts.html", shell("图表 / Charts", body))
    now.parts["charts-notes"] = json.dumps(notes[before:], ensure_ascii=False)


__all__ = ["ReportResult", "write_report"]
