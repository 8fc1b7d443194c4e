"""`watch` and feeds against a local site on 127.0.0.1: conditional GET between cycles,
only new items fetched, a stopped or killed watch resumes, feed metadata as hints."""

import signal
import subprocess
import sys

import pytest

from presswatch.corpus import Corpus
from presswatch.corpus.watch import StopFlag, parse_every, run_cycle, watch
from presswatch.io.fetch import Fetcher, Policy
from presswatch.io.inputs import Input
from presswatch.io.listings import Reader
from tests.news_site import NewsSite

STORIES = [
    ("/news/ferry", "Council approves ferry line", "Mayor Ines Duarte", "Porto"),
    ("/news/bridge", "Bridge repairs start", "Engineer Tomas Berg", "Malmo"),
    ("/news/school", "School opens early", "Principal Anna Kovacs", "Szeged"),
]


@pytest.fixture
def site():
    s = NewsSite()
    for path, title, speaker, place in STORIES:
        s.page(path, title, speaker, place)
    yield s
    s.close()


def fast_fetcher() -> Fetcher:
    return Fetcher(Policy(interval=0, retries=1, timeout=2))


def page_hits(site: NewsSite) -> dict:
    return {path: n for path, n in site.hits.items() if path.startswith("/news/")}


def test_a_second_cycle_fetches_nothing_and_a_grown_feed_gives_exactly_its_new_items(site, tmp_path):
    site.feed("/feed.xml", [(p, t) for p, t, _, _ in STORIES[:2]])
    fetcher = fast_fetcher()
    with Corpus(tmp_path / "w.db") as corpus:
        first = run_cycle(corpus, [site.url("/feed.xml")], fetcher, number=1)
        assert (first.new, first.unchanged, first.failed) == (2, 0, 0)
        assert page_hits(site) == {"/news/ferry": 1, "/news/bridge": 1}

        site.hits.clear()
        second = run_cycle(corpus, [site.url("/feed.xml")], fetcher, number=2)
        assert (second.new, second.pages, second.not_modified) == (0, 0, 1)
        assert site.hits == {"/feed.xml": 1} and site.conditional["/feed.xml"] == 1, "the feed answered 304"
        state = corpus.conn.execute(
            "SELECT kind, status, etag FROM fetch_state WHERE url = ?", (site.url("/feed.xml"),)
        )
        assert tuple(state.fetchone()) == ("feed", 304, site.routes["/feed.xml"].etag)

        site.hits.clear()
        site.feed("/feed.xml", [(p, t) for p, t, _, _ in STORIES])
        third = run_cycle(corpus, [site.url("/feed.xml")], fetcher, number=3)
        assert (third.new, third.unchanged) == (1, 2) and page_hits(site) == {"/news/school": 1}
        assert "cycle 3: 1 new, 2 unchanged, 0 failed; 2 pages fetched" in third.line()
        assert corpus.stats()["articles"] == 3


def test_a_stopped_watch_stores_what_it_fetched_and_the_next_one_fetches_only_the_rest(site, tmp_path):
    site.feed("/feed.xml", [(p, t) for p, t, _, _ in STORIES])
    fetcher = fast_fetcher()
    stop = StopFlag()
    fetcher.on_answer = lambda got: stop.set() if "/news/" in got.url else None  # Ctrl-C after one page
    with Corpus(tmp_path / "w.db") as corpus:
        assert watch(corpus, [site.url("/feed.xml")], every=3600, fetcher=fetcher, stop=stop) == 1
        assert corpus.stats()["articles"] == 1 and page_hits(site) == {"/news/ferry": 1}

        fetcher.on_answer = None
        report = run_cycle(corpus, [site.url("/feed.xml")], fetcher, number=2)
        assert (report.new, report.unchanged) == (2, 1)
        assert site.conditional["/feed.xml"] == 0, "a feed not read to the end is read in full again"
        assert page_hits(site) == {"/news/ferry": 1, "/news/bridge": 1, "/news/school": 1}, "nothing fetched twice"


def test_a_watch_killed_mid_cycle_loses_nothing(site, tmp_path):
    site.feed("/feed.xml", [(p, t) for p, t, _, _ in STORIES])
    fetcher = fast_fetcher()

    def killed(doc, source, status):
        raise KeyboardInterrupt  # the process dies right after the first article is stored

    with Corpus(tmp_path / "w.db") as corpus:
        with pytest.raises(KeyboardInterrupt):
            run_cycle(corpus, [site.url("/feed.xml")], fetcher, on_document=killed)
        assert corpus.stats()["articles"] == 1
        report = run_cycle(corpus, [site.url("/feed.xml")], fetcher, number=2)
        assert report.new == 2 and corpus.stats()["articles"] == 3
        assert page_hits(site)["/news/ferry"] == 1, "the stored article is not fetched again"


def test_feed_title_date_and_author_fill_what_the_page_lacks(site, analyze):
    site.page("/news/bare", None, "Mayor Ines Duarte", "Porto", date=None)
    site.feed("/feed.xml", [("/news/bare", "Ferry line approved"), ("/news/ferry", "Another title")],
              author="Lena Ortiz", date="2026-11-05")  # fmt: skip
    bare, full = list(Reader(fast_fetcher()).read(site.url("/feed.xml")))
    assert isinstance(bare, Input) and bare.hints["title"] == "Ferry line approved"
    doc = analyze(bare)
    assert (doc.title, doc.published, doc.authors) == ("Ferry line approved", "2026-11-05", ["Lena Ortiz"])
    assert {doc.provenance[k] for k in ("title", "published", "authors")} == {"feed"}
    page = analyze(full)
    assert page.title == "Council approves ferry line" and page.provenance["title"] != "feed", "the page wins"


def test_every_takes_seconds_minutes_and_hours():
    assert [parse_every(t) for t in ("90s", "15m", "1h", "1h30m")] == [90, 900, 3600, 5400]
    for bad in ("15", "fast", "0m", "-1h", ""):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_the_watch_command_prints_a_line_a_cycle_and_ctrl_c_exits_130(site, tmp_path):
    site.feed("/feed.xml", [(p, t) for p, t, _, _ in STORIES[:1]])
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "presswatch", "watch", site.url("/feed.xml"), "--db", str(db)]
    once = subprocess.run([*cmd, "--once", "--host-pause", "0"], capture_output=True, text=True, timeout=300)
    assert once.returncode == 0, once.stderr
    assert once.stdout.startswith("cycle 1: 1 new, 0 unchanged, 0 failed; 2 pages fetched")
    proc = subprocess.Popen([*cmd, "--every", "1h", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # the first cycle is done: the watch now sleeps
        assert line.startswith("cycle 1: 0 new, 0 unchanged, 0 failed; 0 pages fetched"), line
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "stopping" in proc.stderr.read()


def test_a_page_its_feed_says_has_changed_is_fetched_again_conditionally(site, tmp_path):
    ferry, bridge = [(p, t) for p, t, _, _ in STORIES[:2]]
    site.feed("/feed.xml", [ferry], date="2026-11-05")
    fetcher = fast_fetcher()
    with Corpus(tmp_path / "w.db") as corpus:
        assert run_cycle(corpus, [site.url("/feed.xml")], fetcher).new == 1
        site.feed("/feed.xml", [ferry, bridge], date="2026-11-05")  # a new item; the old one's date as it was
        report = run_cycle(corpus, [site.url("/feed.xml")], fetcher)
        assert (report.new, report.unchanged) == (1, 1) and site.hits["/news/ferry"] == 1
        site.feed("/feed.xml", [ferry, bridge], date="2026-11-06")  # the feed says both changed; they did not
        report = run_cycle(corpus, [site.url("/feed.xml")], fetcher)
        assert (report.new, report.unchanged, report.not_modified) == (0, 2, 2)  # the pages: 304
        assert site.hits["/news/ferry"] == 2 and site.conditional["/news/ferry"] == 1
        site.page("/news/ferry", "Council approves ferry line", "Mayor Ines Duarte", "Porto", date="2026-11-07")
        site.feed("/feed.xml", [ferry, bridge], date="2026-11-07")
        report = run_cycle(corpus, [site.url("/feed.xml")], fetcher)
        assert (report.new, report.unchanged) == (1, 1) and corpus.stats()["versions"] == 3
