"""The server-rendered pages, in-process (Starlette's TestClient over create_app): search,
article, dossier, quotes (and their downloads), outlets, analyze and the review forms;
hostile article text escaped everywhere. The fixtures are tests/web_fixtures plus a
hostile record written here."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pytest

from presswatch.corpus import Corpus
from presswatch.web import charts
from presswatch.web.app import create_app
from presswatch.web.article_view import article_view, find_cue, runs

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette asks for httpx2, which is not a dependency
    from fastapi.testclient import TestClient

FIXTURES = Path(__file__).parent / "web_fixtures"
HOSTILE_TITLE = "Mayor <script>alert('pw')</script> quits <img src=x onerror=alert(1)>"
HOSTILE = {
    "url": "https://evil.example/news/1",
    "title": HOSTILE_TITLE,
    "maintext": 'Mayor Ivan Petrenko resigned on Monday, the city council said.\n\n"I leave with a clear conscience,"'
    ' Petrenko told reporters <script>alert(2)</script>. Read more at <a href="javascript:alert(3)">our site</a>.\n\n'
    "The council will elect a new mayor in May.",
    "date_publish": "2026-05-04",
    "source_domain": "evil.example",
    "authors": ["<svg onload=alert(5)>"],
}
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web_pages")
    (root / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    path = root / "web.db"
    with Corpus(path) as corpus:
        corpus.ingest([str(FIXTURES), str(root / "hostile.jsonl")])
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def ids(db: Path) -> dict:
    with Corpus(db, readonly=True) as corpus:
        docs = list(corpus.documents())
        return {
            "lukashenka": corpus.resolve("Lukashenko")["id"],
            "hostile": next(d["id"] for d in docs if d["outlet"] == "evil.example"),
            "harvest": next(d["id"] for d in docs if d["title"].startswith("Lukashenka orders")),
        }


def test_search_in_cyrillic_finds_the_latin_person_and_articles(client, db):
    page = client.get("/search", params={"q": "Лукашэнка"})
    assert page.status_code == 200
    assert f'href="/entity/{ids(db)["lukashenka"]}"' in page.text
    assert "Lukashenka orders faster harvest" in page.text
    assert "<mark>" in page.text


def test_hostile_title_is_escaped_on_the_search_page(client):
    page = client.get("/search", params={"q": "Petrenko"})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(&#39;pw&#39;)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    scripts = re.findall(r"<script[^>]*>", page.text)
    assert scripts == ['<script src="/static/presswatch.js" defer>']  # ours only, and no inline script
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_hostile_article_page_escapes_text_title_and_removed_lines(client, db):
    page = client.get(f"/article/{ids(db)['hostile']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert 'href="javascript:' not in page.text
    assert "&lt;script&gt;" in page.text
    assert not re.search(r"<[^>]+\sonerror=", page.text)


@pytest.mark.parametrize("url", ["/entity/Petrenko", "/quotes", "/quotes?outlet=evil", "/outlets", "/search?q=evil"])
def test_hostile_text_is_escaped_on_every_page(client, url):
    page = client.get(url)
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text and "<svg onload" not in page.text
    assert not re.search(r"<[^>]+\s(onerror|onload)=", page.text)
    assert 'href="javascript:' not in page.text


def test_hostile_text_pasted_into_analyze_is_escaped(client):
    page = client.post("/analyze", data={"text": HOSTILE_TITLE + "\n\n" + HOSTILE["maintext"]})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert 'href="javascript:' not in page.text


def test_analyze_reads_an_uploaded_html_file(client):
    html = (
        b"<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
        b"<p>ODESA, March 3, 2026 - The port of Odesa reopened on Tuesday, officials said.</p>"
        b"<p>&ldquo;We are open for business again,&rdquo; harbour master Oleh Petrenko told reporters.</p>"
        b"<p>Ships began to leave the port in the afternoon, the authorities said.</p></article></body></html>"
    )
    page = client.post("/analyze", files={"file": ("port.html", html, "text/html")})
    assert page.status_code == 200
    assert "We are open for business again" in page.text and "Oleh Petrenko" in page.text
    assert client.post("/analyze", files={"file": ("empty.txt", b"", "text/plain")}).status_code == 400


def test_article_marks_quotes_speakers_cues_and_keeps_removed_lines(client, db):
    page = client.get(f"/article/{ids(db)['harvest']}").text
    # the quote in its speaker's colour, the speaker linked to the dossier, the cue marked
    assert re.search(r'class="quote spk-\d"[^>]*>Every day in the field counts', page)
    assert re.search(rf'<a href="/entity/{ids(db)["lukashenka"]}" class="[^"]*speaker spk-\d', page)
    assert '<span class="cue" data-quote="' in page and ">told</span>" in page
    # removed lines are in the page (a <details>, no script needed) with their reasons
    assert '<details id="removed"' in page
    assert "Subscribe to our newsletter" in page and 'class="reason reason-' in page
    assert "Olga Rudnik" in page  # the byline: removed, and the author in the metadata


def test_dossier_has_names_by_script_timeline_network_and_outlets(client, db):
    page = client.get(f"/entity/{ids(db)['lukashenka']}").text
    assert "<dt>Cyrillic</dt><dd>Лукашэнка" in page
    timeline = page.split('<svg class="chart timeline"')[1].split("</svg>")[0]
    assert timeline.count('class="articles"') >= 3  # dated bars: August, October, November…
    assert "2026-08-12" in timeline
    network = page.split('<svg class="chart network"')[1].split("</svg>")[0]
    assert "Sviatlana Tsikhanouskaya" in network and "<circle" in network
    assert "Minsk Daily" in page.split("Outlets quoting")[1]
    # a name instead of an id finds the same dossier; an unknown one is a 404 page
    assert client.get("/entity/Лукашэнка").text.count("Alyaksandr Lukashenka") >= 1
    assert client.get("/entity/Nobody%20Atall").status_code == 404


def test_quotes_table_filters_and_downloads_what_is_shown(client):
    page = client.get("/quotes", params={"speaker": "Лукашэнка", "kind": "direct"})
    assert page.status_code == 200
    shown = re.findall(r'<a class="qlink"', page.text)
    assert shown and "Every day in the field counts" in page.text
    assert "INDIRECT" not in page.text.upper().split("<TBODY>")[1].replace("KIND-INDIRECT", "")
    rows = list(
        csv.DictReader(io.StringIO(client.get("/quotes.csv", params={"speaker": "Лукашэнка", "kind": "direct"}).text))
    )
    assert len(rows) == len(shown) and {r["kind"] for r in rows} == {"direct"}
    data = client.get("/quotes.json", params={"speaker": "Лукашэнка", "kind": "direct"}).json()
    assert len(data["quotes"]) == len(shown) and data["filters"] == {"speaker": "Лукашэнка", "kind": "direct"}
    assert client.get("/quotes", params={"since": "last week"}).status_code == 400
    assert client.get("/quotes", params={"kind": "rumour"}).status_code == 400


def test_outlets_page_counts_direct_and_indirect(client):
    page = client.get("/outlets").text
    assert "Minsk Daily" in page and "Baltic Wire" in page
    assert re.search(r"\d+ quotes?: \d+ direct, \d+ indirect, \d+ mixed", page)
    assert 'id="matrix"' in page


@pytest.mark.parametrize("q", ['"', "NEAR(a b", "x" * 10_000, "*:^", "---"])
def test_malformed_search_is_400_not_500(client, q):
    assert client.get("/search", params={"q": q}).status_code in (200, 400)
    assert client.get("/search", params={"q": "x" * 10_000}).status_code == 400
    assert client.get("/search", params={"q": "***"}).status_code == 400


def test_analyze_shows_the_result_and_stores_nothing(client, db):
    with Corpus(db, readonly=True) as corpus:
        before = corpus.stats()
    text = (FIXTURES / "w2-tsikhanouskaya-vilnius.txt").read_text(encoding="utf-8").replace("Vilnius", "Riga")
    page = client.post("/analyze", data={"text": text})
    assert page.status_code == 200
    assert re.search(r'class="quote spk-\d"[^>]*>Pressure works only when it is consistent', page.text)
    assert "<th>published</th>" in page.text and "dateline" in page.text  # metadata with provenance
    upload = client.post("/analyze", files={"file": ("../../etc/passwd.html", b"<p>" + b"x" * 1_000_001, "text/html")})
    assert upload.status_code == 413
    with Corpus(db, readonly=True) as corpus:
        assert corpus.stats() == before


def test_review_needs_edits_the_token_and_csrf(db, tmp_path):
    with TestClient(create_app(db)) as ro:
        assert ro.post("/review/rename", data={"entity": "Petrenko", "name": "X"}).status_code == 403
        assert ro.get("/review").status_code == 403
    copy = tmp_path / "edit.db"
    copy.write_bytes(db.read_bytes())
    with TestClient(create_app(copy, allow_edits=True, token=TOKEN)) as c:
        assert c.get("/review", follow_redirects=False).status_code == 303  # to the login form
        login = c.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
        assert c.post("/review/rename", data={"entity": "Petrenko", "name": "X", "csrf_token": csrf}).status_code == 401
        wrong = c.post("/login", data={"token": "nope", "csrf_token": csrf}, follow_redirects=False)
        assert wrong.status_code == 403
        ok = c.post("/login", data={"token": TOKEN, "user": "Ann", "csrf_token": csrf}, follow_redirects=False)
        assert ok.status_code == 303 and "httponly" in ok.headers["set-cookie"].lower()
        form = c.get("/review").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        no_csrf = c.post("/review/rename", data={"entity": "Petrenko", "name": "Ivan P. Petrenko"})
        assert no_csrf.status_code == 403
        done = c.post("/review/rename", data={"entity": "Petrenko", "name": "Ivan P. Petrenko", "csrf_token": csrf})
        assert done.status_code == 200 and "<h1>Ivan P. Petrenko" in done.text
        evil = c.post(
            "/login", data={"token": TOKEN, "csrf_token": csrf, "next": "//evil.example/"}, follow_redirects=False
        )
        assert evil.headers["location"] == "/review"  # no open redirect


def test_runs_cut_the_text_at_every_mark():
    doc = {
        "text": 'He said: "Go now," Ann told them.',
        "entities": [{"corpus_id": "E1", "mentions": [{"start": 19, "end": 22, "text": "Ann"}]}],
        "quotes": [
            {
                "kind": "direct",
                "start": 10,
                "end": 17,
                "cue": "told",
                "parts": [{"start": 10, "end": 17}],
                "speaker": {"name": "Ann", "start": 19, "end": 22, "corpus_id": "E1"},
            }
        ],
    }
    text_runs, quotes = article_view(doc)
    assert "".join(r.text for r in text_runs) == doc["text"]
    assert [r.text for r in text_runs if "quote" in r.classes] == ["Go now,"]
    assert [(r.text, r.link) for r in text_runs if "speaker" in r.classes] == [("Ann", "E1")]
    assert quotes[0]["cue_span"] == (23, 27) and quotes[0]["colour"] == 0
    # the cue is never looked for inside the quoted words
    assert find_cue('"I told you," she told me.', {"start": 1, "end": 11, "cue": "told", "speaker": None}) == (18, 22)
    assert runs("", []) == []


def test_timeline_bins_many_dates_by_month_and_keeps_undated_last():
    rows = [
        {"date": f"2026-{m:02d}-{d:02d}", "articles": 1, "quotes_by": 1, "quotes_about": 0}
        for m in (1, 2, 3)
        for d in range(1, 29)
    ]
    rows.append({"date": "undated", "articles": 2, "quotes_by": 0, "quotes_about": 1})
    t = charts.timeline(rows)
    assert [b.label for b in t.bars] == ["2026-01", "2026-02", "2026-03", "undated"]
    assert t.bars[0].articles == 28 and t.peak == 28
    assert charts.timeline([]) is None


def test_a_quote_corrected_through_the_article_page(db, tmp_path):
    copy = tmp_path / "quote.db"
    copy.write_bytes(db.read_bytes())
    with Corpus(copy, readonly=True) as corpus:
        doc = next(d for d in corpus.documents() if d["title"].startswith("Kremlin praises"))
    with TestClient(create_app(copy, allow_edits=True, token=TOKEN)) as c:
        page = c.get(f"/article/{doc['id']}").text
        assert "Sign in</a> to correct" in page and 'action="/review/quote"' not in page
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        c.post("/login", data={"token": TOKEN, "user": "Ann", "csrf_token": csrf})
        assert "<td>Rusvest</td><td>2</td>" in c.get("/entity/Peskov").text  # kept until the corpus changes
        page = c.get(f"/article/{doc['id']}").text
        forms = re.findall(r'name="n" value="(\d+)"', page)
        assert forms == [str(i) for i in range(len(doc["quotes"]))]
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        # the first quote is no quote; the numbers of the others stay theirs
        done = c.post("/review/quote", data={"article_id": doc["id"], "n": "0", "not_quote": "1", "csrf_token": csrf})
        assert done.status_code == 200
        listed = done.text.split("<h2>Quotes</h2>")[1].split("</ol>")[0]
        assert doc["quotes"][0]["content"] not in listed and doc["quotes"][1]["content"] in listed
        assert re.findall(r'name="n" value="(\d+)"', done.text) == [str(i) for i in range(1, len(doc["quotes"]))]
        # the next one said by someone else, named in any script
        fixed = c.post(
            "/review/quote", data={"article_id": doc["id"], "n": "1", "speaker": "Лукашэнка", "csrf_token": csrf}
        )
        assert fixed.status_code == 200
        item = fixed.text.split('id="q1"')[1].split("</li>")[0]
        assert "Alyaksandr Lukashenka" in item
        after = c.get("/entity/Peskov").text
        # the kept answer is gone: Rusvest quotes Peskov less now (once, or not at all when both were his)
        assert "<td>Rusvest</td><td>2</td>" not in after and "Peskov" in after


def test_errors_outside_the_api_are_pages(client):
    for url, status in (("/no-such-page", 404), ("/quotes?limit=many", 422)):
        r = client.get(url)
        assert r.status_code == status and r.headers["content-type"].startswith("text/html")
        assert "<h1>Error" in r.text
    assert client.get("/api/no-such-thing").headers["content-type"] == "application/json"


def test_network_labels_that_would_cross_go_to_the_other_side():
    a = charts.Node("E1", "Alyaksandr Lukashenka", "PERSON", 9, 200.0, 100.0, 8.0, True)
    b = charts.Node("E2", "Sviatlana Tsikhanouskaya", "PERSON", 3, 230.0, 104.0, 6.0, False)
    c = charts.Node("E3", "Minsk", "GPE", 2, 60.0, 400.0, 5.0, False)
    charts.place_labels([a, b, c])
    assert (a.below, b.below, c.below) == (False, True, True)
    net = charts.network(
        {"id": "E1", "name": "A", "type": "PERSON", "articles": 3},
        [{"id": f"E{i}", "name": f"N{i}", "type": "ORG", "articles": 1} for i in range(2, 30)],
        [("E2", "E3", 1)],
    )
    assert len(net.nodes) == charts.NET_NODES and all(0 <= n.x <= net.size and 0 <= n.y <= net.size for n in net.nodes)


def test_merge_and_split_through_the_review_forms(db, tmp_path):
    copy = tmp_path / "merge.db"
    copy.write_bytes(db.read_bytes())
    with TestClient(create_app(copy, allow_edits=True, token=TOKEN)) as c:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        c.post("/login", data={"token": TOKEN, "csrf_token": csrf})
        form = c.get("/review").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        assert all(f'id="{f}"' in form for f in ("merge", "rename", "split"))
        merged = c.post("/review/merge", data={"a": "Peskov", "b": "Karankevich", "csrf_token": csrf})
        assert merged.status_code == 200 and "Viktar Karankevich" in merged.text and "Dmitry Peskov" in merged.text
        with Corpus(copy, readonly=True) as corpus:
            assert corpus.resolve("Peskov")["id"] == corpus.resolve("Karankevich")["id"]
            grid = next(d["id"] for d in corpus.documents() if d["title"].startswith("Лукашэнка demands"))
        split = c.post("/review/split", data={"entity": "Peskov", "articles": grid, "csrf_token": csrf})
        assert split.status_code == 200
        with Corpus(copy, readonly=True) as corpus:
            assert corpus.resolve("Peskov")["id"] != corpus.resolve("Karankevich")["id"]
        bad = c.post("/review/split", data={"entity": "Peskov", "csrf_token": csrf})
        assert bad.status_code == 400 and "split needs" in bad.text
        out = c.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
        assert out.status_code == 303 and 'presswatch_token=""' in out.headers["set-cookie"]


def test_pages_of_a_read_only_server_are_kept_and_revalidated(db):
    with TestClient(create_app(db)) as c:
        first = c.get("/search?q=Peskov")
        again = c.get("/search?q=Peskov")
        assert first.headers["x-cache"] == "miss" and again.headers["x-cache"] == "hit"
        assert again.text == first.text
        assert c.get("/search?q=Peskov", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    with TestClient(create_app(db, allow_edits=True, token=TOKEN)) as c:  # pages differ per reader there
        assert "x-cache" not in c.get("/search?q=Peskov").headers
