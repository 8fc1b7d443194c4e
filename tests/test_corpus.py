"""The corpus as a user meets it: one identity across spellings and alphabets,
dossiers, quotes, search, duplicates and stories (fixtures: tests/corpus_fixtures,
written for this project; every name is invented but Lukashenka)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.corpus import AmbiguousName, Corpus, CorpusError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "corpus_fixtures"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    c = Corpus(db)
    counts = c.ingest([str(FIXTURES)])
    assert counts == {"new": 5, "unchanged": 0, "failed": 0}
    yield c
    c.close()


def cli(*args, db):
    exe = Path(sys.executable).parent / "presswatch"
    return subprocess.run([str(exe), *args, "--db", str(db)], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_one_person_across_spellings_and_scripts(corpus):
    for name in (
        "Alyaksandr Kavaliou",
        "Aleksandr Kovalev",
        "Александр Ковалёв",
        "Alexander Kovalyov",
        "Аляксандр Кавалёў",
    ):
        assert corpus.resolve(name)["name"] == corpus.resolve("Alyaksandr Kavaliou")["name"], name
    d = corpus.dossier("Александр Ковалёв")
    assert d["type"] == "PERSON"
    assert {"Latin", "Cyrillic"} <= set(d["aliases"])
    assert any("Minister" in r["role"] for r in d["roles"])


def test_namesake_stays_apart_and_bare_surname_is_ambiguous(corpus):
    striker = corpus.resolve("Ihar Kavaliou")
    minister = corpus.resolve("Alyaksandr Kavaliou")
    assert striker["id"] != minister["id"]
    with pytest.raises(AmbiguousName) as exc:
        corpus.resolve("Kavaliou")
    assert {c["id"] for c in exc.value.candidates} == {striker["id"], minister["id"]}
    with pytest.raises(CorpusError):
        corpus.resolve("Nobody Atall")


def test_syndicated_copy_counted_once_but_listed(corpus):
    d = corpus.dossier("Alyaksandr Kavaliou")
    copies = [a for a in d["articles"] if a["copies"]]
    assert len(copies) == 1 and len(copies[0]["copies"]) == 1
    said = [q for q in d["quotes_by"] if "twice the current load" in q["content"]]
    assert len(said) == 1 and len(said[0]["copies"]) == 1


def test_quotes_filters(corpus):
    minister = corpus.resolve("Alyaksandr Kavaliou")["id"]
    by = corpus.quotes(speaker="Aleksandr Kovalev")
    assert by and all(q["speaker_entity"] == minister for q in by)
    # each filter keeps exactly the quotes it names (and there are some to keep, and some to drop)
    direct = corpus.quotes(speaker="Alyaksandr Kavaliou", kind="direct")
    assert direct and direct == [q for q in by if q["kind"] == "direct"] and len(direct) < len(by)
    everything = corpus.quotes()
    rusvest = corpus.quotes(outlet="Rusvest")
    assert rusvest and rusvest == [q for q in everything if q["outlet"] == "Rusvest"] and len(rusvest) < len(everything)
    assert corpus.quotes(since="2100-01-01") == []
    assert corpus.quotes(speaker=minister, since="2100-01-01") == []
    dates = [q["published"] or "" for q in corpus.quotes()]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_a_list_cut_short_still_lists_every_copy(corpus):
    for filters in ({}, {"speaker": "Alyaksandr Kavaliou"}):
        everything = corpus.quotes(**filters)
        assert any(q["copies"] for q in everything)
        for k in range(1, len(everything) + 1):
            assert corpus.quotes(**filters, limit=k) == everything[:k], (filters, k)


def test_quotes_about_an_entity_read_off_its_index_match_a_plain_scan(corpus):
    """quotes(about=X) walks X's own index; the same quotes come from scanning every quote's subjects."""
    c = corpus.conn
    by_minister = {(q["article_id"], q["n"]) for q in corpus.quotes(speaker="Alyaksandr Kavaliou")}
    for name in ("Alyaksandr Kavaliou", "Лукашенко", "Hrodna"):
        eid = corpus.resolve(name)["id"]
        expected = {
            (r[0], r[1])
            for r in c.execute(
                "SELECT q.article_id, q.n FROM quotes q JOIN quote_subjects qs ON qs.article_id = q.article_id AND qs.n = q.n"
                " JOIN article_entities sub ON sub.article_id = qs.article_id AND sub.local_id = qs.local_id"
                " WHERE sub.entity_id = ?",
                (eid,),
            )
        }
        got = corpus.quotes(about=eid)
        assert {(q["article_id"], q["n"]) for q in got} <= expected
        assert len({(q["article_id"], q["n"]) for q in got}) == len(got), "each quote once"
        assert len(got) + sum(len(q["copies"]) for q in got) == len(expected), "every copy listed"
        both = corpus.quotes(speaker="Alyaksandr Kavaliou", about=eid)
        assert {(q["article_id"], q["n"]) for q in both} == {(q["article_id"], q["n"]) for q in got} & by_minister
    # the minister talks about Hrodna: the combined filter has something to keep
    assert corpus.quotes(speaker="Alyaksandr Kavaliou", about=corpus.resolve("Hrodna")["id"])


def test_search_ignores_the_alphabet(corpus):
    latin = corpus.search("Kovalev")
    cyrillic = corpus.search("Ковалев")
    assert cyrillic, "a Cyrillic query finds the Latin spellings"
    assert {h["ref"] for h in latin} & {h["ref"] for h in cyrillic}
    hits = corpus.search("Кавалёў")  # a spelling no article uses finds the entity and its articles
    assert any(h["kind"] == "entity" for h in hits)
    assert any(h["kind"] == "article" for h in hits)
    assert all("[" in h["snippet"] for h in hits if h["kind"] == "article")


def test_stories_group_outlets(corpus):
    stories = corpus.stories()
    power = [s for s in stories if "Belwire" in s["outlets"] and "Rusvest" in s["outlets"]]
    assert len(power) == 1
    assert power[0]["articles"] == 2 and power[0]["copies"] == 1
    assert not any("Sportline" in s["outlets"] for s in stories)


def test_cli_dossier_quotes_search_json(corpus):
    db = corpus.path
    r = cli("entity", "Ковалёв", "--json", db=db)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["name"] in ("Alyaksandr Kavaliou", "Aleksandr Kovalev")
    r = cli("entity", "Kavaliou", db=db)
    assert r.returncode == 1 and "several entities" in r.stderr and "Traceback" not in r.stderr
    r = cli("quotes", "--speaker", "Kavaliou", db=db)
    assert r.returncode == 1 and "Ihar Kavaliou" in r.stderr
    r = cli("quotes", "--speaker", "Ihar Kavaliou", "--json", db=db)
    assert r.returncode == 0 and "win for the fans" in r.stdout
    every = json.loads(cli("quotes", "--limit", "0", "--json", db=db).stdout)
    assert len(every) == len(corpus.quotes()) > 1
    r = cli("quotes", "--limit", "1", db=db)
    assert r.returncode == 0 and "--limit 0" in r.stdout, "a cut list says so"
    assert json.loads(cli("quotes", "--limit", "1", "--json", db=db).stdout) == every[:1]
    r = cli("quotes", "--since", "March", db=db)
    assert r.returncode == 2
    r = cli("search", "Лукашенко", "--json", db=db)
    assert r.returncode == 0 and json.loads(r.stdout)
    r = cli("stories", db=db)
    assert r.returncode == 0 and "Rusvest" in r.stdout


def test_popular_entities_keep_their_quote_counts(tmp_path, monkeypatch):
    import presswatch.corpus.stats as corpus_mod

    monkeypatch.setattr(corpus_mod, "STATS_MIN_ARTICLES", 1)  # every entity counts as popular here
    with Corpus(tmp_path / "s.db") as c:
        c.ingest([str(FIXTURES)])
        minister = c.resolve("Alyaksandr Kavaliou")["id"]
        assert c.conn.execute("SELECT stats FROM entities WHERE id = ?", (minister,)).fetchone()[0]
        cut = c.dossier(minister, max_quotes=0)  # counts come from the stored stats
        full = c.dossier(minister, max_quotes=None)  # counts from the quotes themselves
        assert cut["totals"]["quotes_by"] == full["totals"]["quotes_by"] == len(full["quotes_by"]) > 0
        assert [t["quotes_by"] for t in cut["timeline"]] == [t["quotes_by"] for t in full["timeline"]]


def test_popular_entity_dossier_from_the_newest_articles_equals_the_full_one(tmp_path, monkeypatch):
    import presswatch.corpus.stats as corpus_mod

    monkeypatch.setattr(corpus_mod, "STATS_MIN_ARTICLES", 1)  # every entity takes the popular path
    with Corpus(tmp_path / "s.db") as c:
        c.ingest([str(FIXTURES)])
        for name in ("Alyaksandr Kavaliou", "Лукашенко"):
            eid = c.resolve(name)["id"]
            fast = c.dossier(eid)  # newest groups off the index, counts and timeline from entities.stats
            full = c.dossier(eid, max_articles=None, co_articles=None, max_quotes=None)  # reads everything
            for key in ("articles", "timeline", "totals", "co_mentioned", "roles", "quotes_by", "quotes_about"):
                if key == "totals":
                    assert {k: v for k, v in fast[key].items() if k != "co_mentioned_articles"} == {
                        k: v for k, v in full[key].items() if k != "co_mentioned_articles"
                    }
                else:
                    assert fast[key] == full[key], (name, key)
            newest = c.dossier(eid, max_articles=1)["articles"]
            assert newest == full["articles"][-1:]


def test_cli_filters_read_iso_dates_and_refuse_empty_names(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Mayor opens bridge\n\nBy Ann Lee | March 3, 2026\n\n"
        '"The bridge is open at last," the mayor of Hrodna, Ivan Sidarenka, told reporters on Tuesday.\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    assert cli("ingest", str(tmp_path / "a.txt"), db=db).returncode == 0

    def quotes(*flags):
        r = cli("quotes", "--limit", "0", "--json", *flags, db=db)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    assert [q["published"] for q in quotes()] == ["2026-03-03"]
    for since in ("2026-03-03", "20260303", "2026-W10"):  # ISO's extended, basic and week forms
        assert len(quotes("--since", since)) == 1, since
    assert quotes("--since", "20260304") == []
    for flag in ("--speaker", "--about", "--outlet"):
        r = cli("quotes", flag, "", db=db)
        assert r.returncode == 2 and "empty" in r.stderr, flag
