"""What reads mean by "current", as SQL fragments every query shares.

The current version of an article is defined once, by the view `current_articles`
(see `migrations`): the latest version read from each source. Older versions
stay in the store (history) and in the search index, so every read filters
through the view. The fragments take the SQL expression naming the article id
(or search row) of the enclosing query."""

from __future__ import annotations


def is_current(article_id: str) -> str:
    """SQL: true when the article `article_id` is the current version of some source."""
    return f"EXISTS (SELECT 1 FROM current_articles cur WHERE cur.id = {article_id})"


def source_of(article_id: str) -> str:
    """SQL: the first source (in name order) whose current version is `article_id`; NULL when none."""
    return f"(SELECT min(cur.source) FROM current_articles cur WHERE cur.id = {article_id})"


# A row of the `search` table that a read may show: an article or a quote of a
# current article, or an entity named in one (`entities.articles` counts current
# articles only, so an entity known only from superseded versions has 0).
SEARCH_ROW_IS_CURRENT = (
    "CASE search.kind"
    " WHEN 'entity' THEN EXISTS (SELECT 1 FROM entities ent WHERE ent.id = search.ref AND ent.articles > 0)"
    " WHEN 'quote' THEN "
    + is_current("substr(search.ref, 1, instr(search.ref, ':') - 1)")
    # and not one a human said is not a quote (quote_judgements)
    + " AND NOT EXISTS (SELECT 1 FROM quotes rq WHERE rq.article_id = substr(search.ref, 1, instr(search.ref, ':') - 1)"
    " AND rq.n = CAST(substr(search.ref, instr(search.ref, ':') + 1) AS INTEGER) AND rq.rejected = 1)"
    + " ELSE "
    + is_current("search.ref")
    + " END"
)
