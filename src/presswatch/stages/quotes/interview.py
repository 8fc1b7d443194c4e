"""Q&A interviews: each answer paragraph is a direct quote of the person interviewed.

Input: the article's text (lines labelled "Q:" / "A:", "Question:" /
"Answer:", or their Russian and Belarusian forms) and its person mentions.
Output: the answer paragraphs (`interview_answers`) and, through the
extractor, one direct quote per answer whose speaker is the person the
article names most outside the answers. An article is an interview only
with at least two questions and two answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Entity, Quote, Speaker
from .extractor import QuoteExtractor
from .speakers import SpeakerResolver

QA_LINE_RE = re.compile(r"^(?P<label>Q|A|Question|Answer|В|О|Вопрос|Ответ|Пытанне|Адказ)\s*[:.–—-]\s+", re.M)
QUESTION_LABELS = ("q", "question", "в", "вопрос", "пытанне")
ANSWER_LABELS = ("a", "answer", "о", "ответ", "адказ")


@dataclass
class Answer:
    start: int  # the answer's words, after the label
    end: int  # the end of its paragraph
    label_start: int  # the "A" or "Answer" label, the speaker's mention
    label_end: int


def interview_answers(text: str) -> list[Answer]:
    """Answer paragraphs of a Q&A interview; none if the text is not one."""
    labels = [
        (m.group("label").lower(), m)
        for m in QA_LINE_RE.finditer(text)
        if m.start() == 0 or text[m.start() - 1] == "\n"
    ]
    questions = sum(1 for lab, _ in labels if lab in QUESTION_LABELS)
    answers = [m for lab, m in labels if lab in ANSWER_LABELS]
    if questions < 2 or len(answers) < 2:
        return []
    out = []
    for m in answers:
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        out.append(Answer(m.end(), end, m.start("label"), m.end("label")))
    return out


def add_interview_answers(ex: QuoteExtractor, answers: list[Answer]) -> None:
    """One direct quote per answer, spoken by the person interviewed (None if unknown)."""
    text = ex.text
    interviewee = _interviewee(ex.speakers, answers) if answers else None
    for a in answers:
        speaker = None
        if interviewee is not None:
            speaker = Speaker(
                name=interviewee.name,
                mention=text[a.label_start : a.label_end],
                entity=interviewee.id,
                start=a.label_start,
                end=a.label_end,
            )
        ex.found.append(
            (
                a.start,
                Quote(
                    kind="direct",
                    content=text[a.start : a.end],
                    start=a.start,
                    end=a.end,
                    speaker=speaker,
                    cue=None,
                    medium=None,
                ),
            )
        )


def _interviewee(resolver: SpeakerResolver, answers: list[Answer]) -> Entity | None:
    """The person interviewed: the most mentioned person outside the answers."""
    counts: dict[str, int] = {}
    for s, _e, eid in resolver.mentions:
        if resolver.entities[eid].type == "PERSON" and not any(a.start <= s < a.end for a in answers):
            counts[eid] = counts.get(eid, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -min(m[0] for m in resolver.mentions if m[2] == k)))
    return resolver.entities[best]
