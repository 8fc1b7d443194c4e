"""py3langid's language identifier, its model read from presswatch's cache folder.

Why: py3langid ships its model LZMA-compressed and decompresses it (about 1 s) in
every process that identifies a language, through a temporary file. Here the
decompressed arrays are kept in the cache folder (an uncompressed .npz named by
py3langid's version, see cache.py) and the identifier is built from them with
py3langid's own constructor: the same arrays, so the same answers."""

from __future__ import annotations

from array import array
from functools import lru_cache
from importlib.metadata import version
from typing import Any

from .. import cache

FORMAT = 1
# array typecodes by item size, as py3langid turns its numpy arrays into stdlib arrays
TYPECODES = {2: "H", 4: "I", 8: "L"}


@lru_cache(maxsize=1)
def identifier() -> Any:
    """A `py3langid.langid.LanguageIdentifier` with normalised probabilities."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    path = cache.cache_dir() / f"py3langid-{version('py3langid')}-{FORMAT}.npz"
    try:
        with np.load(path, allow_pickle=False) as data:
            parts = {name: data[name] for name in data.files}
    except (OSError, ValueError):
        ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
        parts = {
            "ptc": ptc,
            "pc": pc,
            "classes": np.array(classes),
            "nextmove": _to_numpy(nextmove),
            "row": _to_numpy(row),
            "output": np.array(output),
        }
        cache.save(path, lambda fh: np.savez(fh, **parts))
    return LanguageIdentifier(
        np.asarray(parts["ptc"]),
        np.asarray(parts["pc"]),
        parts["classes"].tolist(),
        _to_array(parts["nextmove"]),
        parts["output"].tolist(),
        norm_probs=True,
        tk_row=_to_array(parts["row"]),
    )


def _to_numpy(arr: array) -> Any:
    import numpy as np

    return np.frombuffer(arr, dtype=np.dtype(arr.typecode))


def _to_array(values: Any) -> array:
    out = array(TYPECODES[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out
