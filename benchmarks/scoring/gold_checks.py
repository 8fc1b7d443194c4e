"""The checks of one analysed document against its gold annotation (see `benchmarks.scoring.gold`).

Input: the gold input's path, its gold dict (tests/gold/README.md), the system output as
the JSON contract of `Document.to_dict()` (a dict; `as_dict` turns a Document into one),
and a `Tally` of hits and totals per metric shared by the whole set. Output: the tally
updated, and a list of human-readable misses, in the order the checks run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .gold_inputs import body_lines, repair_glue
from .text import contains, dateline_stripped, dice, name_key, name_tokens, names_match, norm, short, tokens

META_FIELDS = ("title", "outlet", "authors", "translators", "published", "genre", "language")
ENTITY_TYPES = ("PERSON", "ORG")
DICE_MIN = 0.5  # a system quote matches a gold quote from this token Dice on
NOT_QUOTE_DICE = 0.8  # a system quote this close to a gold `not_quotes` term is that term
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their", "our", "my"}


class Tally:
    """Hits and totals per metric name, micro-averaged over every document scored."""

    def __init__(self):
        self.hit: Counter = Counter()
        self.total: Counter = Counter()

    def add(self, name: str, ok: bool, n: int = 1) -> None:
        self.total[name] += n
        if ok:
            self.hit[name] += n

    def rate(self, name: str) -> float:
        return self.hit[name] / self.total[name] if self.total[name] else 1.0


def as_dict(doc: Any) -> dict:
    """What `analyze` returned, as the JSON contract: a Document, a dict, or None (nothing)."""
    if doc is None:
        return {}
    if hasattr(doc, "to_dict"):
        return doc.to_dict()
    if isinstance(doc, dict):
        return doc
    raise TypeError(f"analyze returned {type(doc).__name__}, expected Document or dict")


def get(obj: Any, key: str, default=None):
    """A field of a dict or an attribute of an object, `default` when `obj` is None."""
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


# --------------------------------------------------------------------------- line checks


def in_text(candidates: Iterable[str | None], text: str) -> bool:
    return any(c and c in text for c in candidates)


def line_variants(line: str, glued: list[dict]) -> list[str]:
    """The forms a kept line may take in the text: as is, glue repaired, dateline stripped."""
    variants = [line, repair_glue(line, glued)]
    for v in list(variants):
        stripped = dateline_stripped(v)
        if stripped:
            variants.append(stripped)
    return [norm(v) for v in variants]


def kept_around_glue(line: str, glued: list[dict], text: str) -> bool:
    """A line with a glued word whose repair went wrong ("remarkshe" -> "remarks he") still
    counts as kept when everything around the glued word is in the text: the glued word
    itself is scored by glue_fixed, not by body_kept."""
    wrongs = [g["wrong"] for g in glued if g["wrong"] in line]
    if not wrongs:
        return False
    pattern = "|".join(re.escape(w) for w in wrongs)
    variants = [line] + ([s] if (s := dateline_stripped(line)) else [])
    for variant in variants:
        pieces = [norm(p) for p in re.split(pattern, variant)]
        if all(p in text for p in pieces if p):
            return True
    return False


def check_removed(gold: dict, out: dict, text: str, tally: Tally) -> list[str]:
    """Gold junk lines: gone from the text, recorded in `removed`, with the gold reason."""
    misses = []
    sys_removed = [(norm(get(r, "text")), get(r, "reason")) for r in out.get("removed", []) or []]
    for r in gold.get("removed", []):
        line = norm(r["text"])
        absent = line not in text
        recorded = [reason for rtext, reason in sys_removed if line and line in rtext]
        tally.add("removed_absent", absent)
        tally.add("removed_recall", absent and bool(recorded))
        if recorded:
            tally.add("removed_reason", r.get("reason") in recorded)
        if not absent:
            misses.append(f"junk kept in text [{r.get('reason')}]: {short(line)}")
        elif not recorded:
            misses.append(f"junk gone but not in removed [{r.get('reason')}]: {short(line)}")
        elif r.get("reason") not in recorded:
            misses.append(f"removed reason {recorded[0]!r}, gold {r.get('reason')!r}: {short(line)}")
    return misses


def check_kept(path: Path, gold: dict, text: str, tally: Tally) -> list[str]:
    """Body lines and gold `kept` lines still in the text; glued words repaired."""
    misses = []
    glued = gold.get("glued", [])
    for line in body_lines(path, gold):
        ok = in_text(line_variants(line, glued), text) or kept_around_glue(line, glued, text)
        tally.add("body_kept", ok)
        if not ok:
            misses.append(f"body dropped: {short(line)}")
    for line in gold.get("kept", []):
        ok = in_text(line_variants(norm(line), glued), text) or kept_around_glue(norm(line), glued, text)
        tally.add("kept_ok", ok)
        if not ok:
            misses.append(f"kept line dropped: {short(line)}")
    for g in glued:
        fixed = norm(g["right"]) in text and not re.search(rf"(?<!\w){re.escape(g['wrong'])}(?!\w)", text)
        tally.add("glue_fixed", fixed)
        if not fixed:
            misses.append(f"glue not repaired: {g['wrong']} -> {g['right']}")
    return misses


# --------------------------------------------------------------------------- metadata


def meta_equal(field: str, want: Any, got: Any) -> bool:
    """Whether a metadata field agrees with the gold after normalisation (names as sets, dates by day)."""
    if field in ("authors", "translators"):
        return {name_key(x) for x in (want or [])} == {name_key(x) for x in (got or []) if x}
    if field == "published":
        return (want or None) == ((got or "")[:10] or None)
    if field == "outlet":
        return (name_key(want) if want else None) == (name_key(got) if got else None)
    if want is None or got is None:
        return want is None and (got is None or got == "")
    return norm(str(want)).casefold() == norm(str(got)).casefold()


def check_metadata(gold: dict, out: dict, tally: Tally) -> list[str]:
    """Every metadata field the gold states, compared with `meta_equal`."""
    misses = []
    for field in META_FIELDS:
        if field not in gold:
            continue
        ok = meta_equal(field, gold[field], out.get(field))
        tally.add(f"meta_{field}", ok)
        if not ok:
            misses.append(f"{field}: want {gold[field]!r}, got {out.get(field)!r}")
    return misses


# --------------------------------------------------------------------------- quotes


def speaker_ok(gold_speaker: str | None, sys_speaker: Any, aliases: dict[str, list[str]]) -> bool:
    """The system speaker's name or mention (not a bare pronoun) matches the gold speaker or an alias."""
    if gold_speaker is None:
        return sys_speaker is None
    if sys_speaker is None:
        return False
    wanted = [gold_speaker, *aliases.get(name_key(gold_speaker), [])]
    for said in (get(sys_speaker, "name"), get(sys_speaker, "mention")):
        if not said or norm(said).casefold() in PRONOUNS:
            continue
        if any(names_match(said, w) for w in wanted):
            return True
    return False


def cue_ok(want: str | None, got: str | None) -> bool:
    if not want:
        return not got
    if not got:
        return False
    a, b = tokens(want), tokens(got)
    return a == b or contains(a, b) or contains(b, a)


def medium_ok(want: str | None, got: str | None) -> bool:
    if not want:
        return not got
    return names_match(want, got)


def match_quotes(gold_quotes: list[dict], sys_quotes: list[Any]) -> list[tuple[int, int, float]]:
    """(gold index, system index, Dice) pairs with Dice >= DICE_MIN: greedy by best Dice, one-to-one."""
    gtok = [tokens(q.get("content")) for q in gold_quotes]
    stok = [tokens(get(q, "content")) for q in sys_quotes]
    pairs = []
    for gi, g in enumerate(gtok):
        for si, s in enumerate(stok):
            d = dice(g, s)
            if d >= DICE_MIN:
                pairs.append((d, gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g, used_s, out = set(), set(), []
    for d, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si, d))
    return out


def check_quote_pair(g: dict, s: Any, aliases: dict[str, list[str]], tally: Tally) -> list[str]:
    """A matched gold/system quote pair: speaker, kind, cue and medium."""
    misses = []
    said = short(g.get("content"), 50)
    sp = get(s, "speaker")
    ok = speaker_ok(g.get("speaker"), sp, aliases)
    tally.add("speaker_accuracy", ok)
    if not ok:
        got = None if sp is None else f"{get(sp, 'name')!r} ({get(sp, 'mention')!r})"
        misses.append(f"speaker: want {g.get('speaker')!r}, got {got}: {said}")
    ok = g.get("kind") == get(s, "kind")
    tally.add("kind_accuracy", ok)
    if not ok:
        misses.append(f"kind: want {g.get('kind')}, got {get(s, 'kind')}: {said}")
    ok = cue_ok(g.get("cue"), get(s, "cue"))
    tally.add("cue_accuracy", ok)
    if not ok:
        misses.append(f"cue: want {g.get('cue')!r}, got {get(s, 'cue')!r}: {said}")
    ok = medium_ok(g.get("medium"), get(s, "medium"))
    tally.add("medium_accuracy", ok)
    if not ok:
        misses.append(f"medium: want {g.get('medium')!r}, got {get(s, 'medium')!r}: {said}")
    return misses


def check_not_quotes(gold: dict, sys_quotes: list[Any], tally: Tally) -> list[str]:
    """System quotes that are just a gold `not_quotes` term (a scare quote, a title): one violation each."""
    misses = []
    terms = [tokens(t) for t in gold.get("not_quotes", [])]
    for q in sys_quotes:
        qt = tokens(get(q, "content"))
        for term, tt in zip(gold.get("not_quotes", []), terms):
            if qt and (qt == tt or dice(qt, tt) >= NOT_QUOTE_DICE):
                tally.add("not_quote_violations", True)
                misses.append(f"not a quote, but came out as one: {term!r}")
                break
    return misses


def check_quotes(gold: dict, out: dict, tally: Tally) -> list[str]:
    """Quote precision and recall, the attributes of each matched pair, and the not-quotes."""
    misses = []
    aliases = {name_key(e["name"]): e.get("aliases", []) for e in gold.get("entities", [])}
    gold_quotes = gold.get("quotes", [])
    sys_quotes = list(out.get("quotes", []) or [])
    matches = match_quotes(gold_quotes, sys_quotes)
    tally.add("quote_recall", True, len(matches))
    tally.add("quote_recall", False, len(gold_quotes) - len(matches))
    tally.add("quote_precision", True, len(matches))
    tally.add("quote_precision", False, len(sys_quotes) - len(matches))
    matched_g = {gi for gi, _, _ in matches}
    matched_s = {si for _, si, _ in matches}
    for gi, q in enumerate(gold_quotes):
        if gi not in matched_g:
            misses.append(f"quote missed [{q.get('kind')}] {q.get('speaker')!r}: {short(q.get('content'))}")
    for si, q in enumerate(sys_quotes):
        if si not in matched_s:
            sp = get(get(q, "speaker"), "name")
            misses.append(f"spurious quote [{get(q, 'kind')}] {sp!r}: {short(get(q, 'content'))}")
    for gi, si, _ in matches:
        misses += check_quote_pair(gold_quotes[gi], sys_quotes[si], aliases, tally)
    return misses + check_not_quotes(gold, sys_quotes, tally)


# --------------------------------------------------------------------------- entities


def entity_names(ent: Any) -> list[str]:
    """An output entity's name and aliases."""
    return [n for n in [get(ent, "name"), *(get(ent, "aliases", []) or [])] if n]


def surface_forms(entity: dict, body_text: str) -> list[str]:
    """The gold entity's name and aliases that occur in the (casefolded) body, one per name key."""
    forms, seen = [], set()
    for form in [entity["name"], *entity.get("aliases", [])]:
        key = name_key(form)
        if key and key not in seen and norm(form).casefold() in body_text:
            seen.add(key)
            forms.append(form)
    return forms


def check_entities(path: Path, gold: dict, out: dict, tally: Tally) -> list[str]:
    """Gold PERSON/ORG entities found by name, and all their surface forms merged into one entity."""
    misses = []
    sys_ents = [entity_names(e) for e in out.get("entities", []) or []]
    body_text = norm(" ".join(body_lines(path, gold))).casefold()
    for e in gold.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            continue
        want = name_tokens(e["name"])
        found = any(any(contains(name_tokens(n), want) for n in names) for names in sys_ents)
        tally.add("entity_recall", found)
        if not found:
            misses.append(f"entity missing [{e.get('type')}]: {e['name']}")
        forms = surface_forms(e, body_text)
        if len(forms) < 2:
            continue
        holders = [
            {i for i, names in enumerate(sys_ents) if any(names_match(form, n) for n in names)} for form in forms
        ]
        ok = bool(set.intersection(*holders))
        tally.add("merge_ok", ok)
        if not ok:
            misses.append(f"entity split: {e['name']}: {' / '.join(forms)}")
    return misses


# --------------------------------------------------------------------------- one document


def score_file(path: Path, gold: dict, doc: Any, tally: Tally) -> list[str]:
    """Score one analysed document against its gold; update `tally`; return the misses."""
    out = as_dict(doc)
    misses = [f"error: {out['error']}"] if out.get("error") else []
    text = norm(out.get("text") or "")
    misses += check_removed(gold, out, text, tally)
    misses += check_kept(path, gold, text, tally)
    misses += check_metadata(gold, out, tally)
    misses += check_quotes(gold, out, tally)
    misses += check_entities(path, gold, out, tally)
    return misses
