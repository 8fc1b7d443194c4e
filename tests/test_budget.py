"""A per-document budget: a document that takes too long or grows the process too much
gets an error, and the rest of the batch goes on (presswatch.budget)."""

import time

import pytest

import presswatch
from presswatch import pipeline
from presswatch.budget import Budget

NORMAL = ("Talks resume\n\nThe minister said on Monday that the talks would resume next week.", "normal.txt")
ODD = ("Odd article\n\nThe ODD minister said on Monday that the talks would resume next week.", "odd.txt")


@pytest.fixture
def odd_quotes_stage(monkeypatch):
    """The quotes stage, made to misbehave on the article that says ODD: `how` decides how."""
    real = pipeline.extract_quotes
    behaviour = {}

    def extract_quotes(doc, entities, index):
        if "ODD" in doc.text:
            behaviour["how"]()
        return real(doc, entities, index)

    monkeypatch.setattr(pipeline, "extract_quotes", extract_quotes)
    return behaviour


def test_a_document_over_its_time_budget_gets_an_error_and_the_batch_goes_on(monkeypatch, odd_quotes_stage):
    odd_quotes_stage["how"] = lambda: time.sleep(30)  # a stage that would stall the batch
    monkeypatch.setenv("PRESSWATCH_MAX_SECONDS", "1")
    normal, odd, again = presswatch.analyze_many([NORMAL, ODD, NORMAL])
    assert odd.error == "over the time budget of 1 s per document (--max-seconds)"
    assert odd.quotes == [] and odd.entities == []
    assert normal.error is None and again.error is None and normal.quotes == again.quotes != []


def test_a_document_over_its_memory_budget_gets_an_error_and_the_batch_goes_on(monkeypatch, odd_quotes_stage):
    odd_quotes_stage["how"] = lambda: bytearray(800 * 2**20)  # 800 MB at once
    monkeypatch.setenv("PRESSWATCH_MAX_MB", "300")
    normal, odd = presswatch.analyze_many([NORMAL, ODD])
    assert odd.error == "over the memory budget of 300 MB per document (--max-mb)"
    assert normal.error is None and normal.quotes
    odd_quotes_stage["how"] = lambda: None
    assert presswatch.analyze(ODD).error is None, "the limit is lifted after the batch"


def test_budget_settings(monkeypatch):
    monkeypatch.delenv("PRESSWATCH_MAX_SECONDS", raising=False)  # the CLI sets them for its run
    monkeypatch.delenv("PRESSWATCH_MAX_MB", raising=False)
    assert Budget.from_env() == Budget(seconds=60.0, megabytes=None)  # the library's default
    assert Budget(seconds=None).seconds is None
