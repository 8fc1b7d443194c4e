"""Benchmarks and the scorers behind them; not part of the presswatch wheel.

Run from the repository root, with presswatch installed (`make bench` runs them all):

    python -m benchmarks.gold           # the hand-made gold set and its gate (tests/gold)
    python -m benchmarks.identity       # cross-article identity linking (tests/gold_identity)
    python -m benchmarks.attribution    # quote attribution on PolNeAR (../shared/data/polnear)
    python -m benchmarks.throughput     # documents per second against bare spaCy
    python -m benchmarks.corpus         # corpus ingest rate, size and query latency
    python -m benchmarks.pathological   # time and peak memory of analyze per pathological input class

The scorers themselves live in `benchmarks.scoring` (the test suite imports them from there);
`benchmarks.synthetic` generates the analysed articles the corpus benchmark stores.
"""
