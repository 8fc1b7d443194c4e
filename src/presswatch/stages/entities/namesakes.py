"""Which of several persons a short mention names: "Brennan" in an article with
Senator Tom Brennan and his son Mark Brennan Jr.

Input: the persons whose names fit the mention, the mention's name tokens,
title and offset. Output: the persons still in the running (one when decided)."""

from __future__ import annotations

from ...names import generation, name_tokens
from .cluster import Cluster


def narrow_namesakes(
    matches: list[Cluster], toks: tuple[str, ...], title: str | None, start: int, text: str
) -> list[Cluster]:
    """The namesakes a mention at `start` can name, narrowed one rule at a time
    while more than one is left."""
    if len(matches) > 1 and title:
        # "Senator Brennan": the namesake who holds that title
        titled = [c for c in matches if any(title.lower() in r.lower() for r in c.roles)]
        matches = titled or matches
    if len(matches) > 1 and len(toks) == 1:
        # with a father and son named, writers say "Brennan Jr." for the son:
        # a bare "Brennan" is the one without the suffix
        plain = [c for c in matches if not generation(c.tokens)]
        matches = plain if len(plain) == 1 else matches
    if len(matches) > 1:
        # a spelling written for one namesake only is that one's ("Yaroshevich"
        # for Yulia Yaroshevich beside the host Pavel Yarashevich)
        spelled = [c for c in matches if any(toks[-1] in name_tokens(m[3]) for m in c.mentions)]
        matches = spelled if len(spelled) == 1 else matches
    if len(matches) > 1:
        matches = _by_position(matches, start, text)
    return matches


def _by_position(matches: list[Cluster], start: int, text: str) -> list[Cluster]:
    """Between namesakes: the one named last in this paragraph; in a new
    paragraph, the one the article introduced first (a bare surname there is the
    article's main person, relatives get their given names). None when no
    namesake was named before `start`."""
    preceding = [(max((m[0] for m in c.mentions if m[0] < start), default=-1), i) for i, c in enumerate(matches)]
    best = max(preceding)
    paragraph = text.rfind("\n\n", 0, start)
    if best[0] < 0:
        return []
    if best[0] > paragraph:
        return [matches[best[1]]]
    first = min((min(m[0] for m in c.mentions), i) for i, c in enumerate(matches) if preceding[i][0] >= 0)
    return [matches[first[1]]]
