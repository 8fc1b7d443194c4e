"""Stage `clean`: separate article body from page furniture, line by line.

Input: decoded text (plain text, or the main content trafilatura extracted from
HTML). Output: a `Cleaned` record: the body text, every removed line with its
reason, the title line, and a map from body offsets back to input offsets.

Why hand-written: boilerplate removers (trafilatura, jusText) work on HTML
structure; scraped *plain text* has lost it, so lines are judged here by their
shape (length, sentence form, symbols, URLs, handles, credit and byline forms)
and their place (top or bottom edge, next to other furniture, repeated). The
small vocabularies below name *kinds* of furniture (the words share buttons,
cookie banners or credits are made of), not phrases from any one site.
Rule of thumb: when unsure, keep the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Removed
from . import glue

# --- vocabularies of furniture kinds -------------------------------------------------
SOCIAL_ACTIONS = {
    "share",
    "shares",
    "shared",
    "tweet",
    "retweet",
    "follow",
    "subscribe",
    "like",
    "likes",
    "email",
    "e-mail",
    "print",
    "copy",
    "whatsapp",
    "telegram",
    "facebook",
    "twitter",
    "linkedin",
    "reddit",
    "pinterest",
    "vk",
    "viber",
    "messenger",
    "instagram",
    "youtube",
    "tiktok",
    "threads",
    "bluesky",
    "mastodon",
    "flipboard",
    "pocket",
    "save",
    "bookmark",
    "rss",
    "sms",
    "mail",
    "x",
    "pin",
    "gift",
    # the same buttons on Cyrillic-script sites
    "поделиться",
    "поділитися",
    "падзяліцца",
    "подписаться",
    "підписатися",
    "падпісацца",
}
# Imperatives that open share/follow/donate prompts ("Follow our desk on Instagram").
SHARE_START_RE = re.compile(
    r"^(?:share|follow|subscribe|like|pin|gift|save|bookmark|tweet|email|print|copy|send|donate|support|join|подписывайтесь|підписуйтесь|падпісвайцеся|поделитесь|поділіться)\b",
    re.I,
)
REPORTING_WORD_RE = re.compile(r"\b(?:said|says|told|added|according|wrote|stated)\b", re.I)
SOCIAL_FILLER = {
    "us",
    "on",
    "the",
    "and",
    "this",
    "article",
    "story",
    "post",
    "page",
    "link",
    "url",
    "via",
    "in",
    "to",
    "our",
    "channel",
    "channels",
    "news",
    "feed",
    "or",
    "with",
    "friends",
    "a",
    "comment",
    "comments",
    "&",
    "|",
    "·",
    "•",
    "/",
    "now",
    "join",
    "get",
    "updates",
    "latest",
    "more",
}
ROLE_NOUNS = {
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "contributor",
    "columnist",
    "journalist",
    "producer",
    "chief",
    "staff",
    "desk",
    "bureau",
}
JOURNALISM_ROLES = {
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "contributor",
    "contributing",
    "columnist",
    "journalist",
    "bureau",
    "chief",
    "senior",
    "special",
    "political",
    "foreign",
    "diplomatic",
    "economics",
    "business",
    "health",
    "science",
    "sports",
    "technology",
    "tech",
    "associate",
    "deputy",
    "managing",
    "news",
    "desk",
    "investigative",
    "data",
    "digital",
    "video",
    "photo",
    "producer",
    "freelance",
    "guest",
    "opinion",
    "international",
    "national",
    "local",
    "white",
    "house",
    "europe",
    "world",
    "affairs",
    "culture",
    "climate",
    "democracy",
    "congressional",
    "parliamentary",
    "regional",
    "city",
    "metro",
    "features",
    "education",
    "environment",
    "legal",
    "defence",
    "defense",
    "security",
    "energy",
    "markets",
    "the",
    "and",
    "at",
    "of",
    "for",
    "in",
    "&",
    "lead",
    "head",
    "research",
    "researcher",
}
CREDIT_WORDS = (
    r"photo|photos|photograph|photographs|photographer|image|images|picture|pictures|pic|illustration|"
    r"illustrations|collage|graphic|graphics|infographic|video|footage|credit|credits|screenshot|"
    r"screengrab|cover|artwork|фото|фотография|фотографии|коллаж|калаж|иллюстрация|ілюстрація|фота|"
    r"відео|видео|скриншот|скрін|кадр"
)
MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?"
)
WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
NAME_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "al",
    "el",
    "bin",
    "la",
    "le",
    "da",
    "di",
    "du",
    "dos",
    "del",
    "ibn",
    "st.",
    "jr.",
    "jr",
    "sr.",
    "ii",
    "iii",
}

WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
URL_RE = re.compile(
    r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)*\.(com|org|net|info|io|ru|by|ua|uk|eu|de|fr|news|media|tv|co)(/\S*)?\b",
    re.I,
)
HANDLE_RE = re.compile(r"(?<!\w)@\w{2,}")
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
CODE_RE = re.compile(
    r"function\s*\(|=>|\b(var|let|const)\s+[\w$]+\s*=|\b(window|document|navigator)\.\w+|"
    r"[\w$]+\.(push|call|apply|init|track|setAttribute|getElementById|addEventListener)\s*\(|"
    r"</?(script|img|iframe|noscript|div|span|style|link|meta|a)\b[^>]*>|\{\s*\}|\)\s*;\s*$|^\s*[{}()\[\];]+\s*$|"
    r"!function|\b(gtag|fbq|ga|_paq|_gaq|__gads|googletag|dataLayer)\b\s*[.(\[=]|\bpx\s*;|"
    r"[?&](utm_[a-z]+|fbclid|gclid)=|\b\w+\s*=\s*['\"][^'\"]*['\"]\s*;",
    re.I,
)
CREDIT_START_RE = re.compile(
    rf"^[\(\[]?\s*(?:(?:{CREDIT_WORDS})\b\s*(?:by|credit|courtesy|source)?\s*[:/©|–—-]|(?:{CREDIT_WORDS})\s+(?:by|courtesy\s+of|via)\s+[A-ZА-ЯЁІЎЄЇ]|©|\(c\)\s)",
    re.I,
)
CREDIT_INLINE_RE = re.compile(
    rf"(?:[\(\[]\s*(?:{CREDIT_WORDS})\s*(?:by)?\s*[:/©]?[^)\]]*[\)\]]\s*$)|(?:\b(?:{CREDIT_WORDS})\s*(?:by)?\s*[:/©]\s*[^.!?]{{2,60}}$)|(?:©\s*\S+)|(?:\b(?:AP|AFP|Reuters|EPA|Getty Images|Shutterstock|TASS|Sputnik|Xinhua|Anadolu)\s*(?:Photo|Images|Pool)?\s*/\s*\w)",
    re.I,
)
TRANSLATOR_RE = re.compile(
    r"^[\(\[]?\s*(?:translated|translation|translator|переклад|перевод|пераклад)\b[^.]{0,60}?(?:\bby\b|:|—|–|-|з\s|с\s)\s*(?P<names>.+?)[\)\]]?\s*$",
    re.I,
)
BYLINE_START_RE = re.compile(
    r"^(?:(?:interview|story|text|report|reporting|words|analysis|column|written|compiled|edited|photos?)\s+)?(?:by|from|author|authors|text|автор|авторы|аўтар|текст)\s*[:\-–—]?\s+(?P<rest>.+)$",
    re.I,
)
WIRE_CREDITS_RE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|edited|additional reporting)\s+by\s+[A-Z][^.]{1,160}\)?\.?\s*$",
    re.I,
)
DATE_RE = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?:{WEEKDAYS}),?\s+(?:{MONTHS})|\d+\s+(?:min|mins|minutes|hours?|days?)\s+(?:ago|read))\b",
    re.I,
)
META_WORDS_RE = re.compile(
    r"\b(updated|published|posted|modified|last\s+update[d]?|min(?:ute)?s?\s+read|\d+\s+min(?:ute)?s?\b|reading\s+time|listen\s+to\s+this|опубликовано|обновлено)\b",
    re.I,
)
TIMESTAMP_RE = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|[A-Z]{2,4}))?$", re.I)
TECH_RE = re.compile(
    r"\b(?:javascript|browser|ad\s*-?blocker|enable\s+\w+\s+to|this\s+feature|update\s+your\s+app)\b", re.I
)
LABEL_LINE_RE = re.compile(
    r"^(?:media\s+contacts?|press\s+contacts?|contacts?|for\s+more\s+information|about\s+[A-Z][\w&.\- ]{1,40}|forward-looking\s+statements?|disclaimer|disclosure|notes?\s+to\s+editors)\s*:",
    re.I,
)
RELATED_RE = re.compile(
    r"^(?:[→»›▶►•]\s*)?(?:read\s+(?:more|also|next|the\s+rest|the\s+full)|also\s+read|related(?:\s+(?:articles?|stories|coverage|content|news))?|see\s+also|"
    r"more\s+(?:on|from|about|stories|news|in)|recommended|you\s+(?:may|might)\s+(?:also\s+)?like|most\s+(?:read|popular|viewed)|"
    r"(?:also\s+)?(?:watch|listen)\s*:|continue\s+reading|click\s+here|читайте\s+(?:также|тоже)|читайте|смотрите\s+также|чытайце\s+таксама|"
    r"читайте\s+також|дивіться\s+також|по\s+теме)\b",
    re.I,
)
NAV_RE = re.compile(
    r"^(?:[↑⬆^]\s*)?(?:(?:back|scroll|return|go)\s+to\s+(?:top|home|the\s+top)|to\s+top|top|skip\s+to\s+(?:content|main\s+content|navigation)|"
    r"(?:next|previous|prev)(?:\s+(?:article|story|post|page))?|menu|search|close|home|main\s+menu|open\s+menu|"
    r"load\s+more|show\s+more|view\s+all|see\s+all|sections?)\s*[↑⬆»›>]?\s*$",
    re.I,
)
AD_RE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|promoted|ad|реклама|story\s+continues\s+(?:below|after)(?:\s+(?:the\s+)?(?:advertisement|this\s+ad|ad))?|article\s+continues\s+below.*)\s*$",
    re.I,
)
TAGS_RE = re.compile(r"^(?:tags?|topics?|categories|category|filed\s+under|keywords|теги|метки|рубрика)\s*:", re.I)
COOKIE_RE = re.compile(r"\bcookies?\b|\bcookie\s+policy\b|файлы\s+cookie", re.I)
NEWSLETTER_RE = re.compile(
    r"\bnewsletters?\b|\bsubscribe\b|\bsign\s*up\b|\binbox\b|\bunsubscribe\b|\bdigest\b|\bbriefing\b|\bрассылк", re.I
)
COMMENT_RE = re.compile(
    r"\bcomments?\b|\breply\b|\bemail\s+address\b|\brequired\s+fields?\b|\blog\s*in\b|\bsign\s*in\b|\bcommenting\b|\bdiscussion\b|\bкомментари",
    re.I,
)
DISCLAIMER_TOPIC_RE = re.compile(r"\b(?:views?|opinions?|positions?|viewpoints?)\b", re.I)
DISCLAIMER_SIGNAL_RE = re.compile(
    r"\b(?:expressed|author'?s?|authors'|own|necessarily|reflect|reflects|endorse|editorial|do\s+not|does\s+not|не\s+обязательно|мнение\s+автора)\b",
    re.I,
)
SECOND_PERSON_RE = re.compile(r"\b(?:you|your|yours|we|our|us)\b", re.I)
BAD_NAME_WORDS = re.compile(
    rf"^(?:{MONTHS}|{WEEKDAYS}|the|a|an|this|that|then|now|today|tomorrow|yesterday|mid|late|early|far|some|all|most|many|law|order|decree|contrast|comparison|way|then)$",
    re.I,
)


@dataclass
class Line:
    index: int  # position among non-empty lines
    start: int  # offset of `text` in the input
    text: str  # the line, stripped


@dataclass
class Cleaned:
    text: str  # the title line (when there is one), then the body paragraphs
    title_line: Line | None
    removed_lines: list[tuple[Line, str]]  # (line, reason), in input order
    kept: list[Line]  # body lines (the title line excluded)
    offset_map: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return self.title_line.text if self.title_line else None

    @property
    def removed(self) -> list[Removed]:
        return [Removed(text=line.text, reason=reason) for line, reason in self.removed_lines]


# --- line features ---------------------------------------------------------------------
def words(s: str) -> list[str]:
    return WORD_RE.findall(s)


def is_sentence(s: str) -> bool:
    """A body sentence: ends like one and has several lower-case words."""
    ws = words(s)
    lower = sum(1 for w in ws if w[:1].islower())
    return bool(SENTENCE_END_RE.search(s)) and len(ws) >= 5 and lower >= 3


NOT_NAME_WORDS = {
    "no",
    "yes",
    "q",
    "a",
    "ok",
    "share",
    "follow",
    "home",
    "news",
    "opinion",
    "comment",
    "analysis",
    "photo",
    "video",
    "menu",
    "live",
    "updated",
    "more",
}


def is_name_like(s: str, max_tokens: int = 5) -> bool:
    """Looks like a person's name: 2-5 capitalised tokens (particles allowed)."""
    toks = s.replace(",", " ").split()
    if not 1 <= len(toks) <= max_tokens:
        return False
    if any(t.endswith(":") or t.lower().strip(".") in NOT_NAME_WORDS for t in toks):
        return False
    if toks[-1].lower().strip(".") in JOURNALISM_ROLES:
        return False
    caps = 0
    for t in toks:
        core = t.strip(".'’()")
        if not core:
            return False
        if core.lower() in NAME_PARTICLES:
            continue
        if BAD_NAME_WORDS.match(core) or any(ch.isdigit() for ch in core):
            return False
        if not (core[0].isupper() and (len(core) == 1 or not core[1:].isupper() or len(core) <= 3)):
            return False
        caps += 1
    return caps >= 1 and (caps >= 2 or len(toks) == 1)


def split_names(s: str, *, single_ok: bool = False) -> list[str]:
    """'Ann Lee, Bo Chen and Cy Park' -> three names (empty if any part is not name-like).

    One-word "names" ("Opinion", "Kharkiv") are section labels far more often than
    bylines, so they count only after an explicit "By"."""
    parts = [p.strip(" .;") for p in re.split(r",\s*|\s+and\s+|\s*&\s*|\s+и\s+|\s+і\s+", s) if p.strip(" .;")]
    if parts and all(is_name_like(p) and (single_ok or len(p.split()) >= 2) for p in parts):
        return parts
    return []


LETTER_RE = re.compile(r"[^\W\d_]")
NON_LATIN_LETTER_RE = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def script_share(s: str) -> float:
    """Share of letters that are not Latin (Cyrillic, Greek, ...)."""
    letters = len(LETTER_RE.findall(s))
    if not letters:
        return 0.0
    return len(NON_LATIN_LETTER_RE.findall(s)) / letters


def norm_key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


# --- byline parsing (shared with the metadata stage) -----------------------------------------
@lru_cache(maxsize=4096)  # classify() asks about one line several times; callers must not mutate the result
def parse_byline(s: str) -> dict | None:
    """Return {'authors': [...], 'outlet': str|None, 'date': str|None} when `s` is a byline."""
    s = s.strip().strip("—–-").strip()
    if len(words(s)) > 20 or (is_sentence(s) and not BYLINE_START_RE.match(s)):
        return None
    m = BYLINE_START_RE.match(s)
    rest = m.group("rest") if m else s
    segments = [seg.strip() for seg in re.split(r"\s*[|•·]\s*|\s+[—–]\s+", rest) if seg.strip()]
    if not segments:
        return None
    head = segments[0]
    outlet = None
    date = None
    # "Name for outlet.com" / "Name for The Outlet"
    fm = re.match(r"^(?P<names>.+?)\s+(?:for|для|для\s+издания)\s+(?P<outlet>.+)$", head)
    if fm and split_names(fm.group("names"), single_ok=bool(m)):
        authors = split_names(fm.group("names"), single_ok=bool(m))
        outlet = fm.group("outlet").strip(" .")
    else:
        # "Name, Staff Writer" / "Name, Senior Correspondent in Kyiv"
        cm = re.match(r"^(?P<names>[^,]+(?:,\s*[^,]+?\s+and\s+[^,]+)?),\s*(?P<role>.+)$", head)
        role_words = words(cm.group("role"))[:6] if cm else []
        if (
            cm
            and split_names(cm.group("names"), single_ok=bool(m))
            and role_words
            and (all(w.lower() in JOURNALISM_ROLES for w in role_words) or role_words[-1].lower() in JOURNALISM_ROLES)
        ):
            authors = split_names(cm.group("names"), single_ok=bool(m))
        else:
            authors = split_names(head, single_ok=bool(m))
            if not authors and not m:
                return None
            if not authors:
                # "By Tuesday, the river had risen" is body text, not a byline
                names = re.split(r",", head)[0]
                authors = split_names(names, single_ok=True) if not is_sentence(s) else []
                if not authors:
                    return None
    for seg in segments[1:]:
        if DATE_RE.search(seg):
            date = seg
        elif outlet is None and 1 <= len(words(seg)) <= 6 and words(seg)[-1].lower() not in ROLE_NOUNS:
            outlet = seg
    if not m and len(segments) == 1 and not fm and "," not in head and len(authors) == 1:
        # a bare name line: only a byline when it is short and name-shaped
        if len(head.split()) > 4:
            return None
    return {"authors": authors, "outlet": outlet, "date": date}


# --- the classifier ---------------------------------------------------------------------
def classify(line: str, pos: float, top: bool, bottom: bool) -> str | None:
    """Reason to remove `line`, or None to keep it. `top`/`bottom`: in the edge zones."""
    s = line.strip()
    ws = words(s)
    n = len(ws)
    sentence = is_sentence(s)
    low = s.lower()

    if TIMESTAMP_RE.match(s):
        return None  # live-blog timestamps are part of the body
    if not ws:
        # only symbols, digits, emoji: dividers, counters, stray markup, bare dates
        if CODE_RE.search(s):
            return "tracking"
        return "dateline-meta" if DATE_RE.search(s) else "other"
    if CODE_RE.search(s) and not (sentence and n > 12 and not re.search(r"[{};=]", s)):
        return "tracking"
    symbols = sum(1 for ch in s if ch in "{}[]();=<>\\|`$_+*&^%#")
    if len(s) >= 20 and symbols / len(s) > 0.12 and not sentence:
        return "tracking"
    if (
        n <= 14
        and DATE_RE.search(s)
        and not sentence
        and (top or bottom or META_WORDS_RE.search(s))
        and not parse_byline(s)
    ):
        if len(DATE_RE.sub("", s).split()) <= 8:
            return "dateline-meta"
    if (top or bottom) and not sentence and "|" in s and parse_byline(s):
        return "byline"
    numeric = sum(1 for ch in s if ch.isdigit() or ch in "%▲▼+-.,/")
    if len(s) >= 20 and numeric / len(s) > 0.4 and not sentence:
        return "other"  # tickers and score boxes
    if n <= 8 and re.search(r"\s(?:for|для)\s+\S+\.\w{2,}\s*$", s) and parse_byline(s):
        return "byline"  # "Name for outlet.com"
    if URL_RE.fullmatch(s.strip("<>()[] ")) or (n <= 4 and URL_RE.search(s) and not sentence):
        return "tracking" if re.search(r"utm_|pixel|track|analytics|beacon|\.gif\b", s, re.I) else "navigation"
    if (
        COOKIE_RE.search(s)
        and n <= 60
        and (SECOND_PERSON_RE.search(s) or re.search(r"accept|consent|settings|browsing|policy|decline|agree", low))
    ):
        return "cookie"
    if AD_RE.match(s):
        return "advertisement"
    if TRANSLATOR_RE.match(s) and n <= 18:
        return "translator"
    if CREDIT_START_RE.match(s) and n <= 20:
        return "credit"
    if n <= 30 and not SENTENCE_END_RE.search(s.rstrip(")]")) and CREDIT_INLINE_RE.search(s):
        return "credit"
    if n <= 40 and re.search(r"[\(\[]\s*(?:" + CREDIT_WORDS + r")\b[^)\]]*[\)\]]\s*$", s, re.I):
        return "credit"
    if n <= 8 and SHARE_START_RE.match(s) and not REPORTING_WORD_RE.search(s) and (not sentence or n <= 6):
        return "share"
    if (
        TECH_RE.search(s)
        and n <= 20
        and (SECOND_PERSON_RE.search(s) or re.match(r"^(please|enable|turn|update|disable|use)\b", low))
    ):
        return "other"
    if LABEL_LINE_RE.match(s) and (bottom or n <= 4):
        return "disclaimer" if re.search(r"statement|disclaimer|disclosure", low) else "other"
    if n <= 6 and s.isupper() and not SENTENCE_END_RE.search(s) and top:
        return "label"  # "FOR IMMEDIATE RELEASE", "EXCLUSIVE"
    lw = [w.lower().strip("'’.") for w in s.replace("|", " ").split()]
    if n <= 12 and not sentence and any(w.strip(":") in SOCIAL_ACTIONS for w in lw):
        if (
            sum(
                1
                for w in lw
                if w.strip(":!.,") in SOCIAL_ACTIONS | SOCIAL_FILLER or HANDLE_RE.fullmatch(w) or w.isdigit()
            )
            / max(len(lw), 1)
            >= 0.7
        ):
            return "share"
    if n <= 12 and not sentence and HANDLE_RE.search(s) and re.search(r"\bfollow\b", low):
        return "share"
    if RELATED_RE.match(s) and (n <= 25 or not sentence):
        return "related"
    if NAV_RE.match(s) or (
        n <= 12
        and len(re.findall(r"\s[›>»/|]\s", s)) >= 2
        and not sentence
        and all(len(seg.split()) <= 3 for seg in re.split(r"\s[›>»/|]\s", s))
    ):
        return "navigation"
    if (
        n <= 5
        and not sentence
        and re.match(r"^(?:show|hide|view|load|see|expand|collapse|open|jump|listen|watch)\b", low)
    ):
        return "navigation"
    if TAGS_RE.match(s):
        return "related"
    if (
        NEWSLETTER_RE.search(s)
        and n <= 35
        and (
            SECOND_PERSON_RE.search(s)
            or not sentence
            or re.match(r"^(sign|subscribe|get|join|enter|don'?t|never|stay|want)\b", low)
        )
    ):
        return "newsletter"
    if (
        COMMENT_RE.search(s)
        and n <= 20
        and (bottom or not sentence)
        and (
            SECOND_PERSON_RE.search(s)
            or not sentence
            or re.match(r"^(leave|post|add|join|write|be|log|sign|show|view|load)\b", low)
        )
    ):
        return "comments"
    if WIRE_CREDITS_RE.match(s) and (bottom or top):
        return "byline"
    if (top or bottom) and not sentence and parse_byline(s):
        return "byline"
    if BYLINE_START_RE.match(s) and parse_byline(s) and n <= 12 and not sentence:
        return "byline"
    if n <= 14 and DATE_RE.search(s) and not sentence and (top or bottom or META_WORDS_RE.search(s)):
        if len(DATE_RE.sub("", s).split()) <= 8:
            return "dateline-meta"
    if n <= 8 and META_WORDS_RE.search(s) and not sentence:
        return "dateline-meta"
    if DISCLAIMER_TOPIC_RE.search(s) and len(DISCLAIMER_SIGNAL_RE.findall(s)) >= 2 and (top or bottom) and n <= 60:
        return "disclaimer"
    if re.match(
        r"^(?:editor'?s\s+note|disclaimer|disclosure|this\s+(?:article|piece|column|story)\s+(?:is|was|first|originally))\b",
        s,
        re.I,
    ) and (top or bottom):
        return "disclaimer"
    if re.match(
        r"^(?:opinion|comment|analysis|op-ed|column|editorial|мнение|колонка|комментарий)\s*[:|]?\s*$", s, re.I
    ):
        return "label"
    if n <= 3 and re.search(r"[*:]\s*$", s) and bottom:
        return "comments"  # form fields such as "Name*", "Email:"
    return None


def split_lines(text: str) -> list[Line]:
    lines = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(index=len(lines), start=offset + lead, text=stripped))
        offset += len(raw) + 1
    return lines


def looks_like_title(s: str) -> bool:
    return 1 <= len(words(s)) <= 30 and not CODE_RE.search(s) and len(s) <= 300


def clean(text: str, *, has_title: bool = True, language: str | None = "en", repair_glue: bool = True) -> Cleaned:
    """Split `text` into body and removed lines. `has_title`: the first kept line may be the title."""
    lines = split_lines(text)
    n = len(lines)
    reasons: dict[int, str] = {}
    # The edges: a few lines at each end, and everything before the first or
    # after the last real paragraph (three body-like sentences in a row).
    edge = max(4, min(10, n // 5))
    body_like = [ln.index for ln in lines if is_sentence(ln.text) and len(words(ln.text)) >= 12]
    first_body = body_like[0] if body_like else n
    last_body = body_like[-1] if body_like else -1
    for ln in lines:
        top = ln.index < edge or ln.index < first_body
        bottom = ln.index >= n - edge or ln.index > last_body
        reason = classify(ln.text, ln.index / max(n, 1), top, bottom)
        if reason:
            reasons[ln.index] = reason
    # Blocks: headlines listed under a "Related"/"Read more" header, and the
    # lines of a "Media contact:" block, share the header's reason.
    for ln in lines:
        if (
            reasons.get(ln.index) in ("related", "other", "disclaimer")
            and len(words(ln.text)) <= 4
            and not is_sentence(ln.text)
        ):
            j = ln.index + 1
            while (
                j < n
                and j not in reasons
                and len(words(lines[j].text)) <= 16
                and not is_sentence(lines[j].text)
                and not re.search(r"[\"“”«»„]", lines[j].text)
            ):
                reasons[j] = reasons[ln.index]
                j += 1

    latin_article = sum(script_share(ln.text) < 0.5 for ln in lines) >= 0.6 * n
    # Duplicated captions: the same line twice (in any script). Keep the copy
    # that sits in the body flow, drop the one next to furniture or the later one.
    by_key: dict[str, list[Line]] = {}
    for ln in lines:
        key = norm_key(ln.text)
        if key and ln.index not in reasons:
            by_key.setdefault(key, []).append(ln)

    def furniture_neighbour(ln: Line) -> bool:
        return (ln.index - 1 in reasons) or (ln.index + 1 in reasons)

    for key, group in by_key.items():
        if len(group) < 2:
            continue
        if all(furniture_neighbour(ln) for ln in group) and not is_sentence(group[0].text):
            keep = None  # a caption printed twice, never body
        else:
            keep = next((ln for ln in group if not furniture_neighbour(ln)), group[0])
        for ln in group:
            if ln is not keep:
                reasons[ln.index] = "caption"
    # Caption lines that repeat part of a body paragraph (with a credit next to
    # them) and short lines in another script next to credits.
    credits = {i for i, r in reasons.items() if r == "credit"}  # fixed now, so captions don't cascade
    kept_texts = [
        (ln.index, norm_key(ln.text)) for ln in lines if ln.index not in reasons or reasons[ln.index] == "credit"
    ]
    for ln in lines:
        if ln.index in reasons:
            continue
        key = norm_key(ln.text)
        n_words = len(key.split())
        near_credit = ln.index - 1 in credits or ln.index + 1 in credits
        if 4 <= n_words <= 40 and (near_credit or not is_sentence(ln.text)):
            if any(i != ln.index and len(k) > len(key) and key in k for i, k in kept_texts):
                reasons[ln.index] = "caption"
                continue
        if (
            latin_article
            and script_share(ln.text) > 0.6
            and len(words(ln.text)) <= 40
            and not re.match(r"^[\"“”«»„'‘]", ln.text)
        ):
            if near_credit or not is_sentence(ln.text) or len(words(ln.text)) <= 25:
                reasons[ln.index] = "caption"
                continue
        # a picture's caption: right next to its credit, short, no quotation
        if (
            near_credit
            and len(words(ln.text)) <= 30
            and not re.search(r"[\"“”«»„]", ln.text)
            and not REPORTING_WORD_RE.search(ln.text)
        ):
            if not SENTENCE_END_RE.search(ln.text) or len(words(ln.text)) <= 15:
                reasons[ln.index] = "caption"
    # Trailing furniture: very short non-sentences after the last body sentence.
    last_sentence = max((ln.index for ln in lines if ln.index not in reasons and is_sentence(ln.text)), default=-1)
    for ln in lines:
        if (
            ln.index > last_sentence
            and ln.index not in reasons
            and len(words(ln.text)) <= 4
            and not SENTENCE_END_RE.search(ln.text)
            and last_sentence >= 0
            and not re.search(r"[\"“”«»„]", ln.text)
        ):
            reasons[ln.index] = "other"

    title_line = None
    if has_title:
        first = next((ln for ln in lines if ln.index not in reasons), None)
        if (
            first is not None
            and looks_like_title(first.text)
            and any(ln.index > first.index and ln.index not in reasons for ln in lines)
        ):
            title_line = first

    removed_lines: list[tuple[Line, str]] = []
    kept: list[Line] = []
    for ln in lines:
        if ln is title_line:
            continue
        if ln.index in reasons:
            removed_lines.append((ln, reasons[ln.index]))
        else:
            kept.append(ln)

    # Assemble the body, repairing glued words, and remember where each piece came from.
    parts: list[str] = []
    offset_map: list[tuple[int, int, int]] = []
    pos = 0
    # The headline opens `text`: headlines carry claims too ("Graham: Trump's plan is hateful").
    for i, ln in enumerate(([title_line] if title_line else []) + kept):
        if i:
            parts.append("\n\n")
            pos += 2
        segments = glue.repair(ln.text) if repair_glue and (language or "en").startswith("en") else [(0, ln.text)]
        for src_off, seg in segments:
            if seg == " " and src_off < 0:
                parts.append(" ")
                pos += 1
                continue
            offset_map.append((pos, ln.start + src_off, len(seg)))
            parts.append(seg)
            pos += len(seg)
    return Cleaned(
        text="".join(parts), title_line=title_line, removed_lines=removed_lines, kept=kept, offset_map=offset_map
    )
