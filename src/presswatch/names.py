"""Comparing names across spellings and alphabets.

Transliteration and folding come from rigour (ICU under the hood): "Лукашэнка"
-> "Lukashenka". Whether two transliterated tokens are the same name is
decided by metaphone keys and a bounded Levenshtein test (also rigour), so
"Lukashenko"/"Lukashenka" and "Zelensky"/"Zelenskyy"/"Зеленський" agree while
"Trump"/"Truman" do not. What rigour does not do, and is written here: the
per-token comparison of *person names* with initials and missing first names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rigour.names import remove_org_types, remove_person_prefixes
from rigour.text import ascii_text, levenshtein, metaphone

from . import lexicon
from .places import country_code
from .romanisation import feminine_of, gendered_pair, given_keys, same_east_slavic, same_given_name

if TYPE_CHECKING:
    from nicknames import NickNamer

POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
# Jr./Sr. and the Cyrillic forms (молодший, младший, малодшы; старший, старэйшы), folded
_JUNIOR = r"jr|junior|m[ao]l[ao]dsh\w*|mladsh\w*"
_SENIOR = r"sr|senior|starsh\w*|starejsh\w*"
GENERATION_RE = re.compile(rf"^({_JUNIOR}|{_SENIOR}|ii|iii|iv)\.?$", re.I)
_JUNIOR_RE = re.compile(rf"^({_JUNIOR})\.?$", re.I)
_SENIOR_RE = re.compile(rf"^({_SENIOR})\.?$", re.I)


def generation_of(token: str) -> str | None:
    """'jr' for a son's suffix, None for the father's (he is the one named without
    one: "Kowalchuk Sr." is plain "Myron Kowalchuk"), the token for II, III..."""
    if _JUNIOR_RE.match(token):
        return "jr"
    if _SENIOR_RE.match(token):
        return None
    return token.rstrip(".").lower()


# Háček letters spell one sound in Łacinka, Czech and scholarly romanisation of
# Slavic names (Jaraševič = Yarashevich); ICU's Latin-ASCII would drop the háček.
_HACEK = str.maketrans({"š": "sh", "č": "ch", "ž": "zh", "Š": "Sh", "Č": "Ch", "Ž": "Zh"})


@lru_cache(maxsize=100_000)
def fold(token: str) -> str:
    """Latin, ASCII, lower-case form of one token."""
    return re.sub(r"[^a-z0-9]", "", ascii_text(token.translate(_HACEK)).lower())


@lru_cache(maxsize=100_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a person name, given names first, without titles and possessives:
    'President Lukashenko's' -> ('lukashenko',); 'KAVALIOU Alyaksandr' -> ('alyaksandr', 'kavaliou').

    A surname written in capitals before the given name (lists, registers,
    sanctions notices) is moved to the end."""
    name = POSSESSIVE_RE.sub("", name.strip())
    stripped = remove_person_prefixes(name) or name
    raw = [t for t in re.split(r"[\s\-]+", stripped) if fold(t)]
    caps = [i for i, t in enumerate(raw) if t.isupper() and len(t) > 2 and not GENERATION_RE.match(t)]
    if len(raw) >= 2 and len(caps) == 1 and caps[0] != len(raw) - 1:
        raw.append(raw.pop(caps[0]))
    elif len(raw) >= 2 and len(fold(raw[0])) > 1 and all(len(fold(t)) == 1 for t in raw[1:]):
        raw.append(raw.pop(0))  # "Белозёров А. В.": surname, then initials
    return tuple(fold(t) for t in raw)


# ICU romanises each language by its own rules, so one Slavic name comes out
# differently from Ukrainian, Belarusian and Russian spellings: Г is H or G
# (Horbenko/Gorbenko), Ў/В is U or V (Kavaliou/Kovalev), iotated vowels gain a
# Y or I (Yelena/Elena, Iuliia/Yuliia), Х is Kh or H. This letter-level folding is
# what no library does; it is used only to compare, never shown.
_SLAVIC_FOLDS = [
    # German and Polish/Łacinka romanisations: Chrustaljow, Gawrilow, Jaroschewitsch
    (re.compile(r"tsch"), "ch"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"^ch(?=r)"), "kh"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(?<=[aeiou])j|j(?=[aeiou])"), "y"),
    (re.compile(r"kh"), "h"),
    # Belarusian ць/дз where Russian has т/д before a front vowel: Shchatsinin / Shchetinin
    (re.compile(r"ts(?=[ie])"), "t"),
    (re.compile(r"dz(?=[ie])"), "d"),
    (re.compile(r"(?<=[aeiouyr])h"), "g"),  # Lahutska / Lagutko, Mahilyou / Mogilev (not sh, ch, zh)
    (re.compile(r"^[yji](?=[aeiou])"), ""),
    (re.compile(r"(?<=[aeio])u(?=[^aeiouy]|$)"), "v"),
    (re.compile(r"^h"), "g"),
    (re.compile(r"(?<=[aeiou])[yj](?=[aeiou])"), ""),
]


# German romanisation writes Ц as z (Zygankow / Tsygankov), Polish writes З as z
# (Zujew / Zuev), and both end names in -ow, -ew, -ij. So a token spelt that way is
# compared, and blocked, both as written and with z read as ts; nothing is lost that
# the plain reading finds. (German s is both С and З, so it is left alone.)
_GERMAN_OR_POLISH = re.compile(r"sch|(?:ow|ew|owa|ewa|ij|yj)$")
_LONE_Z = re.compile(r"(?<![tsz])z(?!h)")  # not the z of ts/tz, sz or zh


@lru_cache(maxsize=200_000)
def z_as_ts(token: str) -> str | None:
    """The token with z read as Ц, when it is spelt the German or Polish way and has a z."""
    if _GERMAN_OR_POLISH.search(token) and _LONE_Z.search(token):
        return _LONE_Z.sub("ts", token)
    return None


@lru_cache(maxsize=200_000)
def slavic_key(token: str) -> str:
    for pattern, repl in _SLAVIC_FOLDS:
        token = pattern.sub(repl, token)
    return token


@lru_cache(maxsize=200_000)
def same_token(a: str, b: str) -> bool:
    """Two folded name tokens are spellings of one name."""
    if _same_token(a, b):
        return True
    za, zb = z_as_ts(a), z_as_ts(b)
    return bool((za and _same_token(za, b)) or (zb and _same_token(a, zb)))


def _same_token(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) <= 2 or len(b) <= 2:
        return False
    if _close(a, b) or same_east_slavic(a, b):
        return True
    ka, kb = slavic_key(a), slavic_key(b)
    return (ka, kb) != (a, b) and len(ka) > 2 and len(kb) > 2 and (ka == kb or _close(ka, kb))


def _close(a: str, b: str) -> bool:
    if a[0] != b[0]:
        return False
    d = levenshtein(a, b)
    longest = max(len(a), len(b))
    if (d <= 1 and longest >= 5) or (d <= 2 and longest >= 8):
        return True
    ma, mb = metaphone(a), metaphone(b)
    if ma == mb and d <= 3:
        return True
    # Romanisations of one Cyrillic name drift further apart in letters than
    # in sound ("Alyaksandr" / "Alexander"); long names only, to keep
    # "Trump" and "Truman" apart. The sounds may gain or lose one (a y, an s),
    # not swap one for another: Kharchenko and Hordiyenko are two names.
    return longest >= 8 and levenshtein(ma, mb) <= 1 and len(ma) != len(mb) and d / longest <= 0.5


# Surname endings of Slavic and Baltic names. spaCy's English model often tags
# such names as places or organisations ("Haurylau said" -> GPE); the entity and
# link stages use these endings as evidence that a word is a surname.
SLAVIC_SURNAME_RE = re.compile(
    r"(?:" + "|".join(re.escape(e) for e in lexicon.entries("slavic_surname_endings")) + r")$", re.I
)


@lru_cache(maxsize=200_000)
def gender_pair(a: str, b: str) -> bool:
    """'khrustalyova' / 'khrustalyov', 'kavaliova' / 'kavaliou', 'ostrovskaya' / 'ostrovsky':
    the female and male forms of one surname, so two different people."""
    if feminine_of(a, b) or feminine_of(b, a):  # in any romanisation: Marozava / Morozov
        return True
    for x, y in ((a, b), (b, a), (slavic_key(a), slavic_key(b)), (slavic_key(b), slavic_key(a))):
        if x.endswith("skaya") and re.sub(r"(skiy|skyi|sky|ski|skij)$", "", y) == x[:-5] and y != x:
            return True
        if x.endswith("a") and not y.endswith("a") and (x[:-1] == y or x[:-1] == re.sub(r"[iy]$", "", y)):
            return True
    return False


@lru_cache(maxsize=100_000)
def given_key(token: str) -> str:
    """The consonant skeleton of a given name, so its Belarusian, Ukrainian,
    Russian and German forms meet: Aleh/Oleg, Ihar/Igor, Vitaly/Witali,
    Yuliya/Julija, Aliaksandr/Alexander. Written here because the forms differ
    by regular sound changes (akanye, h/g, w/v, j/y) that no transliterator undoes."""
    t = (
        token.replace("kh", "h")
        .replace("ch", "h")
        .replace("x", "ks")
        .replace("w", "v")
        .replace("j", "y")
        .replace("ph", "f")
    )
    t = re.sub(r"dz|ts(?=[ie])", lambda m: m.group()[0], t)  # Belarusian дз/ць for д/т: Dzianis / Denis, Kanstantsin
    t = t.replace("h", "g")
    head = "*" if t[:1] in "aeiouy" else t[:1]
    body = re.sub(r"[aeiouy]+", "", t[1:])
    body = re.sub(r"(.)\1+", r"\1", body)
    return head + body


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    from nicknames import NickNamer  # a curated table of English nicknames (Tom / Thomas, Bill / William)

    return NickNamer()


@lru_cache(maxsize=100_000)
def nickname_pair(a: str, b: str) -> bool:
    nn = _nicknamer()
    return b in nn.canonicals_of(a) or a in nn.canonicals_of(b) or bool(nn.canonicals_of(a) & nn.canonicals_of(b))


# Given names whose Belarusian, Ukrainian and Russian forms differ by more than a
# regular sound change (Mikalai / Nikolai, Zmitser / Dmitry): facts of the
# languages that no transliterator undoes, one group of equivalent forms a line.
_GIVEN_GROUP = {name: i for i, names in enumerate(lexicon.entries("given_name_equivalents")) for name in names.split()}
# ...and each form stands for its other romanisations through its East Slavic key
# (the table's "ryhor" is also the "rygor" ICU makes of Рыгор): keys of four sounds
# or more, so that "olya" does not stand for "alla".
_GIVEN_GROUP_BY_KEY: dict[str, set[int]] = {}
for _name, _group in _GIVEN_GROUP.items():
    for _key in given_keys(_name):
        if len(_key) >= 4:
            _GIVEN_GROUP_BY_KEY.setdefault(_key, set()).add(_group)


def _given_groups(name: str) -> set[int]:
    groups = {_GIVEN_GROUP[name]} if name in _GIVEN_GROUP else set()
    for key in given_keys(name):
        groups |= _GIVEN_GROUP_BY_KEY.get(key, set())
    return groups


def given_match(a: str, b: str) -> bool:
    """Two folded given names are forms of one name (see `given_key`), or an
    English nickname of it."""
    if a == b or nickname_pair(a, b):
        return True
    if _given_groups(a) & _given_groups(b):
        return True
    if len(a) <= 2 or len(b) <= 2:
        return False
    if same_given_name(a, b):  # one name through the romanisation systems: Siarhei / Sergei
        return True
    if min(len(a), len(b)) <= 4:
        # short names differ by one letter as often as not (Tom / Tim, Ivan / Ilan):
        # only the Belarusian a/o and h/g shifts count (Aleh / Oleg, Ihar / Igor)
        def strict(t: str) -> str:
            return t.replace("kh", "h").replace("h", "g").replace("o", "a")

        return strict(a) == strict(b)
    if same_token(a, b):
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) >= 2:
        return True  # short forms: Alex / Alexander, Vlad / Vladimir, Dan / Daniel
    ka, kb = given_key(a), given_key(b)
    return (ka == kb and len(ka) >= 3) or (min(len(ka), len(kb)) >= 4 and levenshtein(ka, kb) <= 1 and ka[0] == kb[0])


def initials_match(a: str, b: str) -> bool:
    """'a' (an initial) agrees with 'alexander'."""
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


# East Slavic patronymic endings, as the romanisations write them: Russian -ovich /
# -evich / -ovna / -evna, Belarusian -avich / -aevich / -auna, Ukrainian -ovych /
# -ovych / -ivna, German -owitsch, Polish -owicz. A son is often named like his
# father but for the patronymic, so two full patronymics must agree.
PATRONYMIC_RE = re.compile(
    r"(?:[oae]?y?e?vi(?:ch|tsch|cz)|[oae]?y?e?vych|i(?:ch|tsch)|[oae]y?e?vn[ao]|[ae]una|[iy]vn[ao]|ichn[ao])$"
)


def _patronymic_stem(token: str) -> str | None:
    """'viktorovich' -> 'viktor', 'mykolaiovych' -> 'mykolai'; None when not a patronymic."""
    m = PATRONYMIC_RE.search(token)
    return token[: m.start()] if m and len(token) - len(m.group()) >= 3 else None


def middle_names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The names between given name and surname do not contradict: one side has
    none, one is the other's initial, or both are spellings of one name or one
    father's name (Viktorovich / Viktaravich / Wiktorowitsch). "Ivan Ivanovich
    Kavalenka" is not "Ivan Mikalaevich Kavalenka", nor "Maria Jose Garcia" "Maria
    Luisa Garcia". Only one middle name a side is compared, or two patronymics:
    "Gabriel Jose Garcia Marquez" may be "Gabriel Garcia Marquez"."""
    if len(a) < 2 or len(b) < 2:
        return True
    x, y = a[1], b[1]
    if (len(a) > 2 or len(b) > 2) and not (_patronymic_stem(x) and _patronymic_stem(y)):
        return True
    if initials_match(x, y) or x == y or same_token(x, y):
        return True
    sx, sy = _patronymic_stem(x), _patronymic_stem(y)
    if not (sx and sy):
        return False
    # the stem lost the father's name's ending: Grigory -> Grigoryevich -> "grigor"
    return any(given_match(p, q) for p in (sx, sx + "i") for q in (sy, sy + "i"))


def generation(tokens: tuple[str, ...]) -> str | None:
    return next((generation_of(t) for t in tokens if GENERATION_RE.match(t)), None)


CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=200_000)
def person_match(a: tuple[str, ...], b: tuple[str, ...], *, inflected: bool = False) -> bool:
    """Full or partial person names that can denote the same person.

    Surnames (last tokens) must agree; given names agree, are initials of each
    other, or one side has none. 'Jr.' and friends must agree."""
    if not a or not b:
        return False
    gen_a, gen_b = generation(a), generation(b)
    a = tuple(t for t in a if not GENERATION_RE.match(t))
    b = tuple(t for t in b if not GENERATION_RE.match(t))
    # Jr. and Sr. must agree between full names; a bare surname may be either
    if gen_a != gen_b and not ((len(a) == 1 and gen_a is None) or (len(b) == 1 and gen_b is None)):
        return False
    # In Cyrillic text "Ковалёва" is also the genitive of "Ковалёв" (inflected=True):
    # there the feminine ending is no evidence of another person.
    if not a or not b or not same_token(a[-1], b[-1]) or (gender_pair(a[-1], b[-1]) and not inflected):
        return False
    ga, gb = a[:-1], b[:-1]
    if not ga or not gb:
        return True
    if gendered_pair(ga[0], gb[0]) and not inflected:  # Aliaksandr / Aliaksandra: a man and a woman
        return False
    return (given_match(ga[0], gb[0]) or initials_match(ga[0], gb[0])) and middle_names_agree(ga, gb)


# Bodies every country has: "the Ministry of Energy" names a different body in
# each, so without a country in the name the article's country decides. Matched
# against a folded name (`org_core`): lower case, no punctuation.
GENERIC_BODY_RE = re.compile(
    r"^(?:(?:\w+\s+)?ministry|ministry of .+|"
    + "|".join(re.escape(body) for body in lexicon.entries("generic_bodies"))
    + r")$"
)


def ministry_short(name: str) -> str | None:
    """The Russian-style short name a ministry goes by, "min" and its subject's
    first letters: "Ministry of Finance" and "Minfin" -> "minfin", "Minenergo" and
    "Ministry of Energy" -> "minene". None for other names ("Minsk" is not one)."""
    core = org_core(name)[0] if " " in name.strip() else org_key(name)
    m = re.match(r"ministry of (?:the )?([a-z]{3})", core or "")
    if m:
        return "min" + m.group(1)
    if core and " " not in core and core.startswith("min") and 6 <= len(core) <= 12 and core[3:6].isalpha():
        return core[:6]
    return None


def is_generic_body(name: str) -> bool:
    """A body every country has ("Ministry of Finance", "the central bank", "Minfin")."""
    core = org_core(name)[0] or ""
    return bool(GENERIC_BODY_RE.match(core)) or (" " not in core and ministry_short(name) is not None)


@lru_cache(maxsize=100_000)
def org_core(name: str) -> tuple[str, str | None]:
    """An organisation's name without the country that qualifies it, and that
    country: 'Belarusian Ministry of Industry' and 'Ministry of Industry of the
    Republic of Belarus' -> ('ministry of industry', 'by'). Countries and their
    adjectives are read by `places.country_code` (rigour's territories)."""
    words = POSSESSIVE_RE.sub("", name.strip()).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    country = None
    for n in (2, 1):
        if len(words) > n + 1 and words[0][:1].isupper():
            # "Ukraine's Ministry of Energy": the possessive country qualifies the body
            code = country_code(POSSESSIVE_RE.sub("", " ".join(words[:n])))
            if code:
                country, words = code, words[n:]
                break
    text = " ".join(words)
    for m in re.finditer(r"\s+of\s+(?:the\s+)?", text):  # longest tail first: "of the Republic of Belarus"
        code = country_code(text[m.end() :])
        if code and (country is None or code == country):
            country, text = code, text[: m.start()]
            break
    return org_key(text), country


# Words that describe what a company does rather than name it: "Nord-Agro Trading"
# is "Nord-Agro" for short.
GENERIC_TAIL_RE = re.compile(
    r"(?:\s+(?:" + "|".join(re.escape(w) for w in lexicon.entries("company_descriptors")) + r"))+$", re.I
)


def org_short(name: str) -> str | None:
    """The distinctive part of a company name without its generic tail, when there is one."""
    key = org_key(name)
    short = GENERIC_TAIL_RE.sub("", key)
    return short if short != key and len(short) >= 4 else None


@lru_cache(maxsize=200_000)
def org_key(name: str) -> str:
    """Folded organisation name without possessive, leading "the" or legal form (LLC, GmbH, OOO...).
    Cached: org_match, org_short and the link keys each ask for it again."""
    name = POSSESSIVE_RE.sub("", name.strip())
    name = remove_org_types(name).strip() or name
    name = re.sub(r"^(the)\s+", "", name, flags=re.I)
    return " ".join(fold(t) for t in name.split() if fold(t))


def acronym(name: str) -> str:
    words = [
        w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper() and w.lower() not in ("the", "of", "and", "for")
    ]
    return "".join(w[0] for w in words).lower()


def org_match(a: str, b: str) -> bool:
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if (org_short(a) or ka) == (org_short(b) or kb) and CYRILLIC_RE.search(a + b) is None:
        return True  # "Nord-Agro Trading" / "Nord-Agro"
    if (" " not in ka or " " not in kb) and ministry_short(a) and ministry_short(a) == ministry_short(b):
        return True  # "Minfin" / "Ministry of Finance"
    sa, sb = a.strip(), b.strip()
    if sa.isupper() and len(sa) >= 2 and acronym(sb) == ka.replace(" ", ""):
        return True
    if sb.isupper() and len(sb) >= 2 and acronym(sa) == kb.replace(" ", ""):
        return True
    wa, wb = ka.split(), kb.split()
    if len(wa) == len(wb) > 1 and CYRILLIC_RE.search(a + b):
        # one name in two Cyrillic orthographies ("Беларускі кабельны завод" /
        # "Белорусский кабельный завод"): every word a spelling of the other's
        return all(same_token(x, y) for x, y in zip(wa, wb))
    return " " not in ka and " " not in kb and same_token(ka, kb) and len(ka) > 5


def country_of_word(word: str) -> str | None:
    """The country code a capitalised word names or qualifies ("Russian", "Belarus's"), else None."""
    word = POSSESSIVE_RE.sub("", word)
    return country_code(word) if word[:1].isupper() and len(word) > 2 else None
