"""Screenshots of the main pages for the README: docs/screenshots/*.png.

Builds a small corpus from tests/corpus_fixtures, tests/web_fixtures and examples/ in a temporary
folder, serves it on 127.0.0.1 in a background thread and photographs search,
article, dossier, quotes and outlets with headless Chromium (Selenium, Debian's
/usr/bin/chromium and /usr/bin/chromedriver).

    PYTHONPATH=src .venv/bin/python scripts/screenshots.py [--out docs/screenshots]"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from presswatch.corpus import Corpus
from presswatch.web.app import create_app
from presswatch.web.background import served

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1200
MAX_HEIGHT = int(
    os.environ.get("SCREENSHOT_MAX_HEIGHT", 1000)
)  # a taller page is cut: the README shows the top of each


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        f"--window-size={WIDTH},900",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shoot(driver: webdriver.Chrome, url: str, out: Path, height: int | None = None, click: str | None = None) -> None:
    """`url` photographed at WIDTH, as tall as the page up to MAX_HEIGHT (after clicking `click`)."""
    driver.set_window_size(WIDTH, 900)
    driver.get(url)
    if click:
        driver.find_element(By.CSS_SELECTOR, click).click()
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WIDTH, min(height or full, MAX_HEIGHT))
    driver.save_screenshot(str(out))
    print(f"{out} ({out.stat().st_size // 1024} kB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with Corpus(db) as corpus:
            corpus.ingest(
                [str(ROOT / "tests" / d) for d in ("corpus_fixtures", "web_fixtures")] + [str(ROOT / "examples")]
            )
            person = corpus.resolve("Лукашэнка")["id"]
            article = next(d["id"] for d in corpus.documents() if d["removed"] and len(d["quotes"]) >= 3)
        driver = browser()
        try:
            with served(create_app(db)) as url:
                shoot(driver, f"{url}/search?q=Лукашэнка", out / "search.png")
                shoot(driver, f"{url}/article/{article}", out / "article.png", click="#toggle-removed")
                shoot(driver, f"{url}/entity/{person}", out / "dossier.png")
                shoot(driver, f"{url}/quotes", out / "quotes.png")
                shoot(driver, f"{url}/outlets", out / "outlets.png")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
