"""Web archives as sources: every HTML, PDF and .docx capture of a WARC file becomes a
candidate notice — a file under the build's folder with a ``.meta.json`` sidecar that
holds its URL (``source_url``, emitted as ``dcterms:source``) and its capture date
(``captured``, the WARC-Date). The build then reads them as any notice file: pages of
other genres are refused with their reason, the rest are built.

A page captured several times (in one WARC or in several given together) is one notice,
from its latest capture. Its identity comes from its URL (host, last path segment and a
short hash of the whole URL), so it is the same in every build, and a file is rewritten
only when its capture changed, so unchanged pages are not extracted again.

The build calls :func:`expand_warcs` on its sources (``corpus.py``), and reads a
notice's capture date with :func:`captured_at` (``worker.py``). WARC files are named on
the command line (``kgtools build crawl.warc.gz``); folders are not searched for them.
A later capture with the same bytes changes only the sidecar, which the build's change
detection (the source's bytes) does not see: ``--force`` re-reads it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import urllib.parse
from datetime import datetime
from pathlib import Path

from ..errors import NoticeFormatError
from ..extract import notice_id_for
from ..read.warc import Capture, captures, is_warc

WORKDIR = "warc"  # under the build's folder
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def capture_id(url: str) -> str:
    """A notice id for a URL: ``<host>-<last path segment>-<6 hex of its SHA-1>``."""
    parts = urllib.parse.urlsplit(url)
    segments = [s for s in urllib.parse.unquote(parts.path).split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else "index"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:6]
    # as the build will name it from the file name (whose suffix it drops)
    return notice_id_for(f"{parts.hostname or 'page'}-{last[:80]}-{digest}.html")


def iri_safe(url: str) -> str:
    """The URL with what an IRI may not hold percent-encoded: the forbidden characters, a
    ``%`` not followed by two hex digits, and every ``#`` after the first (crawled URLs
    have them: ``/page#/a#b``)."""
    url = _IRI_FORBIDDEN.sub(lambda m: urllib.parse.quote(m.group(0), safe=""), url)
    url = _BAD_PERCENT.sub("%25", url)
    head, hash_, fragment = url.partition("#")
    return head + hash_ + fragment.replace("#", "%23")


def _when(capture: Capture) -> tuple[float, str, int]:
    """When a capture was made, for ordering: its WARC-Date (with or without fractions of
    a second; an unreadable one first), then its position."""
    try:
        moment = datetime.fromisoformat(capture.date.replace("Z", "+00:00")).timestamp()
    except ValueError:
        moment = float("-inf")
    return moment, capture.date, capture.order


def _write_if_changed(path: Path, data: bytes) -> None:
    from ..emit.files import write_atomic

    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def _winners(warcs: list[Path]) -> dict[str, tuple[Capture, Path]]:
    """Per URL, its latest capture and its WARC (read without bodies): by WARC-Date, then
    by position; a revisit counts only when the capture it repeats was seen before it."""
    best: dict[str, tuple[Capture, Path]] = {}
    suffixes: dict[str, str] = {}  # payload digest → suffix of a capture with that body
    for rank, warc in enumerate(warcs):
        for capture in captures(warc, bodies=False):
            capture.order += rank << 40  # a later file wins a tie
            if capture.suffix and capture.digest:
                suffixes.setdefault(capture.digest, capture.suffix)
            if not capture.suffix:
                capture.suffix = suffixes.get(capture.digest or "", "")
                if not capture.suffix:
                    continue  # a revisit of a capture this archive does not hold
            current = best.get(capture.url)
            if current is None or _when(capture) >= _when(current[0]):
                best[capture.url] = (capture, warc)
    return best


def extract_warcs(warcs: list[Path], workdir: Path) -> list[Path]:
    """Write the latest capture of every page of ``warcs`` to ``workdir`` with its
    sidecar (a revisit with the body of the capture it repeats), one page at a time;
    remove what an earlier call left there that is no longer captured; a file is written
    only when its bytes changed. Returns the files, in URL order.

    :raises NoticeFormatError: a WARC file that cannot be read, or one cut short.
    """
    best = _winners(warcs)
    files = {url: workdir / f"{capture_id(url)}{c.suffix}" for url, (c, _) in best.items()}
    wanted: dict[tuple[str, int], list[str]] = {}  # (record id, order) → urls it gives the body of
    by_digest: dict[str, list[str]] = {}  # revisits: digest → urls
    for url, (capture, _) in best.items():
        if capture.revisit:
            by_digest.setdefault(capture.digest or "", []).append(url)
        else:
            wanted.setdefault((capture.record_id, capture.order), []).append(url)
    workdir.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for rank, warc in enumerate(warcs):
        for capture in captures(warc, bodies=True):
            capture.order += rank << 40
            urls = wanted.get((capture.record_id, capture.order), [])
            if capture.body is not None:
                urls = urls + [
                    u for u in by_digest.get(capture.digest or "", []) if u not in written
                ]
            for url in urls:
                _write_if_changed(files[url], capture.body or b"")
                written.add(url)
    kept = []
    for url, (capture, warc) in sorted(best.items()):
        if url not in written:
            continue
        meta = {"source_url": iri_safe(url), "captured": capture.date, "warc": warc.name,
                "warc_record_id": capture.record_id}  # fmt: skip
        if not _DATETIME.match(capture.date):
            del meta["captured"]  # a WARC-Date the graph could not hold as xsd:dateTime
        text = json.dumps(meta, ensure_ascii=False, indent=1) + "\n"
        path = files[url]
        _write_if_changed(path.with_name(path.stem + ".meta.json"), text.encode("utf-8"))
        kept.append(path)
    names = {p.name for p in kept} | {p.stem + ".meta.json" for p in kept}
    for old in workdir.iterdir():
        if old.is_file() and old.name not in names:
            old.unlink()
    return kept


def captured_at(path: Path) -> str | None:
    """The capture date (``captured``, an xsd:dateTime) of the notice's ``.meta.json``
    sidecar, if any: emitted as ``xk:capturedAt`` beside its ``dcterms:source``.

    :raises NoticeFormatError: unreadable metadata, or a date that is not an xsd:dateTime.
    """
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_bytes()[:1_000_000].decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise NoticeFormatError(f"{meta}: unreadable metadata ({exc}); fix or remove it") from None
    value = data.get("captured") if isinstance(data, dict) else None
    if value is None:
        return None
    if not isinstance(value, str) or not _DATETIME.match(value):
        shown = json.dumps(value, ensure_ascii=False)[:100]
        raise NoticeFormatError(
            f"{meta}: captured {shown} is not a date and time like 2024-07-03T08:00:00Z; fix it"
        )
    return value


def warc_sources(path: Path, workdir: Path) -> list[Path]:
    """The candidate notices of one WARC file, extracted to ``workdir`` (a folder of its
    own: files there that this WARC does not hold are removed).

    :raises NoticeFormatError: not a readable WARC file.
    """
    return extract_warcs([path], workdir)


def expand_warcs(paths: list[Path], out: Path) -> list[Path]:
    """The sources of a build with every WARC file among them replaced by its candidate
    notices, extracted to ``out/warc/`` (the latest capture of a page across all of them).
    Without WARC files, ``paths`` unchanged (and an earlier build's ``out/warc/`` removed).

    :raises NoticeFormatError: a WARC file that cannot be read.
    """
    warcs = [p for p in paths if is_warc(p)]
    workdir = out / WORKDIR
    if not warcs:
        shutil.rmtree(workdir, ignore_errors=True)
        return paths
    extracted = extract_warcs(warcs, workdir)
    return [p for p in paths if not is_warc(p)] + extracted
