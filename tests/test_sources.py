"""Bad input never kills a batch: each class gets a clear per-document error."""

import os
from pathlib import Path

import presswatch
from presswatch.io import decode, iter_paths, read_source


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n ")
    doc = presswatch.analyze(p)
    assert doc.error == "empty file"


def test_binary_file(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert "binary" in presswatch.analyze(p).error


def test_huge_file_is_refused_without_reading_it_all(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse 50 MB file
    doc = presswatch.analyze(p)
    assert "too large" in doc.error


def test_truncated_utf8_and_latin1_are_decoded(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(
        "Café owners in Zürich said prices would rise.\nThe mayor's office declined to comment on the café.\n".encode(
            "latin-1"
        )
    )
    doc = presswatch.analyze(p)
    assert doc.error is None
    assert "Zürich" in doc.text or "Zürich" in (doc.title or "")
    cut = tmp_path / "cut.txt"
    cut.write_bytes("Title\n\nThe minister said the talks had failed — badly.".encode()[:-3] + b"\xe2\x80")
    assert presswatch.analyze(cut).error is None


def test_mixed_encodings_keep_utf8_lines(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes(
        "Headline about Kyiv\n\nПрезидент заявив, що переговори тривають.\n".encode()
        + "The café owner said it was fine, and that was that.\n".encode("cp1252")
    )
    text = read_source(str(p)).text
    assert "Президент" in text and "café" in text


def test_bom_crlf_and_nfc(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfTitle here\r\n\r\nThe cafe\xcc\x81 owner said the rent had doubled this year.\r\n")
    inp = read_source(str(p))
    assert not inp.text.startswith("\ufeff") and "\r" not in inp.text and "café" in inp.text


def test_html_without_body(tmp_path):
    p = tmp_path / "nobody.html"
    p.write_text("<html><head><title>Nothing here</title></head></html>")
    assert "no article text" in presswatch.analyze(p).error


def test_missing_and_unreadable_files_do_not_stop_the_batch(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text("Dam plan approved\n\nThe regional council approved the dam plan on Monday, officials said.\n")
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    real_open = open

    def fake_open(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    docs = list(presswatch.analyze_many([tmp_path / "missing.txt", locked, good]))
    assert [d.error for d in docs] == ["no such file", "permission denied", None]


def test_directories_are_expanded_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "notes.json").write_text("{}")
    found = list(iter_paths([str(tmp_path)]))
    assert found == [os.path.join(tmp_path, "a.html"), os.path.join(tmp_path, "b", "z.txt")]


def test_offsets_map_back_to_the_file_through_mojibake_repair(tmp_path):
    import presswatch

    raw = 'Talks stall\n\nFranÃ§ois Dupont said on Monday that the talks had stalled.\r\n\r\nHe said the offer was "not serious".\r\n'
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = presswatch.analyze(str(path))
    assert "François" in doc.text
    as_read = path.read_bytes().decode("utf-8")
    spans = {
        as_read[doc.source_offset(q.speaker.start) : doc.source_offset(q.speaker.end - 1) + 1]
        for q in doc.quotes
        if q.speaker
    }
    # the same words in the file, mojibake and CRLF newlines included
    assert spans and spans <= {"FranÃ§ois Dupont", "He"}


def test_alignment_segments_agree_character_for_character():
    plain = (
        "Title\r\n\r\nFranÃ§ois met ZÃ¼rich officials.\r\nA plain line.\r\nCaf\u0065\u0301 owner said “yes”.\r\n"
    ) * 3
    normalized = decode.normalize(plain)
    segments = decode.alignment(plain, normalized)
    assert segments and all(normalized[a : a + n] == plain[b : b + n] for a, b, n in segments)
    # every word character of the repaired text is covered, lines in one piece
    covered = {a + k for a, _, n in segments for k in range(n)}
    assert all(i in covered for i, ch in enumerate(normalized) if ch.isalpha() and ch not in "çüé")
    assert len(segments) < 40


def test_typewriter_double_quotes_are_read_as_quotation_marks(tmp_path):
    """''…'' (NYT archives, TeX-like feeds) is set as “…”; offsets still map to the file."""
    raw = (
        "Party rallies\n\n''It's an enormous moment,'' said Steve Schmidt, a Republican strategist. "
        "The players'' union stayed silent.\n"
    )
    p = tmp_path / "typewriter.txt"
    p.write_text(raw)
    doc = presswatch.analyze(p)
    assert "“It's an enormous moment,” said" in doc.text and "players'' union" in doc.text
    [q] = [q for q in doc.quotes if "enormous moment" in q.content]
    assert q.kind == "direct" and q.speaker.name == "Steve Schmidt"
    s, e = doc.source_offset(q.start), doc.source_offset(q.end - 1) + 1
    assert raw[s:e] == "It's an enormous moment,"
    assert decode.typewriter_quotes("``Yes,'' she said.") == "“Yes,” she said."


def test_a_fifo_in_a_folder_is_skipped_with_a_message_and_never_read(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nA body line that is long enough to be a sentence here.\n")
    os.mkfifo(tmp_path / "b.txt")  # reading it would block forever
    skipped = []
    found = list(iter_paths([str(tmp_path)], on_skip=lambda path, why: skipped.append((path, why))))
    assert found == [str(tmp_path / "a.txt")]
    assert skipped == [(str(tmp_path / "b.txt"), "skipped: not a regular file (a FIFO, socket or device)")]
    assert read_source(str(tmp_path / "b.txt")).error == "not a regular file (a FIFO, socket or device)"


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    # as root every folder is readable, so the walk's own error is what is staged here
    (tmp_path / "a.txt").write_text("Title\n\nBody.\n")
    real_walk = os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror)

    monkeypatch.setattr("presswatch.io.inputs.os.walk", walk)
    skipped = []
    found = list(iter_paths([str(tmp_path)], on_skip=lambda path, why: skipped.append((path, why))))
    assert found == [str(tmp_path / "a.txt")]
    assert skipped == [(str(tmp_path / "locked"), "folder skipped: Permission denied")]


def test_paragraphs_in_two_single_byte_encodings_are_each_decoded_in_their_own(tmp_path):
    # a file pasted together from a cp1251 page and a koi8-r one (each line alone is not UTF-8)
    a = "Президент Беларуси заявил журналистам, что выборы пройдут в срок и без наблюдателей."
    b = "Министр иностранных дел России сообщил, что переговоры продолжатся на следующей неделе."
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"Minsk talks\n\n" + a.encode("cp1251") + b"\n\n" + b.encode("koi8_r") + b"\n")
    assert read_source(str(p)).text == f"Minsk talks\n\n{a}\n\n{b}\n"
    c = "Le président a déclaré que les élections auront lieu à la date prévue."
    p.write_bytes(a.encode("cp1251") + b"\n\n" + c.encode("cp1252") + b"\n")  # Cyrillic and Latin code pages
    assert read_source(str(p)).text == f"{a}\n\n{c}\n"
    p.write_bytes(a.encode("cp1251") + b"\n" + b.encode("cp1251") + b"\n")  # one encoding: as before
    assert read_source(str(p)).text == f"{a}\n{b}\n"


def test_a_line_of_thousands_of_typewriter_quotes_is_read_quickly_and_maps_back():
    # character alignment grows with the square of a changed stretch; past a bound the
    # stretch maps to its start, so reading stays quick (the budget is no timing assert:
    # the point is that offsets before and after the stretch still map exactly)
    plain = "Title\n\n" + "''a'' " * 10_000 + "\nThe end.\n"
    normalized = decode.typewriter_quotes(decode.normalize(plain))
    segments = decode.alignment(plain, normalized)
    start, target, length = segments[-1]
    assert normalized[start : start + length] == plain[target : target + length]
    assert normalized.endswith(plain[target : target + length]) and "The end." in plain[target:]


def test_compressed_inputs_are_read_transparently_and_bad_archives_are_per_document_errors(tmp_path):
    import bz2
    import gzip

    import zstandard

    article = "Mayor opens bridge\n\nThe mayor opened the bridge on Monday, officials said.\n"
    page = "<html><head><title>Bridge</title></head><body><p>The mayor opened the bridge.</p></body></html>"
    zstd = zstandard.ZstdCompressor()
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(article.encode()))
    (tmp_path / "b.txt.bz2").write_bytes(bz2.compress(article.encode()))
    (tmp_path / "c.html.zst").write_bytes(zstd.compress(page.encode()))
    (tmp_path / "d.txt.zst").write_bytes(zstd.compress(article[:30].encode()) + zstd.compress(article[30:].encode()))
    (tmp_path / "e.txt.gz").write_bytes(gzip.compress(article.encode())[:25])  # cut short
    (tmp_path / "f.txt.zst").write_bytes(zstd.compress(article.encode())[:15])  # cut short
    (tmp_path / "g.txt.gz").write_bytes(gzip.compress(b"a" * 20_000_000))  # 20 MB from a few KB
    (tmp_path / "notes.md.gz").write_bytes(gzip.compress(b"# not an article"))  # not walked
    found = [Path(p).name for p in iter_paths([str(tmp_path)])]
    assert found == ["a.txt.gz", "b.txt.bz2", "c.html.zst", "d.txt.zst", "e.txt.gz", "f.txt.zst", "g.txt.gz"]
    read = {name: read_source(str(tmp_path / name)) for name in found}
    for name in ("a.txt.gz", "b.txt.bz2", "d.txt.zst"):
        assert read[name].error is None and read[name].text == article, name
    assert read["c.html.zst"].kind == "html" and "The mayor opened the bridge." in read["c.html.zst"].text
    assert read["e.txt.gz"].error.startswith("truncated or corrupt .gz file")
    assert read["f.txt.zst"].error.startswith("truncated or corrupt .zst file")
    assert read["g.txt.gz"].error == "input too large (over 5 MB)"
    assert read["a.txt.gz"].raw == article.encode()  # the id is the article's, compressed or not
