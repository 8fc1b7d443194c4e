import pytest

import presswatch


@pytest.fixture(scope="session")
def analyze():
    """presswatch.analyze with the model loaded once for the whole session."""
    return presswatch.analyze


@pytest.fixture
def all_attributions(monkeypatch):
    """Every quote kept whatever its confidence (PRESSWATCH_MIN_CONFIDENCE=0): the tagger's
    beliefs and intentions too, as PolNeAR counts them."""
    monkeypatch.setenv("PRESSWATCH_MIN_CONFIDENCE", "0")


@pytest.fixture
def rules_only(monkeypatch):
    """The attribution tagger switched off (PRESSWATCH_ATTRIBUTION=rules) for one test."""
    from presswatch import nlp

    monkeypatch.setenv("PRESSWATCH_ATTRIBUTION", "rules")
    nlp.load_attribution_tagger.cache_clear()
    yield
    monkeypatch.delenv("PRESSWATCH_ATTRIBUTION")
    nlp.load_attribution_tagger.cache_clear()


# Small articles for the corpus tests: a Belarusian farm chief written in Latin
# and Cyrillic, a namesake chess player, and an unrelated council story.
CORPUS_ARTICLES = {
    "a1-farm-chief.txt": """Farm chief detained in Hrodna region

HRODNA, March 3, 2026 — Police in western Belarus detained Alyaksandr Kavaliou, the head of a collective farm, on Tuesday.

"We have done nothing wrong," Kavaliou told reporters outside the court. His lawyer, Maria Sidarenka, said the charges were political.

The Interior Ministry declined to comment.
""",
    "a2-farm-chief-ru.txt": """Суд над председателем колхоза

ГРОДНО, 4 марта 2026 — Суд в Гродно продлил арест Александра Ковалёва, председателя колхоза.

«Мы ничего не нарушали», — заявил Александр Ковалёв журналистам. Адвокат Мария Сидоренко назвала обвинения политическими.
""",
    "a3-chess.txt": """Chess club wins regional title

MINSK, May 10, 2026 — Alyaksandr Kavaliou, a 17-year-old chess player from Minsk, won the regional junior title on Sunday.

"I trained every day for a year," Kavaliou said after the final game. His coach, Ihar Zhuk, praised his calm.
""",
    "a4-vilnius-budget.txt": """Budget vote delayed in Vilnius

VILNIUS, April 2, 2026 — The Vilnius city council postponed its budget vote, council chair Ruta Petraityte said on Monday.

"We need another week to find the money for schools," Petraityte told the Baltic News Service.
""",
    "a5-farm-chief-trial.txt": """Trial of farm chief opens in Hrodna

HRODNA, June 1, 2026 — The trial of Alyaksandr Kavaliou, the detained head of a collective farm, opened on Monday.

"My client is innocent," said his lawyer, Maria Sidarenka. Kavaliou did not speak in court.
""",
    "a6-chess-final.txt": """Young chess player reaches national final

MINSK, July 8, 2026 — Alyaksandr Kavaliou, the junior champion of Minsk region, reached the national chess final.

"He is ready," his coach Ihar Zhuk said on Wednesday.
""",
}


@pytest.fixture(scope="session")
def corpus_articles(tmp_path_factory):
    """{file name: absolute path} of the small corpus-test articles, written once."""
    root = tmp_path_factory.mktemp("corpus_articles")
    paths = {}
    for name, text in CORPUS_ARTICLES.items():
        p = root / name
        p.write_text(text, encoding="utf-8")
        paths[name] = p
    return paths


def corpus_dump(path, *, exact: bool = False) -> list[str]:
    """Every row of every table of a store, as SQL.

    exact=False compares what a user can see: rows as a sorted list (the hidden
    rowid order of tables with a primary key does not count), and the full-text
    index through its rows (rowid, kind, ref, title, body, latin) rather than
    FTS5's internal b-tree pages (search_data, search_idx), whose layout records
    the order of inserts and deletes."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        lines = list(conn.iterdump())
        if exact:
            return lines
        lines = [ln for ln in lines if not ln.startswith(('INSERT INTO "search_data"', 'INSERT INTO "search_idx"'))]
        lines += [repr(tuple(r)) for r in conn.execute("SELECT rowid, kind, ref, title, body, latin FROM search")]
        return sorted(lines)
    finally:
        conn.close()


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory):
    """presswatch's cache folder (rigour's territory index, see territories.py) in a
    temporary folder, for this process and the CLI processes the tests start."""
    import os

    old = os.environ.get("PRESSWATCH_CACHE_DIR")
    os.environ["PRESSWATCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("PRESSWATCH_CACHE_DIR", None)
    else:
        os.environ["PRESSWATCH_CACHE_DIR"] = old
