"""Web archives (WARC, WARC.gz as Common Crawl's CC-NEWS ships them): each HTML
response is an article named by its URL; anything else is passed over or an error."""

import gzip

from presswatch.corpus import Corpus
from presswatch.io.containers import articles_in

PAGE = (
    "<html><head><title>Council approves ferry line</title></head><body><article>"
    "<h1>Council approves ferry line</h1>"
    "<p>The harbour council approved the new ferry line on Tuesday after a long debate.</p>"
    "<p>“This is a good day for the islands,” Mayor Ines Duarte told reporters after the vote.</p>"
    "</article></body></html>"
)


def record(
    uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", kind: str = "response", eol: str = "\r\n"
) -> bytes:
    http = f"HTTP/1.1 200 OK{eol}Content-Type: {content_type}{eol}Content-Length: {len(body)}{eol}{eol}".encode() + body
    head = (
        f"WARC/1.0{eol}WARC-Type: {kind}{eol}WARC-Target-URI: {uri}{eol}WARC-Date: 2026-03-03T10:15:00Z{eol}"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri))}>{eol}Content-Type: application/http; msgtype={kind}{eol}"
        f"Content-Length: {len(http)}{eol}{eol}"
    ).encode()
    return head + http + (eol + eol).encode()


def archive(tmp_path, name="news.warc.gz", eol="\r\n"):
    records = [
        record("https://harbour.example/ferry", PAGE.encode(), eol=eol),
        record("https://harbour.example/robots.txt", b"User-agent: *", "text/plain", eol=eol),
        record("https://harbour.example/ferry", b"GET /ferry HTTP/1.1", "text/plain", kind="request", eol=eol),
        record("https://harbour.example/port", PAGE.replace("ferry line", "port plan").encode(), eol=eol),
    ]
    path = tmp_path / name
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if name.endswith(".gz") else b"".join(records))
    return path


def test_html_responses_are_articles_named_by_their_url(analyze, tmp_path):
    for name in ("news.warc.gz", "news.warc"):
        inputs = list(articles_in(str(archive(tmp_path, name))))
        assert [i.source for i in inputs] == [
            "https://harbour.example/ferry",
            "https://harbour.example/robots.txt",
            "https://harbour.example/port",
        ], name
        assert inputs[1].error == "WARC record is not HTML (text/plain)"
        doc = analyze(inputs[0])
        assert doc.error is None and doc.title == "Council approves ferry line"
        assert doc.published == "2026-03-03"  # the page has no date: the record's
        assert doc.quotes and doc.quotes[0].speaker.name == "Ines Duarte"


def test_an_archive_ingests_once_and_a_broken_one_is_an_error_not_a_crash(tmp_path):
    path = archive(tmp_path)
    with Corpus(tmp_path / "c.db") as corpus:
        assert corpus.ingest([str(path)]) == {"new": 2, "unchanged": 0, "failed": 1}
        assert corpus.ingest([str(tmp_path)]) == {"new": 0, "unchanged": 2, "failed": 1}
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(path.read_bytes()[:-60])  # a download that stopped inside the last page
    inputs = list(articles_in(str(cut)))
    assert [i.error for i in inputs][:2] == [None, "WARC record is not HTML (text/plain)"]
    assert inputs[-1].error and "truncated" in inputs[-1].error


def test_an_archive_fastwarc_cannot_read_is_read_with_warcio(analyze, tmp_path):
    """Header lines ending in a bare LF (a hand-rolled crawler, a text-mode copy): FastWARC
    finds no record in such a file (one of an unknown type), without an error; warcio reads it."""
    for name in ("lf.warc", "lf.warc.gz"):
        path = archive(tmp_path, name, eol="\n")
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        with open(path, "rb") as fh:
            types = [r.record_type for r in ArchiveIterator(fh)]
            assert types and all(t == WarcRecordType.unknown for t in types), "FastWARC reads it: find another case"
        inputs = list(articles_in(str(path)))
        assert [i.source for i in inputs] == [
            "https://harbour.example/ferry",
            "https://harbour.example/robots.txt",
            "https://harbour.example/port",
        ], name
        doc = analyze(inputs[0])
        assert doc.error is None and doc.title == "Council approves ferry line"
        assert doc.quotes and doc.quotes[0].speaker.name == "Ines Duarte"


def test_a_chunked_response_is_read_without_its_chunk_sizes(tmp_path):
    body = PAGE.encode()
    chunked = b"%x\r\n" % 100 + body[:100] + b"\r\n" + b"%x\r\n" % (len(body) - 100) + body[100:] + b"\r\n0\r\n\r\n"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://harbour.example/chunked\r\n"
        b"WARC-Date: 2026-03-03T10:15:00Z\r\nWARC-Record-ID: <urn:uuid:7>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
    )
    path = tmp_path / "chunked.warc.gz"
    path.write_bytes(gzip.compress(head + http + b"\r\n\r\n"))
    [inp] = articles_in(str(path))
    assert inp.error is None and inp.raw == body


def test_reading_an_archive_reports_its_progress_in_bytes(tmp_path):
    from presswatch.io.warc import read_warc

    path = archive(tmp_path)
    seen: list[int] = []
    assert len(list(read_warc(str(path), on_progress=seen.append))) == 3
    assert seen == sorted(seen) and seen[-1] == path.stat().st_size
