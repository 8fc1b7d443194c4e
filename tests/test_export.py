"""`presswatch export`: every format read back by the tool it is meant for.

One small corpus for the whole module (ingesting runs spaCy): a wire story and
its syndicated copy, a follow-up, and a Ukrainian radio piece naming one of
the same people in Cyrillic, which is then edited so the corpus holds an old
version that no export may show."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from followthemoney import model

from presswatch.corpus import Corpus, CorpusError
from presswatch.export import TABLES, export_corpus
from tests.contract import DOCUMENT_KEYS

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = DOCUMENT_KEYS

HARBOUR = """Harbour council approves new ferry line

By Tom Reed

May 5, 2026

GDANSK, May 5 (Baltic Wire) - The harbour council on Tuesday approved a new ferry line to Karlskrona, ending months of talks with the Swedish operator Nordvik Lines.

"This line will bring tourists and jobs back to the old port," said Anna Kowalska, the mayor of Gdansk.

Council member Marta Bondar said the vote was a mistake and that Kowalska had ignored the dockworkers' union.

Kowalska said the first ship would sail in June.
"""

BUDGET = """Gdansk mayor defends port budget

By Ewa Lis

June 2, 2026

GDANSK, June 2 (Baltic Wire) - Anna Kowalska defended the city's port budget on Monday against critics on the council.

"We are not spending money on ferries, we are investing in the harbour," Kowalska told reporters.

Marta Bondar, who leads the opposition on the council, said the budget hid the true cost of the ferry line.
"""

RADIO = """Councillor speaks on local radio

By Olena Shevchuk

June 3, 2026

LVIV, June 3 (Radio Lviv) - Марта Бондар, a member of the Gdansk harbour council, told Radio Lviv that the ferry line was a mistake.

"Nobody asked the dockworkers," Бондар said.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    base = tmp_path_factory.mktemp("export")
    arts = base / "articles"
    arts.mkdir()
    (arts / "harbour.txt").write_text(HARBOUR)
    copy = HARBOUR.replace("Baltic Wire", "Coastal Post").replace("By Tom Reed", "By Coastal Post staff")
    (arts / "harbour-copy.txt").write_text(copy)
    (arts / "budget.txt").write_text(BUDGET)
    (arts / "radio.txt").write_text(RADIO)
    path = base / "corpus.db"
    with Corpus(path) as corpus:
        corpus.ingest([str(arts)])
        # A second version of the radio piece: the first stays in the store but is not current.
        (arts / "radio.txt").write_text(
            RADIO.replace("Radio Lviv", "Lviv Daily").replace("a mistake", "a costly mistake")
        )
        corpus.ingest([str(arts)])
    return path


@pytest.fixture(scope="module")
def corpus(db):
    with Corpus(db, readonly=True) as c:
        yield c


# Who is who across the fixture's articles, known by hand: one councillor in two alphabets.
SAME_ENTITY = {"Марта Бондар": "Marta Bondar"}
CORPUS_FIELDS = ("version", "duplicate_of", "story")


@pytest.fixture(scope="module")
def expected(db, analyze):
    """What every format should hold, computed without the corpus: the current article files analysed
    afresh (in source order), their entities counted by name with the fixture's one cross-alphabet pair
    merged."""
    docs = [analyze(path).to_dict() for path in sorted((db.parent / "articles").glob("*.txt"))]
    return {
        "docs": docs,
        "articles": len(docs),
        "entities": len({SAME_ENTITY.get(e["name"], e["name"]) for d in docs for e in d["entities"]}),
        "mentions": sum(len(e["mentions"]) for d in docs for e in d["entities"]),
        "quotes": sum(len(d["quotes"]) for d in docs),
    }


@pytest.fixture(scope="module")
def stored(corpus):
    """The corpus's own documents, only to look corpus entity ids up by name (never an expectation)."""
    return list(corpus.documents())


def as_analysed(doc):
    """An exported document as `analyze` returned it: the corpus's own fields and entity ids taken off."""
    out = {k: v for k, v in doc.items() if k not in CORPUS_FIELDS}
    out["entities"] = [{k: v for k, v in e.items() if k != "corpus_id"} for e in doc["entities"]]
    out["quotes"] = [
        {**q, "speaker": q["speaker"] and {k: v for k, v in q["speaker"].items() if k != "corpus_id"}}
        for q in doc["quotes"]
    ]
    return out


def entity_id(docs, name):
    ids = {e["corpus_id"] for d in docs for e in d["entities"] if e["name"] == name}
    assert len(ids) == 1, (name, ids)
    return ids.pop()


def test_fixture_is_what_the_tests_assume(corpus, expected, stored):
    assert expected["articles"] == 4
    assert expected["entities"] == 9  # Harbour, Karlskrona, Swedish, Nordvik Lines, Kowalska, Gdansk, Bondar, 2 outlets
    stats = corpus.stats()
    assert stats["articles"] == 4 and stats["superseded"] == 1  # the old radio version is still stored
    by_source = {Path(d["source"]).name: d for d in stored}
    assert by_source["harbour-copy.txt"]["duplicate_of"] == by_source["harbour.txt"]["id"]
    assert "costly" in by_source["radio.txt"]["text"]
    bondar = entity_id(stored, "Marta Bondar")
    assert bondar in {e["corpus_id"] for e in by_source["radio.txt"]["entities"]}  # linked across alphabets


def test_jsonl_is_the_documents(corpus, expected, tmp_path):
    out = tmp_path / "corpus.jsonl"
    summary = export_corpus(corpus, "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [as_analysed(d) for d in lines] == expected["docs"]
    for d in lines:
        assert set(CONTRACT) <= set(d) and set(CORPUS_FIELDS) <= set(d)
        # a quote's speaker carries the corpus id of the entity it is in the article
        corpus_ids = {e["id"]: e["corpus_id"] for e in d["entities"]}
        for q in d["quotes"]:
            assert q["speaker"] is None or q["speaker"]["corpus_id"] == corpus_ids.get(q["speaker"]["entity"]), q
    # one corpus id per entity of the fixture, shared across articles and alphabets
    named = {(e["corpus_id"], SAME_ENTITY.get(e["name"], e["name"])) for d in lines for e in d["entities"]}
    assert len(named) == len({i for i, _ in named}) == len({n for _, n in named}) == expected["entities"]
    by_name = {Path(d["source"]).name: d for d in lines}
    assert by_name["harbour-copy.txt"]["duplicate_of"] == by_name["harbour.txt"]["id"]
    assert [by_name[n]["version"] for n in sorted(by_name)] == [1, 1, 1, 2]  # the radio piece was edited once
    assert summary == f"exported 4 articles, {expected['entities']} entities, {expected['quotes']} quotes to {out}"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def test_csv_tables(corpus, expected, stored, tmp_path):
    summary = export_corpus(corpus, "csv", tmp_path / "tables")
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "articles.csv",
        "entities.csv",
        "mentions.csv",
        "quotes.csv",
    ]
    tables = {name: read_csv(tmp_path / "tables" / f"{name}.csv") for name, _, _ in TABLES}
    for name, columns, _ in TABLES:
        assert tables[name][0] == [c for c, _ in columns]
        assert len(tables[name][1]) == expected[name], name
    assert "4 articles" in summary

    docs = expected["docs"]
    entities = {r["id"]: r for r in tables["entities"][1]}
    kowalska, bondar = entity_id(stored, "Anna Kowalska"), entity_id(stored, "Marta Bondar")
    assert entities[kowalska]["aliases"] == "Kowalska"
    assert set(entities[bondar]["aliases"].split(" | ")) == {"Марта Бондар", "Бондар"}
    assert (entities[kowalska]["type"], entities[kowalska]["articles"]) == ("PERSON", "2")  # the copy counts once
    assert entities[bondar]["articles"] == "3"
    assert "Radio Lviv" not in {r["name"] for r in entities.values()}  # only in the old version

    quotes = tables["quotes"][1]
    copy_id = next(d["id"] for d in docs if d["source"].endswith("harbour-copy.txt"))
    original = next(d["id"] for d in docs if d["source"].endswith("/harbour.txt"))
    copied = [q for q in quotes if q["article_id"] == copy_id]
    assert copied and all(q["duplicate_of"] == original for q in copied)
    by_bondar = [q for q in quotes if q["speaker_entity_id"] == bondar and "vote was a mistake" in q["content"]]
    assert len(by_bondar) == 2 and all(q["about"] == kowalska for q in by_bondar)
    assert {"Марта Бондар", "Бондар"} <= {m["text"] for m in tables["mentions"][1] if m["entity_id"] == bondar}


def test_parquet_tables(corpus, expected, tmp_path):
    export_corpus(corpus, "parquet", tmp_path / "pq")
    for name, columns, _ in TABLES:
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.column_names == [c for c, _ in columns]
        assert table.num_rows == expected[name], name
    entities = pq.read_table(tmp_path / "pq" / "entities.parquet").to_pylist()
    bondar = next(e for e in entities if e["name"] == "Marta Bondar")
    assert sorted(bondar["aliases"]) == ["Бондар", "Марта Бондар"] and bondar["articles"] == 3


def test_gexf_network(corpus, expected, stored, tmp_path):
    out = tmp_path / "net.gexf"
    summary = export_corpus(corpus, "gexf", out)
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == expected["entities"]
    kowalska, bondar = entity_id(stored, "Anna Kowalska"), entity_id(stored, "Marta Bondar")
    assert g.nodes[bondar]["label"] == "Marta Bondar" and g.nodes[bondar]["type"] == "PERSON"
    assert g.nodes[kowalska]["articles"] == 2
    # Bondar speaks about Kowalska in the wire story; its copy does not count twice.
    edge = g.edges[bondar, kowalska]
    assert (edge["kind"], edge["weight"], edge["quotes"], edge["co_mentions"]) == ("quote", 1, 1, 2)
    assert not g.has_edge(kowalska, bondar)
    # A pair seen together without quotes: one co-mention edge, counted per syndicated group.
    nordvik = entity_id(stored, "Nordvik Lines")
    pair = (min(kowalska, nordvik), max(kowalska, nordvik))
    assert g.has_edge(*pair) and not g.has_edge(*reversed(pair))
    assert (g.edges[pair]["kind"], g.edges[pair]["weight"]) == ("co-mention", 1)
    assert "co-mention" in summary and "quote edges" in summary


def test_ftm_entities(corpus, expected, tmp_path):
    out = tmp_path / "corpus.ftm.json"
    export_corpus(corpus, "ftm", out)
    proxies = [
        model.get_proxy(json.loads(line), cleaned=False) for line in out.read_text(encoding="utf-8").splitlines()
    ]
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies)
    for p in proxies:
        p.schema.validate(p.to_dict())  # raises on an invalid value
        assert all(p.get(prop) for prop in p.schema.required), (p.schema.name, p.to_dict())
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (p.id, prop.name, value)  # no dangling references
    by_schema = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert len(by_schema["Article"]) == expected["articles"]
    bondar = next(p for p in by_schema["Person"] if p.first("name") == "Marta Bondar")
    assert bondar.get("alias") == ["Марта Бондар"] and bondar.get("weakAlias") == ["Бондар"]
    quoted = [
        p for p in by_schema["Documentation"] if p.first("entity") == bondar.id and p.first("role").startswith("quoted")
    ]
    assert {p.first("summary") for p in quoted} >= {"Nobody asked the dockworkers,"}
    articles = {p.first("title") for p in by_schema["Article"]}
    assert "Gdansk mayor defends port budget" in articles
    # Re-exporting gives the same ids: Aleph updates entities instead of duplicating them.
    again = tmp_path / "again.json"
    export_corpus(corpus, "ftm", again)
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_user_errors(corpus, tmp_path):
    with pytest.raises(CorpusError, match="directory"):
        export_corpus(corpus, "csv", None)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(CorpusError, match="directory"):
        export_corpus(corpus, "parquet", a_file)
    with pytest.raises(CorpusError, match="is a directory"):
        export_corpus(corpus, "gexf", tmp_path)
    with pytest.raises(CorpusError, match="unknown export format"):
        export_corpus(corpus, "xml", None)


def run(*args):
    exe = Path(sys.executable).parent / "presswatch"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "presswatch.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_stdout_and_missing_output(db, expected):
    r = run("export", "--format", "jsonl", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()] == [d["id"] for d in expected["docs"]]
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and r.stderr.startswith("exported 4 articles")

    r = run("export", "-f", "csv", "--db", str(db))
    assert r.returncode == 1 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert "-o" in r.stderr

    r = run("export", "-f", "gexf", "--db", str(db))
    assert r.returncode == 0 and r.stdout.startswith("<?xml")
