"""Input: files, directories, standard input and strings -> decoded, normalised text.

`read_source` and `from_text` never raise for bad data: they return an `Input`
with `error` set. HTML pages go through trafilatura in `html`."""

from .errors import InputError
from .inputs import Input, from_text, guess_kind, iter_paths, read_source

__all__ = ["Input", "InputError", "from_text", "guess_kind", "iter_paths", "read_source"]
