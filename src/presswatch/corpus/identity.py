"""Stage `link`: one identity per real person or body across the corpus.

Input: article entities (what `entities` found inside each article) as plain
`Item`s, plus human judgements. Output: clusters of article entities, each one
corpus entity. Pure functions over plain data; `link` does the storing.

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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rigour.text import metaphone

from ..names import (
    CYRILLIC_RE,
    GENERATION_RE,
    SLAVIC_SURNAME_RE,
    fold,
    gender_pair,
    gendered_pair,
    generation,
    given_match,
    initials_match,
    is_generic_body,
    middle_names_agree,
    ministry_short,
    name_tokens,
    org_core,
    org_key,
    org_match,
    org_short,
    same_token,
    slavic_key,
    z_as_ts,
)
from ..places import country_code
from ..romanisation import east_slavic_keys

Key = tuple[str, str]  # (article_id, local_id)

FAMILY = {"PERSON": "P", "ORG": "O", "MEDIA": "O", "GPE": "G", "NORP": "N"}
PROFILE_ANCHORS = 50  # how many of a candidate's anchors say who it is (`profile`)
ROLE_STOPWORDS = {
    "the",
    "a",
    "an",
    "of",
    "for",
    "and",
    "in",
    "on",
    "at",
    "to",
    "former",
    "new",
    "acting",
    "deputy",
    "chief",
    "head",
}


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
    home: str | None = None  # the country the article is about (places.article_country), for generic bodies
    seen: int = 0  # the order its article was first stored in (articles.seen): whose evidence is older

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "O")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *(a for a in self.aliases if a != self.name))


def _split(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str, str | None]:
    """(given names, surname, generation)."""
    gen = generation(tokens)
    rest = tuple(t for t in tokens if not GENERATION_RE.match(t))
    if not rest:
        return (), "", gen
    return rest[:-1], rest[-1], gen


@lru_cache(maxsize=200_000)
def sound_key(token: str) -> str:
    """A coarse key under which spellings of one name meet: metaphone of the Slavic-folded token."""
    return metaphone(slavic_key(token)) or token


def is_single(item: Item) -> bool:
    """A one-word name ('Haurylau', 'Pivdenenergo', 'Minsk'): the model's type for
    such names is least reliable, so the linker decides what they are."""
    return all(len(name_tokens(n)) == 1 for n in item.names)


def link_keys(item: Item) -> set[str]:
    """Blocking keys: only items sharing a key are ever compared.

    Persons meet on the sound of their surname, other bodies on their normalised
    name, its sound and its acronym; one-word names carry both kinds of key."""
    single = is_single(item)
    keys: set[str] = set(person_keys(item.names)) if item.family == "P" or single else set()
    for name in item.names:
        if item.family != "P" or single:
            k = org_key(name)
            if not k:
                continue
            keys.add(f"O:{k}")
            core = org_core(name)[0]
            if core and core != k and " " in core:
                keys.add(f"O:{core}")  # meets the same body named without its country
            short = org_short(name)
            if short:
                keys.add(f"O:{short}")  # meets the name without its generic tail
            short = ministry_short(name)
            if short:
                keys.add(f"O:{short}")  # "Minfin" meets "Ministry of Finance"
            if " " not in k:
                keys.add(f"O~{sound_key(k)}")
            acro = "".join(w[0] for w in k.split() if w not in ("the", "of", "and", "for"))
            if len(acro) >= 2 and " " in k:
                keys.add(f"O:{acro}")
    return keys


@lru_cache(maxsize=100_000)
def person_keys(names: tuple[str, ...]) -> frozenset[str]:
    """The person blocking keys of a set of names: the sound of each surname."""
    keys = set()
    for name in names:
        _, surname, _ = _split(name_tokens(name))
        if len(surname) > 1:
            keys.add("P:" + sound_key(surname))
            if z_read_as_ts := z_as_ts(surname):  # Zygankow also meets Tsygankov
                keys.add("P:" + sound_key(z_read_as_ts))
            # names.same_token also joins spellings by their East Slavic key
            # (Tsikhanouski / Tikhanovsky): they must meet in one block
            keys.update("P=" + k for k in east_slavic_keys(surname) if len(k) >= 4)
    return frozenset(keys)


# ------------------------------------------------------------------ clustering


class _Sets:
    """Union-find over article entities that remembers, per cluster, its
    members, the distinct person name forms in it and what it must not join."""

    def __init__(self, keys: Iterable[Key]):
        self.parent = {k: k for k in keys}
        self.members: dict[Key, set[Key]] = {k: {k} for k in self.parent}
        self.blocked: dict[Key, set[Key]] = {k: set() for k in self.parent}  # cannot-link targets
        self.forms: dict[Key, set] = {k: set() for k in self.parent}  # person forms with a given name
        self.countries: dict[Key, set] = {k: set() for k in self.parent}  # countries qualifying an organisation

    def find(self, k: Key) -> Key:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def allowed(self, ra: Key, rb: Key) -> bool:
        small, big = (ra, rb) if len(self.blocked[ra]) <= len(self.blocked[rb]) else (rb, ra)
        return not any(x in self.members[big] for x in self.blocked[small])

    def consistent(self, ra: Key, rb: Key) -> bool:
        """Every person name form on one side agrees with every one on the other."""
        return all(forms_agree(x, y) for x in self.forms[ra] for y in self.forms[rb])

    def union(self, a: Key, b: Key) -> Key:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:  # the smallest key names the cluster: order-independent
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.blocked[ra] |= self.blocked.pop(rb)
        self.forms[ra] |= self.forms.pop(rb)
        self.countries[ra] |= self.countries.pop(rb)
        return ra

    def groups(self) -> list[list[Key]]:
        return sorted(sorted(m) for m in self.members.values())


# A person's name form: (given names, surname, generation), folded.
Form = tuple[tuple[str, ...], str, str, bool]  # given names, surname, generation, named in Cyrillic


def person_form(item: Item) -> Form:
    """The fullest form among the item's names (generation '' when none, so forms
    sort), and whether the item was named in Cyrillic, where surnames decline."""
    return _form_of_names(item.names)


@lru_cache(maxsize=100_000)  # a popular person's block holds thousands of items with the same few names
def _form_of_names(names: tuple[str, ...]) -> Form:
    cyrillic = any(CYRILLIC_RE.search(n) for n in names)
    # declined Cyrillic forms are longer than the nominative ("Александра Ковалёва")
    best = max(
        (name_tokens(n) for n in names),
        key=lambda t: (len(_split(t)[0]), -sum(map(len, t)) if cyrillic else sum(map(len, t)), t),
    )
    given, surname, gen = _split(best)
    return given, surname, gen or "", cyrillic


def is_full(form: Form) -> bool:
    return any(len(g) > 1 for g in form[0])


def forms_agree(a: Form, b: Form) -> bool:
    """The two can be one person: surnames and generations agree, given names do not conflict."""
    (ga, sa, gen_a, cyr_a), (gb, sb, gen_b, cyr_b) = a, b
    if not sa or not sb or not same_token(sa, sb):
        return False
    # Jr./Sr. must agree, except that a bare surname may be either
    if gen_a != gen_b and not ((not ga and not gen_a) or (not gb and not gen_b)):
        return False
    # Khrustalyova is not Khrustalyov, but in Cyrillic text she may be his genitive
    if gender_pair(sa, sb) and not (cyr_a or cyr_b):
        return False
    if not ga or not gb:
        return True
    if gendered_pair(ga[0], gb[0]) and not (cyr_a or cyr_b):  # Aliaksandr / Aliaksandra, unless declined
        return False
    return (given_match(ga[0], gb[0]) or initials_match(ga[0], gb[0])) and middle_names_agree(ga, gb)


def role_words(roles: Iterable[str]) -> set[str]:
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
    for a, b in different:
        if a in by_key and b in by_key:
            sets.blocked[a].add(b)
            sets.blocked[b].add(a)
    families: dict[str, list[Item]] = defaultdict(list)
    named_surnames = sorted(
        {(f, person_keys(it.names)) for it in items if it.family == "P" for f in [person_form(it)] if f[0] and f[1]}
    )
    for it in items:
        families[_family(it, named_surnames)].append(it)
    for fam, group in sorted(families.items()):
        if fam == "P":
            _cluster_persons(group, sets)
        else:
            _cluster_names(group, sets)
    for a, b in same:  # a human said so: no further checks
        if a in by_key and b in by_key:
            sets.union(a, b)
    return sets.groups()


def _family(item: Item, named_surnames: list[tuple[Form, frozenset[str]]]) -> str:
    """'P' (clustered as people) or 'O' (clustered by name). Places, groups and
    organisations are clustered together because the model's ORG/GPE/NORP labels
    for one body vary between articles."""
    if is_single(item):
        return "P" if single_is_person(item, named_surnames) else "O"
    return "P" if item.family == "P" else "O"


def single_is_person(item: Item, named_surnames: Iterable[tuple[Form, frozenset[str]]]) -> bool:
    """A one-word name of any type is a surname when a named person in the block has
    that surname (under one of its surname keys), and a plain name otherwise."""
    surname = name_tokens(item.name)[0] if name_tokens(item.name) else ""
    own = person_keys(item.names)
    fits = any(ks & own and same_token(surname, f[1]) and not gender_pair(surname, f[1]) for f, ks in named_surnames)
    return fits and (item.family == "P" or bool(SLAVIC_SURNAME_RE.search(surname)))


def _cluster_names(items: list[Item], sets: _Sets) -> None:
    """Organisations, places, groups: any two of their names match (acronyms, transliterations).

    Items with the same set of names are one node, so a block of thousands of
    mentions of one ministry costs a handful of comparisons."""
    nodes: dict[tuple, list[Item]] = defaultdict(list)
    for it in items:
        alone = it.key if _undecided(it) else None
        nodes[(tuple(sorted({org_key(n) for n in it.names})), tuple(sorted(_countries(it))), alone)].append(it)
    for it in items:
        sets.countries[it.key] |= _countries(it)
    reps: list[Item] = []
    for node_items in nodes.values():
        roots = _merge_all(sets, [it.key for it in node_items], lambda ra, rb: sets.allowed(ra, rb))
        reps.extend(it for it in node_items if it.key in roots)  # one item stands for each cluster
    reps.sort(key=lambda i: i.key)
    for i, a in enumerate(reps):
        for b in reps[i + 1 :]:
            ra, rb = sets.find(a.key), sets.find(b.key)
            if ra == rb or not sets.allowed(ra, rb):
                continue
            if len(sets.countries[ra] | sets.countries[rb]) > 1 or _undecided(a) or _undecided(b):
                continue  # Russia's Ministry of Energy is not Ukraine's
            if _kind(a) == _kind(b) or (is_single(a) and is_single(b)):
                same = any(org_match(x, y) or _same_core(x, y) for x in a.names for y in b.names)
            else:  # a person-typed name and an organisation: only the very same name
                same = bool({org_key(x) for x in a.names} & {org_key(y) for y in b.names})
            if same:
                sets.union(ra, rb)


def is_generic(item: Item) -> bool:
    return item.family != "P" and all(is_generic_body(n) for n in item.names)


def _countries(item: Item) -> set[str]:
    """The country an organisation belongs to: from its name, or, for a generic
    body named bare, the country its article is about (dateline, or the country it
    names most), else the one country the article's entities name."""
    named = {c for c in (org_core(n)[1] for n in item.names) if c}
    if named or item.family == "P":
        return named
    if not is_generic(item):
        return set()
    if item.home:
        return {item.home}
    in_article = {c for c in (_country_of_key(k) for k in item.context if k.startswith("O:")) if c is not None}
    return in_article if len(in_article) == 1 else set()


def _undecided(item: Item) -> bool:
    """A bare "Ministry of Finance" whose country the article does not settle: it
    joins no other article's ministry (three countries' ministries met this way)."""
    return is_generic(item) and not _countries(item)


@lru_cache(maxsize=100_000)
def _country_of_key(key: str) -> str | None:
    text = key[2:]
    return country_code(text) if (text and " " not in text) or text.endswith(("federation", "republic")) else None


def _same_core(a: str, b: str) -> bool:
    """'Belarusian Ministry of Industry' / 'Ministry of Industry': one body once the country is set aside."""
    (ca, na), (cb, nb) = org_core(a), org_core(b)
    return bool(ca) and ca == cb and " " in ca and (na is None or nb is None or na == nb)


def _kind(item: Item) -> str:
    return "PERSON" if item.type == "PERSON" else "OTHER"


def _cluster_persons(items: list[Item], sets: _Sets) -> None:
    by_key = {it.key: it for it in items}
    forms = {it.key: person_form(it) for it in items}
    for k, f in forms.items():
        if f[0]:
            sets.forms[k].add(f)
    by_form: dict[Form, list[Item]] = defaultdict(list)
    for it in items:
        by_form[forms[it.key]].append(it)

    def can_join(ra: Key, rb: Key) -> bool:
        return sets.allowed(ra, rb) and sets.consistent(ra, rb)

    def join(a: Key, b: Key) -> bool:
        ra, rb = sets.find(a), sets.find(b)
        if ra != rb and can_join(ra, rb):
            sets.union(ra, rb)
            return True
        return ra == rb

    def roots_of(form: Form) -> list[Key]:
        return sorted({sets.find(it.key) for it in by_form[form]})

    # 0. Identical full names are one person (unless a human said otherwise).
    for form, group in by_form.items():
        if is_full(form):
            _merge_all(sets, [it.key for it in group], can_join)

    # 1. Full names that agree: "Alyaksandr Kavaliou" / "Aleksandr Kovalev" / "Аляксандр Кавалёў".
    full = sorted(f for f in by_form if is_full(f))
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if forms_agree(a, b) and given_match(a[0][0], b[0][0]):
                for ra in roots_of(a):
                    for rb in roots_of(b):
                        join(ra, rb)

    # 2. Initials ("A. Kavaliou"), then 3. surnames alone: join the one person they fit.
    anchor_lists: dict = {}
    for partial_forms, anchors in (
        (sorted(f for f in by_form if f[0] and not is_full(f)), is_full),
        (sorted(f for f in by_form if not f[0]), lambda f: bool(f[0])),
    ):
        # the candidates: items of fuller forms that agree and share a surname key (a finer
        # block than the whole block: what a new item can meet without reading the block)
        fuller: dict[tuple[Form, frozenset], list[Key]] = defaultdict(list)
        for it in items:
            if anchors(forms[it.key]):
                fuller[(forms[it.key], person_keys(it.names))].append(it.key)
        for form in partial_forms:
            unplaced = []
            candidates: dict[frozenset, list[Key]] = {}  # the items' surname keys -> candidate roots
            for it in by_form[form]:
                own = person_keys(it.names)
                if own not in candidates:
                    candidates[own] = sorted(
                        {
                            sets.find(k)
                            for (f, ks), keys in fuller.items()
                            if ks & own and forms_agree(form, f)
                            for k in keys
                        }
                    )
                ok = [r for r in candidates[own] if sets.allowed(sets.find(it.key), sets.find(r))]
                ok = list({sets.find(r): r for r in reversed(ok)}.values())[::-1]  # one per cluster, first kept
                choice = _choose(it, ok, sets, by_key, anchor_lists) if ok else None
                if choice is not None:
                    join(it.key, choice)
                elif not ok:
                    unplaced.append(it)
            # Nothing fits: the same initials/surname across articles stay together.
            _merge_all(sets, [it.key for it in unplaced], can_join)


def _merge_all(sets: _Sets, keys: list[Key], can_join) -> set[Key]:
    """Merge items that should be one, each into the first cluster it may join
    (a human's 'different' can keep some apart). Returns the resulting roots."""
    roots: list[Key] = []
    for k in keys:
        for i, r in enumerate(roots):
            rr, rk = sets.find(r), sets.find(k)
            if rr == rk or can_join(rr, rk):
                roots[i] = sets.union(rr, rk)
                break
        else:
            roots.append(sets.find(k))
    return {sets.find(r) for r in roots}


def _choose(item: Item, roots: list[Key], sets: _Sets, by_key: dict[Key, Item], anchor_lists: dict) -> Key | None:
    """The one candidate person a partial name belongs to, or None when it is ambiguous:
    with namesakes, the article's other entities and the roles must point to one."""
    if len(roots) == 1:
        return roots[0]
    words = role_words(item.roles)
    scores = []
    for r in roots:
        context, roles = profile(item, anchors_of(sets.find(r), sets, by_key, anchor_lists))
        scores.append((len(item.context & context) + len(words & roles), r))
    scores.sort(reverse=True)
    if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
        return scores[0][1]
    return None


def anchors_of(root: Key, sets: _Sets, by_key: dict[Key, Item], cache: dict) -> list[Item]:
    """The members a candidate person is known by: those with a full name, or, for one
    known only by initials, those with initials; in key order."""
    if root not in cache:
        members = [by_key[k] for k in sorted(sets.members[root]) if k in by_key]
        forms = [(m, person_form(m)) for m in members]
        cache[root] = [m for m, f in forms if is_full(f)] or [m for m, f in forms if f[0]]
    return cache[root]


def profile(item: Item, anchors: Iterable[Item]) -> tuple[frozenset[str], set[str]]:
    """What a candidate's article entities say about it, as `item` may use it: the other
    entities and the roles of its first PROFILE_ANCHORS anchors (key order) from articles
    stored no later than the item's. A newer article never changes an older decision, and
    the evidence is bounded, so a new mention is placed without reading a popular
    person's every article (see `link`)."""
    chosen = []
    for m in anchors:
        if m.seen <= item.seen:
            chosen.append(m)
            if len(chosen) == PROFILE_ANCHORS:
                break
    return frozenset().union(*(m.context for m in chosen)), role_words(r for m in chosen for r in m.roles)


# ------------------------------------------------------------------ naming


SCRIPTS = (
    ("Cyrillic", re.compile(r"[\u0400-\u04FF]")),
    ("Greek", re.compile(r"[\u0370-\u03FF]")),
    ("Arabic", re.compile(r"[\u0600-\u06FF]")),
    ("Hebrew", re.compile(r"[\u0590-\u05FF]")),
    ("CJK", re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]")),
)


def name_key(name: str) -> str:
    """Folded lookup key of a whole name, stored in `entity_names.key`: 'Лукашэнка' -> 'lukashenka'."""
    return " ".join(fold(t) for t in re.split(r"[\s\-]+", name) if fold(t))


def script_of(name: str) -> str:
    for script, pattern in SCRIPTS:
        if pattern.search(name):
            return script
    return "Latin"


def canonical_name(names: Counter, etype: str) -> str:
    """The name a corpus entity goes by: the fullest Latin spelling, then the most used."""

    def score(nm: str):
        latin = script_of(nm) == "Latin"
        fullness = len(name_tokens(nm)) if etype == "PERSON" else 0
        shouting = etype == "PERSON" and any(w.isupper() and len(w) > 2 for w in nm.split())  # "KAVALIOU Alyaksandr"
        return (latin, not shouting, fullness, names[nm], -len(nm), nm)

    return max(names, key=score)


def entity_type(types: Counter) -> str:
    # MEDIA wins over ORG when any article saw it report: it is an outlet
    if "MEDIA" in types and set(types) <= {"ORG", "MEDIA"}:
        return "MEDIA"
    return max(types, key=lambda t: (types[t], t))
