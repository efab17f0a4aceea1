"""Shared fixtures: paths to the sample notice, the fictional fixtures, a built sample."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "notices" / "dandong-kexie-2024.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_record():
    from kgtools.extract import extract_file

    return extract_file(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    from kgtools.build import build

    out = tmp_path_factory.mktemp("build")
    build([SAMPLE], out=out)
    return out


from .browser import browser  # noqa: E402,F401  (fixture)
