"""spaCy for presswatch: loading the model once per process, and the components
presswatch adds to it (paragraph boundaries, FastMorph, the attribution tagger)."""

from .attribution import load_attribution_tagger
from .extensions import attribution_spans, original_text
from .loading import DEFAULT_MODEL, MAX_CHARS, load, parse, parse_text

__all__ = [
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "attribution_spans",
    "load",
    "load_attribution_tagger",
    "original_text",
    "parse",
    "parse_text",
]
