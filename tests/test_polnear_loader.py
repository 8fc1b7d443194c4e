"""The PolNeAR brat reader (benchmarks.scoring.polnear), on a hand-written .ann."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scoring import polnear

TEXT = (
    "Senator Says Hello.\n"
    "\n"
    "“We will win,” Smith said on Monday. The rally, she added, was “huge.”\n"
    "\n"
    "Aides believe the race is close.\n"
)


def span(sub: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(sub, start)
    return i, i + len(sub)


Q1 = span("“We will win,”")
SMITH = span("Smith")
SAID = span("said")
PART_A = span("The rally,")
SHE = span("she")
ADDED = span("added")
PART_B = span("was “huge.”")
AIDES = span("Aides")
BELIEVE = span("believe")
CLOSE = span("the race is close")

ANN = (
    "\n".join(
        [
            f"T1\tContent {Q1[0]} {Q1[1]}\t{TEXT[Q1[0] : Q1[1]]}",
            f"T2\tSource {SMITH[0]} {SMITH[1]}\tSmith",
            f"T3\tCue {SAID[0]} {SAID[1]}\tsaid",
            f"T4\tAttribution {SAID[0]} {SAID[1]}\tsaid",
            "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
            # discontinuous content, plus a second content fragment
            f"T5\tContent {PART_A[0]} {PART_A[1]};{PART_B[0]} {PART_B[1]}\tThe rally, was “huge.”",
            f"T6\tSource {SHE[0]} {SHE[1]}\tshe",
            f"T7\tCue {ADDED[0]} {ADDED[1]}\tadded",
            f"T8\tAttribution {ADDED[0]} {ADDED[1]}\tadded",
            f"T9\tContent {Q1[0]} {Q1[0] + 3}\t“We",
            "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5 Content2:T9",
            # no source
            f"T10\tContent {CLOSE[0]} {CLOSE[1]}\tthe race is close",
            f"T11\tCue {BELIEVE[0]} {BELIEVE[1]}\tbelieve",
            f"T12\tAttribution {BELIEVE[0]} {BELIEVE[1]}\tbelieve",
            "E3\tAttribution-no-source:T12 Cue:T11 Content:T10",
            # noise the reader must skip
            "#1\tAnnotatorNotes T10\tsource is arguably Aides",
            f"T13\tDiscard {AIDES[0]} {AIDES[1]}\tAides",
            "a continuation line of a multi-line span text",
            "",
            "E4\tAttribution-no-source:T99 ",  # no content: dropped
        ]
    )
    + "\n"
)


def test_parse_spans_single_and_discontinuous():
    assert polnear.parse_spans("115 290") == [(115, 290)]
    assert polnear.parse_spans("315 448;463 553") == [(315, 448), (463, 553)]
    assert polnear.parse_spans("209 236;91 186") == [(209, 236), (91, 186)]
    with pytest.raises(ValueError):
        polnear.parse_spans("12")
    with pytest.raises(ValueError):
        polnear.parse_spans("20 10")


def test_parse_text_bound_and_event():
    tb = polnear.parse_text_bound("T5\tContent 3 8;10 12\tab cd")
    assert (tb.id, tb.label, tb.spans, tb.text) == ("T5", "Content", [(3, 8), (10, 12)], "ab cd")
    assert polnear.parse_text_bound("T6\tCue 1 4").spans == [(1, 4)]
    assert polnear.parse_text_bound("not a T line") is None
    ev = polnear.parse_event("E2\tAttribution-no-source:T8 Cue:T7 Content:T5 Content2:T9")
    assert ev.type == "Attribution-no-source" and ev.trigger == "T8"
    assert ev.args == [("Cue", "T7"), ("Content", "T5"), ("Content2", "T9")]


def test_parse_ann_skips_noise():
    bounds, events = polnear.parse_ann(ANN)
    assert sorted(bounds, key=lambda k: int(k[1:])) == [f"T{i}" for i in range(1, 14)]
    assert bounds["T13"].label == "Discard"
    assert [e.id for e in events] == ["E1", "E2", "E3", "E4"]


def test_attributions_from_ann():
    atts = polnear.attributions_from_ann(ANN)
    assert [a.id for a in atts] == ["E1", "E2", "E3"]
    e1, e2, e3 = atts

    assert e1.content == [Q1]
    assert e1.source == [SMITH]
    assert e1.cue == [SAID]
    assert e1.content_text(TEXT) == "“We will win,”"
    assert e1.source_text(TEXT) == "Smith"

    # discontinuous Content and Content2 end up as sorted fragments
    assert e2.content == sorted([PART_A, PART_B, (Q1[0], Q1[0] + 3)])
    assert e2.content_text(TEXT, sep="|") == "“We|The rally,|was “huge.”"
    assert e2.source_text(TEXT) == "she"

    assert e3.source is None
    assert e3.source_text(TEXT) is None
    assert e3.content_text(TEXT) == "the race is close"
    assert e3.cue_text(TEXT) == "believe"


def test_crlf_lines_are_accepted():
    atts = polnear.attributions_from_ann(ANN.replace("\n", "\r\n"))
    assert [a.id for a in atts] == ["E1", "E2", "E3"]
    assert atts[0].content == [Q1]


def _write_split(root: Path, split: str = "dev") -> Path:
    sdir = root / split
    (sdir / "text").mkdir(parents=True)
    (sdir / "attributions").mkdir()
    (sdir / "text" / "art_one.txt").write_bytes(TEXT.encode("utf-8"))
    (sdir / "text" / "art_two.txt").write_bytes(b"Plain.\n")
    # two annotators for art_one: the first in sorted order (a111) is used
    (sdir / "attributions" / "art_one_b222.ann").write_text("", encoding="utf-8")
    (sdir / "attributions" / "art_one_a111.ann").write_text(ANN, encoding="utf-8")
    (sdir / "attributions" / "art_two_c333.ann").write_text("", encoding="utf-8")
    return sdir


def test_load_split_picks_first_annotator(tmp_path):
    _write_split(tmp_path)
    arts = polnear.load_split(tmp_path, "dev")
    assert [a.name for a in arts] == ["art_one", "art_two"]
    one, two = arts
    assert one.annotator == "a111"
    assert one.text == TEXT
    assert len(one.attributions) == 3
    assert two.attributions == []
    assert [a.name for a in polnear.load_split(tmp_path, "dev", limit=1)] == ["art_one"]


def test_split_ann_name_and_choice():
    assert polnear.split_ann_name(Path("x/foo_bar-baz_ef2d.ann")) == ("foo_bar-baz", "ef2d")
    assert polnear.choose_annotation([Path("b_2.ann"), Path("b_1.ann")]) == Path("b_1.ann")
    assert polnear.choose_annotation([]) is None


def test_missing_data_raises(tmp_path):
    with pytest.raises(polnear.DataMissing):
        polnear.load_split(tmp_path / "nope", "dev")
    _write_split(tmp_path)
    with pytest.raises(polnear.DataMissing, match="train"):
        polnear.load_split(tmp_path, "train")
