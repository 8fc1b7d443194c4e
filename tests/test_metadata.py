"""Stage `metadata`: bylines of many shapes, translators, dates, outlet, genre."""

from presswatch.stages.byline import parse_byline
from presswatch.stages.clean import clean
from presswatch.stages.metadata import extract_metadata, parse_date

BODY = "\n\nThe committee met on Monday and agreed to publish its findings next month, a member said.\n\nThe report will cover three years of spending by the agency.\n"


def meta_of(text, source="x.txt"):
    return extract_metadata(clean(text), {}, source)


def test_byline_shapes():
    assert parse_byline("By Ann Lee and Bo Chen")["authors"] == ["Ann Lee", "Bo Chen"]
    b = parse_byline("Olga Hrytsenko for kyivpost.example")
    assert b["authors"] == ["Olga Hrytsenko"] and b["outlet"] == "kyivpost.example"
    b = parse_byline("Sam Ortiz | The Valley Courier | May 2, 2025")
    assert b["authors"] == ["Sam Ortiz"] and b["outlet"] == "The Valley Courier" and b["date"]
    assert parse_byline("Jane Doe, Senior Correspondent")["authors"] == ["Jane Doe"]
    assert parse_byline("By Tuesday, the river had risen two metres above its usual level.") is None


def test_authors_are_people_and_outlet_comes_from_byline():
    m = meta_of("Committee to publish findings\n\nOlga Hrytsenko for kyivpost.example" + BODY)
    assert m.authors == ["Olga Hrytsenko"] and m.outlet == "kyivpost.example"
    assert m.provenance["authors"] == "byline"


def test_translator_and_opinion_disclaimer():
    text = (
        "Why we must talk\n\nTranslated from Ukrainian by Iryna Bondarenko\n\n"
        "The opinions expressed here are the author's own and do not necessarily reflect those of the publication."
        + BODY
    )
    m = meta_of(text)
    assert m.translators == ["Iryna Bondarenko"]
    assert m.genre == "opinion"


def test_dates():
    assert parse_date("Updated: May 2, 2025 at 10:14") == "2025-05-02"
    assert parse_date("2026-02-11T18:30:00Z") == "2026-02-11"
    assert parse_date("14.06.2026") == "2026-06-14"
    assert parse_date("3 hours ago") is None
    m = meta_of("Committee to publish findings\n\nMarch 4, 2026" + BODY)
    assert m.published == "2026-03-04"


def test_unknown_is_null():
    m = meta_of("Committee to publish findings" + BODY)
    assert m.authors == [] and m.outlet is None and m.published is None and m.genre == "news"
    assert m.language == "en"


def test_only_an_opinion_label_makes_an_opinion_piece():
    release = meta_of("FOR IMMEDIATE RELEASE\n\nSolar farm opens in Kherson region" + BODY)
    assert any(line.text == "FOR IMMEDIATE RELEASE" for line, _ in clean("FOR IMMEDIATE RELEASE" + BODY).removed_lines)
    assert release.genre == "news"
    column = meta_of("Opinion\n\nWhy the farm matters" + BODY)
    assert column.genre == "opinion" and column.provenance["genre"] == "label"
