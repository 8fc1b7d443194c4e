"""Where batches of documents are analysed: in this process, in worker processes, or on
a Dask cluster.

An executor takes `work` (a function from a batch to its results, e.g. the
pipeline's `analyze_batch`) and an iterable of batches, and yields each batch
with its result, in input order: `(batch, result)`, where the result is the
exception the batch raised when it failed (a bug, a worker process that died);
the caller turns that into per-document errors. Only a bounded number of batches
is in flight at a time, so reading a 1 GB archive never submits all of it at once.

- `InProcess`: one batch after the other, here.
- `Processes(n)`: a `ProcessPoolExecutor` of n workers (forked on Linux, so they
  share the loaded model's pages).
- `DaskCluster(address)`: dask.distributed: "local" (a LocalCluster with one
  single-threaded worker process per core), "local:N" (N workers), a scheduler
  address ("tcp://HOST:PORT"), or a `distributed.Client` the caller made. Each
  worker loads the spaCy pipeline once (the pipeline's loaders are cached per
  process); the client only reads inputs and collects results.

The executors are context managers: leaving one shuts down what it started."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

Batch = list[Any]
Work = Callable[[Batch], list[Any]]
Outcome = tuple[Batch, "list[Any] | BaseException"]

DEFAULT_DASK_WINDOW = 2  # batches in flight per worker thread: one running, one queued


class ClusterError(Exception):
    """The Dask cluster asked for cannot be started or reached."""


def check_cluster(address: str) -> str:
    """`address` if it names a cluster ("local", "local:N", "tcp://HOST:PORT", ...), else ValueError."""
    kind, _, n = address.partition(":")
    if kind == "local" and (not n or (n.isdigit() and int(n) > 0)):
        return address
    if kind != "local" and "://" in address:
        return address
    raise ValueError(f"{address!r}: want local, local:N (N workers) or tcp://HOST:PORT")


class InProcess:
    """Batches analysed here, one after the other."""

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, work: Work, batches: Iterable[Batch]) -> Iterator[Outcome]:
        for batch in batches:
            try:
                yield batch, work(batch)
            except Exception as exc:  # a bug on one batch must not kill the run
                yield batch, exc


class Processes:
    """Batches analysed in `workers` processes, each made ready by `initializer` once."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_mp_context(), initializer=_start_worker, initargs=(initializer,)
        )

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(cancel_futures=True)

    def map(self, work: Work, batches: Iterable[Batch]) -> Iterator[Outcome]:
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, self.pool.submit(work, batch)))
            if len(pending) >= self.workers * 2:
                yield _settled(*pending.popleft())
        while pending:
            yield _settled(*pending.popleft())


class DaskCluster:
    """Batches analysed on a Dask cluster's workers; results gathered here, in order."""

    def __init__(self, address: Any, window: int | None = None) -> None:
        from distributed import Client

        self.cluster = None
        if isinstance(address, Client):
            self.client, self.owned = address, False
        elif check_cluster(address).startswith("local"):
            self.cluster = _local_cluster(address)
            self.client, self.owned = Client(self.cluster), True
        else:
            try:
                self.client, self.owned = Client(address), True
            except OSError as exc:  # no scheduler answered within distributed.comm.timeouts.connect
                raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = sum(self.client.nthreads().values()) or 1
        self.window = window or DEFAULT_DASK_WINDOW * threads

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.owned:
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()

    def map(self, work: Work, batches: Iterable[Batch]) -> Iterator[Outcome]:
        pending: deque = deque()
        for batch in batches:
            # pure=False: two equal batches are still two tasks (each yields its own documents)
            pending.append((batch, self.client.submit(work, batch, pure=False)))
            if len(pending) >= self.window:
                yield _settled(*pending.popleft())
        while pending:
            yield _settled(*pending.popleft())


def _settled(batch: Batch, future: Any) -> Outcome:
    """The batch with its result, or with the exception that stopped it (a task error,
    a worker that died: Dask's KilledWorker, a broken process pool)."""
    try:
        return batch, future.result()
    except Exception as exc:
        return batch, exc


def _local_cluster(address: str) -> Any:
    """A LocalCluster of single-threaded worker processes: one per core, or N for "local:N"."""
    from distributed import LocalCluster

    _, _, n = address.partition(":")
    workers = int(n) if n else (os.cpu_count() or 1)
    # spaCy is CPU-bound and holds the GIL: threads would not run in parallel. The
    # dashboard on any free port (the default 8787 may be another cluster's).
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")


def make_executor(workers: int = 1, dask: Any = None, initializer: Callable[[], None] | None = None) -> Any:
    """The executor for these options: Dask when `dask` is given, else processes for
    `workers` > 1, else this process."""
    if dask is not None:
        return DaskCluster(dask)
    if workers > 1:
        return Processes(workers, initializer)
    return InProcess()


def _start_worker(initializer: Callable[[], None] | None) -> None:
    _die_with_parent()
    if initializer is not None:
        initializer()


def _die_with_parent() -> None:
    """A killed `presswatch` must not leave its workers waiting forever (Linux only)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _mp_context():
    import multiprocessing

    # fork shares the loaded model pages with the workers; spawn elsewhere
    method = (
        "fork" if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    return multiprocessing.get_context(method)
