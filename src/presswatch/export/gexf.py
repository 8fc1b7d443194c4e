"""GEXF: the entity network (co-mentions and who quotes whom about whom), for Gephi.

Nodes are corpus entities named in current articles (id = corpus id;
attributes label = canonical name, type, aliases, articles, mentions).

Two relations share the graph, because Gephi handles one edge per ordered
pair far better than parallel edges (a MultiDiGraph):

- quote: speaker -> an entity named inside the quote; weight = number of
  such quotes, copies of a syndicated quote counted once.
- co-mention: two entities named in the same article; weight = number of
  near-duplicate groups (syndicated copies once) where both appear.

Every edge carries both figures as `quotes` and `co_mentions`, and `kind`
says which one `weight` is. A pair with a quote either way gets quote
edge(s) only (its co-mentions ride along, always >= 1, since speaker and
subject share the article); a pair without one gets a single co-mention
edge from the smaller to the larger id, whose direction means nothing.
So in Gephi: filter kind = quote for who speaks about whom; use all edges
with co_mentions as weight for who appears together. Self-loops (a speaker
naming themselves) are left out."""

from __future__ import annotations

import sqlite3
from collections import Counter
from itertools import combinations, groupby
from typing import IO, Any

from ..corpus import Corpus
from .tables import CURRENT, SEP, entity_rows


def build_graph(corpus: Corpus) -> Any:
    """The entity network as a networkx DiGraph, ready for `write_gexf`; the graph's
    `articles` and `quotes` attributes count what it was built from."""
    import networkx as nx

    graph = nx.DiGraph()
    for e in entity_rows(corpus):
        graph.add_node(
            e["id"],
            label=e["name"],
            type=e["type"],
            aliases=SEP.join(e["aliases"]),
            articles=e["articles"],
            mentions=e["mentions"],
        )
    co, articles = _co_mentions(corpus.conn)
    said, quotes = _quoted_subjects(corpus.conn)
    for (a, b), n in sorted(said.items()):
        pair = (min(a, b), max(a, b))
        graph.add_edge(a, b, kind="quote", weight=n, quotes=n, co_mentions=co.get(pair, 0))
    for (a, b), n in sorted(co.items()):
        if not graph.has_edge(a, b) and not graph.has_edge(b, a):
            graph.add_edge(a, b, kind="co-mention", weight=n, quotes=0, co_mentions=n)
    graph.graph.update(articles=articles, quotes=quotes)
    return graph


def write_gexf(graph: Any, out: IO[bytes]) -> None:
    import networkx as nx

    nx.write_gexf(graph, out)


def _co_mentions(conn: sqlite3.Connection) -> tuple[Counter, int]:
    """Near-duplicate groups naming each pair (smaller id first), and how many current
    articles name any entity. A group names a pair when one of its copies names both."""
    co: Counter = Counter()
    articles = 0
    rows = conn.execute(f"""WITH {CURRENT}
            SELECT DISTINCT grp.dup_group, ae.article_id, ae.entity_id FROM article_entities ae
            JOIN grp ON grp.article_id = ae.article_id WHERE ae.entity_id IS NOT NULL
            ORDER BY grp.dup_group, ae.article_id""")
    for _, group_rows in groupby(rows, key=lambda r: r["dup_group"]):
        pairs: set[tuple[str, str]] = set()
        for _, article_rows in groupby(group_rows, key=lambda r: r["article_id"]):
            articles += 1
            pairs.update(combinations(sorted({r["entity_id"] for r in article_rows}), 2))
        co.update(pairs)
    return co, articles


def _quoted_subjects(conn: sqlite3.Connection) -> tuple[Counter, int]:
    """(speaker, subject) -> quotes, a quote repeated in copies of one article counted once
    (as in `presswatch quotes`); and how many quotes the current articles hold."""
    said: Counter = Counter()
    quotes = 0
    rows = conn.execute(f"""WITH {CURRENT}
            SELECT grp.dup_group, q.article_id, q.n, q.content, ae.entity_id AS speaker FROM quotes q
            JOIN grp ON grp.article_id = q.article_id
            LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id
            WHERE q.rejected = 0 ORDER BY grp.dup_group, q.article_id, q.n""")
    for _, group_rows in groupby(rows, key=lambda r: r["dup_group"]):
        seen: set[str] = set()
        for r in group_rows:
            quotes += 1
            text = " ".join(r["content"].split()).casefold()
            if text in seen or r["speaker"] is None:
                continue
            seen.add(text)
            for (subject,) in conn.execute(
                "SELECT DISTINCT ae.entity_id FROM quote_subjects s JOIN article_entities ae"
                " ON ae.article_id = s.article_id AND ae.local_id = s.local_id"
                " WHERE s.article_id = ? AND s.n = ? AND ae.entity_id IS NOT NULL",
                (r["article_id"], r["n"]),
            ):
                if subject != r["speaker"]:
                    said[(r["speaker"], subject)] += 1
    return said, quotes
