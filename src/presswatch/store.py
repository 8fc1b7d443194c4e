"""Kept only so that `from presswatch.store import StoreError` (cli_corpus.py) still works:
the store is `presswatch.corpus.store` now. Delete this module once the CLI imports
`StoreError` from `presswatch.corpus`."""

from .corpus.store import StoreError

__all__ = ["StoreError"]
