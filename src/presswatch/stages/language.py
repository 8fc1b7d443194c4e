"""The language of a text (ISO 639-1), for the clean stage's glued-word repair and the metadata stage.

py3langid's model is loaded once per process, on first use."""

from __future__ import annotations

from typing import Any

from .lines import words

MIN_PROBABILITY = 0.6
_IDENTIFIER: Any = None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, or None when the text is too short or unsure."""
    sample = text[:5000]
    if len(words(sample)) < 5:
        return None
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _IDENTIFIER.classify(sample)
    return lang if prob >= MIN_PROBABILITY else None
