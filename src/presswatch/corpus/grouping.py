"""Stage `group`: near-duplicate copies and stories across outlets.

Both use MinHash (datasketch) and locality-sensitive hashing:

- near-duplicates (syndicated agency copy, re-posts with another header or
  footer): MinHash of word 5-grams, a pair is a copy at estimated Jaccard
  >= DUP_THRESHOLD;
- stories (articles about one event written by different outlets): MinHash of
  the article's names (link keys) and its rarer words, a pair is one story at
  estimated Jaccard >= STORY_THRESHOLD when their dates are at most
  STORY_DAYS apart.

The LSH buckets are stored in SQLite rather than in datasketch's in-memory
index, so a 100k-article corpus is queried without loading every signature.
Groups are connected components labelled by their smallest article id, so the
result never depends on the order articles arrived in."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

import numpy as np
from wordfreq import zipf_frequency

from ..names import fold
from .identity import sound_key

NUM_PERM = 64
DUP_BANDS, DUP_ROWS = 16, 4  # catches pairs above ~0.5, verified at DUP_THRESHOLD
STORY_BANDS, STORY_ROWS = 32, 2  # catches pairs above ~0.18
DUP_THRESHOLD = 0.7
STORY_THRESHOLD = 0.18
STORY_DAYS = 3
SHINGLE = 5
RARE_ZIPF = 5.0  # words rarer than "minister" carry the topic; "said", "would" do not

_WORD = re.compile(r"\w+", re.U)


def _minhash(features: set[str]) -> np.ndarray:
    from datasketch import MinHash  # imports scipy: only when an article is stored

    m = MinHash(num_perm=NUM_PERM, seed=1)
    if features:
        m.update_batch([f.encode("utf-8") for f in sorted(features)])
    return m.hashvalues.astype(np.uint32)


def shingle_signature(text: str) -> np.ndarray:
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return _minhash(shingles)


@lru_cache(maxsize=500_000)
def topic_word(word: str) -> str | None:
    """The sound of a rarer word, folded to Latin, so 'Kavaliou', 'Kovalev' and
    'Ковалёв' count as one topic word; None for common words."""
    folded = fold(word)
    if len(folded) <= 3 or folded.isdigit() or zipf_frequency(folded, "en") >= RARE_ZIPF:
        return None
    return sound_key(folded)


def topic_signature(text: str, entity_keys: set[str]) -> np.ndarray:
    words = {topic_word(w) for w in _WORD.findall(text)}
    return _minhash({w for w in words if w} | {"@" + k for k in entity_keys})


def buckets(signature: np.ndarray, bands: int, rows: int) -> list[int]:
    """One bucket number per band (band index mixed in, so bands never collide)."""
    out = []
    for b in range(bands):
        chunk = signature[b * rows : (b + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"pw-lsh%02d" % b).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def similarity(a: bytes | np.ndarray, b: bytes | np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    va = np.frombuffer(a, dtype=np.uint32) if isinstance(a, bytes) else a
    vb = np.frombuffer(b, dtype=np.uint32) if isinstance(b, bytes) else b
    return float(np.count_nonzero(va == vb)) / len(va)


def close_in_time(a: str | None, b: str | None, days: int = STORY_DAYS) -> bool:
    """Dates within `days` of each other; an unknown date does not rule a pair out."""
    if not a or not b:
        return True
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= days
    except ValueError:
        return True
