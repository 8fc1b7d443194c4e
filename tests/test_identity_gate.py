"""Evaluation gate for cross-article identity: the corpus over the two identity
gold sets must keep its pairwise figures.

- tests/gold_identity (36 articles, 528 mentions): floors are the product
  targets (today 0.995 / 0.930); never lower them.
- tests/gold_identity_2 (16 articles, 341 mentions, written blind by another
  author; see its README): floors sit just under today's figures (0.958 / 0.823),
  so a change that loses ground on unseen-style text fails here too.
- tests/dev_identity_romanise (11 articles, 92 person mentions): one person in
  Belarusian, Russian, passport and Cyrillic forms, with namesakes and headline
  pairs; a development set, floors just under today's 1.000 / 0.951."""

from pathlib import Path

import pytest

from benchmarks import identity as bench
from benchmarks.scoring.identity import score

ROOT = Path(__file__).resolve().parents[1]

FLOORS = {
    "gold_identity": {"precision": 0.98, "recall": 0.90},
    "gold_identity_2": {"precision": 0.95, "recall": 0.80},
    "dev_identity_romanise": {"precision": 0.98, "recall": 0.94},
}


@pytest.mark.parametrize("gold_set", sorted(FLOORS))
def test_identity_gate(gold_set, tmp_path):
    gold_dir = ROOT / "tests" / gold_set
    articles = bench.load_gold(gold_dir)
    paths = [str(gold_dir / a["file"]) for a in articles]
    system = bench.run_corpus(paths, str(tmp_path / "gate.db"), 1)
    gold, _lost, mentions = bench.build(gold_dir, system, articles)
    pairwise = score(gold, mentions)["pairwise"]
    for name, floor in FLOORS[gold_set].items():
        assert pairwise[name] >= floor, f"{gold_set}: pairwise {name} {pairwise[name]:.3f} < {floor}"
