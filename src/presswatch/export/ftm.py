"""FollowTheMoney (FtM): the corpus as entities Aleph reads, one JSON object a line.

Entities first, then each article with its links, so a reader meets an entity
before anything pointing at it.

- corpus entity -> Person / Organization / Territory: name = canonical name;
  alias = the other names (for people, single-word names such as a bare
  surname go to weakAlias, as FtM advises for names too weak to match on);
  position = the roles the articles give a person.
- article -> Article: title, author, publishedAt, publisher (outlet),
  language, bodyText, fileName, and the *Mentioned name lists Aleph facets on.
- entity named in an article -> Documentation (document = Article,
  entity = it, role = its roles there or "mentioned", date = published).
  FtM's Mention schema is for unresolved names found by ingest; ours are
  resolved, and Documentation is the edge Aleph draws in its network view.
- quote with a known speaker -> Documentation (role "quoted (kind)",
  summary = the words, recordId = article:n); a quote without one -> a Note
  on the Article (description = the words, summary = who, as written).

The `followthemoney` package is an optional extra (`presswatch[ftm]`): it is
imported only here, when this format is asked for."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import IO, Any

from ..corpus import Corpus, CorpusError
from .tables import CURRENT, article_rows, entity_rows

INSTALL_HINT = "pip install 'presswatch[ftm]'"

# presswatch types -> FollowTheMoney schemata. NORP (nationalities, religious
# and political groups: "Belarusian") names no one Aleph could hold a record on,
# so it is left out, as are links to it.
FTM_SCHEMA = {"PERSON": "Person", "ORG": "Organization", "MEDIA": "Organization", "GPE": "Territory"}
FTM_MENTIONED = {
    "PERSON": "peopleMentioned",
    "ORG": "companiesMentioned",
    "MEDIA": "companiesMentioned",
    "GPE": "locationMentioned",
}


def ftm_id(*parts: str) -> str:
    """Readable, stable FtM ids built from presswatch ids: 'pw-E080a8641b6',
    'pw-a-<article>', 'pw-m-<article>-<entity>', 'pw-q-<article>-<n>'. They
    match FtM's id pattern, survive re-export, and lead back to the CSV rows."""
    return "-".join(("pw", *parts))


def load_model() -> Any:
    """FollowTheMoney's schema model; a CorpusError saying how to install it when it is missing."""
    try:
        from followthemoney import model
    except ImportError:
        raise CorpusError(f"--format ftm needs the followthemoney package: {INSTALL_HINT}") from None
    return model


def export_ftm(corpus: Corpus, out: IO[str], model: Any) -> Counter:
    """Write the FtM entities; returns counts of entities, articles, quotes and lines."""
    writer = _FtmWriter(corpus, out, model)
    writer.entities()
    for a in article_rows(corpus):
        writer.article(a)
    return writer.counts


class _FtmWriter:
    def __init__(self, corpus: Corpus, out: IO[str], model: Any):
        self.corpus, self.conn, self.out, self.model = corpus, corpus.conn, out, model
        self.counts: Counter = Counter()
        self.kept: dict[str, str] = {}  # corpus id -> FtM id, for the entities emitted

    def emit(self, proxy: Any) -> None:
        self.out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        self.counts["lines"] += 1

    def entities(self) -> None:
        roles_sql = f"""WITH {CURRENT} SELECT ae.roles FROM article_entities ae JOIN grp ON grp.article_id = ae.article_id
                    WHERE ae.entity_id = ?"""
        for e in entity_rows(self.corpus):
            schema = FTM_SCHEMA.get(e["type"])
            if schema is None:
                continue
            proxy = self.model.make_entity(schema)
            proxy.id = ftm_id(e["id"])
            proxy.add("name", e["name"])
            for alias in e["aliases"]:
                weak = schema == "Person" and len(alias.split()) == 1
                proxy.add("weakAlias" if weak else "alias", alias)
            if schema == "Person":
                roles = {role for (rs,) in self.conn.execute(roles_sql, (e["id"],)) for role in json.loads(rs)}
                proxy.add("position", sorted(roles))
            self.emit(proxy)
            self.kept[e["id"]] = proxy.id
            self.counts["entities"] += 1

    def article(self, a: dict) -> None:
        """The Article, then a Documentation per entity it names, then its quotes."""
        article = self.model.make_entity("Article")
        article.id = ftm_id("a", a["id"])
        article.add("title", a["title"])
        article.add("author", a["authors"])
        article.add("publishedAt", a["published"])
        article.add("publisher", a["outlet"])
        article.add("language", a["language"])
        article.add("bodyText", a["text"])
        article.add("fileName", Path(a["source"]).name)
        linked = [
            (r["entity_id"], r["type"], json.loads(r["roles"]))
            for r in self.conn.execute(
                "SELECT entity_id, type, roles FROM article_entities WHERE article_id = ? AND entity_id IS NOT NULL"
                " ORDER BY CAST(substr(local_id, 2) AS INTEGER)",
                (a["id"],),
            )
            if r["entity_id"] in self.kept
        ]
        for eid, _, _ in linked:
            # by the corpus entity's type: "Ukrainian" (NORP here) may be linked to Ukraine (GPE)
            name, etype = self.conn.execute("SELECT name, type FROM entities WHERE id = ?", (eid,)).fetchone()
            if etype in FTM_MENTIONED:
                article.add(FTM_MENTIONED[etype], name)
        self.emit(article)
        self.counts["articles"] += 1
        self._mentions(a, article.id, linked)
        self._quotes(a, article.id)

    def _mentions(self, a: dict, article_id: str, linked: list[tuple[str, str, list[str]]]) -> None:
        roles_by_entity: dict[str, list[str]] = {}
        for eid, _, roles in linked:  # one entity may be several article entities ("Лукашэнка", "Lukashenka")
            roles_by_entity.setdefault(eid, [])
            roles_by_entity[eid] += [r for r in roles if r not in roles_by_entity[eid]]
        for eid, roles in roles_by_entity.items():
            link = self.model.make_entity("Documentation")
            link.id = ftm_id("m", a["id"], eid)
            link.add("document", article_id)
            link.add("entity", self.kept[eid])
            link.add("role", "; ".join(roles) if roles else "mentioned")
            link.add("date", a["published"])
            self.emit(link)

    def _quotes(self, a: dict, article_id: str) -> None:
        for q in self.conn.execute(
            "SELECT q.n, q.kind, q.content, q.speaker_name, q.cue, ae.entity_id FROM quotes q"
            " LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.local_id = q.speaker_local_id"
            " WHERE q.article_id = ? AND q.rejected = 0 ORDER BY q.n",
            (a["id"],),
        ):
            self.counts["quotes"] += 1
            if q["entity_id"] in self.kept:
                quote = self.model.make_entity("Documentation")
                quote.add("document", article_id)
                quote.add("entity", self.kept[q["entity_id"]])
                quote.add("role", f"quoted ({q['kind']})")
                quote.add("summary", q["content"])
                quote.add("date", a["published"])
                quote.add("recordId", f"{a['id']}:{q['n']}")
            else:
                quote = self.model.make_entity("Note")
                quote.add("entity", article_id)
                quote.add("description", q["content"])
                quote.add("summary", f"{q['speaker_name'] or 'unattributed'} ({q['kind']} quote)")
            quote.id = ftm_id("q", a["id"], str(q["n"]))
            self.emit(quote)
