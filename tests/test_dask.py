"""Analysis on a Dask cluster (--dask): the same bytes and the same corpus as a local run.

The cluster is a LocalCluster in this process (one worker thread, so the model the
session already loaded is shared and nothing slow starts), reached through its tcp
address as `--dask tcp://HOST:PORT` would reach a real one. One test starts a real
worker process to see a worker die. A watchdog ends the test run if a test hangs."""

from __future__ import annotations

import faulthandler
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch import pipeline
from presswatch.cli import app
from presswatch.corpus import Corpus
from presswatch.executors import DaskCluster
from tests.test_ingest_faults import tables
from tests.warc_fixtures import write_news_warc

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [str(ROOT / "examples"), *sorted(str(p) for p in (ROOT / "tests" / "gold").glob("0[1-6]*.txt"))]
HANG = 240  # seconds: a test of this file that takes longer is stuck, not slow


@pytest.fixture(autouse=True)
def watchdog():
    faulthandler.dump_traceback_later(HANG, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="module")
def cluster():
    """The scheduler's tcp address of an in-process cluster with one single-threaded worker."""
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
        ) as local,
        distributed.Client(local),
    ):
        yield local.scheduler_address


@pytest.fixture
def unused_tcp_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_analyze_on_the_cluster_writes_the_bytes_of_a_local_run(cluster, tmp_path):
    local = cli("analyze", *INPUTS, "-f", "jsonl", "-q", "-o", str(tmp_path / "local.jsonl"))
    remote = cli("analyze", *INPUTS, "-f", "jsonl", "-q", "--dask", cluster, "-o", str(tmp_path / "dask.jsonl"))
    assert local[0] == remote[0] == 0, (local, remote)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert len((tmp_path / "dask.jsonl").read_text().splitlines()) == len(INPUTS) - 1 + 3  # examples/ holds 3


def test_a_cc_news_warc_ingests_fully_and_the_same_on_the_cluster(cluster, tmp_path):
    warc = str(write_news_warc(tmp_path / "CC-NEWS-20260303.warc.gz", pages=40))
    with Corpus(tmp_path / "local.db") as corpus:
        assert corpus.ingest([warc]) == {"new": 40, "unchanged": 0, "failed": 0}
        articles = corpus.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        quotes = corpus.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert articles == 40 and quotes >= 40
    code, _, stderr = cli("ingest", warc, "-q", "--db", str(tmp_path / "dask.db"), "--dask", cluster)
    assert code == 0, stderr
    assert "40 new, 0 unchanged, 0 failed" in stderr
    assert tables(tmp_path / "dask.db") == tables(tmp_path / "local.db")


def test_a_batch_that_fails_on_the_cluster_fails_only_its_culprit(cluster, monkeypatch):
    real = pipeline.analyze_batch

    def fragile(items, model=None, budget=None):  # a bug that one article triggers
        if any(getattr(i, "source", "") == "bad.txt" for i in items):
            raise RuntimeError("boom")
        return real(items, model, budget)

    monkeypatch.setattr(pipeline, "analyze_batch", fragile)
    texts = [(f"Talks resume\n\nOfficials met on day {i}, the ministry said.", f"{i}.txt") for i in range(5)]
    texts.insert(2, ("Talks fail\n\nNothing was agreed, the ministry said.", "bad.txt"))
    docs = list(pipeline.analyze_many(texts, dask=cluster, batch_size=4))
    assert [d.source for d in docs] == [source for _, source in texts]
    assert [d.error for d in docs if d.error] == ["analysis failed: RuntimeError: boom"]
    assert docs[2].source == "bad.txt" and docs[2].error


def test_a_worker_that_dies_is_an_error_for_its_batch_and_the_run_goes_on(tmp_path, monkeypatch):
    """A real worker process, killed by the task it runs (os._exit); its nanny starts a new one."""
    (tmp_path / "dying_work.py").write_text(
        textwrap.dedent("""
            import os

            def work(batch):
                if "die" in batch:
                    os._exit(3)
                return [item.upper() for item in batch]
        """)
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    import dask
    import dying_work  # type: ignore[import-not-found]

    batches = [["die"]]  # alone: a batch queued on a worker when it dies fails with it
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        DaskCluster("local:1") as executor,
    ):
        outcomes = list(executor.map(dying_work.work, batches))
        # the nanny has started a new worker: later batches run (the pipeline retries
        # a failed batch's documents one by one this way, see test above)
        after = list(executor.map(dying_work.work, [["c"], ["d"]]))
    assert [batch for batch, _ in outcomes] == batches
    assert isinstance(outcomes[0][1], distributed.KilledWorker)
    assert after == [(["c"], ["C"]), (["d"], ["D"])]
    sys.modules.pop("dying_work", None)


def test_a_bad_dask_address_is_a_usage_error():
    code, _, stderr = cli("analyze", INPUTS[0], "-q", "--dask", "local:zero")
    assert code == 2 and "local:N" in stderr


def test_a_scheduler_that_is_not_there_is_one_clear_error(unused_tcp_port):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code, _, stderr = cli("analyze", INPUTS[0], "-q", "--dask", f"tcp://127.0.0.1:{unused_tcp_port}")
    assert code == 1 and "cannot reach the Dask scheduler" in stderr
