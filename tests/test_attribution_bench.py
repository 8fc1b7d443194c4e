"""benchmarks/attribution.py: the conversion of presswatch quotes to PolNeAR's unit."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from attribution import SysQuote, SystemRun, as_relations  # noqa: E402


def test_consecutive_quotes_of_one_speaker_mention_and_cue_are_one_attribution():
    he = [(40, 42)]
    quotes = [
        SysQuote(content=[(1, 20)], speaker=he, relation=(40, 42, "said")),  # "A," he said.
        SysQuote(content=[(55, 80)], speaker=he, relation=(40, 42, "said")),  # "B."
        SysQuote(content=[(90, 120)], speaker=he, relation=(40, 42, "added")),  # another cue: another attribution
        SysQuote(content=[(130, 150)], speaker=None, relation=None),
        SysQuote(content=[(160, 170)], speaker=None, relation=None),  # unknown speakers are never joined
    ]
    run = as_relations(SystemRun("presswatch", [quotes], 1.0))
    assert [q.content for q in run.quotes[0]] == [[(1, 20), (55, 80)], [(90, 120)], [(130, 150)], [(160, 170)]]
