"""Word lists, kept as data: one file per list in this folder.

A list is a `.txt` file with one entry per line; blank lines and lines that
start with `#` are ignored, so each file can say what the list is for. Code
reads a list once, at import, through `words` (a frozenset, for membership) or
`entries` (a tuple in file order, for regex alternations where order matters).
tests/test_lexicon.py checks that no list repeats an entry.

Keeping the lists out of the code lets a reader see every list the rules rest
on in one place, and a reviewer spot a list that grows by one word per error
found (which is tuning, not a rule)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of list `name`, in file order."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """The entries of list `name`, as a set."""
    return frozenset(entries(name))


def names() -> list[str]:
    """Every list shipped, by name."""
    return sorted(p.name.removesuffix(".txt") for p in files(__package__).iterdir() if p.name.endswith(".txt"))
