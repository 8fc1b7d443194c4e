"""Cross-article identity (stage `link`): pure clustering over plain Items, no NLP."""

from collections import Counter

from presswatch.corpus.identity import Item, canonical_name, cluster, link_keys
from presswatch.names import name_tokens


def P(article, name, *aliases, roles=(), context=()):
    return Item(
        key=(article, "e1" if not aliases else "e2"),
        name=name,
        type="PERSON",
        aliases=tuple(aliases),
        roles=tuple(roles),
        context=frozenset(context),
    )


def groups_of(items, **kw):
    out = cluster(items, **kw)
    return sorted(sorted(k[0] for k in g) for g in out)


def test_spellings_and_scripts_of_one_person_merge():
    items = [
        P("a1", "Alyaksandr Kavaliou"),
        P("a2", "Aleksandr Kovalev"),
        P("a3", "Аляксандр Кавалёў"),
        P("a4", "Александр Ковалёв"),
        P("a5", "Alexander Kovalyov"),
    ]
    assert groups_of(items) == [["a1", "a2", "a3", "a4", "a5"]]


def test_namesakes_with_other_given_names_stay_apart():
    items = [P("a1", "Alyaksandr Kavaliou"), P("a2", "Andrei Kavaliou"), P("a3", "Andrey Kovalev")]
    assert groups_of(items) == [["a1"], ["a2", "a3"]]


def test_an_initial_joins_only_an_unambiguous_person():
    one = [P("a1", "Alyaksandr Kavaliou"), P("a2", "A. Kavaliou")]
    assert groups_of(one) == [["a1", "a2"]]
    two = [P("a1", "Alyaksandr Kavaliou"), P("a2", "Andrei Kavaliou"), P("a3", "A. Kavaliou")]
    assert groups_of(two) == [["a1"], ["a2"], ["a3"]]


def test_surname_alone_needs_context_when_there_are_namesakes():
    items = [
        P("a1", "Alyaksandr Kavaliou", roles=("energy minister",), context={"O:ministry of energy"}),
        P("a2", "Ihar Kavaliou", roles=("striker",), context={"O:dinamo minsk"}),
        P("a3", "Kavaliou", roles=("minister",)),
        P("a4", "Kavaliou", context={"O:dinamo minsk"}),
        P("a5", "Kavaliou"),
    ]
    assert groups_of(items) == [["a1", "a3"], ["a2", "a4"], ["a5"]]


def test_father_and_son_stay_apart():
    items = [P("a1", "Donald Trump"), P("a2", "Donald Trump Jr."), P("a3", "Donald J. Trump")]
    assert groups_of(items) == [["a1", "a3"], ["a2"]]


def test_surname_first_in_capitals_is_reordered():
    assert name_tokens("KAVALIOU Alyaksandr") == ("alyaksandr", "kavaliou")
    assert groups_of([P("a1", "KAVALIOU Alyaksandr"), P("a2", "Alyaksandr Kavaliou")]) == [["a1", "a2"]]


def test_conflicting_types_stay_apart():
    org = lambda a, n: Item(key=(a, "e1"), name=n, type="ORG")  # noqa: E731
    items = [P("a1", "Thomas Brennan"), org("a2", "Brennan Capital"), org("a3", "Brennan")]
    assert groups_of(items) == [["a1"], ["a2"], ["a3"]]


def test_a_slavic_surname_the_model_called_a_place_is_the_person():
    gpe = Item(key=("a2", "e1"), name="Haurylau", type="GPE")
    assert groups_of([P("a1", "Aleh Haurylau"), gpe]) == [["a1", "a2"]]
    # ...but a real place stays a place, and with no named Haurylau it is just a name
    assert groups_of([P("a1", "Aleh Haurylau"), Item(key=("a3", "e1"), name="Hrodna", type="GPE")]) == [["a1"], ["a3"]]


def test_organisations_by_acronym_and_transliteration():
    org = lambda a, n, *al: Item(key=(a, "e1"), name=n, type="ORG", aliases=tuple(al))  # noqa: E731
    items = [
        org("a1", "Belarusian Republican Youth Union", "BRYU"),
        org("a2", "BRYU"),
        org("a3", "Belaruskali"),
        org("a4", "Беларуськалий"),
        org("a5", "Gazprom"),
    ]
    got = groups_of(items)
    assert ["a1", "a2"] in got and ["a3", "a4"] in got and ["a5"] in got


def test_judgements_override_and_order_does_not_matter():
    items = [P("a1", "Alyaksandr Kavaliou"), P("a2", "Aleksandr Kovalev"), P("a3", "Stas Kovalev")]
    base = groups_of(items)
    assert ["a3"] in base
    merged = groups_of(items, same=[(("a3", "e1"), ("a1", "e1"))])
    assert merged == [["a1", "a2", "a3"]]
    apart = groups_of(items, different=[(("a1", "e1"), ("a2", "e1"))])
    assert apart == [["a1"], ["a2"], ["a3"]]
    assert groups_of(list(reversed(items))) == base


def test_blocking_keys_meet_across_spellings():
    keys = [link_keys(P(a, n)) for a, n in (("a", "Lukashenko"), ("b", "Лукашэнка"), ("c", "Alyaksandr Lukashenka"))]
    assert keys[0] & keys[1] & keys[2]
    assert link_keys(P("d", "Witali Chrustaljow")) & link_keys(P("e", "Vitaly Khrustalyov"))


def test_canonical_name_prefers_full_latin_spelling():
    assert (
        canonical_name(Counter({"Лукашэнка": 5, "Lukashenka": 3, "Alyaksandr Lukashenka": 1}), "PERSON")
        == "Alyaksandr Lukashenka"
    )


def test_a_bare_ministry_belongs_to_its_article_country_or_to_no_other_article():
    def org(a, n, home=None, context=()):
        return Item(key=(a, "e1"), name=n, type="ORG", home=home, context=frozenset(context))

    items = [
        org("a1", "Russian Ministry of Finance"),
        org("a2", "Ministry of Finance", home="ru"),
        org("a3", "Ministry of Finance of Ukraine"),
        org("a4", "Ministry of Finance", context={"O:ukraine"}),
        org("a5", "Ministry of Finance", context={"O:ukraine", "O:russia"}),  # undecided
        org("a6", "Ministry of Finance", context={"O:belarus", "O:russia"}),
    ]  # undecided
    assert groups_of(items) == [["a1", "a2"], ["a3", "a4"], ["a5"], ["a6"]]


def test_article_country_from_dateline_or_a_clear_majority():
    from presswatch.places import article_country, dateline_country, place_country

    assert (
        place_country("Babruisk") == "by" and place_country("Russia's") == "ru" and place_country("Ukrainian") == "ua"
    )
    assert dateline_country("Loan agreed\n\nMINSK, May 3 (Wire) - The ministry said") == "by"
    assert dateline_country("Loan agreed\n\nThe ministry in Minsk said") is None
    assert article_country("Title\n\nThe Ukrainian government and Kyiv officials met in Lviv. Russia said no.") == "ua"
    assert article_country("Title\n\nUkraine and Russia met. Ukraine and Russia parted.") is None


def test_german_spelt_surname_meets_its_other_spellings_by_blocking_key():
    german, belarusian, polish, russian = (
        P("g", "Wladimir Zygankow"),
        P("b", "Uladzimir Tsyhankou"),
        P("p", "Igor Kozlow"),
        P("r", "Igor Kozlov"),
    )
    assert link_keys(german) & link_keys(belarusian)  # z read as Ц
    assert link_keys(polish) & link_keys(russian)  # z read as З, the plain key kept
