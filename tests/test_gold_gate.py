"""The evaluation gate: the pipeline over the hand-annotated gold articles in
tests/gold/ must stay above the agreed thresholds (benchmarks.scoring.gold.THRESHOLDS).
`python -m benchmarks.gold --verbose` shows what is missed, file by file."""

from pathlib import Path

from benchmarks.scoring.gold import check_thresholds, format_table, score_gold

GOLD = Path(__file__).parent / "gold"


def test_gold_gate():
    result = score_gold(GOLD)
    failures = check_thresholds(result)
    assert not failures, "gold gate failed:\n" + format_table(result)
