"""What the libraries build slowly at start, kept in presswatch's cache folder: rigour's
territory index and py3langid's model give the libraries' own answers, the cache is
read by later processes, and a cache that cannot be written changes nothing."""

import subprocess
import sys

from rigour.territories import lookup_territory

from presswatch import territories

NAMES = ["Belarus", "Belarusian", "BY", "by", "Ukraine's", "Ukrainians", "USA", "United States", "São Tomé"]
NAMES += ["Sao Tome", "Frankreich", "Moscow", "EU", "gb-sct", "Q30", "Xx", "Minsk", "Россия", "Беларусь", "Atlantis"]


def rigour(text):
    territory = lookup_territory(text)
    return territory.ftm_country if territory is not None else None


def fresh(monkeypatch, folder):
    monkeypatch.setenv("PRESSWATCH_CACHE_DIR", str(folder))
    territories.name_index.cache_clear()
    territories.lookup.cache_clear()


def test_lookups_are_rigours_and_the_index_is_kept_for_the_next_process(monkeypatch, tmp_path):
    fresh(monkeypatch, tmp_path)
    assert [territories.lookup(n) for n in NAMES] == [rigour(n) for n in NAMES]
    [cached] = tmp_path.iterdir()
    assert cached.name.startswith("rigour-territories-") and cached.suffix == ".json"
    code = "from presswatch import territories as t; print(t.lookup('Belarusian'), len(t.name_index()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["by", str(len(territories.name_index()))]
    assert list(tmp_path.iterdir()) == [cached]
    fresh(monkeypatch, tmp_path)


def test_a_cache_folder_that_cannot_be_written_changes_nothing(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    fresh(monkeypatch, blocker / "cache")
    assert [territories.lookup(n) for n in NAMES] == [rigour(n) for n in NAMES]
    assert list(tmp_path.iterdir()) == [blocker]
    fresh(monkeypatch, tmp_path / "unused")


def test_the_language_identifier_from_the_cache_is_py3langids(monkeypatch, tmp_path):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from presswatch.stages import language_model

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["The council approved the new ferry line on Tuesday after a long debate about its cost."]
    texts += ["Суд в Гродно продлил арест председателя колхоза, сообщили журналисты в пятницу вечером."]
    texts += ["Rada miasta zatwierdziła we wtorek nową linię promową po długiej debacie o kosztach."]
    monkeypatch.setenv("PRESSWATCH_CACHE_DIR", str(tmp_path))
    for _ in ("built", "read from the cache"):
        language_model.identifier.cache_clear()
        assert [language_model.identifier().classify(t) for t in texts] == [reference.classify(t) for t in texts]
        assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]
    language_model.identifier.cache_clear()
