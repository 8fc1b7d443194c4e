"""Memory while reading a 1 GB web archive: a WARC.gz streams in flat memory.

    python -m benchmarks.warc_memory [--size-mb 1000] [--dir /tmp] [--analyse-every 250] [--keep]

Writes a CC-NEWS-like WARC.gz of about --size-mb MB in --dir (with warcio: one gzip
member per record, a warcinfo record, then HTML responses of about 100 KB, each an
article with a large inline script, as news pages have), then reads it in two
fresh processes, sampling the resident memory (VmRSS from /proc) as it goes:

  reading                every record through presswatch.io.warc.read_warc (FastWARC,
                         HTTP headers, decoding of each page), nothing kept
  reading + analysing    the same, with one page in --analyse-every sent on through
                         presswatch.analyze_many (spaCy and every stage)

and prints RSS after 10%, 50% and 100% of the archive and the peak (VmHWM). The
archive is deleted at the end unless --keep. Linux only (/proc)."""

from __future__ import annotations

import argparse
import base64
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "The regional council voted on Tuesday to go ahead with the plan, which will cost {n} million euros "
    'over five years. "This is a good day for the city," council chair {who} told reporters after the vote. '
)
PEOPLE = ["Ines Duarte", "Marta Kowalska", "Oleh Bondar", "Ruta Petraityte", "Ihar Zhuk"]


def page(i: int, rng: random.Random) -> bytes:
    """An article of some 15 paragraphs in about 100 KB of HTML; the inline script is random
    (base64), so the archive compresses as real pages do, not to nothing. The page is
    ASCII: ftfy then takes its fast path, and the run measures memory in minutes (a page
    with any other character costs ftfy some 20 ms more per 100 KB: see docs/benchmarks.md)."""
    script = base64.b64encode(rng.randbytes(60_000)).decode()
    body = "".join(f"<p>{PARAGRAPH.format(n=i % 97 + k, who=PEOPLE[(i + k) % len(PEOPLE)])}</p>" for k in range(15))
    return (
        f"<html><head><title>Council backs plan number {i}</title>"
        f'<script>window.__DATA__="{script}";</script></head>'
        f"<body><article><h1>Council backs plan number {i}</h1>{body}</article></body></html>"
    ).encode()


def write_archive(path: Path, size_mb: int) -> int:
    """A WARC.gz of about `size_mb` MB; returns the number of responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(0)
    n = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "presswatch benchmark"}))
        while fh.tell() < size_mb * 1_000_000:
            body = page(n, rng)
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
            record = writer.create_warc_record(
                f"https://news.example/{n // 1000}/{n}.html",
                "response",
                payload=BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            )
            writer.write_record(record)
            n += 1
    return n


def proc_status(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(path: str, analyse_every: int) -> None:
    """Read the archive, print "RSS <fraction> <MB>" as it goes and "PEAK <MB>" at the end."""
    from presswatch.io.warc import read_warc

    size = os.path.getsize(path)
    marks = [0.1, 0.5]
    position = [0]

    def inputs() -> Iterator:
        for i, inp in enumerate(read_warc(path, on_progress=lambda n: position.__setitem__(0, n)), 1):
            while marks and position[0] >= marks[0] * size:
                print(f"RSS {marks.pop(0)} {proc_status('VmRSS'):.0f}", flush=True)
            if inp.error:
                print(f"ERROR {inp.source}: {inp.error}", flush=True)
            if analyse_every and i % analyse_every == 0:
                yield inp

    started = time.perf_counter()
    analysed = 0
    if analyse_every:
        import presswatch

        for doc in presswatch.analyze_many(inputs()):
            analysed += doc.error is None
    else:
        for _ in inputs():
            pass
    print(f"RSS 1.0 {proc_status('VmRSS'):.0f}")
    print(f"PEAK {proc_status('VmHWM'):.0f}")
    print(f"DONE {time.perf_counter() - started:.1f} {analysed}")


def measure(path: Path, analyse_every: int) -> dict[str, str]:
    cmd = [sys.executable, "-m", "benchmarks.warc_memory", "--child", str(path), "--analyse-every", str(analyse_every)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        kind, *rest = line.split(" ", 1)
        if kind == "RSS":
            fraction, mb = rest[0].split()
            found[f"RSS at {float(fraction):.0%}"] = mb
        elif kind in ("PEAK", "DONE"):
            found[kind] = rest[0]
        elif kind == "ERROR":
            print(line, file=sys.stderr)
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp"))
    ap.add_argument("--analyse-every", type=int, default=250)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.analyse_every)
        return
    path = args.dir / f"presswatch-bench-{os.getpid()}.warc.gz"
    try:
        started = time.perf_counter()
        pages = write_archive(path, args.size_mb)
        print(
            f"wrote {path} ({path.stat().st_size / 1e9:.2f} GB, {pages:,} responses) in {time.perf_counter() - started:.0f} s"
        )
        print(f"load average (1 min) before reading: {os.getloadavg()[0]:.1f}\n")
        print("| run | seconds | analysed | RSS at 10% | RSS at 50% | RSS at 100% | peak RSS (VmHWM) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, every in (("reading", 0), (f"reading + analysing 1 in {args.analyse_every}", args.analyse_every)):
            m = measure(path, every)
            seconds, analysed = m["DONE"].split()
            print(
                f"| {name} | {seconds} | {analysed} | {m.get('RSS at 10%')} MB | {m.get('RSS at 50%')} MB |"
                f" {m.get('RSS at 100%')} MB | {m['PEAK']} MB |"
            )
        print(f"\nload average (1 min) after: {os.getloadavg()[0]:.1f}")
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
