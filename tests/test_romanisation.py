"""A development set for identity across romanisations (issue 16, class 3) and
for headlines that put two surnames side by side (class 4).

Invented people; the spellings are what the systems give: Belarusian national
and BGN/PCGN (Tsiareshchanka, Uladzimir), Russian BGN/PCGN and passports
(Tereshchenko, Beliavskii, Evgenii), Ukrainian (Serhii, Hryhorii), ISO 9 and
Łacinka (Lukašenka), German and Polish (Schtscherbakowa, Jaroszewicz), Cyrillic."""

import pytest

from presswatch.corpus.identity import Item, cluster
from presswatch.names import fold, gender_pair, given_match, name_tokens, person_match, same_token
from presswatch.romanisation import east_slavic_keys, feminine_of, same_east_slavic

SAME_SURNAME = [
    ("Tsiareshchanka", "Tereshchenko"),  # ць/т, akanne, яр/ер, -ка/-ко
    ("Цярэшчанка", "Tereshchenko"),
    ("Tsikhanovich", "Tikhanovich"),
    ("Bialiauski", "Belyavsky"),  # ia/e, ў/в, -скі/-ский
    ("Бяляўскі", "Beliavskii"),
    ("Бяляцкі", "Belyatskiy"),
    ("Siarheyeu", "Sergeev"),  # -еў/-ев
    ("Сяргееў", "Sergeyev"),
    ("Marozau", "Morozov"),  # -ау/-ов
    ("Kavalenka", "Kovalenko"),
    ("Hurynovich", "Gurinovich"),  # h/g, ы/и
    ("Hrabouski", "Grabovsky"),
    ("Jaroszewicz", "Yarashevich"),  # Polish
    ("Schtscherbakowa", "Shcharbakova"),  # German
    ("Kulbatschenko", "Kulbachenka"),
    ("Lukašenka", "Lukashenko"),  # ISO 9 / national
    ("Nyaklyaeu", "Neklyaev"),
    ("Ulasau", "Vlasov"),  # prothetic у-
    ("Tsapkala", "Tsepkalo"),
    ("Cichanoŭski", "Tikhanovsky"),  # Belarusian national system / Łacinka: c is Ц, ch is Х
    ("Bialacki", "Belyatsky"),
    ("Ciareščanka", "Tereshchenko"),
    ("Chrustalioŭ", "Khrustalyov"),
]

SAME_GIVEN = [
    ("Uladzimir", "Vladimir"),
    ("Aliaksandr", "Aleksandr"),
    ("Aliaksandr", "Oleksandr"),
    ("Siarhei", "Sergei"),
    ("Siarhei", "Serhii"),
    ("Сяргей", "Sergey"),
    ("Aleh", "Oleg"),
    ("Dzmitry", "Dmitriy"),
    ("Zmitser", "Dmitry"),  # the lexicon's table: not a transliteration
    ("Hanna", "Anna"),  # the lexicon's table: prothetic г
    ("Hanna", "Ganna"),
    ("Volha", "Olga"),  # prothetic в-
    ("Yahor", "Yegor"),
    ("Yauhen", "Evgenii"),
    ("Uladzislau", "Vladislav"),
    ("Tatsiana", "Tatyana"),
    ("Valiantsin", "Valentin"),
    ("Artsiom", "Artyom"),
    ("Iurii", "Yuri"),
    ("Illia", "Ilya"),
    ("Alena", "Yelena"),
    ("Maryia", "Mariia"),
    ("Siarhiej", "Sergei"),  # Łacinka
    ("Uładzimir", "Vladimir"),
    ("Jaŭhien", "Yevgeny"),
]

DIFFERENT_GIVEN = [
    ("Aleh", "Olga"),
    ("Yahor", "Ihar"),
    ("Hanna", "Halina"),
    ("Andrei", "Aliaksandr"),
]

# a man and a woman: the same name but for the ending
GENDERED_GIVEN = [
    ("Aliaksandr", "Aliaksandra"),
    ("Yauhen", "Yauhenia"),
    ("Valery", "Valeria"),
    ("Mario", "Maria"),
]


@pytest.mark.parametrize("a,b", SAME_SURNAME)
def test_one_surname_across_romanisations(a, b):
    assert same_token(fold(a), fold(b))
    assert east_slavic_keys(fold(a)) & east_slavic_keys(fold(b))


@pytest.mark.parametrize("a,b", SAME_GIVEN)
def test_one_given_name_across_romanisations(a, b):
    assert given_match(fold(a), fold(b))


@pytest.mark.parametrize("a,b", DIFFERENT_GIVEN)
def test_different_given_names_stay_apart(a, b):
    assert not given_match(fold(a), fold(b))


@pytest.mark.parametrize("a,b", GENDERED_GIVEN)
def test_a_mans_and_a_womans_form_of_a_given_name_are_two_people(a, b):
    assert not person_match(name_tokens(f"{a} Kavalenka"), name_tokens(f"{b} Kavalenka"))


def test_the_coarse_key_is_only_for_east_slavic_spellings():
    assert not same_east_slavic("gordon", "harden")  # one key, but no East Slavic spelling
    assert not same_east_slavic("allen", "ellen")
    assert not given_match("yana", "anna")
    assert gender_pair("ivanova", "ivanov")


@pytest.mark.parametrize(
    "a,b",
    [
        ("Siarhei Tsiareshchanka", "Sergei Tereshchenko"),
        ("Сяргей Цярэшчанка", "Sergei Tereshchenko"),
        ("Uladzimir Bialiauski", "Vladimir Belyavsky"),
        ("Yauhen Siarheyeu", "Evgenii Sergeev"),
        ("Hanna Kavalenka", "Anna Kovalenko"),
        ("Volha Kavalenka", "Olga Kovalenko"),
        ("Yahor Marozau", "Egor Morozov"),
        ("Sviatlana Tsikhanovich", "Svetlana Tikhanovich"),
    ],
)
def test_one_person_across_romanisations(a, b):
    assert person_match(name_tokens(a), name_tokens(b))


@pytest.mark.parametrize(
    "a,b",
    [
        ("Hanna Kavalenka", "Volha Kavalenka"),  # two Kavalenkas
        ("Anna Kovalenko", "Olga Kovalenko"),
        ("Aleh Marozau", "Yahor Marozau"),  # father and son
        ("Oleg Morozov", "Egor Morozov"),
        ("Aleh Marozau", "Aleh Marozau Jr."),
        ("Nadzeya Bialiauskaya", "Vladimir Belyavsky"),  # husband and wife
        ("Marozava", "Oleg Morozov"),
    ],
)
def test_namesakes_stay_apart(a, b):
    assert not person_match(name_tokens(a), name_tokens(b))


def test_feminine_forms_in_any_romanisation():
    for female, male in (("Marozava", "Morozov"), ("Tsikhanouskaya", "Tikhanovsky"), ("Beliavskaia", "Bialiauski")):
        assert feminine_of(fold(female), fold(male)) and gender_pair(fold(female), fold(male))
    assert not feminine_of(fold("Kavalenka"), fold("Kovalenko"))  # -ка/-ко is both a man's and a woman's


def test_corpus_links_the_romanisations_and_keeps_namesakes_apart():
    def person(article, name):
        return Item(key=(article, "e1"), name=name, type="PERSON")

    items = [
        person("by", "Siarhei Tsiareshchanka"),
        person("ru", "Sergei Tereshchenko"),
        person("cy", "Сяргей Цярэшчанка"),
        person("wife", "Святлана Цярэшчанка"),
        person("k1", "Hanna Kavalenka"),
        person("k2", "Anna Kovalenko"),
        person("k3", "Volha Kavalenka"),
    ]
    groups = sorted(sorted(k[0] for k in g) for g in cluster(items))
    assert groups == [["by", "cy", "ru"], ["k1", "k2"], ["k3"], ["wife"]]


def test_a_headline_pairing_two_surnames_is_two_people(analyze):
    text = (
        "Rudd Blake's saviour as Falcons edge Hawks\n\n"
        "Falcons head coach Ann Rudd said on Sunday that goalkeeper Jo Blake had saved the season.\n\n"
        'Blake made 41 saves in the 2-1 win. "She was unbelievable," Rudd said. Blake, 23, joined in May.'
    )
    doc = analyze((text, "h.txt"))
    persons = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.type == "PERSON"}
    assert set(persons) == {"Ann Rudd", "Jo Blake"}
    assert persons["Jo Blake"].count("Blake") == 3 and persons["Ann Rudd"].count("Rudd") == 2


def test_a_full_name_in_a_headline_stays_a_name(analyze):
    text = (
        "Ann Rudd's save lifts Falcons\n\n"
        "Goalkeeper Ann Rudd made 41 saves on Sunday, coach Jo Blake said.\n\n"
        "Rudd joined the club in May."
    )
    doc = analyze((text, "h2.txt"))
    rudd = next(e for e in doc.entities if e.name == "Ann Rudd")
    assert [m.text for m in rudd.mentions][:1] == ["Ann Rudd"]


def test_a_sons_given_name_the_model_left_out_is_put_back(analyze):
    text = (
        "Family in court\n\n"
        "Retired teacher Aleh Marozau and his son Yahor Marozau were also in court on Tuesday.\n\n"
        '"We came for our neighbour," Aleh Marozau said.'
    )
    doc = analyze((text, "s.txt"))
    names = {e.name for e in doc.entities if e.type == "PERSON"}
    assert {"Aleh Marozau", "Yahor Marozau"} <= names


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Ivan Ivanavich Kavalenka", "Ivan Ivanovich Kovalenko", True),
        ("LOBANOV Serhii Mykolaiovych", "Siarhei Mikalaevich Labanau", True),
        ("Аляксандр Рыгоравіч Лукашэнка", "Alexander Grigoryevich Lukashenko", True),
        ("BIELOZOROV A. V.", "Arkady Viktorovich Belozerov", True),
        ("Ivan Ivanovich Kavalenka", "Ivan Mikalaevich Kavalenka", False),  # father and son
        ("Ivan Ivanovich Petrov", "Ivan Petrovich Petrov", False),
        ("Maria Jose Garcia", "Maria Luisa Garcia", False),
        ("Gabriel Jose Garcia Marquez", "Gabriel Garcia Marquez", True),
    ],
)
def test_patronymics_and_middle_names_must_agree(a, b, same):
    assert person_match(name_tokens(a), name_tokens(b)) is same


def test_the_given_name_table_holds_for_every_romanisation_of_its_forms():
    assert given_match(fold("Рыгор"), fold("Grigory"))  # the table says "ryhor"; ICU writes "rygor"
    assert not given_match("olya", "alla")
