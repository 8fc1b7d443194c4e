"""The word lists in presswatch/lexicon: each one parses, none repeats an entry."""

from collections import Counter

import pytest

from presswatch import lexicon


def test_there_are_lists():
    assert len(lexicon.names()) >= 5


@pytest.mark.parametrize("name", lexicon.names())
def test_a_list_has_entries_and_no_repeats(name):
    entries = lexicon.entries(name)
    assert entries, f"{name}.txt is empty"
    repeated = [w for w, n in Counter(entries).items() if n > 1]
    assert not repeated, f"{name}.txt repeats {repeated}"
    assert all(e == e.strip() for e in entries)
