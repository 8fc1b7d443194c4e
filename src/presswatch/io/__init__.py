"""Input and output: files, directories, standard input and strings -> decoded, normalised text.

`read_source` and `from_text` never raise for bad data: they return an `Input`
with `error` set. The modules: `inputs` (paths, folder walks, stdin), `decode`
(bytes to text, offsets back to the file), `compressed` (.gz, .bz2, .zst),
`containers` (files of many articles: `records` for JSON Lines, `warc` for web
archives), `fetch` (polite HTTP), `listings` (a URL as a page, or a feed or sitemap
of pages: `feeds`, `sitemaps`), `html` (trafilatura) and `outputs` (writing
without destroying)."""

from .errors import InputError
from .inputs import Input, from_text, guess_kind, iter_paths, read_source

__all__ = ["Input", "InputError", "from_text", "guess_kind", "iter_paths", "read_source"]
