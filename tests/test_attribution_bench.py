"""benchmarks.attribution: presswatch quotes scored in PolNeAR's unit (benchmarks.scoring.attribution)."""

from benchmarks.attribution import presswatch_quotes
from benchmarks.scoring.attribution import Tokens, dice
from presswatch.document import Part, Quote, Speaker


class _Doc:
    """The two things the benchmark reads off a Document."""

    def __init__(self, quotes):
        self.quotes = quotes

    def source_offset(self, pos):
        return pos


def test_a_two_part_quote_is_scored_on_its_parts_not_the_cue_between():
    text = '"We will win," he said. "It is going to be a long night."'
    a, b = (1, 13), (25, 56)
    he = Speaker(name="he", mention="he", entity=None, start=15, end=17)
    quote = Quote(
        kind="direct",
        content="We will win, … It is going to be a long night.",
        start=1,
        end=56,
        speaker=he,
        cue="said",
        medium=None,
        parts=[Part(*a), Part(*b)],
    )
    [sq] = presswatch_quotes(_Doc([quote]))
    assert sq.content == [a, b] and sq.speaker == [(15, 17)]
    toks = Tokens(text)
    gold = toks.cover([a, b])  # PolNeAR: Content + Content2
    assert dice(gold, toks.cover(sq.content)) == 1.0


def test_a_one_part_quote_has_its_span_as_the_part():
    q = Quote(kind="indirect", content="x", start=3, end=9, speaker=None, cue=None, medium=None)
    assert q.parts == [Part(3, 9)]
    [sq] = presswatch_quotes(_Doc([q]))
    assert sq.content == [(3, 9)] and sq.speaker is None
