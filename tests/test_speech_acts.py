"""Quotes are speech acts: the tagger's non-quotes are left out by default, each quote
says where it came from and how sure it is, and speakers are the person who spoke.

Small articles written for these tests, in styles unlike PolNeAR's political news:
sports, business, local news, present-tense "says", quotes over paragraphs."""

from presswatch.corpus import Corpus
from presswatch.document import Document, Entity, Mention, Quote, Speaker
from presswatch.stages.quotes.confidence import DEFAULT_MIN_CONFIDENCE, min_confidence


def quotes_of(analyze, body, title="Local news"):
    doc = analyze((f"{title}\n\n{body}", "t.txt"))
    assert doc.error is None, doc.error
    return doc.quotes


def with_words(quotes, words):
    found = [q for q in quotes if words in q.content]
    assert found, f"no quote with {words!r} in {[q.content for q in quotes]}"
    return found[0]


def test_every_quote_has_an_origin_and_a_confidence(analyze):
    qs = quotes_of(analyze, 'Mayor Ann Lee said the bridge would reopen in May. "We are on schedule," she added.')
    assert qs
    for q in qs:
        assert q.origin in ("rule", "model", "both")
        assert DEFAULT_MIN_CONFIDENCE <= q.confidence <= 1


def test_accusations_and_states_of_mind_are_not_quotes(analyze):
    body = (
        "Accused of hiding the losses, she faced the board on Monday. "
        "Investors appear nervous about the merger, and the chairman wants a new auditor."
    )
    assert quotes_of(analyze, body, "Board meeting turns tense") == []


def test_an_abstract_subject_is_no_speaker(analyze):
    body = (
        "As the strike drags on, closing schools across the county, the dispute is costing families "
        "hundreds of dollars a week. Union leader Paul Grant said talks would resume on Friday."
    )
    qs = quotes_of(analyze, body, "Teachers' strike enters third week")
    assert [q.speaker.name for q in qs] == ["Paul Grant"]


def test_praise_of_a_noun_phrase_is_kept_only_on_request(analyze, all_attributions):
    qs = quotes_of(analyze, "Coach Mark Evans praised his players after the final whistle.", "Derby")
    for q in qs:
        assert q.origin == "model" and q.confidence < DEFAULT_MIN_CONFIDENCE


def test_min_confidence_setting(monkeypatch):
    monkeypatch.setenv("PRESSWATCH_MIN_CONFIDENCE", "0.7")
    assert min_confidence() == 0.7
    monkeypatch.setenv("PRESSWATCH_MIN_CONFIDENCE", "lots")
    assert min_confidence() == DEFAULT_MIN_CONFIDENCE


def test_the_person_heading_the_subject_not_the_team(analyze):
    body = (
        "Falcons head coach Ann Rudd said the team had found its rhythm in the second half. "
        "Northfield Wanderers striker Dani Okafor said the defeat hurt."
    )
    qs = quotes_of(analyze, body, "Falcons edge Wanderers in overtime")
    assert with_words(qs, "found its rhythm").speaker.name == "Ann Rudd"
    assert with_words(qs, "defeat hurt").speaker.name == "Dani Okafor"


def test_present_tense_says_over_a_description_with_a_quoted_fragment(analyze):
    body = 'Retiree Jo Blake, who lost 7 kg "and a dress size" over the summer, says the program changed her life.'
    q = with_words(quotes_of(analyze, body, "Dieting the summer away"), "program changed her life")
    assert q.speaker is not None and "Jo Blake" in q.speaker.name and '"' not in q.speaker.mention


def test_he_is_the_man_named_before_not_a_person_of_unknown_gender(analyze):
    body = (
        "Mark Evans praised his players. Lisa Moreno, the club's captain, was also pleased. "
        "He said the defence had been excellent."
    )
    q = with_words(quotes_of(analyze, body, "Coach and player react"), "defence had been excellent")
    assert q.speaker.name == "Mark Evans" and q.speaker.mention == "He"


def test_a_spokesperson_named_in_apposition(analyze):
    body = "A spokesperson for Halvorsen Foods, Jane Doe, said the plant would close in March."
    q = with_words(quotes_of(analyze, body, "Plant to close"), "plant would close")
    assert q.speaker.name == "Jane Doe" and q.speaker.entity is not None


def test_a_spokesperson_named_in_the_next_sentence(analyze):
    body = (
        "A spokesperson for the city council said the vote would be delayed. "
        "Spokesperson Maria Lind added that residents would be consulted first."
    )
    qs = quotes_of(analyze, body, "Council delays vote")
    assert with_words(qs, "vote would be delayed").speaker.name == "Maria Lind"
    assert with_words(qs, "residents would be consulted").speaker.name == "Maria Lind"


def test_an_unnamed_spokesperson_stays_a_description(analyze):
    body = "A spokesperson for the city council said the vote would be delayed. The council meets on Monday."
    q = with_words(quotes_of(analyze, body, "Council delays vote"), "vote would be delayed")
    assert q.speaker.name.lower().startswith("a spokesperson")


def test_a_quote_over_paragraphs_keeps_its_speaker(analyze):
    body = (
        'Acme Corp chief executive Mara Olsen said: "The quarter was hard for everyone.\n\n'
        '"But our orders are up, and we will hire again in the spring," she said.'
    )
    qs = quotes_of(analyze, body, "Acme results")
    assert qs and all(q.speaker is not None and q.speaker.name == "Mara Olsen" for q in qs)
    assert all(q.origin in ("rule", "both") for q in qs)


def test_the_corpus_keeps_origin_and_confidence_and_filters_on_it(tmp_path):
    text = "Mayor Ann Lee said the bridge would reopen in May. Lee hopes traffic will ease."
    lee = Entity(id="e1", name="Ann Lee", type="PERSON", mentions=[Mention(6, 13, "Ann Lee")])
    speaker = Speaker(name="Ann Lee", mention="Ann Lee", entity="e1", start=6, end=13)
    said = Quote("indirect", "the bridge would reopen in May", 19, 49, speaker, "said", None, origin="both")
    said.confidence = 0.95
    hopes = Quote("indirect", "traffic will ease", 62, 79, speaker, "hopes", None, origin="model", confidence=0.3)
    article = Document(
        id="5eec400000000000", source="a.txt", published="2026-03-02", text=text, entities=[lee], quotes=[said, hopes]
    )
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_documents([article])
        every = corpus.quotes(speaker="Ann Lee")
        assert {(q["origin"], q["confidence"]) for q in every} == {("both", 0.95), ("model", 0.3)}
        assert [q["content"] for q in corpus.quotes(speaker="Ann Lee", min_confidence=0.5)] == [said.content]
        (stored,) = list(corpus.documents())
        assert [(q["origin"], q["confidence"]) for q in stored["quotes"]] == [("both", 0.95), ("model", 0.3)]
