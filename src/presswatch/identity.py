"""Stage `link`: one identity per real person or body across the corpus.

Input: article entities (what `entities` found inside each article) as plain
`Item`s, plus human judgements. Output: clusters of article entities, each one
corpus entity. Pure functions over plain data; `corpus.py` does the storing.

Name comparison comes from `presswatch.names` (rigour's ICU transliteration,
metaphone, Levenshtein, and the Slavic romanisation folding). What is written
here is the *policy*, which no library has: when is there enough evidence that
two articles speak of one person?

- Full names merge when surname and given name agree ("Alyaksandr Kavaliou" /
  "Aleksandr Kovalev" / "Аляксандр Кавалёў"); a cluster never takes in a name
  that contradicts one already in it (so "A. Kavaliou" cannot chain Alyaksandr
  to Andrei), and Jr./Sr. must agree.
- Initials and surname-only mentions join a person only when exactly one
  candidate fits, or the article's other entities and the roles point to one.
- Types never mix: a person is never merged with an organisation or a place.
- Human judgements ('same', 'different', 'name') override the automatic links.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from rigour.names import remove_person_prefixes
from rigour.text import metaphone

from .names import GENERATION_RE, POSSESSIVE_RE, fold, initials_match, org_key, org_match, same_token, slavic_key

Key = tuple[str, str]  # (article_id, local_id)

FAMILY = {"PERSON": "P", "ORG": "O", "MEDIA": "O", "GPE": "G", "NORP": "N"}
ROLE_STOPWORDS = {"the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "former", "new", "acting", "deputy", "chief", "head"}


@dataclass(frozen=True)
class Item:
    """One article entity, as the linker sees it."""

    key: Key
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    context: frozenset[str] = frozenset()  # link keys of the other entities in the article
    mentions: int = 1

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "O")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name,) + tuple(a for a in self.aliases if a != self.name)


@lru_cache(maxsize=200_000)
def person_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens, given names first: 'KAVALIOU Alyaksandr' -> ('alyaksandr', 'kavaliou').

    A surname written in capitals before the given name (lists, official
    registers) is moved to the end; titles and possessives are dropped."""
    name = POSSESSIVE_RE.sub("", name.strip())
    name = remove_person_prefixes(name) or name
    raw = [t for t in re.split(r"[\s\-]+", name) if fold(t)]
    caps = [i for i, t in enumerate(raw) if t.isupper() and len(t) > 2 and not GENERATION_RE.match(t)]
    if len(raw) >= 2 and len(caps) == 1 and caps[0] != len(raw) - 1:
        raw.append(raw.pop(caps[0]))
    return tuple(fold(t) for t in raw)


def _split(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str, str | None]:
    """(given names, surname, generation)."""
    gen = next((t for t in tokens if GENERATION_RE.match(t)), None)
    rest = tuple(t for t in tokens if not GENERATION_RE.match(t))
    if not rest:
        return (), "", gen
    return rest[:-1], rest[-1], gen


@lru_cache(maxsize=200_000)
def sound_key(token: str) -> str:
    """A coarse key under which spellings of one name meet: metaphone of the Slavic-folded token."""
    return metaphone(slavic_key(token)) or token


def link_keys(item: Item) -> set[str]:
    """Blocking keys: only items sharing a key are ever compared."""
    keys: set[str] = set()
    for name in item.names:
        if item.family == "P":
            _, surname, _ = _split(person_tokens(name))
            if len(surname) > 1:
                keys.add("P:" + sound_key(surname))
        else:
            k = org_key(name)
            if not k:
                continue
            keys.add(f"{item.family}:{k}")
            if " " not in k:
                keys.add(f"{item.family}~{sound_key(k)}")
            acro = "".join(w[0] for w in k.split() if w not in ("the", "of", "and", "for"))
            if len(acro) >= 2 and " " in k:
                keys.add(f"{item.family}:{acro}")
    return keys


def context_key(name: str, etype: str) -> str:
    """How a co-mentioned entity is remembered as context: its family and surname/org key."""
    fam = FAMILY.get(etype, "O")
    if fam == "P":
        _, surname, _ = _split(person_tokens(name))
        return "P:" + sound_key(surname) if surname else ""
    return f"{fam}:{org_key(name)}"


# ------------------------------------------------------------------ clustering


class _Sets:
    """Union-find with cannot-link checks and a compatibility test per merge."""

    def __init__(self, keys: Iterable[Key]):
        self.parent = {k: k for k in keys}
        self.members = {k: [k] for k in self.parent}

    def find(self, k: Key) -> Key:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: Key, b: Key) -> Key:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        return ra

    def groups(self) -> list[list[Key]]:
        return sorted(sorted(m) for m in self.members.values())


@dataclass
class _Person:
    item: Item
    given: tuple[str, ...]
    surname: str
    generation: str | None
    full: bool  # has a given name that is not an initial


def _person(item: Item) -> _Person:
    best = max((person_tokens(n) for n in item.names), key=lambda t: (len(_split(t)[0]), sum(map(len, t))))
    given, surname, gen = _split(best)
    full = any(len(g) > 1 for g in given)
    return _Person(item, given, surname, gen, full)


def _persons_agree(a: _Person, b: _Person) -> bool:
    """The two can be one person: surnames agree, generations agree, given names do not conflict."""
    if a.generation != b.generation or not a.surname or not b.surname:
        return False
    if not same_token(a.surname, b.surname):
        return False
    if not a.given or not b.given:
        return True
    ga, gb = a.given[0], b.given[0]
    return same_token(ga, gb) or initials_match(ga, gb)


def _role_words(roles: Iterable[str]) -> set[str]:
    words = set()
    for role in roles:
        for w in re.findall(r"\w+", role.lower()):
            if w not in ROLE_STOPWORDS and len(w) > 2:
                words.add(w)
    return words


def cluster(
    items: list[Item],
    same: Iterable[tuple[Key, Key]] = (),
    different: Iterable[tuple[Key, Key]] = (),
) -> list[list[Key]]:
    """Group article entities into corpus entities. Deterministic: the result
    depends only on the set of items and judgements, never on their order."""
    items = sorted(items, key=lambda i: i.key)
    by_key = {i.key: i for i in items}
    sets = _Sets(by_key)
    cannot: dict[Key, set[Key]] = defaultdict(set)
    for a, b in different:
        if a in by_key and b in by_key:
            cannot[a].add(b)
            cannot[b].add(a)

    def allowed(ra: Key, rb: Key, extra=None) -> bool:
        ma, mb = sets.members[ra], set(sets.members[rb])
        if any(cannot[k] & mb for k in ma):
            return False
        return extra is None or extra(ma, mb)

    families: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        families[it.family].append(it)
    for fam, group in families.items():
        # Without 'different' judgements the result only depends on which
        # distinct names meet, so big blocks are clustered name by name
        # (same result as the pairwise passes, which are quadratic in items).
        fast = not any(i.key in cannot for i in group)
        if fam == "P":
            (_cluster_persons_by_name if fast else _cluster_persons)(group, sets, allowed)
        else:
            (_cluster_names_by_name if fast else _cluster_names)(group, sets, allowed)
    for a, b in same:  # a human said so: no further checks
        if a in by_key and b in by_key:
            sets.union(a, b)
    return sets.groups()


def _cluster_names(items: list[Item], sets: _Sets, allowed) -> None:
    """Organisations, places, groups: any two of their names match (acronyms, transliterations)."""
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            ra, rb = sets.find(a.key), sets.find(b.key)
            if ra == rb or a.type != b.type and not {a.type, b.type} <= {"ORG", "MEDIA"}:
                continue
            if any(org_match(x, y) for x in a.names for y in b.names) and allowed(ra, rb):
                sets.union(ra, rb)


def _cluster_names_by_name(items: list[Item], sets: _Sets, allowed) -> None:
    """`_cluster_names` for a block without cannot-links, one comparison per pair of distinct name sets.

    Without cannot-links the pairwise pass yields the connected components of
    the 'names match' graph, whatever the order; a match depends only on the
    type and the names, so items are grouped by (type, names) first."""
    classes: dict[tuple[str, frozenset[str]], list[Key]] = {}
    for it in items:
        classes.setdefault((it.type, frozenset(it.names)), []).append(it.key)
    order = list(classes)
    matched: dict[tuple[str, str], bool] = {}

    def match(na: frozenset[str], nb: frozenset[str]) -> bool:
        for x in na:
            for y in nb:
                pair = (x, y) if x <= y else (y, x)
                if pair not in matched:
                    matched[pair] = org_match(x, y)
                if matched[pair]:
                    return True
        return False

    joined: set[int] = set()
    for i, (ta, na) in enumerate(order):
        if len(classes[(ta, na)]) > 1 and match(na, na):
            joined.add(i)
        for j in range(i + 1, len(order)):
            tb, nb = order[j]
            if (ta == tb or {ta, tb} <= {"ORG", "MEDIA"}) and match(na, nb):
                joined |= {i, j}
                sets.union(sets.find(classes[order[i]][0]), sets.find(classes[order[j]][0]))
    for i in joined:
        keys = classes[order[i]]
        for k in keys[1:]:
            sets.union(sets.find(keys[0]), sets.find(k))


def _cluster_persons_by_name(items: list[Item], sets: _Sets, allowed) -> None:
    """`_cluster_persons` for a block without cannot-links, at the cost of its distinct names, not its pairs.

    Same passes, same order, same result: whether two persons agree depends
    only on (given names, surname, generation), so full names are compared
    once per pair of distinct names (identical full names always end up
    together; of the pairs between two distinct names only the first in the
    pairwise order can change anything, as a rejected merge stays rejected
    when clusters grow). Initials and surnames alone are still placed one by
    one in key order, with the candidate clusters of each name, the names in
    each cluster and the context of each cluster kept up to date."""
    people = {it.key: _person(it) for it in items}
    Sig = tuple
    sig_of = {k: (p.given, p.surname, p.generation) for k, p in people.items()}
    rep: dict[Sig, _Person] = {}
    class_keys: dict[Sig, list[Key]] = defaultdict(list)  # named persons by name, in key order
    named: dict[Key, set[Sig]] = {}  # cluster root -> names of its named members
    class_roots: dict[Sig, set[Key]] = defaultdict(set)  # name -> roots of the clusters holding it
    for k, p in people.items():
        if p.given:
            s = sig_of[k]
            rep.setdefault(s, p)
            class_keys[s].append(k)
            named[k] = {s}
            class_roots[s].add(sets.find(k))
    ctx_cache: dict[Key, tuple[frozenset, set[str]]] = {}

    def join(a: Key, b: Key) -> None:
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb:
            return
        root = sets.union(ra, rb)
        old = rb if root == ra else ra
        moved = named.pop(old, set())
        if moved:
            named.setdefault(root, set()).update(moved)
            for s in moved:
                class_roots[s].discard(old)
                class_roots[s].add(root)
        a_ctx, o_ctx = ctx_cache.pop(root, None), ctx_cache.pop(old, None)
        if a_ctx is not None and o_ctx is not None:
            ctx_cache[root] = (a_ctx[0] | o_ctx[0], a_ctx[1] | o_ctx[1])

    def agree_all(xs: Iterable[Sig], ys: Iterable[Sig]) -> bool:
        ys = list(ys)
        return all(_persons_agree(rep[x], rep[y]) for x in xs for y in ys)

    def consistent(ra: Key, rb: Key) -> bool:
        return agree_all(named.get(ra, ()), named.get(rb, ()))

    # 1. Full names: identical ones first, then pairs of distinct names in pairwise order.
    full_sigs = [s for s, ks in class_keys.items() if people[ks[0]].full]
    for s in full_sigs:
        for k in class_keys[s][1:]:
            join(class_keys[s][0], k)
    pairs = []
    for i, sa in enumerate(full_sigs):
        for sb in full_sigs[i + 1:]:
            a, b = rep[sa], rep[sb]
            if _persons_agree(a, b) and same_token(a.given[0], b.given[0]):
                ka, kb = class_keys[sa][0], class_keys[sb][0]
                pairs.append((min(ka, kb), max(ka, kb)))
    for ka, kb in sorted(pairs):
        ra, rb = sets.find(ka), sets.find(kb)
        if ra != rb and consistent(ra, rb):
            join(ra, rb)

    def context(root: Key) -> tuple[frozenset, set[str]]:
        if root not in ctx_cache:
            members = [people[k].item for k in sets.members[root]]
            ctx_cache[root] = (frozenset().union(*(m.context for m in members)),
                               _role_words(role for m in members for role in m.roles))
        return ctx_cache[root]

    # 2. Initials, then 3. surnames alone: join the one person they fit.
    initials = [p for p in people.values() if p.given and not p.full]
    bare = [p for p in people.values() if not p.given]
    for partial in (initials, bare):
        candidates = [s for s in class_keys if partial is bare or people[class_keys[s][0]].full]
        agreeing: dict[Sig, list[Sig]] = {}
        pending: dict[tuple, list[_Person]] = defaultdict(list)
        for p in partial:
            s = sig_of[p.item.key]
            if s not in agreeing:
                agreeing[s] = [c for c in candidates if _persons_agree(p, rep[c])]
            roots = sorted({r for c in agreeing[s] for r in class_roots[c]})
            own = sets.find(p.item.key)
            roots = [r for r in roots if consistent(own, r)]
            choice = None
            if len(roots) == 1:
                choice = roots[0]
            elif roots:
                words = _role_words(p.item.roles)
                scores = []
                for r in roots:
                    ctx, role_words = context(r)
                    scores.append((len(p.item.context & ctx) + len(words & role_words), r))
                scores.sort(reverse=True)
                if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
                    choice = scores[0][1]
            if choice is not None:
                join(p.item.key, choice)
            elif not roots:
                pending[(slavic_key(p.surname), p.given[:1], p.generation)].append(p)
        for group in pending.values():
            for p in group[1:]:
                ra, rb = sets.find(group[0].item.key), sets.find(p.item.key)
                if ra != rb and consistent(ra, rb):
                    join(ra, rb)


def _cluster_persons(items: list[Item], sets: _Sets, allowed) -> None:
    people = {it.key: _person(it) for it in items}

    def consistent(ma, mb) -> bool:
        # every named person on one side agrees with every one on the other
        pa = [people[k] for k in ma if people[k].given]
        pb = [people[k] for k in mb if people[k].given]
        return all(_persons_agree(x, y) for x in pa for y in pb)

    full = [p for p in people.values() if p.full]
    initials = [p for p in people.values() if p.given and not p.full]
    bare = [p for p in people.values() if not p.given]

    # 1. Full names that agree, strongest evidence first (identical spellings).
    pairs = []
    for i, a in enumerate(full):
        for b in full[i + 1:]:
            if _persons_agree(a, b) and same_token(a.given[0], b.given[0]):
                exact = (a.given, a.surname) == (b.given, b.surname)
                pairs.append((0 if exact else 1, a.item.key, b.item.key))
    for _, ka, kb in sorted(pairs):
        ra, rb = sets.find(ka), sets.find(kb)
        if ra != rb and allowed(ra, rb, consistent):
            sets.union(ra, rb)

    # 2. Initials, then 3. surnames alone: join the one person they fit.
    for partial in (initials, bare):
        pending: dict[tuple, list[_Person]] = defaultdict(list)
        for p in partial:
            roots = sorted({sets.find(q.item.key) for q in people.values() if q.given and (q.full or partial is bare)
                            and q is not p and _persons_agree(p, q)})
            roots = [r for r in roots if allowed(sets.find(p.item.key), r, consistent)]
            choice = _choose(p, roots, sets, people) if roots else None
            if choice is not None:
                sets.union(p.item.key, choice)
            elif not roots:
                pending[(slavic_key(p.surname), p.given[:1], p.generation)].append(p)
        # Nothing fits: the same initials/surname across articles stay together.
        for group in pending.values():
            for p in group[1:]:
                ra, rb = sets.find(group[0].item.key), sets.find(p.item.key)
                if ra != rb and allowed(ra, rb, consistent):
                    sets.union(ra, rb)


def _choose(p: _Person, roots: list[Key], sets: _Sets, people: dict[Key, _Person]) -> Key | None:
    """The one candidate person a partial name belongs to, or None when it is ambiguous."""
    if len(roots) == 1:
        return roots[0]
    words = _role_words(p.item.roles)
    scores = []
    for r in roots:
        members = [people[k].item for k in sets.members[r]]
        shared_context = len(p.item.context & frozenset().union(*(m.context for m in members)))
        shared_roles = len(words & _role_words(role for m in members for role in m.roles))
        scores.append((shared_context + shared_roles, r))
    scores.sort(reverse=True)
    if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
        return scores[0][1]
    return None


# ------------------------------------------------------------------ naming


SCRIPTS = (("Cyrillic", re.compile(r"[\u0400-\u04FF]")), ("Greek", re.compile(r"[\u0370-\u03FF]")),
           ("Arabic", re.compile(r"[\u0600-\u06FF]")), ("Hebrew", re.compile(r"[\u0590-\u05FF]")),
           ("CJK", re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]")))


def script_of(name: str) -> str:
    for script, pattern in SCRIPTS:
        if pattern.search(name):
            return script
    return "Latin"


def canonical_name(names: Counter, etype: str) -> str:
    """The name a corpus entity goes by: the fullest Latin spelling, then the most used."""
    def score(nm: str):
        latin = script_of(nm) == "Latin"
        fullness = len(person_tokens(nm)) if etype == "PERSON" else 0
        return (latin, fullness, names[nm], -len(nm), nm)
    return max(names, key=score)


def entity_type(types: Counter) -> str:
    # MEDIA wins over ORG when any article saw it report: it is an outlet
    if "MEDIA" in types and set(types) <= {"ORG", "MEDIA"}:
        return "MEDIA"
    return max(types, key=lambda t: (types[t], t))


@dataclass
class LinkedEntity:
    id: str
    name: str
    type: str
    members: list[Key] = field(default_factory=list)
