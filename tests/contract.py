"""The JSON contract's keys as the README and docs/contract.md give them, written out
once for the tests that check them (not read from the code they check)."""

DOCUMENT_KEYS = [
    "id",
    "source",
    "title",
    "outlet",
    "authors",
    "translators",
    "published",
    "language",
    "genre",
    "text",
    "removed",
    "entities",
    "quotes",
    "error",
]
