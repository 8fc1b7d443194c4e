"""The pages in a real headless Chromium (Selenium; Debian's /usr/bin/chromium and
/usr/bin/chromedriver) against uvicorn serving the app on 127.0.0.1 in a thread:
search and open a dossier, toggle the removed lines, make a correction and see it
survive a re-ingest. Skipped, saying why, only when Chromium is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from presswatch.corpus import Corpus
from presswatch.web.app import create_app
from presswatch.web.background import served

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="headless Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver: apt-get install chromium chromium-driver)",
)
FIXTURES = Path(__file__).parent / "web_fixtures"
TOKEN = "browser-test-token"
WAIT = 60  # seconds a page or an element may take (the machine may be busy: a correction re-links)


@pytest.fixture(scope="module")
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    d.implicitly_wait(WAIT)
    yield d
    d.quit()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser_articles")
    for f in FIXTURES.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def db(articles, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser_db") / "web.db"
    with Corpus(path) as corpus:
        corpus.ingest([str(articles)])
    return path


def follow(driver, element) -> None:
    """Click a link or a submit button and wait until the next page has replaced this one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, WAIT).until(expected_conditions.staleness_of(page))


def csp_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def test_search_then_open_a_dossier(driver, db):
    from selenium.webdriver.common.by import By

    with served(create_app(db)) as url:
        driver.get(f"{url}/search")
        box = driver.find_element(By.CSS_SELECTOR, "form.bigsearch input[name=q]")
        box.send_keys("Лукашэнка")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "form.bigsearch button"))
        person = driver.find_element(By.CSS_SELECTOR, "#people a")
        assert person.text == "Alyaksandr Lukashenka"
        follow(driver, person)
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Alyaksandr Lukashenka")
        bars = driver.find_elements(By.CSS_SELECTOR, "svg.timeline rect.articles")
        assert len(bars) >= 3
        assert driver.find_elements(By.CSS_SELECTOR, "svg.network circle")
        assert csp_errors(driver) == []


def test_toggle_removed_lines(driver, db):
    from selenium.webdriver.common.by import By

    with Corpus(db, readonly=True) as corpus:
        aid = next(d["id"] for d in corpus.documents() if d["title"].startswith("Lukashenka orders"))
    with served(create_app(db)) as url:
        driver.get(f"{url}/article/{aid}")
        line = driver.find_element(
            By.XPATH, "//ol[@class='removedlines']/li[contains(., 'Subscribe to our newsletter')]"
        )
        assert not line.is_displayed()  # hidden until asked for
        button = driver.find_element(By.ID, "toggle-removed")
        button.click()
        assert line.is_displayed()
        assert button.text == "Hide removed lines"
        button.click()
        assert not line.is_displayed()
        # the quote is marked in its speaker's colour, with its speaker and cue
        quote = driver.find_element(By.CSS_SELECTOR, ".articletext .quote")
        assert "spk-" in quote.get_attribute("class")
        speakers = {e.text for e in driver.find_elements(By.CSS_SELECTOR, ".articletext .speaker")}
        assert "Lukashenka" in speakers
        assert csp_errors(driver) == []


def test_a_correction_survives_a_reingest(driver, db, articles, tmp_path):
    from selenium.webdriver.common.by import By

    store = tmp_path / "edit.db"
    store.write_bytes(db.read_bytes())
    with Corpus(store, readonly=True) as corpus:
        kremlin = next(d for d in corpus.documents() if d["title"].startswith("Kremlin praises"))
    with served(create_app(store, allow_edits=True, token=TOKEN)) as url:
        driver.get(f"{url}/login?next=/entity/Tsikhanouskaya")
        driver.find_element(By.NAME, "token").send_keys(TOKEN)
        driver.find_element(By.NAME, "user").send_keys("Browser Test")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "#login button"))
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Sviatlana Tsikhanouskaya")
        driver.find_element(By.CSS_SELECTOR, "#rename input[name=name]").send_keys("Sviatlana Tikhanovskaya")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "#rename button"))
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Sviatlana Tikhanovskaya")
        entity_url = driver.current_url

        # and on an article page: its headline is not a quote
        driver.get(f"{url}/article/{kremlin['id']}")
        first = kremlin["quotes"][0]["content"]
        item = driver.find_element(By.XPATH, f"//li[@class='quoteitem'][blockquote[normalize-space()='{first}']]")
        follow(driver, item.find_element(By.CSS_SELECTOR, "button.not-quote"))
        assert first not in driver.find_element(By.CSS_SELECTOR, "ol.quotes").text
        article_url = driver.current_url.split("#")[0]

        # a new article and a changed one, ingested again: the name given by hand stays
        (articles / "w5-new.txt").write_text(
            "Opposition meets in Warsaw\n\nWARSAW, December 1, 2026 (Baltic Wire) - Sviatlana Tsikhanouskaya"
            ' opened a conference of exiled Belarusians.\n\n"We are many," Tsikhanouskaya said.\n',
            encoding="utf-8",
        )
        with Corpus(store) as corpus:
            corpus.ingest([str(articles)])
            corpus.link(everything=True)
        driver.get(entity_url)
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Sviatlana Tikhanovskaya")
        assert "We are many" in driver.find_element(By.ID, "quotes-by").text
        driver.get(article_url)
        assert first not in driver.find_element(By.CSS_SELECTOR, "ol.quotes").text
        assert kremlin["quotes"][1]["content"] in driver.find_element(By.CSS_SELECTOR, "ol.quotes").text
        assert csp_errors(driver) == []
    (articles / "w5-new.txt").unlink()  # the folder as the other tests found it
