"""A corpus's sources: discovery (files and folders, by suffix), identity, optional
metadata beside a notice, and change detection by content hash (with git's size-and-mtime
shortcut)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path
from stat import S_ISREG
from typing import Any

from ..errors import NoticeFormatError, UsageError
from ..read import SUFFIXES
from .manifest import MANIFEST_VERSION
from .notices_db import DB_NAME

MAX_META_BYTES = 1_000_000
# Characters an IRI may not hold (RDF's IRIREF), which rdflib and N-Quads readers refuse.
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')


def find_sources(sources: Iterable[Path], *, out: Path | None = None) -> list[Path]:
    """Notice files named directly or found (recursively, by suffix) in directories.

    A build's own output is never a source: the folder ``out`` and any folder holding a
    build (a kgtools ``build.sqlite``, or an earlier ``manifest.json``) are skipped, so that a build written inside its
    sources does not read its report pages as notices. Entries that are not regular files
    (FIFOs, devices, broken links) are returned too: the build refuses each with its reason.

    :raises UsageError: a source does not exist.
    """
    skip = out.resolve() if out is not None else None
    found: list[Path] = []
    for src in sources:
        if src.is_dir():
            found += sorted(_walk(src, skip))
        elif src.exists() or src.is_symlink():
            if skip is not None and skip in src.resolve().parents:
                raise UsageError(f"{src}: inside the output folder {out}; a build's own files "
                                 "are not notices")  # fmt: skip
            found.append(src)
        else:
            raise UsageError(f"{src}: no such file or directory; give notice files or directories")
    return found


def _walk(folder: Path, skip: Path | None, seen: set[Path] | None = None) -> Iterator[Path]:
    """Files with a notice suffix under ``folder``, outside builds; each folder once
    (symbolic links that loop are not followed again)."""
    real = folder.resolve()
    seen = set() if seen is None else seen
    if real in seen or real == skip or is_build(folder):
        return
    seen.add(real)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, skip, seen)
        elif path.suffix.lower() in SUFFIXES:
            yield path


def is_build(folder: Path) -> bool:
    """A folder written by ``kgtools build`` (its table of notices, or the manifest of an
    earlier format naming the build format)."""
    if (folder / DB_NAME).is_file():
        return True
    try:
        with (folder / "manifest.json").open("rb") as f:
            head = f.read(64)
    except OSError:
        return False
    return head.startswith(b'{"format": "' + MANIFEST_VERSION.split("/")[0].encode())


def source_url(path: Path) -> str | None:
    """The ``source_url`` of the notice's metadata (``<stem>.meta.json`` beside it), if any.

    :raises NoticeFormatError: unreadable metadata, or a source_url that is not an http(s)
        URL that can be written as an IRI.
    """
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_bytes()[:MAX_META_BYTES].decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise NoticeFormatError(f"{meta}: unreadable metadata ({exc}); fix or remove it") from None
    if not isinstance(data, dict):
        raise NoticeFormatError(f"{meta}: the metadata is not a JSON object; fix or remove it")
    value = data.get("source_url")
    if value is None:
        return None
    if not isinstance(value, str) or not _is_url(value):
        shown = json.dumps(value, ensure_ascii=False)[:200]
        raise NoticeFormatError(
            f"{meta}: source_url {shown} is not an http(s) URL that is an IRI (spaces, quotes, "
            "<>{}|\\^`, control characters, a % not followed by two hex digits and a second # "
            "must be percent-encoded); fix it"
        )
    return value


def _is_url(value: str) -> bool:
    if _IRI_FORBIDDEN.search(value):
        return False
    try:
        parts = urllib.parse.urlsplit(value)
        parts.port  # noqa: B018 — raises on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and is_iri(value)


def is_iri(value: str) -> bool:
    """``value`` is an IRI as the store reads it (RFC 3987: ``%zz`` or a second ``#`` is
    not). One that is not would make the store refuse the whole load, not one notice."""
    from pyoxigraph import NamedNode

    try:
        NamedNode(value)
    except ValueError:
        return False
    return True


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


RACY_NS = 2 * 10**9


def stat_of(path: Path) -> list[int] | None:
    """Size and mtime of a regular file; None for anything else (never opened to hash)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns] if S_ISREG(st.st_mode) else None


def unchanged(entry: dict[str, Any], path: Path, stat: list[int], since: int) -> bool:
    """The source has the content hash the manifest holds for it. Its size and mtime as
    recorded when it was last hashed answer without reading it, as git's index does,
    unless its mtime is within RACY_NS of the start of that build or later: a file
    rewritten within one timestamp tick (up to 2 s on some file systems) after it was
    hashed keeps its mtime, so it is hashed again."""
    if entry.get("stat") == stat and stat[1] < since - RACY_NS:
        return True
    return entry.get("hash") == file_hash(path)
