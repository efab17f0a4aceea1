"""Property: reformatting a notice (width of digits and punctuation, blank lines, line ends,
indentation, encoding) leaves its extracted record unchanged apart from offsets."""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgtools.extract import extract_bytes
from kgtools.read.decode import clean_text
from kgtools.record import to_dict

from .conftest import FIXTURES, SAMPLE

NOTICES = [SAMPLE, FIXTURES / "county-gbk-crlf.txt", FIXTURES / "province-bom.txt"]
TEXTS = {p.name: clean_text(p.read_bytes()) for p in NOTICES}
FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_PUNCT = str.maketrans({"：": ":", "；": ";", "（": "(", "）": ")"})


def _comparable(value: Any) -> Any:
    """The record without spans, with text NFKC-normalized and whitespace removed."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in ("span", "genre_reason")}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).split())
    return value


TRANSFORMS = {
    "full-width digits": lambda t: t.translate(FULL_DIGITS),
    "half-width punctuation": lambda t: t.translate(HALF_PUNCT),
    "blank lines": lambda t: t.replace("\n", "\n\n"),
    "indent with U+3000": lambda t: "\n".join(
        "\u3000\u3000" + line.lstrip() for line in t.split("\n")
    ),
    "no indentation": lambda t: "\n".join(line.strip(" \u3000") for line in t.split("\n")),
    "trailing spaces": lambda t: t.replace("\n", "  \n"),
}
ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gb18030 CRLF": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(TEXTS)),
    transforms=st.lists(st.sampled_from(sorted(TRANSFORMS)), unique=True, max_size=4),
    encoding=st.sampled_from(sorted(ENCODINGS)),
)
def test_reformatting_keeps_the_record(name: str, transforms: list[str], encoding: str) -> None:
    original = to_dict(extract_bytes(TEXTS[name].encode("utf-8"), name=name))
    text = TEXTS[name]
    for t in transforms:
        text = TRANSFORMS[t](text)
    changed = to_dict(extract_bytes(ENCODINGS[encoding](text), name=name))
    assert _comparable(changed) == _comparable(original)
