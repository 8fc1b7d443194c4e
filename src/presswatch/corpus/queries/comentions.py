"""Co-mentions among a few entities: in how many of the given articles each pair is named.

Input: article ids (a dossier's) and entity ids (its most co-mentioned). Output:
(entity a, entity b, articles) triples, a < b, for the network drawing."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from itertools import combinations


def pair_counts(conn: sqlite3.Connection, article_ids: list[str], entity_ids: list[str]) -> list[tuple[str, str, int]]:
    """How many of `article_ids` name both entities of each pair drawn from `entity_ids`."""
    named: dict[str, set[str]] = {}
    for aid, eid in conn.execute(
        "SELECT DISTINCT ae.article_id, ae.entity_id FROM json_each(?) a"
        " JOIN article_entities ae ON ae.article_id = a.value"
        " WHERE ae.entity_id IN (SELECT value FROM json_each(?))",
        (json.dumps(article_ids), json.dumps(entity_ids)),
    ):
        named.setdefault(aid, set()).add(eid)
    pairs: Counter = Counter()
    for ents in named.values():
        pairs.update(combinations(sorted(ents), 2))
    return sorted((a, b, n) for (a, b), n in pairs.items())
