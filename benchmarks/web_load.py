"""Web load: 8 concurrent clients for 30 s against `presswatch serve` on a 10k-article corpus.

    python -m benchmarks.web_load [--articles 10000] [--db FILE] [--clients 8] [--seconds 30] [--seed 0]

Builds (or reuses, with --db pointing at an existing file) a corpus of synthetic,
already-analysed articles (`benchmarks.synthetic`, stored as `benchmarks.corpus`
does: the ingest path minus spaCy), starts `presswatch serve` on 127.0.0.1 in a
subprocess (the real server: uvicorn, one process), and runs `--clients` client
threads (httpx, one connection each) for `--seconds`. Each client cycles
through the endpoints:

  api search     /api/search?q=...        a name in any spelling, or a word
  api dossier    /api/entities/{id}
  page search    /search?q=...            when the server has the pages
  page dossier   /entity/{id}             when the server has the pages

Dossiers are asked by id (as the pages link them), half for popular entities
(the synthetic Zipf weights), half uniform over the corpus. Prints, per endpoint
and in all: requests, requests/s, p50 and p95 latency, errors (any status but
200, or a failed connection), and the share of answers the server had kept
(`X-Cache: hit`; `--cache-mb 0` turns its cache off). The workload cycles through
400 search terms and 400 dossiers, so a 30 s run asks for most of them twice or
more. The goal: p95 under 200 ms, no error.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from benchmarks.corpus import percentile
from benchmarks.synthetic import Generator
from presswatch.corpus import Corpus

TARGET_P95_MS = 200
BATCH = 1000  # articles per add_documents call (one link pass each)


def build(db: Path, articles: int, seed: int) -> None:
    gen = Generator(seed)
    with Corpus(db) as corpus:
        have = corpus.stats()["sources"]
        for start in range(have, articles, BATCH):
            corpus.add_documents(gen.documents(start, min(start + BATCH, articles)))
            print(f"  stored {min(start + BATCH, articles)} articles", file=sys.stderr)


def workload(db: Path, seed: int, n: int = 400) -> tuple[list[str], list[str]]:
    """Search terms (names in every spelling, words) and entity ids to ask dossiers of."""
    gen = Generator(seed)
    rng = random.Random(f"web:{seed}")
    with Corpus(db, readonly=True) as corpus:
        rows = corpus.conn.execute("SELECT id, name FROM entities WHERE articles > 0").fetchall()
        popular = [r["id"] for r in corpus.conn.execute("SELECT id FROM entities ORDER BY articles DESC LIMIT 50")]
    terms, ids = [], []
    for k in range(n):
        if k % 2 == 0:
            ent = gen.population.draw("person", rng)
            terms.append(rng.choice(ent.spellings()))
            ids.append(rng.choice(popular))
        else:
            terms.append(rng.choice(gen.vocabulary.words[200:2000]))
            ids.append(rng.choice(rows)["id"])
    return terms, ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, cache_mb: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "presswatch",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--cache-mb",
            str(cache_mb),
        ],
        env=os.environ.copy(),
    )
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not answer within 20 s")


def endpoints(base: str, terms: list[str], ids: list[str]) -> dict[str, list[str]]:
    eps = {
        "api search": [str(httpx.URL("/api/search", params={"q": t})) for t in terms],
        "api dossier": [f"/api/entities/{i}" for i in ids],
    }
    has_pages = httpx.get(f"{base}/search", params={"q": terms[0]}).status_code == 200
    if has_pages:
        eps["page search"] = [str(httpx.URL("/search", params={"q": t})) for t in terms]
        eps["page dossier"] = [f"/entity/{i}" for i in ids]
    return eps


def client(base: str, eps: dict[str, list[str]], offset: int, deadline: float, out: list) -> None:
    labels = list(eps)
    with httpx.Client(base_url=base, timeout=30) as http:
        for k in itertools.count(offset):
            if time.perf_counter() >= deadline:
                return
            label = labels[k % len(labels)]
            urls = eps[label]
            url = urls[(k // len(labels)) % len(urls)]
            t0 = time.perf_counter()
            try:
                r = http.get(url)
                ok, hit = r.status_code == 200, r.headers.get("x-cache") == "hit"
            except httpx.HTTPError:
                ok, hit = False, False
            out.append((label, (time.perf_counter() - t0) * 1000, ok, hit))


def run(base: str, eps: dict[str, list[str]], clients: int, seconds: float) -> list[tuple[str, float, bool, bool]]:
    results: list[tuple[str, float, bool, bool]] = []  # list.append is atomic under the GIL
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=client, args=(base, eps, 97 * c, deadline, results)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def report(results: list[tuple[str, float, bool, bool]], seconds: float) -> bool:
    print(f"{'endpoint':<14}{'requests':>10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'cached':>8}")
    labels = sorted({r[0] for r in results})
    ok = True
    for label in [*labels, "all"]:
        rows = [r for r in results if label in ("all", r[0])]
        ms = [r[1] for r in rows]
        errors = sum(1 for r in rows if not r[2])
        p95 = percentile(ms, 95)
        ok = ok and errors == 0 and p95 < TARGET_P95_MS
        cached = sum(1 for r in rows if r[3]) / max(len(rows), 1)
        print(
            f"{label:<14}{len(rows):>10}{len(rows) / seconds:>8.1f}{percentile(ms, 50):>9.1f}{p95:>9.1f}"
            f"{errors:>8}{cached:>8.0%}"
        )
    print(f"goal: p95 < {TARGET_P95_MS} ms, no error: {'met' if ok else 'NOT met'}")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="corpus file to build or reuse (default: a temporary one)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cache-mb", type=int, default=64, help="the server's answer cache (0: none)")
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "web.db"
        t0 = time.perf_counter()
        build(db, args.articles, args.seed)
        print(f"corpus: {db} ({args.articles} articles, ready in {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        terms, ids = workload(db, args.seed)
        port = free_port()
        server = start_server(db, port, args.cache_mb, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            eps = endpoints(base, terms, ids)
            run(base, eps, args.clients, 2.0)  # warm the page cache and the pools
            load = os.getloadavg()
            results = run(base, eps, args.clients, args.seconds)
            print(
                f"{args.clients} clients, {args.seconds:.0f} s, {args.workers} server process(es),"
                f" answer cache {args.cache_mb} MB,"
                f" load average before: {load[0]:.1f}"
            )
            ok = report(results, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
