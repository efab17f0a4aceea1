"""Stage read: encodings, line ends, and the inputs it must refuse."""

from __future__ import annotations

import codecs

import pytest

from kgtools.errors import NoticeFormatError
from kgtools.read.decode import clean_text

TEXT = "中共某县示例局党组\n关于巡察整改进展情况的通报\n二〇二四年三月，县委巡察组。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "crlf", "cr-gbk"],
)
def test_decodes_common_chinese_encodings_to_the_same_clean_text(data: bytes) -> None:
    assert clean_text(data) == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"abc\x80\xff\x80\xff\x80" * 3, "undecodable"),
    ],
    ids=["empty", "whitespace", "binary", "undecodable"],
)
def test_refuses_unreadable_input_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(NoticeFormatError, match=reason):
        clean_text(data, name="bad.txt")


def test_error_names_the_file() -> None:
    with pytest.raises(NoticeFormatError, match=r"^某县/bad\.txt: "):
        clean_text(b"", name="某县/bad.txt")
