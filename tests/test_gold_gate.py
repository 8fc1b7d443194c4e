"""The evaluation gate: the pipeline over the hand-annotated gold articles in
tests/gold/ must stay above the agreed thresholds (presswatch.evaluate.THRESHOLDS).
`python benchmarks/gold.py --verbose` shows what is missed, file by file."""

from pathlib import Path

from presswatch.evaluate import check_thresholds, format_table, score_gold

GOLD = Path(__file__).parent / "gold"


def test_gold_gate():
    result = score_gold(GOLD)
    failures = check_thresholds(result)
    assert not failures, "gold gate failed:\n" + format_table(result)
