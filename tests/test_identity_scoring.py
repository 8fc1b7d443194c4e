"""The identity-linking scorer (benchmarks.scoring.identity), the gold-span
locator of benchmarks.identity, and the well-formedness of the identity gold
set (tests/gold_identity). Offline and model-free: nothing here loads spaCy."""

from __future__ import annotations

import itertools
import json
import re
import sys
import types
from collections import defaultdict
from pathlib import Path
from typing import ClassVar

import pytest

from benchmarks import identity
from benchmarks.identity import locate, occurrences
from benchmarks.scoring.identity import (
    GoldMention,
    SystemMention,
    align,
    bcubed,
    merged_identities,
    merges,
    pairwise,
    score,
    splits,
    system_labels,
)

REPO = Path(__file__).resolve().parents[1]

GOLD_DIR = REPO / "tests" / "gold_identity"


# --- alignment -------------------------------------------------------------------------


def test_align_prefers_the_largest_overlap():
    gold = [GoldMention("a", 10, 20, "P:x")]
    system = [SystemMention("a", 5, 12, "s1"), SystemMention("a", 11, 22, "s2")]
    assert align(gold, system) == ["s2"]


def test_align_ties_go_to_the_tighter_span():
    gold = [GoldMention("a", 10, 15, "P:x")]
    system = [SystemMention("a", 0, 40, "wide"), SystemMention("a", 10, 15, "exact")]
    assert align(gold, system) == ["exact"]


def test_align_needs_overlap_in_the_same_article():
    gold = [GoldMention("a", 10, 20, "P:x"), GoldMention("a", 30, 35, "P:y")]
    system = [SystemMention("b", 10, 20, "s1"), SystemMention("a", 20, 30, "s2")]  # touching is not overlapping
    assert align(gold, system) == [None, None]


def test_unfound_mentions_become_singletons():
    assert system_labels(["s1", None, None, "s1"]) == ["s1", "<missed>1", "<missed>2", "s1"]


# --- pairwise and B-cubed --------------------------------------------------------------


def test_pairwise_perfect_and_degenerate():
    assert pairwise(["a", "a", "b"], [1, 1, 2])["f1"] == 1.0
    singletons = pairwise(["a", "a", "b"], [1, 2, 3])
    assert singletons["precision"] == 1.0 and singletons["recall"] == 0.0  # no predicted pairs: nothing wrong
    lumped = pairwise(["a", "a", "b"], [1, 1, 1])
    assert lumped["recall"] == 1.0 and lumped["precision"] == pytest.approx(1 / 3)


def test_pairwise_counts():
    # gold {1,2,3} {4,5}; system {1,2} {3,4,5}: gold pairs 3+1=4, system pairs 1+3=4, true: (1,2),(4,5)
    r = pairwise(["a", "a", "a", "b", "b"], ["x", "x", "y", "y", "y"])
    assert (r["true_pairs"], r["gold_pairs"], r["system_pairs"]) == (2, 4, 4)
    assert r["precision"] == pytest.approx(0.5) and r["recall"] == pytest.approx(0.5)


def test_bcubed_textbook_case():
    # gold {1,2,3} {4,5}; system {1,2} {3,4,5}
    r = bcubed(["a", "a", "a", "b", "b"], ["x", "x", "y", "y", "y"])
    assert r["precision"] == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_merges_and_splits_name_the_culprits():
    gold = ["P:father", "P:father", "P:son", "O:fund", "O:fund"]
    system = ["e1", "e1", "e1", "e2", "e3"]
    assert merges(gold, system) == [{"system": "e1", "identities": {"P:father": 2, "P:son": 1}, "wrong_pairs": 2}]
    assert merged_identities(gold, system) == {"P:father", "P:son"}
    assert splits(gold, system) == [{"identity": "O:fund", "clusters": {"e2": 1, "e3": 1}, "missed_pairs": 1}]


def test_score_missed_mentions_cost_recall_not_precision():
    gold = [
        GoldMention("a", 0, 5, "P:x", "Haury"),
        GoldMention("b", 0, 5, "P:x", "Gavri"),
        GoldMention("b", 10, 15, "P:y", "Other"),
    ]
    system = [SystemMention("a", 0, 5, "E1"), SystemMention("b", 0, 5, "E1")]
    r = score(gold, system)
    assert r["found"] == 2 and r["gold_identities"] == 2
    assert r["pairwise"]["precision"] == 1.0 and r["pairwise"]["recall"] == 1.0
    assert r["merged_identities"] == 0 and r["split_identities"] == 0


# --- locating gold mentions in the cleaned text ----------------------------------------


def test_locate_same_counts_uses_the_nth():
    raw = "Head\n\nKavaliou met Kavaliou."
    assert locate(raw, raw, "Kavaliou", 2) == raw.rindex("Kavaliou")


def test_locate_skips_occurrences_on_dropped_lines():
    raw = "Headline\nBy Ann Lee\n\nAnn Lee wrote it. Ann Lee agrees.\n"
    cleaned = "Headline\n\nAnn Lee wrote it. Ann Lee agrees.\n"
    assert locate(raw, cleaned, "Ann Lee", 2) == cleaned.index("Ann Lee")
    assert locate(raw, cleaned, "Ann Lee", 3) == cleaned.rindex("Ann Lee")
    assert locate(raw, cleaned, "Ann Lee", 1) is None  # the byline itself is gone
    assert locate(raw, cleaned, "Ann Lee", 4) is None
    assert occurrences("aaa", "aa") == [0, 1]


# --- the gold set itself ---------------------------------------------------------------

IDENTITY_RE = re.compile(r"^[POG]:[a-z0-9]+(?:-[a-z0-9]+)*$")
PREFIX_TYPES = {"P": {"PERSON"}, "O": {"ORG", "MEDIA", "NORP"}, "G": {"GPE"}}


@pytest.fixture(scope="module")
def gold():
    return json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))["articles"]


# both identity gold sets: (directory, at least this many articles, at least this many mentions)
GOLD_SETS = [(GOLD_DIR, 30, 300), (REPO / "tests" / "gold_identity_2", 16, 300)]


@pytest.mark.parametrize("gold_dir,min_articles,_min_mentions", GOLD_SETS, ids=["gold_identity", "gold_identity_2"])
def test_gold_files_exist_and_look_like_articles(gold_dir, min_articles, _min_mentions):
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))["articles"]
    files = [a["file"] for a in gold]
    assert len(files) == len(set(files)) >= min_articles
    assert sorted(p.name for p in gold_dir.glob("*.txt")) == sorted(files), "every article annotated, nothing extra"
    for name in files:
        text = (gold_dir / name).read_text(encoding="utf-8")
        words = len(text.split())
        assert 120 <= words <= 300, (name, words)
        headline, rest = text.split("\n", 1)
        assert headline.strip() and rest.startswith("\n"), f"{name}: headline, then a blank line"


@pytest.mark.parametrize("gold_dir,_min_articles,min_mentions", GOLD_SETS, ids=["gold_identity", "gold_identity_2"])
def test_gold_mentions_are_locatable_and_well_formed(gold_dir, _min_articles, min_mentions):
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))["articles"]
    n = 0
    types: dict[str, set] = defaultdict(set)
    for art in gold:
        text = (gold_dir / art["file"]).read_text(encoding="utf-8")
        spans = []
        for m in art["mentions"]:
            where = f"{art['file']}: {m['text']!r} #{m['occurrence']}"
            occ = occurrences(text, m["text"])
            assert 1 <= m["occurrence"] <= len(occ), f"{where}: only {len(occ)} occurrences"
            start = occ[m["occurrence"] - 1]
            end = start + len(m["text"])
            # a whole word (or words), not the inside of a longer one
            assert not (start > 0 and text[start - 1].isalnum()), where
            assert not (end < len(text) and text[end].isalnum()), where
            assert m["text"] == m["text"].strip() and m["text"], where
            assert IDENTITY_RE.match(m["identity"]), f"{where}: identity {m['identity']!r}"
            assert m["type"] in PREFIX_TYPES[m["identity"][0]], f"{where}: {m['type']} under {m['identity']}"
            types[m["identity"]].add(m["type"])
            spans.append((start, end, where))
            n += 1
        spans.sort()
        for (_, e1, w1), (s2, _, w2) in itertools.pairwise(spans):
            assert e1 <= s2, f"overlapping gold mentions: {w1} / {w2}"
    assert n >= min_mentions
    assert all(len(t) == 1 for t in types.values()), {i: t for i, t in types.items() if len(t) > 1}


def test_gold_has_recurring_identities_and_namesakes(gold):
    articles_of: dict[str, set] = defaultdict(set)
    for art in gold:
        for m in art["mentions"]:
            articles_of[m["identity"]].add(art["file"])
    recurring = [i for i, arts in articles_of.items() if len(arts) >= 4]
    assert len(recurring) >= 8, recurring
    # the namesake pairs the README promises, each pair present as two identities
    for pair in [
        ("P:aleh-haurylau", "P:ihar-haurylau"),
        ("P:thomas-brennan", "P:thomas-brennan-jr"),
        ("P:thomas-brennan", "O:brennan-capital"),
        ("P:yuliya-yarashevich", "P:pavel-yarashevich"),
        ("O:minenergo-ru", "O:minenergo-ua"),
        ("P:vitaly-khrustalyov", "P:marina-khrustalyova"),
    ]:
        assert all(articles_of[i] for i in pair), pair


# --- the benchmark against the corpus contract, with a stand-in corpus -----------------


class FakeCorpus:
    """The presswatch.corpus contract, faked: drops 'By ...' lines, links surnames by a fixed table."""

    ENTITY: ClassVar[dict[str, str]] = {"Kavaliou": "E1", "Kovalev": "E1", "Кавалёў": "E1", "Zhuk": "E2"}

    def __init__(self, path):
        self.texts, self.found = {}, []

    def ingest(self, paths, workers=1):
        for p in paths:
            lines = Path(p).read_text(encoding="utf-8").split("\n")
            text = "\n".join(ln for ln in lines if not ln.startswith("By "))
            self.texts[p] = text
            for name, ent in self.ENTITY.items():
                for pos in occurrences(text, name):
                    self.found.append(
                        {
                            "article_id": p[-6:],
                            "source": p,
                            "text_start": pos,
                            "text_end": pos + len(name),
                            "text": name,
                            "type": "PERSON",
                            "entity_id": ent,
                        }
                    )

    def mentions(self):
        return iter(self.found)

    def article_text(self, source):
        return self.texts[source]


def _tiny_gold(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Kavaliou visits plant\nBy Ihar Zhuk\n\nMinister Kavaliou met Ihar Zhuk.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Kovalev in Moscow\n\nAleksandr Kovalev (Кавалёў) spoke.\n", encoding="utf-8")
    gold = {
        "articles": [
            {
                "file": "a.txt",
                "mentions": [
                    {"text": "Kavaliou", "occurrence": 1, "identity": "P:kavaliou", "type": "PERSON"},
                    {"text": "Kavaliou", "occurrence": 2, "identity": "P:kavaliou", "type": "PERSON"},
                    {"text": "Ihar Zhuk", "occurrence": 2, "identity": "P:zhuk", "type": "PERSON"},
                ],
            },
            {
                "file": "b.txt",
                "mentions": [
                    {"text": "Kovalev", "occurrence": 1, "identity": "P:kavaliou", "type": "PERSON"},
                    {"text": "Aleksandr Kovalev", "occurrence": 1, "identity": "P:kavaliou", "type": "PERSON"},
                    {"text": "Кавалёў", "occurrence": 1, "identity": "P:kavaliou", "type": "PERSON"},
                ],
            },
        ]
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_benchmark_scores_a_corpus(tmp_path, monkeypatch, capsys):
    _tiny_gold(tmp_path)
    monkeypatch.setitem(sys.modules, "presswatch.corpus", types.SimpleNamespace(Corpus=FakeCorpus))
    assert identity.main(["--system", "corpus", "--gold-dir", str(tmp_path), "--errors", "--check"]) == 0
    out = capsys.readouterr().out
    assert "| gold mentions | 6 |" in out and "| pairwise precision | 1.000 |" in out
    assert "| pairwise recall | 1.000 |" in out and "not locatable" not in out


def test_benchmark_without_corpus_exits_2(tmp_path, monkeypatch, capsys):
    _tiny_gold(tmp_path)
    monkeypatch.setitem(sys.modules, "presswatch.corpus", None)  # makes the import fail
    assert identity.main(["--gold-dir", str(tmp_path)]) == 2
    assert "not importable" in capsys.readouterr().err
