"""Web archives written by the tests: a CC-NEWS-style WARC.gz of HTML news pages.

CC-NEWS files are one gzip member per record: a warcinfo record, then a
`response` record per page (the HTTP response with its headers), which is what
warcio's WARCWriter writes with gzip=True. The pages are invented."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOWNS = ["Hrodna", "Vilnius", "Kaunas", "Brest", "Lviv", "Riga", "Tartu", "Minsk"]
PEOPLE = ["Ines Duarte", "Marta Kowalska", "Oleh Bondar", "Ruta Petraityte", "Ihar Zhuk"]
TOPICS = ["ferry line", "school budget", "bridge repair", "tram route", "water plant"]


def news_page(i: int) -> str:
    """An HTML news page with a title, a date, a byline and a quote, different for each `i`."""
    town, person, topic = TOWNS[i % len(TOWNS)], PEOPLE[i % len(PEOPLE)], TOPICS[i % len(TOPICS)]
    return (
        f"<html><head><title>{town} council votes on the {topic} ({i})</title>"
        f'<meta name="author" content="Staff reporter {i}"></head><body><article>'
        f"<h1>{town} council votes on the {topic} ({i})</h1>"
        f"<p>The {town} city council voted {i + 12} to {i % 7} on Tuesday to go ahead with the {topic}, "
        f"which will cost {i + 3} million euros over {i % 5 + 2} years.</p>"
        f"<p>“This is a good day for {town},” council chair {person} told reporters after the vote. "
        f"Opponents said the plan number {i} had been rushed.</p>"
        f"<p>Work is due to start in the spring, {person} said, and the first stage should be ready "
        f"within {i % 9 + 3} months.</p></article></body></html>"
    )


def write_news_warc(path: Path, pages: int = 40) -> Path:
    """A WARC.gz of a warcinfo record and `pages` HTML responses from news.example."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "presswatch tests"}))
        for i in range(pages):
            body = news_page(i).encode("utf-8")
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                f"https://news.example/2026/03/{i:02d}/council",
                "response",
                payload=BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": f"2026-03-{i % 28 + 1:02d}T08:00:00Z"},
            )
            writer.write_record(record)
    return path
