"""An installed kgtools carries every ontology, shape, shape query and library query: the
wheel is built here and its contents compared with the repository."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_ships_all_resources(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(tmp_path)], check=True, capture_output=True, cwd=tmp_path)  # fmt: skip
    [wheel] = tmp_path.glob("*.whl")
    shipped = {
        n.split("_resources/", 1)[1]
        for n in zipfile.ZipFile(wheel).namelist()
        if "_resources/" in n
    }
    expected = {str(p.relative_to(ROOT)) for folder in ("ontology", "shapes", "queries")
                for p in (ROOT / folder).rglob("*") if p.suffix in (".ttl", ".rq")}  # fmt: skip
    assert expected and expected <= shipped
