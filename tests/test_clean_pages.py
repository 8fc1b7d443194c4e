"""The clean stage on what trafilatura keeps of web pages, glued words per language, and
captions printed in two scripts (issue 16, classes 5 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.stages.clean import clean
from presswatch.stages.clean.glue import split_glued
from presswatch.stages.metadata import without_full_stop

PAGES = Path(__file__).parent / "html_pages"


@pytest.mark.parametrize(
    ("token", "language", "parts"),
    [
        ("electionwhich", "en", ("election", "which")),
        ("waterto", "en", ("water", "to")),  # a grammatical word ends no compound
        ("выборахкоторые", "ru", ("выборах", "которые")),
        ("overdrew", "en", None),  # "overdraft", "overdrawn": English builds words across that cut
        ("underdelivering", "en", None),
        ("nossas", "pt", None),  # a Portuguese word, whatever English makes of it
        ("favorire", "it", None),
        ("etapas", "es", None),
        ("electionwhich", "pt", None),  # only the article's own language's words
        ("electionwhich", "xx", None),  # a language without a word list: left alone
    ],
)
def test_glued_words_split_only_in_the_article_language(token, language, parts):
    assert split_glued(token, language) == parts


def test_an_article_in_portuguese_keeps_its_words_whole():
    text = (
        "Nova linha liga o Porto a Vigo\n\n"
        "As nossas cidades precisam desta ligação há décadas, e a obra será feita em duas etapas até 2029.\n\n"
        "Os comboios vão favorecer as deslocações diárias entre as duas margens do rio Minho."
    )
    cleaned = clean(text)
    assert "nossas" in cleaned.text and "etapas" in cleaned.text


def test_a_page_subhead_list_and_table_are_article_not_furniture():
    doc = _analyze_page("council-budget.html")
    assert "Where the money goes" in doc.text
    assert "| Schools | 14.2 | 15.1 |" in doc.text  # the page's table is kept
    assert "Bus fares stay at 2 euros" in doc.text  # list items
    assert "Hilde Brandvold" in doc.text.split("\n\n")  # a subhead of one name is not a byline
    assert {r.reason for r in doc.removed} <= {"markup", "share", "byline"}


def test_a_credit_in_another_language_is_removed():
    doc = _analyze_page("ferrovia-pt.html")
    assert "Foto: Rui Pestana / Lusa" in [r.text for r in doc.removed]


def test_a_caption_printed_in_two_scripts_is_not_a_byline():
    cleaned = clean(
        "Two old rivals meet in Minsk\n\n"
        "Аляксандр Мілінкевіч і Аляксандр Лукашэнка\n"
        "Aliaksandr Milinkevich and Aliaksandr Lukashenka\n\n"
        "The two men met for the first time in twenty years on Tuesday, officials in Minsk said in a statement.\n\n"
        "They spoke for two hours about prisoners, according to the statement published late in the evening."
    )
    assert [r.reason for r in cleaned.removed] == ["caption", "caption"]


def test_a_translator_keeps_initials_but_not_the_sentence_stop():
    assert without_full_stop("XYZ.") == "XYZ"
    assert without_full_stop("A.B.") == "A.B."
    assert without_full_stop("Ivan K.") == "Ivan K."
    assert without_full_stop("Hanna Pik.") == "Hanna Pik"


def _analyze_page(name: str):
    import presswatch

    doc = presswatch.analyze(str(PAGES / name))
    assert doc.error is None, doc.error
    return doc


def test_source_lines_and_credits_in_other_languages_are_credits():
    from presswatch.stages.clean.furniture import classify

    for line in (
        "Fuente: organización de la carrera / Real Federación Española de Ciclismo",
        "Źródło: Urząd Miasta / MOPS",
        "Инфографика: Наталья Пак / «Сельская газета»",
    ):
        assert classify(line, False, False, html=True) == "credit", line
    assert classify("Sources say the minister will resign on Friday.", False, False, html=True) is None


def test_on_a_page_a_line_beside_a_credit_is_body():
    cleaned = clean(
        "The council met on Tuesday and agreed the timetable for the works on the seafront promenade.\n"
        "- May: new foundations;\n"
        "Illustration: Studio Vela / City of Scalea\n"
        "The opposition asked for the question to return to the council before the end of the term.",
        has_title=False,
        html=True,
    )
    assert [r.reason for r in cleaned.removed] == ["credit"]


def test_a_glued_word_after_a_hyphen_is_split():
    cleaned = clean(
        "Polling stations have moved for Thursday's by-electionwhich was called after the death of a councillor.\n\n"
        "The borough council published the list of new stations on its website on Monday morning.",
        has_title=False,
    )
    assert "by-election which" in cleaned.text


def test_a_quotation_that_mentions_a_briefing_is_not_a_newsletter_prompt():
    from presswatch.stages.clean.furniture import classify

    line = '"The enemy knows exactly where our weak points are," spokesperson Ann Lee said at a briefing in Kyiv.'
    assert classify(line, False, False) is None


def test_wire_picture_credits_and_translator_notes():
    from presswatch.stages.clean.furniture import classify
    from presswatch.stages.metadata import _add_translators

    caption = "Firefighters at the site of the strike, November 28, 2025. Regional Administration/Handout via EASTLINK"
    assert classify(caption, False, False) == "caption"
    note = "Quotes from the Russian-language broadcast translated by Maksim Dubrouski."
    assert classify(note, False, True) == "translator"
    found: list[str] = []
    _add_translators(found, note)
    assert found == ["Maksim Dubrouski"]


def test_an_agency_byline_names_the_outlet_and_reporters_are_authors():
    from presswatch.stages.byline import parse_byline
    from presswatch.stages.metadata import _add_reporters

    assert parse_byline("By Eastlink News Agency") == {"authors": [], "outlet": "Eastlink News Agency", "date": None}
    assert parse_byline("From Bloomberg:") is None
    reporters: list[str] = []
    _add_reporters(
        reporters, "Reporting by Oksana Lytvyn in Zaporizhzhia and Paul Hennessy in Kyiv; Editing by Tom Berg"
    )
    assert reporters == ["Oksana Lytvyn", "Paul Hennessy"]


def test_the_owner_credited_under_two_pictures_is_the_outlet():
    from presswatch.stages.metadata import extract_metadata

    cleaned = clean(
        "Schools in exile matter more than conferences\n\n"
        "Every Saturday at ten, thirty-two children sit down in a borrowed classroom to learn to read in Belarusian.\n\n"
        "Children at a lesson in Vilnius. Collage: Maryna Snouskaya / Nioman Chronicle\n\n"
        "Their teacher taught literature at a Minsk school for nineteen years before she left the country in 2021.\n\n"
        "Illustration: Tatsiana Rak / Nioman Chronicle\n\n"
        "The school has no money for books, and parents copy the readers by hand for the youngest pupils."
    )
    meta = extract_metadata(cleaned)
    assert (meta.outlet, meta.provenance["outlet"]) == ("Nioman Chronicle", "credit-lines")
