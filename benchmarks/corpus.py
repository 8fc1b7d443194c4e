"""Corpus scale: ingest rate, database size and query latency at 1k, 10k and 100k articles.

    python -m benchmarks.corpus [--sizes 1000,10000,100000] [--queries 50] [--seed 0] [--keep DIR]

It measures the store, not the NLP: synthetic, already-analysed `Document`s go
straight into `Corpus.add_documents` (store, link keys, search index,
near-duplicate and story groups, then cross-article linking: the ingest path
minus spaCy).

The synthetic articles have the shapes the pipeline produces: 250-600 words of
text drawn from English word frequencies, 8-20 entities drawn with a Zipf-like
popularity from a population of persons (a third of them Slavic names with a
Cyrillic and two Latin spellings), organisations (some known by acronym) and
places, mentions whose offsets point at the names in the text (first the full
name, then the surname), 3-10 quotes with linked speakers (some quotes mention
other entities), outlets, dates over two years, and ~10% syndicated copies of
a recent article (same body, another outlet's header and footer line). Article
`i` depends only on (seed, i), so a corpus of 10k is the first 10k of 100k.

Sizes are built incrementally in one database: the 10k row's ingest rate is for
adding articles 1,001-10,000 to the 1k corpus, in batches of `--batch` (each
`add_documents` call links at its end, as one `presswatch ingest` run does).

Queries, each timed over `--queries` random picks (half popular entities drawn
by the same Zipf weights, half uniform over entities seen so far):
  dossier      Corpus.dossier(name), name in a random spelling (Latin, alternative Latin, Cyrillic)
  quotes by    Corpus.quotes(speaker=name, limit=100): what `presswatch quotes --speaker` shows
  quotes about Corpus.quotes(about=name, limit=100)
  search       Corpus.search(q), q a random name in any spelling or a random word
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rigour.text import ascii_text

from presswatch.cli_corpus import QUOTES_SHOWN
from presswatch.corpus import AmbiguousName, Corpus, CorpusError
from presswatch.document import Document, Entity, Mention, Quote, Speaker, content_id

TARGET_MS = 200  # p95 of dossier and search at 100k articles
START = date(2024, 11, 1)
DAYS = 730

# ------------------------------------------------------------------ name material

SLAVIC_GIVEN = ["Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Николай", "Виктор", "Игорь", "Владимир", "Павел", "Юрий", "Олег", "Михаил", "Иван", "Евгений", "Василий", "Григорий", "Роман", "Вадим", "Леонид", "Ольга", "Елена", "Наталья", "Татьяна", "Юлия", "Ирина", "Анна", "Мария", "Светлана", "Людмила", "Вероника", "Галина", "Оксана", "Анастасия", "Валентина", "Екатерина", "Марина", "Ксения"]
SLAVIC_ROOTS = ["Лук", "Ков", "Хрен", "Ткач", "Бор", "Гор", "Мель", "Шевч", "Пав", "Сид", "Кузн", "Мороз", "Бонд", "Лис", "Кравц", "Руд", "Ясн", "Бел", "Чер", "Мак", "Зай", "Сок", "Гриш", "Кир", "Поп", "Жук", "Ус", "Гаврил", "Дуб", "Ром", "Лаз", "Тар", "Фед", "Степ", "Сав", "Шуб", "Гонч", "Крав", "Мирон", "Прох", "Кол", "Воробь", "Голуб", "Сем", "Хом", "Баран", "Климч", "Стрел", "Кост", "Тимош", "Юрч", "Лит", "Вас", "Дем", "Арт", "Гуц", "Ковал", "Марч", "Осип", "Пил", "Рыб", "Сол"]
SLAVIC_MIDDLE = ["", "", "а", "о", "ен", "ун", "ар", "ич", "ан", "ин"]
SLAVIC_SUFFIX = ["енко", "ов", "ев", "ин", "ский", "чук", "ович", "ак", "юк", "ук", "ицкий", "ашенко"]
LATIN_GIVEN = ["James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas", "Charles", "Daniel", "Matthew", "Mark", "Paul", "Steven", "Andrew", "Kevin", "Brian", "George", "Edward", "Peter", "Henry", "Samuel", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Emily", "Laura", "Helen", "Anna", "Claire", "Sophie", "Marta", "Julia", "Hannah", "Olivia", "Lucas", "Jonas", "Felix", "Martin", "Pierre", "Jean", "Luis", "Carlos", "Ahmed", "Omar", "Yusuf", "Hiroshi", "Kenji", "Wei", "Chen", "Priya", "Ravi"]
LATIN_START = ["Ash", "Bar", "Ber", "Black", "Bram", "Brook", "Carl", "Clark", "Dal", "Dun", "Ed", "Fair", "Fen", "Gar", "Good", "Gran", "Hal", "Har", "Hart", "Hol", "Kel", "Ken", "Lang", "Mar", "Mor", "Nor", "Old", "Pem", "Ram", "Red", "Ros", "Sal", "Stan", "Ther", "Tal", "Wal", "West", "Whit", "Win", "Wood", "Yar"]
LATIN_MIDDLE = ["", "", "", "e", "ing", "er", "ham", "ley", "ow", "ling"]
LATIN_END = ["son", "ton", "man", "field", "ford", "worth", "wick", "by", "croft", "well", "more", "ridge", "stead", "ell", "ers"]
ORG_ADJ = ["National", "Central", "Federal", "Eastern", "Western", "Northern", "Southern", "United", "Independent", "Democratic", "Republican", "Civic", "Free", "Baltic", "Atlantic", "Royal", "State", "Regional", "Global", "International"]
ORG_TOPIC = ["Grain", "Energy", "Labour", "Farmers", "Railway", "Water", "Steel", "Health", "Trade", "Transport", "Media", "Education", "Banking", "Mining", "Housing", "Aviation", "Shipping", "Textile", "Fisheries", "Insurance"]
ORG_KIND = ["Council", "Union", "Ministry", "Agency", "Committee", "Bank", "Party", "Commission", "Authority", "Association", "Federation", "Institute", "Service", "Court", "Foundation"]
PLACE_START = ["Bre", "Kra", "Nov", "Sta", "Vel", "Mir", "Dol", "Gor", "Zel", "Pol", "Ost", "Lip", "Ber", "Kal", "Ros", "Tur", "Vy", "Zab", "Mal", "Sos", "Hra", "Che", "Osh"]
PLACE_END = ["ovo", "ets", "insk", "grad", "ava", "itsa", "ino", "any", "ovka", "ice", "burg", "holm", "dorf", "lava", "ovets", "ichi"]
OUTLETS = ["Daily Courier", "Evening Herald", "Baltic Wire", "North Star News", "The Observer Review", "Capital Times", "Metro Post", "River Valley Gazette", "Continental Press Agency", "Eastern Dispatch", "Harbour Chronicle", "Plains Ledger", "Civic Monitor", "Lakeside Tribune", "Morning Record", "Union Bulletin", "Frontier Journal", "Coastal Echo", "Central Telegraph", "Highland Standard", "Market Watch Daily", "Open Register", "Border Sentinel", "Independent Voice", "Westside Examiner", "Southern Star", "Valley Times", "Old Town Crier", "Public Letter", "Night Edition"]
ROLES = [
    "minister of finance",
    "president",
    "prime minister",
    "spokesperson",
    "mayor",
    "chairman",
    "opposition leader",
    "chief executive",
    "ambassador",
    "governor",
    "head of the agency",
    "professor",
    "deputy minister",
    "senator",
]
UNLINKED_SPEAKERS = [
    "a spokesperson",
    "officials",
    "a senior official",
    "residents",
    "analysts",
    "a source close to the talks",
]
CUES = ["said", "told reporters", "added", "warned", "wrote", "said in a statement", "insisted"]


def _latin_variant(latin: str, rng: random.Random) -> str:
    """A second romanisation of the same Slavic name, as other outlets write it."""
    swaps = [
        ("ov", "ou"),
        ("enko", "enka"),
        ("ksandr", "lyaksandr"),
        ("Sergei", "Siarhei"),
        ("ii", "iy"),
        ("Yu", "Iu"),
        ("kh", "h"),
        ("ei", "ey"),
        ("Iulia", "Yulia"),
        ("Ye", "E"),
        ("iy", "y"),
        ("ts", "c"),
        ("ya", "ia"),
    ]
    out = latin
    for a, b in rng.sample(swaps, len(swaps)):
        if a in out:
            out = out.replace(a, b, 1)
            if out != latin and rng.random() < 0.6:
                break
    return out if out != latin else latin + ("a" if not latin.endswith("a") else "")


@dataclass
class Person:
    given: str
    surname: str
    cyrillic: str | None  # full name in Cyrillic
    alt: str | None  # alternative Latin spelling of the full name
    role: str | None

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def spellings(self) -> list[str]:
        return [s for s in (self.name, self.alt, self.cyrillic) if s]


@dataclass
class Other:
    name: str
    type: str  # ORG or GPE
    acronym: str | None = None

    def spellings(self) -> list[str]:
        return [self.name] + ([self.acronym] if self.acronym else [])


class Population:
    """Everybody the synthetic news can be about, with Zipf-like popularity."""

    def __init__(self, seed: int, persons: int = 20_000, orgs: int = 4_000, places: int = 1_000, zipf: float = 1.0):
        rng = random.Random(f"population:{seed}")
        self.persons: list[Person] = []
        seen: set[str] = set()
        while len(self.persons) < persons:
            if rng.random() < 1 / 3:
                given = rng.choice(SLAVIC_GIVEN)
                sur = rng.choice(SLAVIC_ROOTS) + rng.choice(SLAVIC_MIDDLE) + rng.choice(SLAVIC_SUFFIX)
                if given[-1] == "а" and sur.endswith(("ов", "ев", "ин")):
                    sur += "а"
                cyr = f"{given} {sur}"
                latin = ascii_text(cyr)
                if latin in seen:
                    continue
                g, s = latin.split(" ", 1)
                person = Person(g, s, cyr, _latin_variant(latin, rng), None)
            else:
                g = rng.choice(LATIN_GIVEN)
                s = rng.choice(LATIN_START) + rng.choice(LATIN_MIDDLE) + rng.choice(LATIN_END)
                if f"{g} {s}" in seen:
                    continue
                person = Person(g, s, None, None, None)
            person.role = rng.choice(ROLES) if rng.random() < 0.4 else None
            seen.add(person.name)
            self.persons.append(person)
        self.orgs: list[Other] = []
        while len(self.orgs) < orgs:
            words = [rng.choice(ORG_ADJ), rng.choice(ORG_TOPIC), rng.choice(ORG_KIND)]
            if rng.random() < 0.3:
                words.insert(0, rng.choice(PLACE_START) + rng.choice(PLACE_END))
            name = " ".join(words)
            if name in seen:
                continue
            seen.add(name)
            acro = "".join(w[0] for w in words) if rng.random() < 0.3 else None
            self.orgs.append(Other(name, "ORG", acro))
        self.places: list[Other] = []
        while len(self.places) < places:
            name = rng.choice(PLACE_START) + rng.choice(["", "a", "o", "e", "ar", "in"]) + rng.choice(PLACE_END)
            if name not in seen:
                seen.add(name)
                self.places.append(Other(name, "GPE"))
        # popularity: rank r is drawn with weight 1 / r^zipf, ranks shuffled so names and popularity are unrelated
        self.cum = {}
        for kind, pool in (("person", self.persons), ("org", self.orgs), ("place", self.places)):
            rng.shuffle(pool)
            self.cum[kind] = list(itertools.accumulate(1 / (r + 1) ** zipf for r in range(len(pool))))

    def draw(self, kind: str, rng: random.Random):
        pool = {"person": self.persons, "org": self.orgs, "place": self.places}[kind]
        cum = self.cum[kind]
        return pool[min(bisect.bisect(cum, rng.random() * cum[-1]), len(pool) - 1)]


class Vocabulary:
    """English words with their real frequencies (wordfreq), for text that has realistic rare-word overlap."""

    def __init__(self, size: int = 20_000):
        import wordfreq

        words = [
            w for w in wordfreq.top_n_list("en", size * 2) if w.isalpha() and w.isascii() and (len(w) > 1 or w == "a")
        ][:size]
        self.words = words
        self.cum = list(itertools.accumulate(wordfreq.word_frequency(w, "en") for w in words))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)


# ------------------------------------------------------------------ articles


class Generator:
    """Article `i` of the synthetic corpus, deterministically from (seed, i)."""

    def __init__(self, seed: int = 0, population: Population | None = None, vocabulary: Vocabulary | None = None):
        self.seed = seed
        self.population = population or Population(seed)
        self.vocabulary = vocabulary or Vocabulary()

    def documents(self, start: int, stop: int):
        for i in range(start, stop):
            yield self.document(i)

    def document(self, i: int) -> Document:
        rng = random.Random(f"article:{self.seed}:{i}")
        if i > 0 and rng.random() < 0.10:  # a syndicated copy of a recent article
            original = self.document(rng.randrange(max(0, i - 300), i))
            outlet = rng.choice([o for o in OUTLETS if o != original.outlet])
            published = date.fromisoformat(original.published) + timedelta(days=rng.choice([0, 0, 1]))
            return self._assemble(i, rng, outlet, published.isoformat(), original.title, self._body_of(original))
        return self._article(i, rng)

    @staticmethod
    def _body_of(doc: Document):
        return doc.provenance["_body"]  # (body text, entities, quotes) relative to the body start

    def _article(self, i: int, rng: random.Random) -> Document:
        pop = self.population
        outlet = (
            OUTLETS[min(int(rng.paretovariate(1.2)) - 1, len(OUTLETS) - 1)]
            if rng.random() < 0.5
            else rng.choice(OUTLETS)
        )
        published = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        # the cast: 8-20 distinct entities, persons first
        cast: list = []
        want = rng.randint(8, 20)
        tries = 0
        while len(cast) < want and tries < want * 4:
            tries += 1
            kind = rng.choices(("person", "org", "place"), (0.5, 0.3, 0.2))[0]
            ent = pop.draw(kind, rng)
            if all(ent is not c for c in cast):
                cast.append(ent)
        # how this article writes each of them
        written = []
        for ent in cast:
            if isinstance(ent, Person):
                spelling = rng.choices(ent.spellings(), (0.65, 0.25, 0.10)[: len(ent.spellings())])[0]
                given, _, surname = spelling.partition(" ")
                style = rng.random()
                if style < 0.05:  # only ever the surname
                    full, short = surname, surname
                elif style < 0.08:  # an initial
                    full, short = f"{given[0]}. {surname}", surname
                else:
                    full, short = spelling, surname
                role = ent.role if ent.role and rng.random() < 0.6 else None
                written.append({"ent": ent, "type": "PERSON", "full": full, "short": short, "role": role})
            else:
                short = ent.acronym if ent.acronym and rng.random() < 0.7 else ent.name
                written.append({"ent": ent, "type": ent.type, "full": ent.name, "short": short, "role": None})
        persons = [w for w in written if w["type"] == "PERSON"]
        # sentences: plain ones carry the mentions, quote ones a speaker and maybe a mention
        target_words = rng.randint(250, 600)
        n_quotes = rng.randint(3, 10)
        plain_words = max(60, target_words - n_quotes * 20)
        n_plain = max(3, round(plain_words / 17))
        slots: list[list] = [[] for _ in range(n_plain)]
        for w in written:
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                slots[rng.randrange(n_plain)].append(w)
        quote_at = set(rng.sample(range(n_plain + n_quotes), n_quotes))
        sentences: list[list] = []  # each: list of parts, str or ("m", written), or one ("q", ...)
        plain = iter(slots)
        for k in range(n_plain + n_quotes):
            if k in quote_at:
                content = self.vocabulary.sample(rng, rng.randint(8, 24))
                content[0] = content[0].capitalize()
                parts: list = [" ".join(content)]
                if rng.random() < 0.35 and written:
                    about = rng.choice(written)
                    cut = rng.randint(1, len(content) - 1)
                    parts = [" ".join(content[:cut]) + " ", ("m", about), " " + " ".join(content[cut:])]
                r = rng.random()
                if r < 0.8 and persons:
                    speaker = rng.choice(persons)
                elif r < 0.9:
                    speaker = rng.choice(written)
                else:
                    speaker = rng.choice(UNLINKED_SPEAKERS)
                kind = "direct" if rng.random() < 0.7 else "indirect"
                sentences.append([("q", kind, parts, speaker, rng.choice(CUES))])
                continue
            here = next(plain)
            words = self.vocabulary.sample(rng, max(len(here) + 2, rng.randint(8, 26)))
            words[0] = words[0].capitalize()
            cuts = sorted(rng.sample(range(1, len(words)), len(here)))
            parts = []
            prev = 0
            for cut, w in zip(cuts, here):
                parts += [" ".join(words[prev:cut]) + " ", ("m", w), " "]
                prev = cut
            parts.append(" ".join(words[prev:]))
            sentences.append(parts)
        # render, recording offsets
        out: list[str] = []
        pos = 0
        mentions: dict[int, list[Mention]] = {id(w): [] for w in written}
        quotes: list[Quote] = []

        def put(s: str) -> tuple[int, int]:
            nonlocal pos
            out.append(s)
            pos += len(s)
            return pos - len(s), pos

        def put_mention(w: dict, role_ok: bool = True) -> tuple[int, int, str]:
            first = not mentions[id(w)]
            if first and w["role"] and role_ok:
                put(w["role"][0].upper() + w["role"][1:] + " ")
            surface = w["full"] if first else w["short"]
            s, e = put(surface)
            mentions[id(w)].append(Mention(s, e, surface))
            return s, e, surface

        def put_parts(parts: list) -> None:
            for p in parts:
                if isinstance(p, str):
                    put(p)
                else:
                    put_mention(p[1], role_ok=False)

        for n, parts in enumerate(sentences):
            if n and n % 4 == 0:
                put("\n\n")
            elif n:
                put(" ")
            if parts and isinstance(parts[0], tuple) and parts[0][0] == "q":
                _, kind, content_parts, speaker, cue = parts[0]
                if kind == "direct":
                    put("“")
                    cs = pos
                    put_parts(content_parts)
                    ce = pos
                    put(",” ")
                    sp = self._speaker(speaker, put, put_mention)
                    put(f" {cue}.")
                else:
                    sp = self._speaker(speaker, put, put_mention, capital=True)
                    put(" said that ")
                    cs = pos
                    put_parts(content_parts)
                    ce = pos
                    put(".")
                text_so_far = "".join(out)
                quotes.append(
                    Quote(
                        kind=kind,
                        content=text_so_far[cs:ce],
                        start=cs,
                        end=ce,
                        speaker=sp,
                        cue=cue if kind == "direct" else "said",
                        medium=None,
                    )
                )
            else:
                put_parts(parts)
                put(".")
        body = "".join(out)
        entities = []
        for w in written:
            ms = mentions[id(w)]
            if not ms:
                continue
            names = [m.text for m in ms]
            aliases = []
            for nm in names:
                if nm != w["full"] and nm not in aliases:
                    aliases.append(nm)
            entities.append((w, ms, aliases))
        entities.sort(key=lambda x: x[1][0].start)
        local = {id(w): f"e{n}" for n, (w, _, _) in enumerate(entities, 1)}
        ents = [
            Entity(
                id=local[id(w)],
                name=w["full"],
                type=w["type"],
                aliases=aliases,
                roles=[w["role"]] if w["role"] else [],
                mentions=ms,
            )
            for w, ms, aliases in entities
        ]
        for q in quotes:
            if q.speaker is not None and q.speaker.entity is not None:
                q.speaker.entity = local[q.speaker.entity]
        title_words = self.vocabulary.sample(rng, rng.randint(5, 9))
        title = " ".join(title_words).capitalize() + ": " + (written[0]["full"] if written else "news")
        return self._assemble(i, rng, outlet, published, title, (body, ents, quotes))

    @staticmethod
    def _speaker(speaker, put, put_mention, capital: bool = False) -> Speaker:
        if isinstance(speaker, str):
            written = speaker[0].upper() + speaker[1:] if capital else speaker
            s, e = put(written)
            return Speaker(name=written, mention=written, entity=None, start=s, end=e)
        s, e, surface = put_mention(speaker)
        sp = Speaker(name=speaker["full"], mention=surface, entity=None, start=s, end=e)
        sp.entity = id(speaker)  # replaced by the local id once entities are numbered
        return sp

    def _assemble(self, i: int, rng: random.Random, outlet: str, published: str, title: str, body) -> Document:
        """Header line + body + footer line, offsets shifted past the header."""
        text, ents, quotes = body
        place = rng.choice(self.population.places).name.upper()
        header = (
            rng.choice(
                [
                    f"{place}, {published} ({outlet}) –",
                    f"By {rng.choice(LATIN_GIVEN)} {rng.choice(LATIN_START)}{rng.choice(LATIN_END)}, {outlet}",
                    f"{outlet} | {published}",
                ]
            )
            + "\n\n"
        )
        footer = "\n\n" + rng.choice(
            [
                f"(Reporting by {rng.choice(LATIN_GIVEN)} {rng.choice(LATIN_START)}{rng.choice(LATIN_END)};"
                f" editing by {rng.choice(LATIN_GIVEN)} for {outlet})",
                f"© {outlet} {published[:4]}",
                f"Follow {outlet} for more.",
            ]
        )
        d = len(header)
        shifted_ents = [
            Entity(
                id=e.id,
                name=e.name,
                type=e.type,
                aliases=list(e.aliases),
                roles=list(e.roles),
                mentions=[Mention(m.start + d, m.end + d, m.text) for m in e.mentions],
            )
            for e in ents
        ]
        shifted_quotes = [
            Quote(
                kind=q.kind,
                content=q.content,
                start=q.start + d,
                end=q.end + d,
                cue=q.cue,
                medium=q.medium,
                speaker=None
                if q.speaker is None
                else Speaker(
                    q.speaker.name, q.speaker.mention, q.speaker.entity, q.speaker.start + d, q.speaker.end + d
                ),
            )
            for q in quotes
        ]
        full = header + text + footer
        slug = outlet.lower().replace(" ", "-")
        source = f"bench/{slug}/{i:06d}.txt"
        doc = Document(
            id=content_id(f"{title}\n\n{full}"),
            source=source,
            title=title,
            outlet=outlet,
            authors=[],
            published=published,
            language="en",
            text=full,
            entities=shifted_ents,
            quotes=shifted_quotes,
        )
        doc.provenance["_body"] = body  # lets a syndicated copy reuse the body without re-deriving it
        return doc


# ------------------------------------------------------------------ measuring


def rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def db_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def pick_names(corpus: Corpus, gen: Generator, rng: random.Random, n: int) -> list[str]:
    """Entity names to ask about: half by popularity, half uniform over entities in the corpus; any spelling."""
    pop = gen.population
    rows = corpus.conn.execute("SELECT id, name FROM entities").fetchall()
    names = []
    for k in range(n):
        if k % 2 == 0:
            ent = pop.draw(rng.choices(("person", "org", "place"), (0.6, 0.25, 0.15))[0], rng)
            names.append(rng.choice(ent.spellings()))
        else:
            names.append(rng.choice(rows)["name"])
    return names


def timed(fn, arg) -> tuple[float, str]:
    """Milliseconds for fn(arg); an ambiguous name is answered for its first candidate, as a user would."""
    t0 = time.perf_counter()
    status = "ok"
    try:
        fn(arg)
    except AmbiguousName as exc:
        fn(exc.candidates[0]["id"])
        status = "ambiguous"
    except CorpusError:
        status = "unknown"
    return (time.perf_counter() - t0) * 1000, status


def measure(corpus: Corpus, gen: Generator, n: int, seed: int) -> dict:
    rng = random.Random(f"queries:{seed}:{n}")
    names = pick_names(corpus, gen, rng, n)
    search_terms = []
    for k in range(n):
        if k % 2 == 0:
            nm = names[k]
            person = next((p for p in gen.population.persons if nm in p.spellings() and p.cyrillic), None)
            search_terms.append(person.cyrillic if person and k % 4 == 0 else nm)
        else:
            search_terms.append(rng.choice(gen.vocabulary.words[200:]))
    queries = {
        "dossier": (corpus.dossier, names),
        "quotes by": (lambda nm: corpus.quotes(speaker=nm, limit=QUOTES_SHOWN), names),
        "quotes about": (lambda nm: corpus.quotes(about=nm, limit=QUOTES_SHOWN), names),
        "search": (corpus.search, search_terms),
    }
    result = {}
    for label, (fn, args) in queries.items():
        for a in args[:3]:  # warm the page cache and the name caches
            timed(fn, a)
        times, statuses = [], []
        for a in args:
            ms, status = timed(fn, a)
            times.append(ms)
            statuses.append(status)
        result[label] = {
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "max": max(times),
            "ambiguous": statuses.count("ambiguous"),
            "unknown": statuses.count("unknown"),
        }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        help="articles per add_documents call (one link pass each); 0: one call per size step",
    )
    ap.add_argument("--keep", type=Path, help="keep the database in this directory")
    ap.add_argument(
        "--reuse", action="store_true", help="continue the database kept in --keep (its articles are the first ones)"
    )
    ap.add_argument(
        "--increment",
        type=int,
        default=100,
        help="finally add this many articles to the largest corpus in one add_documents call (a daily ingest run)",
    )
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    workdir = Path(tempfile.mkdtemp(prefix="presswatch-corpusbench-", dir="/tmp")) if args.keep is None else args.keep
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "corpus-bench.db"
    if db.exists() and not args.reuse:
        sys.exit(f"{db} exists; choose an empty --keep directory, or --reuse it")
    t0 = time.perf_counter()
    gen = Generator(args.seed)
    print(
        f"population: {len(gen.population.persons)} persons, {len(gen.population.orgs)} organisations, "
        f"{len(gen.population.places)} places ({time.perf_counter() - t0:.1f}s)",
        file=sys.stderr,
    )
    rows = []
    have = 0
    increment = None
    try:
        with Corpus(db) as corpus:
            have = corpus.stats()["sources"]
            for size in sizes:
                if size < have:
                    continue
                ingest_s = gen_s = 0.0
                while have < size:
                    step = min(args.batch or size, size - have)
                    spent = [0.0]

                    def docs(start=have, stop=have + step, spent=spent):
                        for i in range(start, stop):  # generated lazily; the time spent generating is not ingest time
                            g0 = time.perf_counter()
                            doc = gen.document(i)
                            spent[0] += time.perf_counter() - g0
                            yield doc

                    g1 = time.perf_counter()
                    corpus.add_documents(docs())
                    took = time.perf_counter() - g1 - spent[0]
                    gen_s += spent[0]
                    ingest_s += took
                    have += step
                    print(
                        f"  {have} articles, {step / took:.0f} docs/s in the last batch, peak RSS {rss_peak_mb():.0f} MB",
                        file=sys.stderr,
                        flush=True,
                    )
                added = size - (rows[-1]["size"] if rows else 0)
                if ingest_s == 0:  # reused as it was
                    ingest_s = float("nan")
                corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                stats = corpus.stats()
                q = measure(corpus, gen, args.queries, args.seed)
                rows.append(
                    {
                        "size": size,
                        "added": added,
                        "rate": added / ingest_s,
                        "gen_s": gen_s,
                        "mb": db_mb(db),
                        "entities": stats["entities"],
                        "quotes": stats["quotes"],
                        "q": q,
                        "rss": rss_peak_mb(),
                    }
                )
                print(f"{size}: {rows[-1]}", file=sys.stderr, flush=True)
            if args.increment:
                t = time.perf_counter()
                corpus.add_documents(gen.documents(have, have + args.increment))
                increment = (args.increment, time.perf_counter() - t, have)
                have += args.increment
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows, args, increment)


def print_table(rows: list[dict], args, increment=None) -> None:
    kinds = ["dossier", "quotes by", "quotes about", "search"]
    head = ["articles", "ingest docs/s", "DB MB", "entities", "quotes"] + [f"{k} p50 / p95 ms" for k in kinds]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" for _ in head) + "|")
    for r in rows:
        cells = [f"{r['size']:,}", f"{r['rate']:.0f}", f"{r['mb']:.0f}", f"{r['entities']:,}", f"{r['quotes']:,}"]
        cells += [f"{r['q'][k]['p50']:.1f} / {r['q'][k]['p95']:.1f}" for k in kinds]
        print("| " + " | ".join(cells) + " |")
    print()
    print(f"Target: dossier and search p95 < {TARGET_MS} ms at 100,000 articles.", end=" ")
    last = rows[-1]
    verdict = all(last["q"][k]["p95"] < TARGET_MS for k in ("dossier", "search"))
    if last["size"] >= 100_000:
        print(f"At {last['size']:,}: {'met' if verdict else 'NOT met'}.")
    else:
        print(
            f"Not evaluated: the largest size here is {last['size']:,}"
            f" (dossier and search p95 {'under' if verdict else 'not both under'} {TARGET_MS} ms there)."
        )
    print(
        f"{args.queries} queries per type (seed {args.seed}); ingest rate of each row is for the articles added since the"
        f" row above, {'in add_documents batches of %d' % args.batch if args.batch else 'in one add_documents call'} with a link pass each; peak RSS {rows[-1]['rss']:.0f} MB."
    )
    if increment:
        n, took, base = increment
        print(
            f"Adding {n} more articles to the {base:,}-article corpus in one add_documents call (store, group, link):"
            f" {took:.1f} s, {n / took:.1f} docs/s."
        )
    odd = {k: sum(r["q"][k]["ambiguous"] for r in rows) for k in kinds}
    if any(odd.values()):
        print("Ambiguous names answered for their first candidate: " + ", ".join(f"{k} {v}" for k, v in odd.items()))


if __name__ == "__main__":
    main()
