"""The language of a text (ISO 639-1), for the clean stage's glued-word repair and the metadata stage.

py3langid's model is loaded once per process, on first use, from a cache (`language_model`)."""

from __future__ import annotations

from . import language_model
from .lines import words

MIN_PROBABILITY = 0.6


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, or None when the text is too short or unsure."""
    sample = text[:5000]
    if len(words(sample)) < 5:
        return None
    lang, prob = language_model.identifier().classify(sample)
    return lang if prob >= MIN_PROBABILITY else None
