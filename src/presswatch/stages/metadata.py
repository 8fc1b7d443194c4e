"""Stage `metadata`: title, outlet, authors, translators, date, language, genre.

Input: the `Cleaned` record (its removed bylines, datelines, disclaimers), the
HTML metadata trafilatura found (may be empty) and the source path.
Output: a `Metadata` record; every field that is set names where it came from
in `provenance` (html-meta, byline, dateline, title-line, url, text).
Unknown stays None: no guesses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dateutil import parser as dateparser

from .. import lexicon
from . import language_model
from .byline import DATE_RE, TRANSLATOR_RE, is_name_like, parse_byline, split_names
from .clean import Cleaned
from .lines import words

# An outlet's name, not a person's: a media word or a web domain ("Minsk Herald", "nasha-niva.by").
MEDIA_WORDS = re.compile(
    r"\b(" + "|".join(lexicon.entries("media_words") + lexicon.entries("outlet_credit_words")) + r")\b|\.\w{2,4}\b",
    re.I,
)
DATELINE_RE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁІЎЄЇ][A-ZА-ЯЁІЎЄЇ .'’\-]{1,40}(?:,\s*[A-Z][\w. ]{1,20})?)\s*,?\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\((?P<agency>[^)]{2,40})\)|/(?P<wire>[^/]{2,40})/)?\s*[-–—]{1,2}\s+"
)
COPYRIGHT_RE = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<name>[A-Z][\w&.’' -]{1,50}?)\s*(?:[.,]|all rights|$)",
    re.I,
)
FOR_OUTLET_RE = re.compile(r"\bfor\s+(?P<name>(?:The\s+)?[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,4})\s*\.?$")
URL_DATE_RE = re.compile(r"/(?P<y>20\d{2}|19\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|\b)")
OPINION_LABEL_RE = re.compile(
    r"^\s*(opinion|comment|commentary|op-ed|analysis|column|editorial|perspective|мнение|колонка)\s*[:|—–-]", re.I
)
# A removed label line that names an opinion section ("Opinion", "Column |"); other labels
# ("FOR IMMEDIATE RELEASE", "EXCLUSIVE") say nothing about the genre.
OPINION_SECTION_RE = re.compile(
    r"^\s*(opinion|comment|commentary|op-ed|analysis|column|editorial|perspective|мнение|колонка|комментарий)\b", re.I
)
OPINION_URL_RE = re.compile(
    r"/(opinion|opinions|comment|commentisfree|op-ed|oped|columns?|editorials?|blogs?/opinion)/", re.I
)
FIRST_PERSON_RE = re.compile(r"\b(I|my|me|mine|myself|I'm|I’m|I've|I’ve|I'd|I’d)\b")
QUOTED_RE = re.compile(r"[\"“«„][^\"”»“]*[\"”»“]")


@dataclass
class Metadata:
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    genre: str = "news"
    provenance: dict[str, str] = field(default_factory=dict)


def parse_date(s: str, *, default_year: int | None = None) -> str | None:
    """'May 2, 2025', '2025-05-02T10:00', '02.05.2025' -> '2025-05-02'; None unless a full date."""
    if not s:
        return None
    s = s.strip()
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})", s)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        except ValueError:
            return None
    # the first date with a year ("Thursday, October 9, 2025": not "Thursday, October")
    m = next((m for m in DATE_RE.finditer(s) if re.search(r"\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}", m.group())), None)
    if m is None:
        return None
    chunk = m.group()
    try:
        dayfirst = bool(re.match(r"\d{1,2}\.\d{1,2}\.\d{2,4}", chunk))
        return dateparser.parse(chunk, dayfirst=dayfirst, fuzzy=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def clean_person_list(names: list[str], outlet: str | None) -> list[str]:
    """Authors are people: drop the outlet, agencies and 'Staff'-like entries."""
    out = []
    for name in names:
        name = re.sub(r"\s+", " ", name).strip(" ,.;")
        if not name or (outlet and name.casefold() == outlet.casefold()):
            continue
        if MEDIA_WORDS.search(name) or not is_name_like(name, max_tokens=5):
            continue
        if name not in out:
            out.append(name)
    return out


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, or None when the text is too short or unsure."""
    sample = text[:5000]
    if len(words(sample)) < 5:
        return None
    lang, prob = language_model.identifier().classify(sample)
    return lang if prob >= 0.6 else None


def is_first_person_argument(text: str) -> bool:
    """Opinion writing argues in the first person outside quotes."""
    outside = QUOTED_RE.sub(" ", text)
    n = len(words(outside))
    if n < 80:
        return False
    return len(FIRST_PERSON_RE.findall(outside)) / n >= 0.012


def extract_metadata(cleaned: Cleaned, html_meta: dict | None = None, source: str | None = None) -> Metadata:
    """Title, outlet, authors, translators, date, language and genre, each with where it came from."""
    meta = Metadata()
    prov = meta.provenance
    html_meta = html_meta or {}
    if html_meta.get("title"):
        meta.title, prov["title"] = html_meta["title"].strip(), "html-meta"
    elif cleaned.title:
        meta.title, prov["title"] = cleaned.title, "title-line"
    lines = read_removed_lines(cleaned)
    meta.translators = lines.translators
    if meta.translators:
        prov["translators"] = "translator-line"
    _set_outlet(meta, html_meta, lines, dateline_agency(cleaned))
    _set_authors(meta, html_meta, lines)
    _set_published(meta, cleaned, html_meta, lines, source)
    meta.language = detect_language(cleaned.text) or html_meta.get("language")
    if meta.language:
        prov["language"] = "text"
    meta.genre, prov["genre"] = genre_of(cleaned, html_meta, meta.title, source)
    return meta


@dataclass
class RemovedLines:
    """What the removed lines say about the article."""

    authors: list[str] = field(default_factory=list)  # from bylines
    outlet: str | None = None  # from a byline
    copyright_outlet: str | None = None  # from a copyright or "for Outlet" credit line
    date: str | None = None  # from a byline or a date line
    translators: list[str] = field(default_factory=list)


def read_removed_lines(cleaned: Cleaned) -> RemovedLines:
    found = RemovedLines()
    for line, reason in cleaned.removed_lines:
        if reason == "byline":
            parsed = parse_byline(line.text)
            if parsed:
                found.authors += parsed["authors"]
                found.outlet = found.outlet or parsed["outlet"]
                if parsed["date"] and not found.date:
                    found.date = parse_date(parsed["date"])
        elif reason == "translator":
            _add_translators(found.translators, line.text)
        elif reason == "dateline-meta" and not found.date:
            found.date = parse_date(line.text)
        elif reason in ("credit", "other", "navigation") and not found.outlet:
            m = COPYRIGHT_RE.match(line.text)
            if m and not re.search(r"\b(images?|photos?|getty|shutterstock|ap|afp|reuters)\b", m.group("name"), re.I):
                found.copyright_outlet = found.copyright_outlet or m.group("name").strip()
            m = FOR_OUTLET_RE.search(line.text) if reason == "credit" else None
            if m:
                found.copyright_outlet = found.copyright_outlet or m.group("name").strip()
    return found


def _add_translators(translators: list[str], line: str) -> None:
    m = TRANSLATOR_RE.match(line)
    if m:
        names = re.sub(r"^(?:from\s+\w+\s+)?(?:by\s+)?", "", m.group("names").strip(), flags=re.I)
        for name in split_names(names) or [names]:
            if is_name_like(name) and name not in translators:
                translators.append(name)


def dateline_agency(cleaned: Cleaned) -> str | None:
    """The agency of a wire dateline in the first body paragraph: "KYIV, March 3 (Reuters) - ..."."""
    if cleaned.kept:
        m = DATELINE_RE.match(cleaned.kept[0].text)
        agency = m and (m.group("agency") or m.group("wire"))
        if agency and not re.search(r"\d", agency):
            return agency.strip()
    return None


def _set_outlet(meta: Metadata, html_meta: dict, lines: RemovedLines, agency: str | None) -> None:
    prov = meta.provenance
    if html_meta.get("sitename"):
        meta.outlet, prov["outlet"] = html_meta["sitename"].strip(), "html-meta"
    elif lines.outlet:
        meta.outlet, prov["outlet"] = lines.outlet, "byline"
    elif agency:
        meta.outlet, prov["outlet"] = agency, "dateline"
    elif lines.copyright_outlet:
        meta.outlet, prov["outlet"] = lines.copyright_outlet, "credit-line"
    elif html_meta.get("hostname"):
        meta.outlet, prov["outlet"] = html_meta["hostname"], "url"


def _set_authors(meta: Metadata, html_meta: dict, lines: RemovedLines) -> None:
    html_authors = re.split(r";|,|\band\b|\|", html_meta.get("author") or "")
    authors = clean_person_list([a for a in html_authors if a.strip()], meta.outlet)
    if authors:
        meta.authors, meta.provenance["authors"] = authors, "html-meta"
        return
    authors = clean_person_list(lines.authors, meta.outlet)
    if authors:
        meta.authors, meta.provenance["authors"] = authors, "byline"


def _set_published(meta: Metadata, cleaned: Cleaned, html_meta: dict, lines: RemovedLines, source: str | None) -> None:
    prov = meta.provenance
    if html_meta.get("date") and parse_date(html_meta["date"]):
        meta.published, prov["published"] = parse_date(html_meta["date"]), "html-meta"
        return
    if lines.date:
        meta.published, prov["published"] = lines.date, "byline"
        return
    um = URL_DATE_RE.search(html_meta.get("url") or source or "")
    if um:
        try:
            meta.published = date(int(um["y"]), int(um["m"]), int(um["d"])).isoformat()
            prov["published"] = "url"
        except ValueError:
            pass
    if meta.published is None and cleaned.kept:
        m = DATELINE_RE.match(cleaned.kept[0].text)
        if m and m.group("date") and parse_date(m.group("date")):
            meta.published, prov["published"] = parse_date(m.group("date")), "dateline"


def genre_of(cleaned: Cleaned, html_meta: dict, title: str | None, source: str | None) -> tuple[str, str]:
    """("opinion" or "news", the evidence): a disclaimer about views, an opinion label,
    an opinion URL or category, or first-person argument."""
    removed = cleaned.removed_lines
    url = html_meta.get("url") or source or ""
    categories = " ".join(str(html_meta.get(k) or "") for k in ("categories", "tags"))
    if any(r == "disclaimer" and re.search(r"\b(views?|opinions?)\b", ln.text, re.I) for ln, r in removed):
        return "opinion", "disclaimer"
    if any(r == "label" and OPINION_SECTION_RE.match(ln.text) for ln, r in removed) or (
        title and OPINION_LABEL_RE.match(title)
    ):
        return "opinion", "label"
    if OPINION_URL_RE.search(url) or re.search(r"\b(opinion|op-ed|commentary)\b", categories, re.I):
        return "opinion", "url" if OPINION_URL_RE.search(url) else "html-meta"
    if is_first_person_argument(cleaned.text):
        return "opinion", "first-person"
    return "news", "default"
