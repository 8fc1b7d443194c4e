"""Article records (news-please / CC-NEWS JSON Lines): one article a line, with its
metadata; a bad line is a per-document error and the file goes on."""

import gzip
import json

from presswatch.corpus import Corpus
from presswatch.io.records import is_records, read_records

BODY = (
    "The city council approved the new ferry line on Tuesday.\n\n"
    '"This is a good day for the islands," Mayor Ines Duarte told reporters after the vote.'
)
RECORDS = [
    {
        "url": "https://harbour.example/news/2026/03/03/ferry",
        "title": "Council approves ferry line",
        "maintext": BODY,
        "date_publish": "2026-03-03 10:15:00",
        "authors": ["Ruta Petraityte", "Tomas Kairys"],
        "language": "en",
        "source_domain": "harbour.example",
    },
    {"title": "No link", "maintext": "The port reopened on Monday after the storm, officials said in a statement."},
]


def write_records(path, lines):
    data = "\n".join(lines).encode("utf-8") + b"\n"
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def test_records_become_articles_with_their_metadata(analyze, tmp_path):
    path = tmp_path / "news.jsonl.gz"
    lines = [json.dumps(r) for r in RECORDS] + ["{not json", json.dumps({"url": "https://x.example/empty"})]
    write_records(path, lines)
    assert is_records(str(path))
    inputs = list(read_records(str(path)))
    assert [i.source for i in inputs] == [
        "https://harbour.example/news/2026/03/03/ferry",
        f"{path}#2",
        f"{path}#3",
        "https://x.example/empty",
    ]
    assert inputs[2].error.startswith("not a JSON object") and inputs[3].error.startswith("record has no article text")
    doc = analyze(inputs[0])
    assert doc.error is None and doc.title == "Council approves ferry line"
    assert doc.authors == ["Ruta Petraityte", "Tomas Kairys"] and doc.published == "2026-03-03"
    assert doc.outlet == "harbour.example" and doc.provenance["published"] == "record"
    assert doc.text.startswith("The city council") and doc.quotes and doc.quotes[0].speaker.name == "Ines Duarte"


def test_ingesting_records_again_changes_nothing_and_an_edited_record_is_a_new_version(tmp_path):
    path = tmp_path / "news.jsonl"
    write_records(path, [json.dumps(r) for r in RECORDS] + ["[1, 2]"])
    with Corpus(tmp_path / "c.db") as corpus:
        assert corpus.ingest([str(tmp_path)]) == {"new": 2, "unchanged": 0, "failed": 1}
        assert corpus.ingest([str(path)]) == {"new": 0, "unchanged": 2, "failed": 1}
        edited = dict(RECORDS[0], maintext=BODY + "\n\nThe first ferry sails in May, the council said.")
        write_records(path, [json.dumps(edited)])
        assert corpus.ingest([str(path)]) == {"new": 1, "unchanged": 0, "failed": 0}
        assert corpus.stats()["articles"] == 2  # the edited one replaced its earlier version


def test_a_records_file_cut_short_ends_in_an_error_not_in_silence(tmp_path):
    import bz2

    import zstandard

    data = ("\n".join(json.dumps(r) for r in RECORDS) + "\n").encode()
    for name, packed in (
        ("news.jsonl.zst", zstandard.ZstdCompressor().compress(data)),
        ("news.jsonl.bz2", bz2.compress(data)),
    ):
        whole, cut = tmp_path / name, tmp_path / f"cut-{name}"
        whole.write_bytes(packed)
        cut.write_bytes(packed[:-12])
        assert [i.error for i in read_records(str(whole))] == [None, None], name
        errors = [i.error for i in read_records(str(cut))]
        assert errors and errors[-1] and errors[-1].startswith("truncated or corrupt from here"), name
