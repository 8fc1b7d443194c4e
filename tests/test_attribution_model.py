"""The shipped PolNeAR-trained attribution tagger loads and feeds the quotes stage."""

import presswatch
from presswatch import nlp as nlp_mod

TEXT = (
    "Senators weigh the aid bill\n\n"
    "Republican leaders believe the bill will pass before the recess, and several "
    "senators have signalled that they could back a smaller package."
)
# "are confident" is no speech verb to the rules: only the tagger reports the first clause
TAGGER_ONLY = (
    "Senators weigh the aid bill\n\n"
    "Republican leaders are confident the bill will pass before the recess, and several "
    "senators have signalled that they could back a smaller package."
)
RULES_FIND = "they could back a smaller package"
TAGGER_FINDS = "the bill will pass before the recess"


def test_tagger_is_shipped_and_marks_spans():
    tagger = nlp_mod.load_attribution_tagger()
    assert tagger is not None, "src/presswatch/models/attribution is missing"
    assert set(tagger.labels) == {"SOURCE", "CUE", "CONTENT"}
    doc = nlp_mod.parse(nlp_mod.load(), [TEXT], 4)[0]
    labels = {label for _, _, label in doc._.attribution_spans}
    assert {"CUE", "CONTENT"} <= labels
    # the parse's own entities are untouched by the tagger
    assert doc.ents and all(ent.label_ not in ("SOURCE", "CUE", "CONTENT") for ent in doc.ents)


def test_the_tagger_adds_a_report_the_rules_miss(all_attributions):
    doc = presswatch.analyze((TAGGER_ONLY, "t.txt"))
    assert doc.error is None, doc.error
    by_content = {q.content: q for q in doc.quotes}
    assert TAGGER_FINDS in by_content and RULES_FIND in by_content
    # "are confident" is a state of mind, not a speech act: found by the tagger alone, under the threshold
    tagged, ruled = by_content[TAGGER_FINDS], by_content[RULES_FIND]
    assert tagged.origin == "model" and tagged.confidence < 0.5
    assert ruled.origin in ("rule", "both") and ruled.confidence >= 0.8


def test_by_default_only_speech_acts_are_quotes():
    doc = presswatch.analyze((TAGGER_ONLY, "t.txt"))
    assert [q.content for q in doc.quotes] == [RULES_FIND]


def test_rules_only_switch(rules_only):
    assert nlp_mod.load_attribution_tagger() is None
    # the tagger's spans are gone from the parse...
    parsed = nlp_mod.parse(nlp_mod.load(), [TEXT], 4)[0]
    assert not parsed._.attribution_spans
    # ...and so is the report only the tagger finds, while the rules still find theirs
    doc = presswatch.analyze((TAGGER_ONLY, "t.txt"))
    assert doc.error is None, doc.error
    assert [q.content for q in doc.quotes] == [RULES_FIND]
