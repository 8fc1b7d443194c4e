"""Reading the PolNeAR corpus (Political News Attribution Relations).

Layout (see ../shared/data/polnear/README.md):

    <data>/<split>/text/NAME.txt               article, title on the first line
    <data>/<split>/attributions/NAME_XXXX.ann  brat standoff, one per annotator XXXX

An `.ann` file has text-bound lines

    T3<TAB>Content 115 290<TAB>that Hillary ...
    T9<TAB>Content 315 448;463 553<TAB>...      (discontinuous span)

and event lines tying one attribution together

    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1
    E7<TAB>Attribution-no-source:T28 Cue:T26 Content:T25

(rarely with a second `Content2:` fragment). Offsets are character offsets
into the .txt (end exclusive). The quoted text after the second TAB may run
over several physical lines when a span crosses a paragraph break; such
continuation lines are ignored, the offsets are what counts.

Only the standard library is used, so the tests need no data and no models.
`benchmarks.attribution` scores presswatch against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]

SPLITS = ("train", "dev", "test")

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+?)(?:\t(.*))?$")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")


@dataclass
class TextBound:
    """One `T` line: a labelled, possibly discontinuous span."""

    id: str
    label: str
    spans: list[Span]
    text: str = ""


@dataclass
class Event:
    """One `E` line: its trigger type (Attribution / Attribution-no-source)
    and its role -> T-id arguments, in file order."""

    id: str
    type: str
    trigger: str | None
    args: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Attribution:
    """One gold attribution, resolved to character spans of the article text."""

    id: str
    content: list[Span]  # Content and Content2 fragments, each maybe discontinuous
    source: list[Span] | None  # None when no source is annotated
    cue: list[Span] | None

    def content_text(self, text: str, sep: str = " … ") -> str:
        return sep.join(text[s:e] for s, e in sorted(self.content))

    def source_text(self, text: str, sep: str = " … ") -> str | None:
        if not self.source:
            return None
        return sep.join(text[s:e] for s, e in sorted(self.source))

    def cue_text(self, text: str, sep: str = " … ") -> str | None:
        if not self.cue:
            return None
        return sep.join(text[s:e] for s, e in sorted(self.cue))


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution]
    annotator: str | None = None
    ann_path: Path | None = None


class DataMissing(Exception):
    """The PolNeAR directory (or the requested split) is not there."""


# ---------------------------------------------------------------- parsing


def parse_spans(field_text: str) -> list[Span]:
    """`"115 290"` -> [(115, 290)]; `"315 448;463 553"` -> two spans."""
    spans: list[Span] = []
    for part in field_text.split(";"):
        part = part.strip()
        if not part:
            continue
        bits = part.split()
        if len(bits) != 2:
            raise ValueError(f"bad span {part!r}")
        start, end = int(bits[0]), int(bits[1])
        if end < start:
            raise ValueError(f"span end before start: {part!r}")
        spans.append((start, end))
    if not spans:
        raise ValueError(f"no span in {field_text!r}")
    return spans


def parse_text_bound(line: str) -> TextBound | None:
    """Parse a `T` line; None if the line is not one."""
    m = _TEXT_BOUND.match(line.rstrip("\r\n"))
    if not m:
        return None
    return TextBound(id=m.group(1), label=m.group(2), spans=parse_spans(m.group(3)), text=m.group(4) or "")


def parse_event(line: str) -> Event | None:
    """Parse an `E` line; None if the line is not one.

    The first `Role:Tn` argument is the trigger; its role is the event type."""
    m = _EVENT.match(line.rstrip("\r\n"))
    if not m:
        return None
    args: list[tuple[str, str]] = []
    for token in m.group(2).split():
        role, sep, target = token.partition(":")
        if sep and target:
            args.append((role, target))
    if not args:
        return Event(id=m.group(1), type="", trigger=None, args=[])
    (etype, trigger), rest = args[0], args[1:]
    return Event(id=m.group(1), type=etype, trigger=trigger, args=rest)


def parse_ann(ann_text: str) -> tuple[dict[str, TextBound], list[Event]]:
    """All text-bound annotations (by id) and events of one .ann file.

    Lines that are neither (notes `#`, relations, continuation lines of a
    multi-line span text, blanks) are skipped."""
    bounds: dict[str, TextBound] = {}
    events: list[Event] = []
    for line in ann_text.splitlines():
        if line.startswith("T"):
            try:
                tb = parse_text_bound(line)
            except ValueError:
                tb = None
            if tb is not None:
                bounds[tb.id] = tb
        elif line.startswith("E"):
            ev = parse_event(line)
            if ev is not None:
                events.append(ev)
    return bounds, events


def _role_base(role: str) -> str:
    """`Content2` -> `Content`, `Source` -> `Source`."""
    return role.rstrip("0123456789")


def attributions_from_ann(ann_text: str) -> list[Attribution]:
    """Gold attributions of one .ann file, in file order.

    Events without any Content are dropped. All Content/Content2 fragments go
    into `content`; the Source (if any) into `source`."""
    bounds, events = parse_ann(ann_text)
    out: list[Attribution] = []
    for ev in events:
        content: list[Span] = []
        source: list[Span] = []
        cue: list[Span] = []
        for role, target in ev.args:
            tb = bounds.get(target)
            if tb is None:
                continue
            base = _role_base(role)
            if base == "Content":
                content.extend(tb.spans)
            elif base == "Source":
                source.extend(tb.spans)
            elif base == "Cue":
                cue.extend(tb.spans)
        if not content:
            continue
        out.append(
            Attribution(
                id=ev.id,
                content=sorted(content),
                source=sorted(source) or None,
                cue=sorted(cue) or None,
            )
        )
    return out


# ---------------------------------------------------------------- files


def split_ann_name(path: Path) -> tuple[str, str]:
    """`NAME_ef2d.ann` -> ("NAME", "ef2d")."""
    name, _, annotator = path.stem.rpartition("_")
    return name, annotator


def read_text(path: Path) -> str:
    """Article text exactly as the offsets expect it (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def annotation_files(split_dir: Path) -> dict[str, list[Path]]:
    """Article name -> its .ann files (one per annotator), sorted."""
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name, _ = split_ann_name(ann)
        by_name.setdefault(name, []).append(ann)
    return by_name


def choose_annotation(paths: Iterable[Path]) -> Path | None:
    """The annotation to use when several annotators did one article: the
    first in sorted order."""
    paths = sorted(paths)
    return paths[0] if paths else None


def split_dir(data_dir: Path, split: str) -> Path:
    """`data_dir/split`, checked; raises DataMissing with a readable message."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataMissing(f"PolNeAR data directory not found: {data_dir}")
    sdir = data_dir / split
    if not (sdir / "text").is_dir() or not (sdir / "attributions").is_dir():
        have = sorted(p.name for p in data_dir.iterdir() if p.is_dir())
        raise DataMissing(
            f"PolNeAR split {split!r} not found under {data_dir} "
            f"(expected {sdir}/text and {sdir}/attributions; splits present: {', '.join(have) or 'none'})"
        )
    return sdir


def load_article(sdir: Path, name: str, ann_paths: list[Path]) -> Article | None:
    text_path = sdir / "text" / f"{name}.txt"
    ann = choose_annotation(ann_paths)
    if ann is None or not text_path.is_file():
        return None
    text = read_text(text_path)
    attributions = attributions_from_ann(read_text(ann))
    attributions = [a for a in attributions if all(0 <= s <= e <= len(text) for s, e in a.content)]
    return Article(
        name=name,
        text=text,
        attributions=attributions,
        annotator=split_ann_name(ann)[1],
        ann_path=ann,
    )


def load_split(data_dir: Path | str, split: str, limit: int | None = None) -> list[Article]:
    """Articles of one split, sorted by name, each with the first annotator's
    attributions. Articles without a .txt are skipped."""
    sdir = split_dir(Path(data_dir), split)
    articles: list[Article] = []
    for name, paths in sorted(annotation_files(sdir).items()):
        if limit is not None and len(articles) >= limit:
            break
        art = load_article(sdir, name, paths)
        if art is not None:
            articles.append(art)
    if not articles:
        raise DataMissing(f"no annotated articles in {sdir}")
    return articles
