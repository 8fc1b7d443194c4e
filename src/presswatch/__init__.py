"""presswatch: who said what, about whom, where and when — from messy news articles.

    >>> import presswatch
    >>> doc = presswatch.analyze("article.txt")        # or raw text, or (text, source)
    >>> for doc in presswatch.analyze_many(paths, workers=2): ...
"""
from .document import Document, Entity, Mention, Quote, Removed, Speaker
from .pipeline import analyze, analyze_many

__all__ = ["analyze", "analyze_many", "Document", "Entity", "Mention", "Quote", "Removed", "Speaker"]
__version__ = "0.1.0"
