"""presswatch: who said what, about whom, where and when — from messy news articles.

>>> import presswatch
>>> doc = presswatch.analyze("article.txt")        # or raw text, or (text, source)
>>> for doc in presswatch.analyze_many(paths, workers=2): ...
>>> corpus = presswatch.Corpus("presswatch.db")     # the persistent, linked corpus
"""

from .document import Document, Entity, Mention, Quote, Removed, Speaker

__all__ = ["Corpus", "Document", "Entity", "Mention", "Quote", "Removed", "Speaker", "analyze", "analyze_many"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # spaCy takes a second to import; commands that only read the corpus never need it
    if name in ("analyze", "analyze_many"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "Corpus":
        from .corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'presswatch' has no attribute {name!r}")
