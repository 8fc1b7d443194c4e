"""One sound key for East Slavic names, from Cyrillic or from any romanisation.

Input: one name token, folded to lower-case ASCII (`names.fold`, which
romanises Cyrillic through rigour's ICU transliteration). Output: the set of
keys it may stand for (one; up to three for a token spelt the German, Polish
or Belarusian national way, where c, ch and z are read differently). Two tokens are spellings of one name when
their key sets meet.

The key undoes, in one pass, the two things that make one person's name come
out differently in Latin letters:

1. The romanisation systems. Each Latin grapheme is read back as the Cyrillic
   letter it stands for in any of the systems in use: BGN/PCGN for Russian,
   Belarusian and Ukrainian (kh, zh, ts, shch, ya/yu/ye), the Belarusian and
   Ukrainian national systems and the passport forms derived from them (h for
   Г, ia/iu/ie for Я/Ю/Е, u for Ў), ICAO 9303 passports (ia, iu, i for Й,
   "-ii"), ISO 9 and Łacinka after `fold` has read their háčeks (c, č, š, ž,
   ŭ, j), and German and Polish spellings (sch, tsch, w, sz, cz, rz, j).
2. The Belarusian/Russian sound correspondences that show in the spelling:
   akanne and yakanne (unstressed о and е written а and я), tsekanne and
   dzekanne (ць, дз where Russian has soft т, д), Ў for В after a vowel
   (-аў / -ов, -еў / -ев), the prothetic У- before a consonant and В- before
   о (Уладзімір / Владимир, Вольга / Ольга), Belarusian and Ukrainian Г (h)
   for Russian Г (g), І and Ы for И, Э for Е, and the -і / -ий / -ій endings.

Why it is written here: ICU and rigour transliterate *from* Cyrillic, one
language at a time; no library reads a Latin spelling back into Cyrillic or
folds the Belarusian and Russian spellings of one name together (rigour's
metaphone is an English sound key: it keeps ts/t and a/o apart). The rules
below are the inverse of the published tables, not a list of names.

The key is coarse on purpose (vowels fall into three classes, Г and Х meet):
it decides whether two spellings *can* be one name; whether two people are
one is still decided by the given names, generations and gender of the whole
name (`names.person_match`, `corpus.identity`). Limits: a name that differs by
more than these correspondences (Ганна / Анна, Зміцер / Дмітрый, Alexander /
Aliaksandr) is not reached by the key; `names.given_match` keeps a short table
of such given names.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Symbols of the key: one character per Cyrillic sound class.
# A = а/о/е/э/я/ё/є (akanne, yakanne), I = и/і/ы/й/ї, U = у/ю,
# G = г/ґ/х (h is Г in Belarusian and Ukrainian systems and Х in others),
# C = ц, Q = щ/шч, S = ш, Z = ж, X = ч, J = дж.

# A token spelt the German way (Kulbatschenko, Lobanow, Zygankow) gets a second
# key, with z read as Ц and ch as Х; one spelt the way of the Belarusian national
# system, ISO 9 (once `fold` has read č, š, ž), Łacinka or Polish (Cichanoŭski,
# Jaroszewicz), where a lone c is Ц and ch is Х, gets one with that reading.
_GERMAN_RE = re.compile(r"w|sch|(?:ow|ew|owa|ewa|ij|yj)$")
_NATIONAL_RE = re.compile(r"c(?![hz])|sz|cz|rz|w|^ch(?=[rl])")  # Chr-, Chl-: Ч is not before r, l

# Graphemes of the romanisation systems, longest first. Each becomes the key
# symbol of the Cyrillic letter it stands for.
_GRAPHEMES_COMMON: list[tuple[str, str]] = [
    ("schtsch", "Q"),  # German Щ
    ("shch", "Q"),  # BGN/PCGN Щ, Belarusian ШЧ
    ("szcz", "Q"),  # Polish Щ
    ("tsch", "X"),  # German Ч
    ("dzh", "J"),  # Дж
    ("dzs", "J"),
    ("sch", "S"),  # German Ш
    ("sz", "S"),  # Polish Ш
    ("cz", "X"),  # Polish Ч
    ("rz", "Z"),  # Polish Ж
    ("zh", "Z"),  # Ж
    ("sh", "S"),  # Ш
    ("kh", "G"),  # Х (BGN/PCGN); Г and Х share one class, see above
    ("gh", "G"),
    ("ph", "f"),
    ("th", "t"),
    ("x", "ks"),
    ("w", "v"),  # German and Polish В
]

# The reading of c, ch and z differs: English-language spellings (BGN/PCGN and
# passports) read ch as Ч and z as З; German reads ch as Х and z as Ц; the
# Belarusian national system, Łacinka and Polish read ch as Х and c as Ц.
_READING_ENGLISH: list[tuple[str, str]] = [
    ("ch", "X"),
    ("tz", "C"),
    ("ts", "C"),
    ("ck", "k"),
    ("c(?=[eiy])", "C"),
    ("c", "k"),
]
_READING_GERMAN: list[tuple[str, str]] = [("ch", "G"), ("tz", "C"), ("ts", "C"), ("z", "C"), ("c", "C")]
_READING_NATIONAL: list[tuple[str, str]] = [("ch", "G"), ("ts", "C"), ("c", "C")]


def _compile(pairs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), r) for p, r in pairs]


_COMMON = _compile(_GRAPHEMES_COMMON)
_ENGLISH = _compile(_READING_ENGLISH)
_GERMAN = _compile(_READING_GERMAN)
_NATIONAL = _compile(_READING_NATIONAL)

# Sound correspondences, applied to the graphemes above (lower-case letters are
# still plain Latin letters; upper-case ones are key symbols).
_SOUNDS = _compile(
    [
        # Belarusian ць/дз where Russian has soft т/д (Tsikhanouski / Tikhanovsky,
        # Dzianis / Denis); Belarusian дз before a soft consonant (Dzmitry / Dmitry)
        ("C(?=[iy])", "t"),
        ("dz", "d"),
        ("j(?=[aeiouy])", "y"),  # j as iotation (Łacinka, German, Polish, ISO 9 й)
        ("j", "i"),
        # Ў after a vowel (Belarusian -ou, -eu, -au; national and BGN u, Łacinka ŭ)
        # is Russian В: Paulau / Pavlov, Nyaklyaeu / Neklyaev. Not after i/y: -iuk is -юк.
        ("(?<=[aeo])u(?![aeiouy])", "v"),
        # Prothetic Belarusian У- before a consonant, В- before о: Uladzimir /
        # Vladimir, Ulasau / Vlasov, Volha / Olga
        ("^u(?=[^aeiouy])", "v"),
        ("^vo", "o"),
        ("[hg]", "G"),  # Belarusian and Ukrainian Г is h, Russian Г is g
        # vowel classes: akanne and yakanne (а for о and е), э for е, і/ы for и
        ("[aoe]", "A"),
        ("[iy]", "I"),
        ("u", "U"),
        ("I+", "I"),  # -ii, -iy, -yi, -ij: one и/й (ICAO Iurii, BGN Yuriy)
        ("I(?=[AU])", ""),  # iotation and softness: ya/ia/ja, ye/ie/je, yu/iu/ju
        ("(.)\\1+", "\\1"),  # doubled letters (Natallia / Natalia) and vowel runs (-eev)
        ("AI$", "I"),  # -ей / -ай / -ий / -ій endings of given names (Siarhei / Serhii)
    ]
)


def _apply(token: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, repl in rules:
        token = pattern.sub(repl, token)
    return token


@lru_cache(maxsize=200_000)
def east_slavic_keys(token: str) -> frozenset[str]:
    """The sound keys of one folded name token: 'tsikhanouski' and 'tikhanovsky'
    -> {'tIGAnAvskI'}; 'zygankow' -> two keys, one with z read as Ц."""
    if not token.isalpha():
        token = re.sub(r"[^a-z]", "", token)
    base = _apply(token, _COMMON)
    keys = {_apply(_apply(base, _ENGLISH), _SOUNDS)}
    if _GERMAN_RE.search(token):
        keys.add(_apply(_apply(base, _GERMAN), _SOUNDS))
    if _NATIONAL_RE.search(token):
        keys.add(_apply(_apply(base, _NATIONAL), _SOUNDS))
    return frozenset(k for k in keys if k)


# What shows that a Latin token was romanised from an East Slavic name: a
# grapheme of the systems above, or a surname ending. The key is coarse (a/o/e
# are one class, h is g), so it is applied only to such tokens: "Gordon" and
# "Harden", "Allen" and "Ellen" share a key but show no East Slavic spelling.
_MARKED_RE = re.compile(
    r"kh|zh|shch|sch|ts|tz|dz|cz|sz|[yij][aeou]|[aeo]u$|[aeo]u[^aeiouy]|ii|iy|yi|ij|yj|"
    r"(?:ov|ev|ova|eva|ow|ew|owa|ewa|in|ina|yn|yna|sky|ski|ska|skaya|enko|enka|ich|icz|uk|yk|ik)$"
)


def looks_east_slavic(token: str) -> bool:
    """A folded token spelt the way one of the romanisation systems above spells."""
    return bool(_MARKED_RE.search(token))


def same_east_slavic(a: str, b: str, *, min_len: int = 4) -> bool:
    """Two folded tokens, one of them spelt the East Slavic way, share a sound
    key at least `min_len` symbols long."""
    if not (looks_east_slavic(a) or looks_east_slavic(b)):
        return False
    return any(len(k) >= min_len for k in east_slavic_keys(a) & east_slavic_keys(b))


@lru_cache(maxsize=100_000)
def given_keys(token: str) -> frozenset[str]:
    """Keys of a given name, without the final -ий/-ій Belarusian drops
    (Yauhen / Yevgeny, Vital / Vitaly, Anatol / Anatoliy). A final -o is kept
    apart from -a: in given names it is gender (Mario / Maria), not akanne."""
    keys = (k[:-1] if k.endswith("I") and len(k) > 3 else k for k in east_slavic_keys(token))
    return frozenset(k + "O" if token.endswith("o") else k for k in keys)


def same_given_name(a: str, b: str) -> bool:
    """Two folded given names, one spelt the East Slavic way, are one name by the
    key: Siarhei / Sergei / Serhii, Uladzimir / Vladimir, Yahor / Yegor."""
    marked = looks_east_slavic(a) + looks_east_slavic(b)
    if not marked:
        return False
    # a three-sound key (Ilya / Illia) only when both are spelt the East Slavic way:
    # Yana / Anna share one too
    return any(len(k) >= (3 if marked == 2 else 4) for k in given_keys(a) & given_keys(b))


def gendered_pair(a: str, b: str) -> bool:
    """A man's and a woman's form of one given name: Aliaksandr / Aliaksandra,
    Yauhen / Yauhenia, Valery / Valeria, and the Romance -o / -a (Mario / Maria)."""
    if len(a) > 3 and len(b) > 3 and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"a", "o"}:
        return True
    return feminine_of(a, b) or feminine_of(b, a)


def feminine_of(female: str, male: str) -> bool:
    """`female` is the feminine form of the surname `male` in any spelling:
    Marozava / Morozov, Tsikhanouskaya / Tikhanovsky, Kalesnikava / Kolesnikov."""
    for f in east_slavic_keys(female):
        if not f.endswith("A") or len(f) < 4:
            continue
        for m in east_slavic_keys(male):
            if m.endswith("A"):
                continue
            if f[:-1] == m or (m.endswith("I") and f[:-1] == m[:-1]):
                return True
    return False
