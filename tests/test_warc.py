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


def record(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", kind: str = "response") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-03T10:15:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\nContent-Type: application/http; msgtype={kind}\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def archive(tmp_path, name="news.warc.gz"):
    records = [
        record("https://harbour.example/ferry", PAGE.encode()),
        record("https://harbour.example/robots.txt", b"User-agent: *", "text/plain"),
        record("https://harbour.example/ferry", b"GET /ferry HTTP/1.1", "text/plain", kind="request"),
        record("https://harbour.example/port", PAGE.replace("ferry line", "port plan").encode()),
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
