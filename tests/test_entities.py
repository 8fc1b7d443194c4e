"""Stage `entities`: one entity per person across spellings and scripts; roles."""


def test_spellings_and_scripts_merge_namesakes_stay_apart(analyze):
    text = (
        "Lukashenko meets envoy\n\n"
        "Belarusian leader Alexander Lukashenko met the envoy in Minsk on Monday. "
        "Lukashenka, as his name is spelled in Belarusian, said little. "
        "State television showed Лукашэнка shaking hands with the guest.\n\n"
        "Donald Trump and his son Donald Trump Jr. were also mentioned in the talks."
    )
    doc = analyze((text, "t.txt"))
    by_name = {e.name: e for e in doc.entities}
    luka = by_name["Alexander Lukashenko"]
    assert {"Lukashenka", "Лукашэнка"} <= set(luka.aliases)
    assert "Belarusian leader" in luka.roles
    assert luka.type == "PERSON"
    trumps = [e for e in doc.entities if "Trump" in e.name]
    assert len(trumps) == 2


def test_media_type_and_mentions_offsets(analyze):
    doc = analyze(("Port reopens\n\nThe port reopened on Tuesday, Reuters reported, citing two officials.", "t.txt"))
    media = [e for e in doc.entities if e.type == "MEDIA"]
    assert media and media[0].name == "Reuters"
    m = media[0].mentions[0]
    assert doc.text[m.start : m.end] == m.text


def test_names_the_model_splits_or_mistakes_for_titles(analyze):
    text = (
        "Plant gets new orders\n\n"
        "Director General Stsiapan Kavalchuk said the Hrodna plant had new orders. "
        "The Central Asia Water Initiative, a regional group, welcomed the news.\n\n"
        'Kavalchuk\'s name appears in Russian papers as "Stepan Kovalchuk" and in German ones as '
        '"Stepan Kowaltschuk".'
    )
    doc = analyze((text, "t.txt"))
    person = next(e for e in doc.entities if e.type == "PERSON" and "Kavalchuk" in e.name)
    assert person.name == "Stsiapan Kavalchuk"  # "Stsiapan" alone was the model's PERSON
    assert {"Stepan Kovalchuk", "Stepan Kowaltschuk"} <= set(person.aliases)  # quoted respellings
    assert any(e.type == "ORG" and e.name == "Central Asia Water Initiative" for e in doc.entities)


def test_a_spelling_used_for_one_namesake_is_his(analyze):
    text = (
        "Two Marchenkos\n\n"
        "Activist Olena Marchenko criticised the decision on Monday. "
        "The talk show host Pavlo Marchanka, who is not related to her, defended it.\n\n"
        "Marchenko's lawyer said she would appeal."
    )
    doc = analyze((text, "t.txt"))
    olena = next(e for e in doc.entities if e.name == "Olena Marchenko")
    assert sum(m.text == "Marchenko" for m in olena.mentions) == 1


def test_other_names_given_to_a_body_are_its_mentions(analyze):
    text = (
        "Steel mill cuts output\n\n"
        "The Homel Steel Foundry (Гомельскі сталеліцейны завод) cut output by a third, the Ministry of "
        "Transport of the Republic of Belarus (Mintrans) said. The Ukrainian steelmaker Dniprosteel, known in "
        "Russian media as Dneprostal, bought the surplus.\n\n"
        "The foundry's Russian-language site still calls it «Гомельский сталелитейный завод»."
    )
    doc = analyze((text, "t.txt"))
    by_alias = {a: e for e in doc.entities for a in [e.name, *e.aliases]}
    foundry = by_alias["Homel Steel Foundry"]
    assert {"Гомельскі сталеліцейны завод", "Гомельский сталелитейный завод"} <= {foundry.name, *foundry.aliases}
    assert by_alias["Mintrans"] is by_alias["Ministry of Transport of the Republic of Belarus"]
    assert by_alias["Dneprostal"] is by_alias["Dniprosteel"]


def test_quoted_cyrillic_names_of_people_are_not_a_body(analyze):
    text = (
        "Couple named\n\nThe channel wrote their names in Russian: «Олег Смирнов и Анна Смирнова». "
        "Oleg Smirnov declined to comment."
    )
    doc = analyze((text, "t.txt"))
    assert not any(e.type == "ORG" and "Смирнов" in e.name for e in doc.entities)
    # the quoted names are people: Олег Смирнов is Oleg Smirnov
    smirnov = next(e for e in doc.entities if e.name == "Oleg Smirnov")
    assert smirnov.type == "PERSON" and "Олег Смирнов" in smirnov.aliases


def test_one_kind_of_body_of_several_countries_stays_several(analyze):
    text = (
        "Loan signed\n\nBelarus's Ministry of Finance signed a loan with Moscow. The Russian Ministry of Finance "
        "expects the money to go to industry. Ukraine's Ministry of Finance protested, and the Ministry of Finance "
        "of Ukraine's partners in Warsaw agreed."
    )
    doc = analyze((text, "t.txt"))
    ministries = [e for e in doc.entities if "Ministry of Finance" in e.name]
    assert len(ministries) >= 3


def test_a_bare_body_joins_the_one_country_the_article_gives_it(analyze):
    text = (
        "Interview\n\nShe has worked at Ukraine's Ministry of Finance since 2023. "
        "The Ministry of Finance has sent the government a list of names."
    )
    doc = analyze((text, "t.txt"))
    ministries = [e for e in doc.entities if "Ministry of Finance" in e.name]
    assert len(ministries) == 1 and len(ministries[0].mentions) == 2


def test_register_style_entries_are_one_person_each(analyze):
    text = (
        "Sanctions list\n\nKYIV - The decree lists:\n\n"
        "HAVRYLENKO Petro Ivanovych (ГАВРИЛЕНКО Петро Іванович; also HAURYLENKA Piatro), born 1970, an official.\n\n"
        "The list also names the trader Marchuk Holding LLC («Марчук Холдинг»).\n\n"
        "Havrylenko denied the charges. Marchuk Holding did not comment."
    )
    doc = analyze((text, "t.txt"))
    persons = [e for e in doc.entities if e.type == "PERSON"]
    assert len(persons) == 1
    assert {"HAVRYLENKO Petro Ivanovych", "ГАВРИЛЕНКО Петро Іванович", "HAURYLENKA Piatro", "Havrylenko"} <= {
        m.text for m in persons[0].mentions
    }
    assert not any(m.text.endswith("\n") for e in doc.entities for m in e.mentions)


def test_generation_suffixes_in_cyrillic_and_senior():
    from presswatch.names import name_tokens, person_match

    assert person_match(name_tokens("Petro Marchuk Jr."), name_tokens("Петро Марчук-молодший"))
    assert not person_match(name_tokens("Petro Marchuk"), name_tokens("Петро Марчук-молодший"))
    assert person_match(name_tokens("Petro Marchuk"), name_tokens("Marchuk Sr."))


def test_company_without_its_legal_form_or_generic_tail():
    from presswatch.names import org_match

    assert org_match("Nord-Agro Trading LLC", "Nord-Agro")
    assert org_match("Kessler Logistik GmbH", "Kessler Logistik")
    assert not org_match("Kessler Logistik", "Kessler")


def test_a_lone_given_name_is_the_one_person_with_it(analyze):
    text = (
        "Cup final\n\nStriker Anatol Zhuk scored twice as Dynamo won the cup. Coach Pavel Sidorenko praised the team.\n\n"
        '"Anatol plays without fear," Sidorenko said.'
    )
    doc = analyze((text, "t.txt"))
    zhuk = next(e for e in doc.entities if e.name == "Anatol Zhuk")
    assert "Anatol" in {m.text for m in zhuk.mentions}
