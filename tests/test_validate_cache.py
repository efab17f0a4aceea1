"""A build's validation cache is keyed by content: the SHA-256 of each notice's graph file,
the shapes' digest and the engine. An edit that keeps the file's size and time stamp is
validated again; an unchanged notice is not."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from kgtools.validate import validate
from kgtools.validate.cache import CACHE_NAME

from .conftest import ROOT
from .test_cli import run


@pytest.fixture
def build(sample_build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "build"
    shutil.copytree(sample_build, copy, ignore=shutil.ignore_patterns("store", CACHE_NAME))
    return copy


def test_a_same_size_edit_with_its_old_time_stamp_is_validated_again(build: Path, capsys) -> None:
    first = validate(build, engine="pyshacl")
    assert first.conforms() and first.from_cache == 0
    assert validate(build, engine="pyshacl").from_cache == 1  # unchanged: from the cache
    graph = build / "notices" / "dandong-kexie-2024.nq"
    before, stamp = graph.read_bytes(), graph.stat()
    # the feedback date becomes February 30th: the same number of bytes
    after = re.sub(rb'(feedbackDate> ")[0-9]{4}-[0-9]{2}-[0-9]{2}"', rb'\g<1>2024-02-30"', before)
    assert after != before and len(after) == len(before)
    graph.write_bytes(after)
    os.utime(graph, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert graph.stat().st_size == stamp.st_size and graph.stat().st_mtime_ns == stamp.st_mtime_ns
    code, out, err = run(["validate", str(build), "--engine", "pyshacl"], capsys)
    assert (
        code == 1 and "Malformed date" in out and "unchanged" not in err and "Traceback" not in err
    )


def test_the_cache_is_per_engine_and_per_shapes(build: Path, tmp_path: Path) -> None:
    validate(build, engine="pyshacl")
    assert validate(build, engine="sparql").from_cache == 0
    assert validate(build, engine="sparql").from_cache == 1
    cache = json.loads((build / CACHE_NAME).read_text(encoding="utf-8"))
    assert " sparql " in cache["key"] and len(cache["notices"]["dandong-kexie-2024"]["hash"]) == 64
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    assert validate(build, engine="sparql", shapes_dir=shapes).from_cache == 1  # the same shapes
    with (shapes / "core.ttl").open("a", encoding="utf-8") as edit:
        edit.write("# edited\n")
    assert validate(build, engine="sparql", shapes_dir=shapes).from_cache == 0
