"""Stage `quotes` through the whole pipeline, on small articles written for these tests."""

import pytest


def quotes_of(analyze, body):
    doc = analyze(("Test headline for quotes\n\n" + body, "t.txt"))
    assert doc.error is None, doc.error
    return doc, doc.quotes


def one(quotes, fragment):
    found = [q for q in quotes if fragment in q.content]
    assert found, f"no quote containing {fragment!r} in {[q.content for q in quotes]}"
    return found[0]


@pytest.mark.parametrize("open_,close", [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("'", "'")])
def test_direct_quote_styles(analyze, open_, close):
    _, qs = quotes_of(
        analyze, f"{open_}We will rebuild the bridge before winter,{close} said Mayor Ines Duarte on Monday."
    )
    q = one(qs, "rebuild the bridge")
    assert q.kind == "direct" and q.speaker.name == "Ines Duarte" and q.cue == "said"


def test_nested_quote_and_missing_closing_mark(analyze):
    _, qs = quotes_of(
        analyze,
        "“They told us ‘wait another week’ and we waited a month,” said farmer Pavel Hruby.\n\nHruby said later: “Nobody listens to the villages any more and nobody will",
    )
    q = one(qs, "wait another week")
    assert q.speaker.name == "Pavel Hruby"
    q = one(qs, "Nobody listens")
    assert q.content.endswith("nobody will")


def test_quote_over_several_paragraphs_and_turn_continuation(analyze):
    body = (
        "Coach Marek Lind said the season had been hard.\n\n"
        "“We lost three players in a week. Nobody can plan for that.\n\n"
        "“But the young ones stepped up, and I am proud of them,” Lind said.\n\n"
        "“Next year will be different,” he added. “We will be ready.”"
    )
    doc, qs = quotes_of(analyze, body)
    q = one(qs, "We lost three players")
    assert "young ones stepped up" in q.content and q.speaker.name == "Marek Lind"
    q = one(qs, "Next year will be different")
    assert q.speaker.name == "Marek Lind" and q.speaker.mention == "he"
    # the turn goes on after the cue: one speech act, one quote in two parts
    assert one(qs, "We will be ready") is q
    assert q.content == "Next year will be different, … We will be ready." and q.cue == "added"
    assert [doc.text[p.start : p.end] for p in q.parts] == ["Next year will be different,", "We will be ready."]
    assert (q.start, q.end) == (q.parts[0].start, q.parts[-1].end)


def test_a_new_cue_starts_a_new_quote_of_the_same_speaker(analyze):
    _, qs = quotes_of(analyze, "“We will win,” Mayor Ines Duarte said. “The count is close,” she added. “Very close.”")
    first, second = one(qs, "We will win"), one(qs, "count is close")
    assert first is not second and first.cue == "said" and len(first.parts) == 1
    assert second.cue == "added" and "Very close." in second.content and len(second.parts) == 2
    assert first.speaker.name == second.speaker.name == "Ines Duarte"


def test_indirect_mixed_and_according_to(analyze):
    body = (
        "Health Minister Anna Berg said that hospitals would get extra funding next year.\n\n"
        'Berg told reporters the old plan was "dead on arrival" and would be scrapped.\n\n'
        "According to the statistics office, waiting lists grew by 12 percent last year."
    )
    _, qs = quotes_of(analyze, body)
    q = one(qs, "hospitals would get extra funding")
    assert q.kind == "indirect" and q.speaker.name == "Anna Berg" and not q.content.startswith("that")
    q = one(qs, "dead on arrival")
    assert q.kind == "mixed" and q.speaker.name == "Anna Berg" and q.medium == "told reporters"
    q = one(qs, "waiting lists grew")
    assert q.cue == "according to" and q.speaker.mention == "the statistics office"


def test_descriptions_groups_and_media(analyze):
    body = (
        "The ministry said the strike had hit an empty warehouse.\n\n"
        "Analysts say the move could backfire on the government.\n\n"
        '"We are not going anywhere," the governor wrote on Telegram.'
    )
    _, qs = quotes_of(analyze, body)
    assert one(qs, "empty warehouse").speaker.mention == "The ministry"
    assert one(qs, "could backfire").speaker.mention == "Analysts"
    q = one(qs, "not going anywhere")
    assert q.speaker.mention == "the governor" and q.medium == "on Telegram"


def test_scare_quotes_and_titles_are_not_quotes(analyze):
    body = (
        'The so-called "peace plan" was discussed again on Friday by the committee members.\n\n'
        'Critics compared the summit to the film "Groundhog Day" after the third session ended.\n\n'
        '"We will not sign anything this year," the committee chairman said.'
    )
    _, qs = quotes_of(analyze, body)
    # the real quote next to them is found: the quote stage ran and saw the quotation marks
    assert one(qs, "We will not sign anything").kind == "direct"
    assert [q.content for q in qs if q.content in ("peace plan", "Groundhog Day")] == []
    assert [q.content for q in qs if q.kind == "direct"] == ["We will not sign anything this year,"]


def test_unclear_speaker_is_null(analyze):
    _, qs = quotes_of(analyze, '"This is the end of an era and everyone in the village knows it."')
    q = one(qs, "end of an era")
    assert q.speaker is None


def test_offsets_point_into_text(analyze):
    doc, qs = quotes_of(analyze, '"We will appeal the verdict," lawyer Tomas Vik said outside the court.')
    q = one(qs, "appeal the verdict")
    assert doc.text[q.start : q.end] == q.content
    assert doc.text[q.speaker.start : q.speaker.end] == q.speaker.mention


def test_pronoun_resolves_beyond_recent_paragraphs(analyze):
    filler = "\n\n".join(f"The river rose {n} centimetres overnight and the ferry stayed in port." for n in range(2, 7))
    body = (
        "Harbour master Olav Strand inspected the flooded quay on Tuesday.\n\n"
        f"{filler}\n\n"
        "He said the quay would reopen once the water level dropped."
    )
    _, qs = quotes_of(analyze, body)
    q = one(qs, "quay would reopen")
    assert q.speaker.mention == "He" and q.speaker.name == "Olav Strand"


def test_quantified_groups_and_it_as_speakers(analyze):
    body = (
        "Several farmers gathered outside the town hall on Monday.\n\n"
        "Many said the new water tariff would ruin their harvest.\n\n"
        "The new report on the canal was published on Friday. It warns that the locks need urgent repair."
    )
    _, qs = quotes_of(analyze, body)
    assert one(qs, "water tariff would ruin").speaker.mention == "Many"
    q = one(qs, "locks need urgent repair")
    assert q.speaker.mention == "It" and "report" in q.speaker.name


def test_clause_ending_in_colon_introduces_the_quote(analyze):
    body = (
        '"The dam is safe," engineer Lena Moss said on Monday. On Tuesday engineer Piet Kramer went further: '
        '"The dam will need a new spillway within five years."'
    )
    _, qs = quotes_of(analyze, body)
    q = one(qs, "new spillway")
    assert q.speaker.name == "Piet Kramer" and q.cue == "went"


def test_cue_in_the_next_sentence_loses_to_one_in_the_quotes_sentence(analyze):
    body = (
        "Farmer Ruth Olsen told the council on Monday that she opposed the new road because "
        "\u201cthe valley is all we have. We will not sell it.\u201d Her neighbour Tom Berg said he agreed with her."
    )
    _, qs = quotes_of(analyze, body)
    q = one(qs, "valley is all we have")
    assert "Ruth Olsen" in q.speaker.name and q.cue == "told"


def test_second_report_hung_on_the_clause_is_its_own_quote(analyze):
    body = "Mayor Ines Duarte announced that the bridge was closed for repairs and vowed to reopen it before winter."
    _, qs = quotes_of(analyze, body)
    q = one(qs, "bridge was closed")
    assert "vowed" not in q.content and q.speaker.name == "Ines Duarte"
    q = one(qs, "reopen it before winter")
    assert q.cue == "vowed" and q.speaker.name == "Ines Duarte"


def test_relative_pronoun_in_a_second_relative_clause_stands_for_its_noun(analyze, all_attributions):
    # "hoping to" is an intention, not a speech act: kept only with every attribution
    body = "Senator Tom Berg, who opposed the tax last year and who has been hoping to win over farmers, voted against the bill."
    _, qs = quotes_of(analyze, body)
    q = one(qs, "win over farmers")
    assert q.speaker.mention == "who" and q.speaker.name == "Tom Berg"


def test_dateline_glued_to_the_subject_is_not_the_speaker(analyze):
    body = "WASHINGTON (AP) \u2014 Senator Ann Lee and Governor Tom Berg pledged to work together despite their differences after a meeting on Thursday."
    _, qs = quotes_of(analyze, body)
    q = one(qs, "work together")
    assert q.speaker.name == "Ann Lee"


def test_narration_after_the_reported_clause_is_left_out(analyze):
    body = (
        "Mayor Ann Lee said the bridge should be closed for the good of the town, echoing a memo from the council.\n\n"
        "Lee said the repairs would take a year as she faces a tough election.\n\n"
        "Lee said the cost would double if the state refused to help."
    )
    _, qs = quotes_of(analyze, body)
    assert one(qs, "bridge should be closed").content.endswith("good of the town")
    assert one(qs, "repairs would take").content.endswith("take a year")
    assert one(qs, "cost would double").content.endswith("refused to help")  # a condition belongs to the claim


def test_verb_inside_the_report_does_not_take_the_cue_from_the_reporting_verb(analyze):
    body = "Engineer Piet Kramer has said that while he fears any comparison, \u201cI have never seen a flood like this one in my whole career.\u201d"
    _, qs = quotes_of(analyze, body)
    q = one(qs, "never seen a flood")
    assert q.speaker.name == "Piet Kramer" and q.cue == "said"


def test_paragraph_ending_in_a_colon_introduces_the_quote_below(analyze):
    body = (
        "The hall emptied slowly after the vote.\n\n"
        "Farmer Ruth Olsen echoed:\n\n"
        "\u201cNobody asked the valley what it wanted, and nobody will ask it next time either.\u201d\n\n"
        "Independent pollster Tom Berg:\n\n"
        "\u201cThe new road will cost twice what the council has promised the taxpayers.\u201d"
    )
    _, qs = quotes_of(analyze, body)
    assert "Ruth Olsen" in one(qs, "Nobody asked the valley").speaker.name
    assert one(qs, "cost twice").speaker.name == "Tom Berg"


def test_a_reported_clause_that_is_all_quotation_is_a_direct_quote(analyze):
    _, qs = quotes_of(
        analyze, "Mr. Dale Porter said of the episode, “I don't like it,” adding that the man should leave."
    )
    q = one(qs, "I don't like it")
    assert q.kind == "direct" and q.speaker.name == "Dale Porter" and q.cue == "said"
    q = one(qs, "the man should leave")
    assert q.kind == "indirect"


def test_speakers_the_parse_loses_around_a_quote(analyze):
    body = (
        "“We have had more successful conventions than this one,” Texas delegate Bill Eastland, "
        "wearing a cowboy hat and “Ted Cruz” campaign pins, said matter-of-factly.\n\n"
        "The timing of the surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates "
        "who beat establishment candidates have seen the biggest boost.”\n\n"
        "After the attack in Normandy, Paul Kessler asserted that France had lost its identity: "
        "“France is no longer France,” he claimed."
    )
    _, qs = quotes_of(analyze, body)
    assert one(qs, "more successful conventions").speaker.name == "Bill Eastland"
    assert one(qs, "biggest boost").speaker.name == "Daron Shaw"
    q = one(qs, "no longer France")
    assert q.cue == "claimed" and q.speaker.mention == "he" and q.speaker.name == "Paul Kessler"


def test_a_headline_claim_keeps_its_named_speaker_over_quoted_words_inside(analyze):
    doc = analyze(
        (
            "Ryan: ‘Anti-Semitic Images’ Have ‘No Place In A Presidential Campaign.’\n\n"
            "House Speaker Paul Ryan said on Tuesday that the images had no place in a campaign.\n",
            "h.txt",
        )
    )
    q = one(doc.quotes, "No Place In A Presidential Campaign")
    assert q.speaker is not None and q.speaker.name in ("Ryan", "Paul Ryan") and q.kind == "mixed"
    assert "Have" in q.content


def test_the_writers_aside_closing_a_reported_clause_is_not_part_of_it(analyze):
    _, qs = quotes_of(
        analyze, "Senator Ann Lee said the nominee would be Mark Doyle, who has a large lead in the delegate count."
    )
    q = one(qs, "the nominee would be Mark Doyle")
    assert q.content == "the nominee would be Mark Doyle" and q.speaker.name == "Ann Lee"


def test_a_state_of_mind_coordinated_in_the_report_stays_in_it(analyze):
    _, qs = quotes_of(
        analyze,
        "Voter Ann Lee said she was tired of the status quo and wanted a candidate who took no money from banks.",
    )
    q = one(qs, "tired of the status quo")
    assert "wanted a candidate" in q.content and q.speaker.name == "Ann Lee"


def test_a_report_before_its_verb_and_a_possessor_who_is_not_the_speaker(analyze):
    body = (
        "Jan Seitchi, a cadet at the academy, was returning home to mourn his mother, Chad’s Ambassador to France confirmed.\n\n"
        "The engineer had worked in Johannesburg for ten years, Portuguese newspaper Correio de Manha reports."
    )
    _, qs = quotes_of(analyze, body)
    q = one(qs, "was returning home")
    assert q.kind == "indirect" and q.cue == "confirmed" and q.speaker.mention.startswith("Chad’s Ambassador")
    q = one(qs, "worked in Johannesburg")
    assert q.cue == "reports" and "Correio de Manha" in q.speaker.mention


def test_the_subject_of_likely_to_say_is_the_speaker(analyze):
    _, qs = quotes_of(analyze, "Rural voters are more likely to say that the new bridge will help their towns.")
    q = one(qs, "the new bridge will help")
    assert q.cue == "say" and q.speaker is not None and "voters" in q.speaker.mention


def test_a_question_put_to_someone_and_the_answer_are_two_speech_acts(analyze):
    body = (
        "Blumenthal appeared on the morning show. Blumenthal was asked, “If you had known she had a personal server, "
        "would you have told her it was not a good idea?” He answered, “I have no idea. We are old friends.”"
    )
    _, qs = quotes_of(analyze, body)
    question, answer = one(qs, "personal server"), one(qs, "I have no idea")
    assert question is not answer
    assert question.cue == "asked" and question.speaker is None  # he is asked; who asks is not said
    assert answer.cue == "answered" and answer.speaker.mention == "He"


def test_a_report_in_a_while_clause_stops_before_the_main_clause(analyze):
    _, qs = quotes_of(
        analyze,
        "While Clinton wrongly claimed that the videos exist, foreign policy experts affirm that the "
        "campaign will be used as a recruiting tool.",
    )
    q = one(qs, "the videos exist")
    assert q.content == "the videos exist" and q.speaker.name == "Clinton"


def test_a_cut_report_does_not_end_in_a_dangling_conjunction(analyze, all_attributions):
    # "decided not to recommend" is a decision, not a speech act: kept only with every attribution
    _, qs = quotes_of(
        analyze,
        "Director Ann Lee decided not to recommend charging the mayor at a press conference on Tuesday "
        "even though she found evidence that the mayor was careless.",
    )
    # the report is found and cut before "even though", not after it
    assert one(qs, "charging the mayor").content.endswith("on Tuesday")
    for q in qs:
        assert not q.content.rstrip(" ,").lower().endswith((" though", " and", " but", " because")), q.content


def test_a_noun_of_saying_after_a_light_verb_has_the_verbs_subject_as_speaker(analyze, rules_only):
    # rules only: the rule itself, not the tagger
    _, qs = quotes_of(
        analyze,
        "Mayor Ann Lee made the claim that the old bridge was safe for lorries.\n\n"
        "President Mark Doyle gave an assurance that the pensions would be paid on time.",
    )
    assert one(qs, "the old bridge was safe").speaker.name == "Ann Lee"
    assert one(qs, "pensions would be paid").speaker.name == "Mark Doyle"


def test_quote_parts_cover_only_the_quoted_words(analyze):
    body = (
        "Budget talks\n\n"
        "The plan, the minister said on Monday, would cut costs for every farm in the region.\n\n"
        "“We will not stop now. The farms need the money before winter comes.\n\n"
        "“And we will deliver it on time,” the minister told reporters on Monday.\n"
    )
    doc = analyze((body, "parts.txt"))
    by_kind = {q.kind: q for q in doc.quotes}
    report, speech = by_kind["indirect"], by_kind["direct"]
    # the cue inside the report is not part of it; a quote over two paragraphs has a part in each
    assert [doc.text[p.start : p.end] for p in report.parts] == [
        "The plan",
        "would cut costs for every farm in the region",
    ]
    assert [doc.text[p.start : p.end] for p in speech.parts] == [
        "We will not stop now. The farms need the money before winter comes.",
        "And we will deliver it on time,",
    ]
    for q in doc.quotes:
        assert q.content == " ".join(doc.text[p.start : p.end] for p in q.parts)
