"""Scorers: pure functions from gold annotations and system output to figures.

    gold          the gold-set gate: score_gold, its thresholds and the table
    gold_checks   the per-document checks behind it (junk, body, metadata, quotes, entities)
    gold_inputs   reading a gold input the way the annotator saw it (text lines, HTML blocks)
    text          text normalisation, token Dice and name matching shared by the gold checks
    identity      cross-article identity: alignment, pairwise and B-cubed scores
    attribution   quote attribution in PolNeAR's unit: token cover, Dice matching, the figures
    polnear       the PolNeAR reader (brat standoff files)

None of them imports presswatch at import time, so the tests of the scorers load no model.
"""
