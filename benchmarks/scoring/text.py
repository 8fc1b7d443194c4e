"""Text comparison for the gold scorer: normalisation, word tokens, Dice overlap, name matching.

Inputs are plain strings (None reads as empty); outputs are normalised strings, token
lists, a Dice ratio or a yes/no. Gold and system text are compared only after `norm`, so
whitespace and zero-width characters never count as a difference.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

DETERMINERS = {"the", "a", "an"}
# Titles a gold name and a system name may disagree on without naming someone else.
HONORIFICS = {
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dame",
    "lady",
    "lord",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
}
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# A wire dateline the cleaner may legitimately strip from the first paragraph:
# "KYIV, March 3 (Meridian) - ", "WASHINGTON — ", "ZHYTOMYR, Ukraine, July 15, 2025 /PRWire/ -- ".
_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐЎ][A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐЎ .'’-]{1,40}"
    r"(?:,[^–—]{0,60}?)?\s*(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:--|-|–|—)\s+"
)


def norm(text: str | None) -> str:
    """Whitespace-normalised text (NFC, zero-width characters dropped, runs of space -> one space)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    return _SPACE.sub(" ", text).strip()


def tokens(text: str | None) -> list[str]:
    """Casefolded word tokens (punctuation and quotation marks ignored)."""
    return _WORD.findall(norm(text).casefold())


def dice(a: Iterable[str], b: Iterable[str]) -> float:
    """Dice overlap of two token multisets."""
    ca, cb = Counter(a), Counter(b)
    total = sum(ca.values()) + sum(cb.values())
    if not total:
        return 0.0
    return 2 * sum((ca & cb).values()) / total


def name_tokens(text: str | None) -> list[str]:
    """Tokens of a name/description: possessive 's, leading determiners and honorifics dropped."""
    toks = _WORD.findall(norm(text).casefold().replace("’", "'").replace("'s ", " ").removesuffix("'s"))
    while toks and (toks[0] in DETERMINERS or toks[0] in HONORIFICS):
        toks = toks[1:]
    return toks


def name_key(text: str | None) -> str:
    """`name_tokens` joined: the form two names are compared (and gold aliases looked up) in."""
    return " ".join(name_tokens(text))


def contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether `needle` occurs as a run of consecutive tokens in `haystack` (an empty needle never does)."""
    if not needle or len(needle) > len(haystack):
        return False
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def names_match(a: str | None, b: str | None) -> bool:
    """Equal, or one contains the other word-wise (casefolded, determiners/honorifics dropped)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    return ta == tb or contains(ta, tb) or contains(tb, ta)


def dateline_stripped(line: str) -> str | None:
    """The line without its leading wire dateline; None when it has none."""
    m = _DATELINE.match(line)
    return line[m.end() :] if m else None


def short(text: str | None, n: int = 70) -> str:
    """Normalised text cut to `n` characters with an ellipsis, for miss messages."""
    text = norm(text)
    return text if len(text) <= n else text[: n - 1] + "…"
