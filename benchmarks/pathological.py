"""Pathological inputs (issue 13): time and peak memory of `presswatch analyze FILE --format jsonl`,
one whole process per input class, with a per-input timeout.

    python -m benchmarks.pathological [--timeout 120] [--only quotation]

Run from the repository root; the analysed code is this checkout's src/ (PYTHONPATH for the child).
Prints a Markdown table: input class, size, seconds, peak RSS (MB), exit code, error. Peak RSS is
the child's own high-water mark as the kernel reports it when the child is reaped (wait4), so it
is exact per input, also for an input killed at the timeout. The inputs are generated, the same
on every run, into a temporary folder."""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 13
EXE = Path(sys.executable).parent / "presswatch"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "presswatch.cli"]

STORY = (
    "VILNIUS, March 3 (BalticWire) - The city council approved the money for the new Neris bridge on Tuesday. "
    '"We will rebuild the bridge before winter," Mayor Ines Duarte said after the vote. '
    "Council member Tomas Kairys, who voted against the plan, said the contractor had not been chosen. "
    "«Денег нет», — заявил Александр Ковалёв журналистам. "
)


def quotation_marks(n: int) -> bytes:
    """One sentence with n quotation marks: "a" "a" … (an odd n leaves the last one open)."""
    text = 'He said "' + '" "'.join(["a"] * (n // 2)) + '" today.'
    if n % 2:
        text = text[:-1] + ' "today.'
    assert text.count('"') == n
    return text.encode("utf-8")


def one_line_article(size: int) -> bytes:
    """A headline, then one paragraph of news sentences with no line break, `size` bytes."""
    body = (STORY * (size // len(STORY.encode("utf-8")) + 1)).encode("utf-8")
    return (b"Bridge vote in Vilnius\n\n" + body)[:size].rsplit(b" ", 1)[0] + b"\n"


def big_file(size: int) -> bytes:
    """An ordinary article, paragraphs and all, repeated up to `size` bytes."""
    paragraph = (STORY + "\n\n").encode("utf-8")
    return (b"Bridge vote in Vilnius\n\n" + paragraph * (size // len(paragraph) + 1))[:size]


def random_bytes(size: int) -> bytes:
    return random.Random(SEED).randbytes(size)


def nested_html(depth: int) -> bytes:
    inner = f"<p>{STORY}</p>"
    return (
        f"<html><head><title>Bridge vote in Vilnius</title></head><body>{'<div>' * depth}{inner}{'</div>' * depth}"
        "</body></html>"
    ).encode()


def only_quote_marks(n: int) -> bytes:
    marks = "\"“”«»„‘’'‹›"
    rng = random.Random(SEED)
    return "".join(rng.choice(marks) for _ in range(n)).encode("utf-8")


def short_lines(n: int) -> bytes:
    words = ["Vilnius", "bridge", "said", '"yes"', "Duarte", "—", "«да»", "council", "a", "1"]
    rng = random.Random(SEED)
    return "\n".join(" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(n)).encode("utf-8")


def mixed_encodings(lines: int) -> bytes:
    """Lines of one story in cp1251, koi8-r, latin-1 and utf-8, one after the other."""
    russian = "Адвокат Мария Сидоренко назвала обвинения политическими, заявил Александр Ковалёв."
    german = "Müller sagte über die Straße, dass die Brücke im Mai öffnet."
    codecs = [("cp1251", russian), ("koi8-r", russian), ("latin-1", german), ("utf-8", russian)]
    out = [b"Court in Hrodna", b""]
    for i in range(lines):
        codec, line = codecs[i % len(codecs)]
        out.append(line.encode(codec))
    return b"\n".join(out) + b"\n"


@dataclass
class Case:
    name: str
    suffix: str
    make: Callable[[], bytes]


CASES = [
    Case("quotation marks in one sentence: 500", ".txt", lambda: quotation_marks(500)),
    Case("quotation marks in one sentence: 2,000", ".txt", lambda: quotation_marks(2_000)),
    Case("quotation marks in one sentence: 10,001", ".txt", lambda: quotation_marks(10_001)),
    Case("900 KB one-line article", ".txt", lambda: one_line_article(900_000)),
    Case("5 MB file", ".txt", lambda: big_file(5 * 1024 * 1024)),
    Case("random bytes (100 KB)", ".txt", lambda: random_bytes(100_000)),
    Case("deeply nested HTML (5,000 divs)", ".html", lambda: nested_html(5_000)),
    Case("only quotation marks (20,000)", ".txt", lambda: only_quote_marks(20_000)),
    Case("very many short lines (50,000)", ".txt", lambda: short_lines(50_000)),
    Case("mixed encodings (400 lines, 4 codecs)", ".txt", lambda: mixed_encodings(400)),
]


@dataclass
class Result:
    seconds: float
    peak_mb: float
    exit: str
    error: str


def run(path: Path, timeout: float) -> Result:
    """`presswatch analyze path --format jsonl` as a whole process: wall time, peak RSS, exit, error."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    )
    with tempfile.TemporaryFile() as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [*CMD, "analyze", str(path), "--format", "jsonl"], stdout=subprocess.DEVNULL, stderr=stderr, env=env
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                proc.send_signal(signal.SIGKILL)
                timed_out = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        stderr.seek(0)
        messages = stderr.read().decode("utf-8", "replace").splitlines()
    prefix = f"presswatch: {path}: "
    errors = [m.removeprefix(prefix) for m in messages if m.startswith("presswatch:")]
    if not errors and proc.returncode not in (0, -signal.SIGKILL) and messages:
        errors = [messages[-1]]
    return Result(
        seconds=seconds,
        peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        exit="timeout" if timed_out else str(proc.returncode),
        error="; ".join(errors)[:100],
    )


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per input (default 120)")
    parser.add_argument("--only", default="", help="only the input classes whose name contains this")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="presswatch-pathological-") as tmp:
        for i, case in enumerate(c for c in CASES if args.only.lower() in c.name.lower()):
            path = Path(tmp) / f"input-{i:02d}{case.suffix}"
            data = case.make()
            path.write_bytes(data)
            result = run(path, args.timeout)
            seconds = f">{args.timeout:.0f}" if result.exit == "timeout" else f"{result.seconds:.1f}"
            row = [case.name, size_text(len(data)), seconds, f"{result.peak_mb:.0f}", result.exit, result.error or "—"]
            print(" | ".join(row), file=sys.stderr, flush=True)
            rows.append(row)
    header = ["input class", "size", "seconds", "peak RSS MB", "exit code", "error"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")


if __name__ == "__main__":
    main()
