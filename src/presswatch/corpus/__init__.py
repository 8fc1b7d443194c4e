"""The corpus: analysed articles kept in one SQLite store, linked across articles."""

from .core import AmbiguousName, Corpus, CorpusError, default_db_path
from .store import StoreError

__all__ = ["AmbiguousName", "Corpus", "CorpusError", "StoreError", "default_db_path"]
