"""How sure presswatch is of a quote: a confidence in [0, 1] from where it came from.

Input: a `Quote` with its `origin` ("rule", "model" or "both") and, for the
tagger's quotes, why it failed the speech-act test (speech_act.py), if it
did. Output: the quote's `confidence`, and the threshold below which the
quotes stage leaves a quote out (`min_confidence`, default 0.5, set by
`PRESSWATCH_MIN_CONFIDENCE` or `presswatch analyze --min-confidence`).

The tagger is spaCy's greedy transition-based NER: it gives no probability
per span (its beam scores, tried, are 0 or 1 and disagree with the greedy
spans), so the confidence is a fixed score per kind of evidence:
  - found by the rules and the tagger alike: 0.95; by the rules alone: 0.8;
  - found by the tagger alone, a speech act: 0.6; not one (a belief, an
    intention, "praised the plan", a passive "Accused of"): 0.2 to 0.3, under
    the default threshold, so kept only on request (PolNeAR's broad notion of
    attribution: `--min-confidence 0`);
  - a quote with no speaker counts three quarters; a speaker linked to a named
    entity adds 0.05."""

from __future__ import annotations

import math
import os

from ...document import Quote

BY_ORIGIN = {"both": 0.95, "rule": 0.8, "model": 0.6}
# a tagged attribution that is not a speech act, by the test it failed
NOT_SPEECH_ACT = {"cue": 0.2, "passive": 0.25, "source": 0.3, "content": 0.3}
DEFAULT_MIN_CONFIDENCE = 0.5


def confidence(quote: Quote, problem: str | None = None) -> float:
    """The confidence of a quote of this origin (and, for the tagger's, this speech-act problem)."""
    score = NOT_SPEECH_ACT.get(problem, 0.3) if problem else BY_ORIGIN.get(quote.origin, 0.6)
    if quote.speaker is None:
        score *= 0.75
    elif quote.speaker.entity is not None:
        score += 0.05
    return round(min(score, 1.0), 2)


def min_confidence() -> float:
    """The threshold set by PRESSWATCH_MIN_CONFIDENCE (a number in [0, 1]), else 0.5."""
    raw = os.environ.get("PRESSWATCH_MIN_CONFIDENCE", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_MIN_CONFIDENCE
    return min(max(value, 0.0), 1.0) if math.isfinite(value) else DEFAULT_MIN_CONFIDENCE
