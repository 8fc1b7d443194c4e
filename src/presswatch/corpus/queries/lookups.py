"""Finding entities: an id, or any name an entity goes by, in any script and spelling.

Input: a name as a user types it. Output: `entities` rows as dicts. An id
merged into another entity finds that one, with `merged_from` set to the old
id. Names are matched on their folded key (`identity.name_key`), then, for
spellings nobody used yet, through the linker's own blocking keys and name
comparison."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ...names import org_match
from .. import identity
from .. import ids as entity_ids
from ..errors import AmbiguousName, CorpusError
from ..identity import Item, name_key

FUZZY_ROWS = 2000  # article entities read per blocking key


def find(conn: sqlite3.Connection, name: str) -> list[dict]:
    """Entities that `name` can denote: an id, or any alias in any script; best-known first."""
    name = name.strip()
    # an entity named only in superseded versions (0 current articles) is not found, by id or by name
    row = conn.execute("SELECT * FROM entities WHERE id = ? AND articles > 0", (name,)).fetchone()
    if row:
        return [dict(row)]
    survivor = entity_ids.merged_into(conn, name)
    if survivor:  # an old id: the entity it was merged into, saying so
        row = conn.execute("SELECT * FROM entities WHERE id = ?", (survivor,)).fetchone()
        return [dict(row) | {"merged_from": name}] if row else []
    key = name_key(name)
    if not key:
        return []
    ids = [r[0] for r in conn.execute("SELECT DISTINCT entity_id FROM entity_names WHERE key = ?", (key,))]
    if not ids:
        ids = fuzzy_find(conn, name)
    found = [dict(r) for i in ids for r in conn.execute("SELECT * FROM entities WHERE id = ? AND articles > 0", (i,))]
    return sorted(found, key=lambda e: (-e["articles"], e["name"]))


def fuzzy_find(conn: sqlite3.Connection, name: str) -> list[str]:
    """Spellings nobody used yet: 'Lukashenko' finds the entity written 'Lukashenka'."""
    ids: set[str] = set()
    for etype in ("PERSON", "ORG"):
        probe = Item(key=("", ""), name=name, type=etype)
        for k in identity.link_keys(probe):
            for ent_id, nm, ent_type in conn.execute(
                "SELECT DISTINCT ae.entity_id, ae.name, ae.type FROM link_keys lk JOIN article_entities ae "
                f"ON ae.article_id = lk.article_id AND ae.local_id = lk.local_id WHERE lk.key = ? LIMIT {FUZZY_ROWS}",
                (k,),
            ):
                if ent_id is None or identity.FAMILY.get(ent_type) != identity.FAMILY[etype]:
                    continue
                other = Item(key=("", ""), name=nm, type=ent_type)
                if etype == "PERSON":
                    if identity.forms_agree(identity.person_form(probe), identity.person_form(other)):
                        ids.add(ent_id)
                elif org_match(name, nm):
                    ids.add(ent_id)
    return sorted(ids)


def resolve(conn: sqlite3.Connection, name: str, db_path: Path) -> dict:
    """The one entity `name` denotes; CorpusError when none, AmbiguousName when several.
    `db_path` only names the store in the message."""
    found = find(conn, name)
    if not found:
        raise CorpusError(f"no entity called '{name}' in {db_path}")
    if len(found) > 1:
        exact = [e for e in found if name_key(e["name"]) == name_key(name)]
        if len(exact) == 1:
            return exact[0]
        written = _written_so(conn, [e["id"] for e in found], name_key(name))
        if len(written) == 1:
            return next(e for e in found if e["id"] in written)
        raise AmbiguousName(name, found)
    return found[0]


def _written_so(conn: sqlite3.Connection, ids: list[str], key: str) -> set[str]:
    """The entities among `ids` that some article names with these very words: a
    bare "Ковалёв" is the Kavaliou written "Александр Ковалёв", not the one only
    ever written in Latin letters, though both are Ковалёв by sound."""
    if not key:
        return set()
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT entity_id, key FROM entity_names WHERE entity_id IN ({marks})", ids)
    words = key.split()
    return {
        ent for ent, name in rows if any(name.split()[i : i + len(words)] == words for i in range(len(name.split())))
    }


def entities_named(conn: sqlite3.Connection, query: str) -> list[str]:
    """Ids of the entities a search query names (none for a query of more than four words
    that no entity goes by exactly); only entities named in current articles."""
    key = name_key(query)
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT n.entity_id FROM entity_names n JOIN entities e ON e.id = n.entity_id"
            " WHERE n.key = ? AND e.articles > 0",
            (key,),
        )
    ]
    return ids or (fuzzy_find(conn, query) if len(query.split()) <= 4 else [])
