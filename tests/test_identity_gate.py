"""Evaluation gate for cross-article identity: the corpus over tests/gold_identity
(36 hand-written articles, 528 name mentions) must keep its pairwise figures.

Both floors are the product targets (benchmarks/identity.py prints today's
figures: 0.993 / 0.919); never lower them."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import identity as bench  # noqa: E402
from identity_scoring import score  # noqa: E402

FLOORS = {"precision": 0.98, "recall": 0.90}


def test_identity_gate(tmp_path):
    articles = bench.load_gold(bench.GOLD_DIR)
    paths = [str(bench.GOLD_DIR / a["file"]) for a in articles]
    system = bench.run_corpus(paths, str(tmp_path / "gate.db"), 1)
    gold, _lost, mentions = bench.build(bench.GOLD_DIR, system, articles)
    pairwise = score(gold, mentions)["pairwise"]
    for name, floor in FLOORS.items():
        assert pairwise[name] >= floor, f"pairwise {name} {pairwise[name]:.3f} < {floor}"
