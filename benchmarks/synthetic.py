"""Synthetic, already-analysed news articles for the corpus scale benchmark (`benchmarks.corpus`).

`Generator(seed).document(i)` is article `i` as a presswatch `Document`, the same for
the same (seed, i): 250-600 words of text drawn from English word frequencies, 8-20
entities drawn with a Zipf-like popularity from a `Population` of persons (a third of
them Slavic names with a Cyrillic and two Latin spellings), organisations (some known by
acronym) and places, mentions whose offsets point at the names in the text (first the
full name, then the surname), 3-10 quotes with linked speakers (some quotes mention
other entities), outlets, dates over two years, and ~10% syndicated copies of a recent
article (same body, another outlet's header and footer line).

The random draws happen in a fixed order per article, so any change here changes the
corpus every earlier figure was measured on: keep the order when editing.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from rigour.text import ascii_text

from presswatch.document import Document, Entity, Mention, Quote, Speaker, content_id

START = date(2024, 11, 1)
DAYS = 730

# ------------------------------------------------------------------ name material
# Syllables and words the population is built from; their order is part of the seed.
# One list a line (unformatted) so that the tables read as tables.

# fmt: off
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
# fmt: on
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


def latin_variant(latin: str, rng: random.Random) -> str:
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


def make_persons(rng: random.Random, n: int, seen: set[str]) -> list[Person]:
    """`n` persons with distinct names: a third Slavic (Cyrillic, transliterated, a variant), the rest Latin."""
    persons: list[Person] = []
    while len(persons) < n:
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
            person = Person(g, s, cyr, latin_variant(latin, rng), None)
        else:
            g = rng.choice(LATIN_GIVEN)
            s = rng.choice(LATIN_START) + rng.choice(LATIN_MIDDLE) + rng.choice(LATIN_END)
            if f"{g} {s}" in seen:
                continue
            person = Person(g, s, None, None, None)
        person.role = rng.choice(ROLES) if rng.random() < 0.4 else None
        seen.add(person.name)
        persons.append(person)
    return persons


def make_orgs(rng: random.Random, n: int, seen: set[str]) -> list[Other]:
    """`n` organisations with distinct names, some prefixed by a place, a third known by acronym."""
    orgs: list[Other] = []
    while len(orgs) < n:
        words = [rng.choice(ORG_ADJ), rng.choice(ORG_TOPIC), rng.choice(ORG_KIND)]
        if rng.random() < 0.3:
            words.insert(0, rng.choice(PLACE_START) + rng.choice(PLACE_END))
        name = " ".join(words)
        if name in seen:
            continue
        seen.add(name)
        acro = "".join(w[0] for w in words) if rng.random() < 0.3 else None
        orgs.append(Other(name, "ORG", acro))
    return orgs


def make_places(rng: random.Random, n: int, seen: set[str]) -> list[Other]:
    """`n` places with distinct names."""
    places: list[Other] = []
    while len(places) < n:
        name = rng.choice(PLACE_START) + rng.choice(["", "a", "o", "e", "ar", "in"]) + rng.choice(PLACE_END)
        if name not in seen:
            seen.add(name)
            places.append(Other(name, "GPE"))
    return places


class Population:
    """Everybody the synthetic news can be about, with Zipf-like popularity."""

    def __init__(self, seed: int, persons: int = 20_000, orgs: int = 4_000, places: int = 1_000, zipf: float = 1.0):
        rng = random.Random(f"population:{seed}")
        seen: set[str] = set()  # every name drawn so far, so that no two share one
        self.persons = make_persons(rng, persons, seen)
        self.orgs = make_orgs(rng, orgs, seen)
        self.places = make_places(rng, places, seen)
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


# ------------------------------------------------------------------ writing one body


class Writer:
    """The body of one article being written out, with the offsets of every mention in it."""

    def __init__(self, written: list[dict]):
        self.out: list[str] = []
        self.pos = 0
        self.mentions: dict[int, list[Mention]] = {id(w): [] for w in written}

    def text(self) -> str:
        return "".join(self.out)

    def put(self, s: str) -> tuple[int, int]:
        self.out.append(s)
        self.pos += len(s)
        return self.pos - len(s), self.pos

    def put_mention(self, w: dict, role_ok: bool = True) -> tuple[int, int, str]:
        """The entity's full name (after its role, the first time) or, once it has been named, its short name."""
        first = not self.mentions[id(w)]
        if first and w["role"] and role_ok:
            self.put(w["role"][0].upper() + w["role"][1:] + " ")
        surface = w["full"] if first else w["short"]
        s, e = self.put(surface)
        self.mentions[id(w)].append(Mention(s, e, surface))
        return s, e, surface

    def put_parts(self, parts: list) -> None:
        for p in parts:
            if isinstance(p, str):
                self.put(p)
            else:
                self.put_mention(p[1], role_ok=False)

    def put_speaker(self, speaker, capital: bool = False) -> Speaker:
        if isinstance(speaker, str):
            written = speaker[0].upper() + speaker[1:] if capital else speaker
            s, e = self.put(written)
            return Speaker(name=written, mention=written, entity=None, start=s, end=e)
        s, e, surface = self.put_mention(speaker)
        sp = Speaker(name=speaker["full"], mention=surface, entity=None, start=s, end=e)
        sp.entity = id(speaker)  # replaced by the local id once entities are numbered
        return sp

    def put_quote(self, kind: str, content_parts: list, speaker, cue: str) -> Quote:
        """A direct quote ('“…,” X said.') or an indirect one ('X said that ….')."""
        if kind == "direct":
            self.put("“")
            cs = self.pos
            self.put_parts(content_parts)
            ce = self.pos
            self.put(",” ")
            sp = self.put_speaker(speaker)
            self.put(f" {cue}.")
        else:
            sp = self.put_speaker(speaker, capital=True)
            self.put(" said that ")
            cs = self.pos
            self.put_parts(content_parts)
            ce = self.pos
            self.put(".")
        return Quote(
            kind=kind,
            content=self.text()[cs:ce],
            start=cs,
            end=ce,
            speaker=sp,
            cue=cue if kind == "direct" else "said",
            medium=None,
        )

    def entities(self, written: list[dict], quotes: list[Quote]) -> list[Entity]:
        """The entities mentioned, numbered e1, e2, ... by first mention; quote speakers get those ids."""
        entities = []
        for w in written:
            ms = self.mentions[id(w)]
            if not ms:
                continue
            aliases = []
            for nm in (m.text for m in ms):
                if nm != w["full"] and nm not in aliases:
                    aliases.append(nm)
            entities.append((w, ms, aliases))
        entities.sort(key=lambda x: x[1][0].start)
        local = {id(w): f"e{n}" for n, (w, _, _) in enumerate(entities, 1)}
        for q in quotes:
            if q.speaker is not None and q.speaker.entity is not None:
                q.speaker.entity = local[q.speaker.entity]
        return [
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


def render(sentences: list[list], written: list[dict]) -> tuple[str, list[Entity], list[Quote]]:
    """The planned sentences written out: body text, entities and quotes (offsets into the body)."""
    writer = Writer(written)
    quotes: list[Quote] = []
    for n, parts in enumerate(sentences):
        if n and n % 4 == 0:
            writer.put("\n\n")
        elif n:
            writer.put(" ")
        if parts and isinstance(parts[0], tuple) and parts[0][0] == "q":
            _, kind, content_parts, speaker, cue = parts[0]
            quotes.append(writer.put_quote(kind, content_parts, speaker, cue))
        else:
            writer.put_parts(parts)
            writer.put(".")
    body = writer.text()
    return body, writer.entities(written, quotes), quotes


def shifted(ents: list[Entity], quotes: list[Quote], d: int) -> tuple[list[Entity], list[Quote]]:
    """Copies of the entities and quotes with every offset moved `d` characters on."""
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
            else Speaker(q.speaker.name, q.speaker.mention, q.speaker.entity, q.speaker.start + d, q.speaker.end + d),
        )
        for q in quotes
    ]
    return shifted_ents, shifted_quotes


# ------------------------------------------------------------------ articles


def how_written(ent: Person | Other, rng: random.Random) -> dict:
    """How one article writes an entity: its full form (first mention), its short form, its role if given."""
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
        return {"ent": ent, "type": "PERSON", "full": full, "short": short, "role": role}
    short = ent.acronym if ent.acronym and rng.random() < 0.7 else ent.name
    return {"ent": ent, "type": ent.type, "full": ent.name, "short": short, "role": None}


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
        outlet = (
            OUTLETS[min(int(rng.paretovariate(1.2)) - 1, len(OUTLETS) - 1)]
            if rng.random() < 0.5
            else rng.choice(OUTLETS)
        )
        published = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        written = [how_written(ent, rng) for ent in self._cast(rng)]
        body = render(self._sentences(written, rng), written)
        title_words = self.vocabulary.sample(rng, rng.randint(5, 9))
        title = " ".join(title_words).capitalize() + ": " + (written[0]["full"] if written else "news")
        return self._assemble(i, rng, outlet, published, title, body)

    def _cast(self, rng: random.Random) -> list:
        """8-20 distinct entities, drawn by popularity: half persons, then organisations, then places."""
        cast: list = []
        want = rng.randint(8, 20)
        tries = 0
        while len(cast) < want and tries < want * 4:
            tries += 1
            kind = rng.choices(("person", "org", "place"), (0.5, 0.3, 0.2))[0]
            ent = self.population.draw(kind, rng)
            if all(ent is not c for c in cast):
                cast.append(ent)
        return cast

    def _sentences(self, written: list[dict], rng: random.Random) -> list[list]:
        """The article planned as sentences: plain ones carry the mentions, quote ones a speaker and maybe a mention.

        A plain sentence is a list of parts, str or ("m", written); a quote sentence is [("q", kind, parts,
        speaker, cue)]."""
        persons = [w for w in written if w["type"] == "PERSON"]
        target_words = rng.randint(250, 600)
        n_quotes = rng.randint(3, 10)
        plain_words = max(60, target_words - n_quotes * 20)
        n_plain = max(3, round(plain_words / 17))
        slots: list[list] = [[] for _ in range(n_plain)]
        for w in written:
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                slots[rng.randrange(n_plain)].append(w)
        quote_at = set(rng.sample(range(n_plain + n_quotes), n_quotes))
        sentences: list[list] = []
        plain = iter(slots)
        for k in range(n_plain + n_quotes):
            if k in quote_at:
                sentences.append([self._quote_plan(written, persons, rng)])
            else:
                sentences.append(self._plain_sentence(next(plain), rng))
        return sentences

    def _quote_plan(self, written: list[dict], persons: list[dict], rng: random.Random) -> tuple:
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
        return ("q", kind, parts, speaker, rng.choice(CUES))

    def _plain_sentence(self, here: list[dict], rng: random.Random) -> list:
        words = self.vocabulary.sample(rng, max(len(here) + 2, rng.randint(8, 26)))
        words[0] = words[0].capitalize()
        cuts = sorted(rng.sample(range(1, len(words)), len(here)))
        parts: list = []
        prev = 0
        for cut, w in zip(cuts, here):
            parts += [" ".join(words[prev:cut]) + " ", ("m", w), " "]
            prev = cut
        parts.append(" ".join(words[prev:]))
        return parts

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
        shifted_ents, shifted_quotes = shifted(ents, quotes, len(header))
        full = header + text + footer
        slug = outlet.lower().replace(" ", "-")
        doc = Document(
            id=content_id(f"{title}\n\n{full}"),
            source=f"bench/{slug}/{i:06d}.txt",
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
