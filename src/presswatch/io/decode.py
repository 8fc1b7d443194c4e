"""Bytes -> text: decoding, normalisation, and the offset map back to the file.

Decoding: BOM, strict UTF-8, then charset-normalizer, then a per-line fallback
for files that mix encodings; mojibake repaired by ftfy; newlines normalised
and Unicode NFC. Non-text raises `InputError`."""

from __future__ import annotations

import os
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from .errors import InputError

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # curly quotes carry meaning for quote detection
    fix_latin_ligatures=False,
    fix_character_width=False,
    unescape_html=False,
    normalization="NFC",
    explain=False,
)


def decode_plain(raw: bytes) -> str:
    """The bytes as characters, before any normalisation (what offsets in the file count)."""
    if not raw.strip():
        raise InputError("empty file")
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file (contains NUL bytes)")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mixed encodings: when most lines are valid UTF-8, decode line by line so
    # the UTF-8 lines are not turned into mojibake by a single-byte guess.
    lines = raw.split(b"\n")
    bad = [line for line in lines if not _is_utf8(line)]
    if len(lines) > 1 and len(bad) <= len(lines) / 2:
        guess = _best_guess(b"\n".join(bad))
        codec = guess.encoding if guess is not None else "cp1252"
        text = _decode_lines(lines, codec, _paragraph_codecs(lines, codec))
    else:
        best = _best_guess(raw)
        if best is None:
            # no one code page reads the whole file: it may be paragraphs in several
            text = _decode_lines(lines, "cp1252", _paragraph_codecs(lines, "cp1252"))
            if _mess(text) >= MESSY:
                raise InputError("binary or undecodable file")
        else:
            others = _paragraph_codecs(lines, best.encoding)
            text = _decode_lines(lines, best.encoding, others) if others else str(best)
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters)")
    return text


def _decode_lines(lines: list[bytes], codec: str, others: dict[int, str]) -> str:
    """Line by line: UTF-8 where a line is valid UTF-8, else its paragraph's codec (`others`) or `codec`."""
    return "\n".join(
        line.decode("utf-8") if _is_utf8(line) else line.decode(others.get(i, codec), errors="replace")
        for i, line in enumerate(lines)
    )


# A paragraph is read in another codec than the file's only when the file's makes a mess
# of it and a common legacy code page reads cleanly (charset-normalizer's mess ratio), and only for
# paragraphs long enough to tell (short ones read plausibly in many code pages).
MIN_PARAGRAPH_NON_ASCII = 6
MESSY, CLEAN = 0.2, 0.05
MAX_PARAGRAPHS_CHECKED = 500  # a bound for pathological files


def _paragraph_codecs(lines: list[bytes], codec: str) -> dict[int, str]:
    """{line index: codec} for paragraphs (runs of non-UTF-8 lines) written in another
    single-byte encoding than the rest: a file pasted together from a cp1251 page and a
    koi8-r one. Each run is decided as a whole, then each of its lines (one paragraph
    a line, in turns). Empty in the usual case of one encoding."""
    others: dict[int, str] = {}
    for run in _non_utf8_runs(lines)[:MAX_PARAGRAPHS_CHECKED]:
        base = _cleaner_codec(b"\n".join(lines[i] for i in run), codec) or codec
        for i in run[:MAX_PARAGRAPHS_CHECKED]:
            line_codec = _cleaner_codec(lines[i], base) or base
            if line_codec != codec:
                others[i] = line_codec
    return others


def _cleaner_codec(block: bytes, codec: str) -> str | None:
    """None when `codec` reads `block` well enough (or it is too short to tell); the
    common legacy code page that reads it cleanly instead; "" when none does."""
    if sum(b > 0x7F for b in block) < MIN_PARAGRAPH_NON_ASCII:
        return None
    try:
        if _mess(block.decode(codec, errors="replace")) < MESSY:
            return None
    except LookupError:
        return None
    # charset-normalizer alone is unreliable on one paragraph; the legacy code pages
    # of news sites are few, so each is tried and the cleanest reading kept
    ratio, _, alt = min((_mess(block.decode(c, errors="replace")), i, c) for i, c in enumerate(COMMON_ENCODINGS))
    if ratio >= CLEAN:
        return ""
    return None if alt == codec else alt


_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _mess(text: str) -> float:
    """How garbled a decoding reads: charset-normalizer's mess ratio, plus the share of
    words that mix Latin and Cyrillic letters ("prйsident": French read as cp1251),
    which that ratio misses and real words almost never do."""
    words = _WORD.findall(text)
    mixed = sum(1 for w in words if _LATIN.search(w) and _CYRILLIC.search(w))
    return mess_ratio(text) + (mixed / len(words) if words else 0.0)


def _non_utf8_runs(lines: list[bytes]) -> list[list[int]]:
    """Indexes of consecutive lines that are not UTF-8 (an ASCII or blank line ends a run)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if _is_utf8(line):
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


# Past this (two middles of ~2,000 characters), a changed stretch maps to its start only:
# a line of 10,000 typewriter quotes took seconds to align character by character.
MAX_CHAR_ALIGNMENT = 4_000_000


def alignment(plain: str, normalized: str) -> list[tuple[int, int, int]]:
    """(normalized_start, plain_start, length) segments where the two texts agree,
    so offsets can be mapped back to the file after ftfy, newline and NFC
    changes. Empty when normalisation changed nothing (the usual case)."""
    if plain == normalized or len(plain) > 300_000:  # difflib is slow on huge inputs; offsets stay approximate there
        return []
    import difflib

    # Lines first, characters only inside the lines that differ: one character-level
    # match over a whole article took ~150 ms when ftfy had repaired a few words.
    a_lines, a_starts = _lines(normalized)
    b_lines, b_starts = _lines(plain)
    blocks: list[tuple[int, int, int]] = []
    lines = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            blocks += [(a_starts[i], b_starts[j], len(a_lines[i])) for i, j in zip(range(i1, i2), range(j1, j2))]
        elif tag == "replace":
            a0, b0 = a_starts[i1], b_starts[j1]
            a_text = normalized[a0 : a_starts[i2 - 1] + len(a_lines[i2 - 1])]
            b_text = plain[b0 : b_starts[j2 - 1] + len(b_lines[j2 - 1])]
            # the common head and tail of the two lines match as they are; only the middle
            # needs difflib (a repaired word or quotation mark is a few characters of a long line)
            head = len(os.path.commonprefix([a_text, b_text]))  # noqa: RUF071 (strings, not paths)
            tail = len(os.path.commonprefix([a_text[head:][::-1], b_text[head:][::-1]]))  # noqa: RUF071
            if head:
                blocks.append((a0, b0, head))
            a_mid, b_mid = a_text[head : len(a_text) - tail], b_text[head : len(b_text) - tail]
            if len(a_mid) * len(b_mid) <= MAX_CHAR_ALIGNMENT:  # difflib's time grows with the product
                chars = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
                blocks += [(a0 + head + a, b0 + head + b, n) for a, b, n in chars.get_matching_blocks() if n]
            if tail:
                blocks.append((a0 + len(a_text) - tail, b0 + len(b_text) - tail, tail))
    merged: list[tuple[int, int, int]] = []
    for a, b, n in blocks:  # a line, its newline and the next line in one segment when both texts agree
        if merged:
            pa, pb, pn = merged[-1]
            gap = a - (pa + pn)
            if gap == b - (pb + pn) and 0 <= gap <= 1 and normalized[pa + pn : a] == plain[pb + pn : b]:
                merged[-1] = (pa, pb, pn + gap + n)
                continue
        merged.append((a, b, n))
    return merged


def _lines(text: str) -> tuple[list[str], list[int]]:
    """Lines without their line breaks (any of \r\n, \r, \n) and where each starts."""
    lines, starts, pos = [], [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        lines.append(text[pos : m.start()])
        starts.append(pos)
        pos = m.end()
    lines.append(text[pos:])
    starts.append(pos)
    return lines, starts


# Encodings news sites actually used before UTF-8. On short texts charset-
# normalizer's scores are close between code pages; prefer these on a near tie.
COMMON_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_2",
    "cp1250",
    "mac_cyrillic",
)


def _best_guess(raw: bytes):
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding in COMMON_ENCODINGS and match.chaos <= best.chaos + 0.05:
            return match
    return best


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t\f")
    return bad / len(sample) > 0.1


# Double quotes typed as two apostrophes, ''…'' or ``…'' (NYT archives, feeds that
# went through TeX-like tools): nothing reads them as quotation marks, so they are
# set as “…”, the way an editor would. ftfy has no such fix; `alignment` maps
# offsets back to the two characters in the file.
_OPEN_PAIR = re.compile(r"(?<![\w'`])(?:''|``)(?=[^\s'])")
_CLOSE_PAIR = re.compile(r"(?:(?<=[^\s'`])|(?<=[^\s]' ))''(?![\w'])")  # also "…'Primates,' ''"


def typewriter_quotes(text: str) -> str:
    """''…'' and ``…'' as “…”. A closing '' counts only after an opening one in the
    same paragraph ("the players'' union" stays); an opening one may run on to the
    next paragraph, as quotes do."""
    if "''" not in text and "``" not in text:
        return text
    out = []
    for para in text.split("\n"):
        if "''" in para or "``" in para:
            opens = {m.start() for m in _OPEN_PAIR.finditer(para)}
            closes = {m.start() for m in _CLOSE_PAIR.finditer(para)}
            pieces, last, is_open = [], 0, False
            for i in sorted(opens | closes):
                if i < last:
                    continue
                if i in opens and not is_open:
                    mark, is_open = "\u201c", True
                elif i in closes and is_open:
                    mark, is_open = "\u201d", False
                else:
                    continue
                pieces += [para[last:i], mark]
                last = i + 2
            para = "".join(pieces) + para[last:]
        out.append(para)
    return "\n".join(out)


def _normalize_as(text: str, kind: str) -> str:
    """`normalize`, and for plain text also `typewriter_quotes` (HTML has its own markup)."""
    text = normalize(text)
    return typewriter_quotes(text) if kind == "text" else text


def normalize(text: str) -> str:
    """Newlines to \\n, mojibake repaired, NFC. Raises InputError on non-text."""
    if "\x00" in text[:8192]:
        raise InputError("binary file (contains NUL bytes)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = ftfy.fix_text(text, _FTFY)
    if not text.strip():
        raise InputError("empty file")
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters)")
    return text
