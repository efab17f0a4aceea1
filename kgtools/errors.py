"""The kgtools exception tree.

::

    KgtoolsError                  base: the CLI prints "Error: …" and exits 2
    ├── NoticeFormatError         the bytes cannot be read as a notice (empty, binary, undecodable)
    ├── NotANoticeError           readable text of a neighbouring genre (news, plan, speech)
    ├── QueryFileError            a SPARQL query that cannot be read or parsed
    ├── RemoteError               a SPARQL endpoint that is down, refuses or times out
    └── UsageError                bad arguments or missing inputs

Every message names the file and says what to do next.
"""

from __future__ import annotations


class KgtoolsError(Exception):
    """Base class of every error kgtools raises on purpose."""


class NoticeFormatError(KgtoolsError):
    """The input cannot be turned into clean notice text."""


class NotANoticeError(KgtoolsError):
    """The input is text, but not an inspection-rectification notice."""


class UsageError(KgtoolsError):
    """The command was called with arguments it cannot use."""


class QueryFileError(KgtoolsError):
    """A query file that cannot be read, or a query that does not parse."""


class RemoteError(KgtoolsError):
    """A SPARQL endpoint is unreachable, refuses the request, or times out."""
