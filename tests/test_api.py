"""The public API: ``kgtools.__all__`` pinned by equality, each name importable, loaded
lazily (``import kgtools`` and ``kgtools --help`` load no rdflib), and the function
names that are also stage subpackages (build, query, validate) stay functions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kgtools

PINNED = [
    "BuildResult", "KgtoolsError", "NotANoticeError", "NoticeFormatError", "NoticeRecord",
    "QueryFileError", "RemoteError", "Rows", "Severity", "UsageError", "ValidationReport",
    "ValidationResult", "__version__", "build", "catalog", "extract_bytes", "extract_file",
    "extract_text", "notice_iri", "query", "read_notice", "record_graph", "to_dict", "to_json",
    "validate",
]  # fmt: skip


def test_public_api_is_pinned_and_sorted() -> None:
    assert kgtools.__all__ == PINNED
    assert kgtools.__all__ == sorted(kgtools.__all__)
    for name in kgtools.__all__:
        assert getattr(kgtools, name) is not None, name


def test_query_package_names_its_lazy_api() -> None:
    import importlib

    package = importlib.import_module("kgtools.query")  # kgtools.query is the function
    assert package.__all__ == sorted(package._API)
    for name in package.__all__:
        assert getattr(package, name) is not None, name


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert kgtools.__version__ == version("xuncha-kg")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    ["import kgtools", "from kgtools.cli import main\nimport sys; sys.argv = ['kgtools', '--help']\n"
     "try:\n    main()\nexcept SystemExit:\n    pass"],
    ids=["import", "help"],
)  # fmt: skip
def test_import_and_help_load_no_rdflib_nor_the_pipeline(code: str) -> None:
    loaded = _modules_after(code)
    heavy = {"rdflib", "pyshacl", "pyoxigraph", "networkx", "lxml", "kgtools.build",
             "kgtools.extract", "kgtools.validate", "kgtools.query"}  # fmt: skip
    assert not heavy & loaded, sorted(heavy & loaded)


def test_the_reports_validation_process_loads_no_graph_drawing(sample_build: Path, tmp_path: Path) -> None:  # fmt: skip
    """The report waits for this process at the end of every rebuild: networkx (the graph
    views) took a fifth of its 0.6 s at 10 000 notices. It still writes validation.html."""
    loaded = _modules_after(
        "import runpy, sys\n"
        f"sys.argv = ['v', {str(sample_build)!r}, {str(tmp_path)!r}, '']\n"
        "try:\n    runpy.run_module('kgtools.site.validation', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print()"  # after the process's JSON reply
    )
    assert "kgtools.validate" in loaded and "networkx" not in loaded
    assert (tmp_path / "validation.html").is_file()


def test_exceptions_raised_by_public_functions_are_exported() -> None:
    from kgtools import errors

    exported = {n for n in kgtools.__all__ if n.endswith("Error")}
    defined = {n for n in dir(errors) if n.endswith("Error")}
    assert exported == defined
    for name in exported:
        assert issubclass(getattr(kgtools, name), kgtools.KgtoolsError)


def test_function_names_survive_their_subpackages_import() -> None:
    import kgtools.build.store  # noqa: F401 — the import system records kgtools.build
    import kgtools.query.local  # noqa: F401
    import kgtools.validate.shapes  # noqa: F401

    # kgtools.build is the corpus build with the kept query rows (kgtools.site.buildstep)
    assert callable(kgtools.build) and kgtools.build.__module__ == "kgtools.site.buildstep"
    assert callable(kgtools.query) and kgtools.query.__module__ == "kgtools.query.api"
    assert callable(kgtools.validate) and kgtools.validate.__module__ == "kgtools.validate.api"


def test_to_dict_gives_a_dict_and_to_json_its_text() -> None:
    rec = kgtools.extract_text(
        "（虚构示例）中共示例县示例局党组\n关于县委巡察反馈意见整改情况的通报\n"
        "2024年3月1日至4月30日，县委第一巡察组对县示例局党组进行了巡察，2024年6月3日反馈了意见。\n"
        "二、整改落实情况\n（一）制度建设不健全\n一是制定《示例局内部控制办法》。二是清理合同12份。\n",
        notice_id="api-fictional",
    )
    data = kgtools.to_dict(rec)
    assert isinstance(data, dict) and data["record"] == "xuncha-notice/1"
    assert json.loads(kgtools.to_json(rec)) == data


def test_extract_bytes_reads_every_format_as_a_file_is() -> None:
    from .conftest import FIXTURES

    sources = sorted((FIXTURES / "genre").glob("*.html"))
    assert sources
    for path in sources:
        from_file = kgtools.to_dict(kgtools.extract_file(path))
        from_bytes = kgtools.to_dict(kgtools.extract_bytes(path.read_bytes(), name=path.name))
        assert from_bytes == from_file and from_file["findings"], path.name
