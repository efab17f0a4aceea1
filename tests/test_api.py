"""The public API is what ``kgtools.__all__`` names, and each name exists."""

from __future__ import annotations

import kgtools

PINNED = {
    "BuildResult", "KgtoolsError", "NotANoticeError", "NoticeFormatError", "NoticeRecord", "UsageError",
    "__version__", "build", "extract_bytes", "extract_file", "extract_text", "notice_iri", "read_notice",
    "record_graph", "to_json",
}  # fmt: skip


def test_public_api_is_pinned() -> None:
    assert PINNED <= set(kgtools.__all__)
    for name in kgtools.__all__:
        assert hasattr(kgtools, name), name


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert kgtools.__version__ == version("xuncha-kg")
