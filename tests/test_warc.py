"""Web archives in: WARC files written in the test (warcio's WARCWriter) of fictional pages —
the atlas fixtures served as an HTML notice, a PDF notice, a Word notice and a page of
another genre, plus what a crawl also holds (a stylesheet, a 404, a redirect) and a
notice saved twice. Every HTML/PDF/docx capture becomes a candidate notice with its URL
and capture date; the page of another genre is refused with its reason; the page saved
twice is one notice, from its latest capture."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.build.warc import capture_id, warc_sources
from kgtools.errors import NoticeFormatError

from .conftest import notice_nquads

ATLAS = Path(__file__).resolve().parent / "fixtures" / "atlas" / "batch-a"
SITE = "https://www.shili.example.gov.cn"  # fictional
HTML = (ATLAS / "qu-xuncha-diwulun-2024.html").read_bytes()
EARLIER = HTML.replace("清退违规资金32.4万元".encode(), "清退违规资金30.1万元".encode())
assert EARLIER != HTML
PAGES = {  # url → (content type, body, WARC-Date)
    f"{SITE}/xcgz/202407/t20240701_101.html": ("text/html; charset=utf-8", HTML, "2024-07-03T08:00:00Z"),
    f"{SITE}/xcgz/202407/t20240702_102.pdf": ("application/pdf", (ATLAS / "shi-xuncha-dierlun-2024.pdf").read_bytes(), "2024-07-03T08:00:05Z"),
    f"{SITE}/xcgz/202407/t20240703_103.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                                (ATLAS / "daxue-xuncha-jixie-2024.docx").read_bytes(), "2024-07-03T08:00:09Z"),
    f"{SITE}/xwdt/202407/t20240704_104.html": ("text/html", (ATLAS / "d2-fankuihui-shengtaiju.html").read_bytes(), "2024-07-03T08:00:12Z"),
}  # fmt: skip
NOTICE = f"{SITE}/xcgz/202407/t20240701_101.html"
OTHER_GENRE = f"{SITE}/xwdt/202407/t20240704_104.html"


def _response(writer, url: str, content_type: str, body: bytes, date: str, status: str = "200 OK"):  # type: ignore[no-untyped-def]
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})  # fmt: skip
    writer.write_record(record)
    return record


def write_crawl(path: Path, *, revisit_at: str | None = None) -> None:
    """A WARC of the fictional site, as wget --warc-file or a crawler writes one."""
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        # the notice saved twice: an earlier capture with another figure, then the latest
        _response(writer, NOTICE, "text/html", EARLIER, "2024-07-01T09:30:00Z")
        for url, (content_type, body, date) in PAGES.items():
            record = _response(writer, url, content_type, body, date)
            if url == NOTICE and revisit_at:  # saved once more, unchanged: a revisit record
                digest = record.rec_headers.get_header("WARC-Payload-Digest")
                revisit = writer.create_revisit_record(NOTICE, digest, NOTICE, date,
                                                       warc_headers_dict={"WARC-Date": revisit_at})  # fmt: skip
                writer.write_record(revisit)
        _response(writer, f"{SITE}/css/main.css", "text/css", b"body{}", "2024-07-03T08:00:01Z")
        _response(writer, f"{SITE}/xcgz/missing.html", "text/html", b"<html>404</html>",
                  "2024-07-03T08:00:02Z", status="404 Not Found")  # fmt: skip
        _response(writer, f"{SITE}/xcgz/", "text/html", b"", "2024-07-03T08:00:03Z",
                  status="301 Moved Permanently")  # fmt: skip


def test_each_document_becomes_a_source_with_its_url_and_latest_capture(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    files = warc_sources(crawl, tmp_path / "sources")
    assert sorted(p.suffix for p in files) == [
        ".docx",
        ".html",
        ".html",
        ".pdf",
    ]  # no css, 404, 301
    metas = {json.loads(p.with_name(p.stem + ".meta.json").read_text(encoding="utf-8"))["source_url"]: p
             for p in files}  # fmt: skip
    assert set(metas) == set(PAGES)
    notice = metas[NOTICE]
    assert notice.read_bytes() == HTML  # the latest capture, not the earlier one
    meta = json.loads(notice.with_name(notice.stem + ".meta.json").read_text(encoding="utf-8"))
    assert meta["captured"] == "2024-07-03T08:00:00Z" and meta["warc"] == "crawl.warc.gz"
    assert (
        notice.stem
        == capture_id(NOTICE)
        == "www.shili.example.gov.cn-t20240701_101-" + notice.stem[-6:]
    )
    # a second run leaves unchanged files as they were (not extracted again by the build)
    before = {p: p.stat().st_mtime_ns for p in files}
    assert warc_sources(crawl, tmp_path / "sources") == files
    assert {p: p.stat().st_mtime_ns for p in files} == before


def test_a_revisit_later_than_the_capture_dates_the_notice(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc"
    write_crawl(crawl, revisit_at="2024-09-15T12:00:00Z")
    files = warc_sources(crawl, tmp_path / "sources")
    [notice] = [p for p in files if p.stem == capture_id(NOTICE)]
    meta = json.loads(notice.with_name(notice.stem + ".meta.json").read_text(encoding="utf-8"))
    assert meta["captured"] == "2024-09-15T12:00:00Z" and notice.read_bytes() == HTML


def test_the_build_keeps_the_notices_and_refuses_the_other_genre(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    out = tmp_path / "build"
    # the sources as the build's hook gives them, extracted here outside the output folder
    sources = warc_sources(crawl, tmp_path / "sources")
    result = build(sources, out=out, jobs=1)
    assert {n.notice for n in result.notices} == {capture_id(u) for u in PAGES if u != OTHER_GENRE}
    [failure] = result.failures
    assert capture_id(OTHER_GENRE) in failure.source and "D2" in failure.error  # its reason
    nq = notice_nquads(out, f"{capture_id(NOTICE)}")
    assert f"<http://purl.org/dc/terms/source> <{NOTICE}>" in nq
    assert "32.4" in nq and "30.1" not in nq  # the latest capture


def test_a_damaged_warc_is_refused_with_its_reason(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(crawl.read_bytes()[: crawl.stat().st_size // 2])
    with pytest.raises(NoticeFormatError, match=r"cut\.warc\.gz: the WARC file is cut short"):
        warc_sources(cut, tmp_path / "sources")
    not_warc = tmp_path / "page.warc"
    not_warc.write_bytes(gzip.compress(b"<html>not an archive</html>"))
    with pytest.raises(NoticeFormatError, match="page.warc"):
        warc_sources(not_warc, tmp_path / "other")


def test_kgtools_build_reads_a_crawl(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from .test_cli import run

    crawl = tmp_path / "crawl.warc.gz"
    write_crawl(crawl)
    out = tmp_path / "build"
    build_args = ["build", str(crawl), "--out", str(out), "--no-report", "-j", "1"]
    code, stdout, stderr = run(build_args, capsys)
    assert code == 2  # a page was refused: listed with its reason, the others built
    assert "not a rectification notice (D2)" in stdout + stderr
    assert "3 extracted" in stdout
    nq = notice_nquads(out, f"{capture_id(NOTICE)}")
    subject = f"<https://w3id.org/xuncha/id/notice/{capture_id(NOTICE)}>"
    assert f"{subject} <http://purl.org/dc/terms/source> <{NOTICE}>" in nq
    assert (f'{subject} <https://w3id.org/xuncha/ontology#capturedAt> "2024-07-03T08:00:00Z"'
            "^^<http://www.w3.org/2001/XMLSchema#dateTime>") in nq  # fmt: skip
    assert "32.4" in nq and "30.1" not in nq  # the latest capture
    code, stdout, _ = run(build_args, capsys)  # unchanged pages are not extracted again
    assert "0 extracted, 3 unchanged" in stdout
    # the same page captured again later, unchanged: a new date in its sidecar only, which
    # the build's change detection (the source's bytes) does not see without --force
    write_crawl(crawl, revisit_at="2024-09-15T12:00:00Z")
    code, stdout, _ = run([*build_args, "--force"], capsys)
    assert "3 extracted" in stdout
    assert '"2024-09-15T12:00:00Z"' in notice_nquads(out, f"{capture_id(NOTICE)}")
    code, stdout, _ = run(["build", str(ATLAS / "qu-xuncha-diwulun-2024.html"), "--out", str(out),
                           "--no-report", "-j", "1"], capsys)  # fmt: skip
    assert code == 0 and not (out / "warc").exists()  # the crawl's pages left with it


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.example.cn/x y.html", "https://a.example.cn/x%20y.html"),
        ("https://a.example.cn/p%zz.html", "https://a.example.cn/p%25zz.html"),
        ("https://a.example.cn/p.html#/a#b", "https://a.example.cn/p.html#/a%23b"),
        (
            "https://a.example.cn/p%E4%B8%AD.html?q=1#top",
            "https://a.example.cn/p%E4%B8%AD.html?q=1#top",
        ),
        ("https://a.example.cn/100%", "https://a.example.cn/100%25"),
    ],
)
def test_a_crawled_url_is_made_an_iri_the_store_reads(url: str, safe: str) -> None:
    from kgtools.build.sources import is_iri
    from kgtools.build.warc import iri_safe

    assert iri_safe(url) == safe and is_iri(safe)
