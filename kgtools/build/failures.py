"""One source's failure: checks made before a source is read, and any exception raised while
it is built, turned into that source's one-line reason (the build goes on with the others).

A reason is one line of printable text whatever the file is called: control characters (a
newline in a file name would forge another ``Failed:`` line) and bytes that are not UTF-8
are shown escaped.
"""

from __future__ import annotations

import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import KgtoolsError
from ..numerals import NumberTooLong

#: The longest notice id, in UTF-8 bytes: a notice's files are ``<id>.nq.previous`` and
#: temporaries ``.<id>.trig.<8 random>.tmp``, which must stay under the usual 255-byte limit
#: on a file name.
MAX_ID_BYTES = 200
_FIRST_LINE = 300  # characters of an unexpected exception's message shown


@dataclass(frozen=True)
class Failure:
    """A source that could not be built, and why."""

    source: str
    error: str


def shown(text: object) -> str:
    """Text safe to print on one line: control characters and undecodable bytes (file names
    that are not UTF-8 arrive as lone surrogates) written as escapes."""
    out = []
    for ch in str(text):
        code = ord(ch)
        if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0x2028, 0x2029):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        elif 0xD800 <= code < 0xE000:
            out.append(f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def usable_id(notice: str) -> bool:
    """The notice id can name files (not too long)."""
    return len(notice.encode("utf-8", "surrogateescape")) <= MAX_ID_BYTES


def refusal(path: Path, notice: str, *, id_limit: bool = True) -> str | None:
    """Why a source cannot be built before it is even read, or None: not a regular file
    (a FIFO would block the reader, a device never ends), a name that is not UTF-8, or
    (with ``id_limit``) one too long to name the notice's files."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"{shown(path)}: cannot read ({exc.strerror})"
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        return f"{shown(path)}: {kind}, not a regular file; give notice files"
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return f"{shown(path)}: the file name is not UTF-8; rename the file"
    if id_limit and not usable_id(notice):
        size = len(notice.encode("utf-8"))
        return (
            f"{shown(path)}: the file name gives a notice id of {size} bytes, over the "
            f"{MAX_ID_BYTES}-byte limit; rename the file"
        )
    return None


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def from_the_input(exc: BaseException) -> bool:
    """An exception that says the file is unusable rather than that kgtools has a bug: out
    of memory or recursion on it, a reader library's own error (an encrypted or malformed
    PDF or archive), an encrypted zip entry or a compression method zipfile lacks."""
    if isinstance(exc, (MemoryError, RecursionError, zlib.error, UnicodeError, NumberTooLong)):
        return True
    if type(exc).__module__.split(".")[0] in ("pypdf", "lxml", "zipfile"):
        return True
    message = str(exc).lower()
    return isinstance(exc, (RuntimeError, NotImplementedError)) and (
        "encrypt" in message or "compression" in message
    )


def reason(path: Path, exc: BaseException) -> str:
    """The one-line reason of a source's failure from any exception raised while building it."""
    if isinstance(exc, KgtoolsError):
        return shown(exc)
    where = shown(path)
    if isinstance(exc, MemoryError):
        return f"{where}: too large to build within the memory available"
    if isinstance(exc, RecursionError):
        return f"{where}: nested too deeply to read"
    if isinstance(exc, NumberTooLong):
        return f"{where}: {exc}"
    message = str(exc).strip().split("\n", 1)[0]
    if "encrypt" in message.lower() or "password" in message.lower():
        return f"{where}: encrypted (a password is required); save it without encryption"
    detail = shown(message[:_FIRST_LINE] + ("…" if len(message) > _FIRST_LINE else ""))
    return (
        f"{where}: cannot be built ({type(exc).__name__}: {detail}); "
        f"`kgtools --debug extract {where}` shows where"
    )


def failure(path: Path, exc: BaseException) -> Failure:
    return Failure(shown(path), reason(path, exc))
