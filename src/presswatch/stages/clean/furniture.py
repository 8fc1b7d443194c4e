"""Is this line page furniture, and of which kind? The line-by-line judge of the clean stage.

`classify(line, top, bottom)` returns the reason to remove a line ("byline",
"credit", "share", "tracking", ...) or None to keep it; `top`/`bottom` say
whether the line sits in the article's edge zones, where furniture gathers.
The rules are tried in a fixed order, grouped by kind below; the first that
names a reason wins. Rule of thumb: when unsure, keep the line.

The vocabularies (lexicon/) name *kinds* of furniture — the words share buttons,
cookie banners or credits are made of — not phrases from any one site."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ... import lexicon
from ..byline import BYLINE_START_RE, DATE_RE, TRANSLATED_BY_RE, TRANSLATOR_RE, WIRE_CREDITS_RE, parse_byline
from ..lines import QUOTE_MARK_RE, SENTENCE_END_RE, is_sentence, words

SOCIAL_ACTIONS = lexicon.words("social_actions")
SOCIAL_FILLER = lexicon.words("social_filler")
CREDIT_WORDS = "|".join(lexicon.entries("credit_words"))
SOURCE_LINE_RE = re.compile(r"^(?:" + "|".join(lexicon.entries("source_words")) + r")\s*:\s*\S", re.I)

# Imperatives that open share/follow/donate prompts ("Follow our desk on Instagram").
SHARE_START_RE = re.compile(
    r"^(?:share|follow|subscribe|like|pin|gift|save|bookmark|tweet|email|print|copy|send|donate|support|join|подписывайтесь|підписуйтесь|падпісвайцеся|поделитесь|поділіться)\b",
    re.I,
)
REPORTING_WORD_RE = re.compile(r"\b(?:said|says|told|added|according|wrote|stated)\b", re.I)
URL_RE = re.compile(
    r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)*\.(com|org|net|info|io|ru|by|ua|uk|eu|de|fr|news|media|tv|co)(/\S*)?\b",
    re.I,
)
HANDLE_RE = re.compile(r"(?<!\w)@\w{2,}")
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
# A wire picture credit at the end of a caption: "... Regional Administration/Handout via AGENCY",
# "... /Pool via REUTERS", "File photo/AGENCY".
WIRE_PICTURE_CREDIT_RE = re.compile(
    r"(?:/\s*|\b)(?:handout|pool|file(?:\s+photo)?)\s+(?:via|/)\s*[A-Z][\w.&-]+\s*$", re.I
)
CREDIT_TAIL_RE = re.compile(r"[\(\[]\s*(?:" + CREDIT_WORDS + r")\b[^)\]]*[\)\]]\s*$", re.I)
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
DISCLAIMER_START_RE = re.compile(
    r"^(?:editor'?s\s+note|disclaimer|disclosure|this\s+(?:article|piece|column|story)\s+(?:is|was|first|originally))\b",
    re.I,
)
# A section label that makes the article an opinion piece (the metadata stage reads it for the genre).
OPINION_SECTION_RE = re.compile(
    r"^(?:opinion|comment|analysis|op-ed|column|editorial|мнение|колонка|комментарий)\s*[:|]?\s*$", re.I
)
SECOND_PERSON_RE = re.compile(r"\b(?:you|your|yours|we|our|us)\b", re.I)
# trafilatura writes a table as rows "| a | b |" under a rule "|---|---|".
TABLE_LINE_RE = re.compile(r"^\|.*\|$")
TABLE_RULE_RE = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+$")


@dataclass
class LineView:
    """One line and the features every rule asks about, worked out once."""

    s: str  # the line, stripped
    ws: list[str]  # its words
    n: int  # how many
    sentence: bool  # shaped like a body sentence
    low: str  # lower-cased
    top: bool  # in the top edge zone
    bottom: bool  # in the bottom edge zone

    @property
    def edge(self) -> bool:
        return self.top or self.bottom


Rule = Callable[[LineView], "str | None"]


def classify(line: str, top: bool, bottom: bool, *, html: bool = False) -> str | None:
    """Reason to remove `line`, or None to keep it. `top`/`bottom`: in the edge zones.
    `html`: the line is from the main content trafilatura chose from a page's markup,
    so only lines that are clearly furniture whatever their place are removed."""
    s = line.strip()
    if TIMESTAMP_RE.match(s):
        return None  # live-blog timestamps are part of the body
    if html and TABLE_LINE_RE.match(s):
        return "markup" if TABLE_RULE_RE.match(s) else None  # the page's own table: its rows are article
    ws = words(s)
    v = LineView(s=s, ws=ws, n=len(ws), sentence=is_sentence(s), low=s.lower(), top=top, bottom=bottom)
    for rule in HTML_RULES if html else RULES:
        reason = rule(v)
        if reason:
            return reason
    return None


def _markup(v: LineView) -> str | None:
    """Tracking code, stray markup, lines of symbols."""
    s = v.s
    if not v.ws:
        # only symbols, digits, emoji: dividers, counters, stray markup, bare dates
        if CODE_RE.search(s):
            return "tracking"
        return "dateline-meta" if DATE_RE.search(s) else "other"
    if CODE_RE.search(s) and not (v.sentence and v.n > 12 and not re.search(r"[{};=]", s)):
        return "tracking"
    symbols = sum(1 for ch in s if ch in "{}[]();=<>\\|`$_+*&^%#")
    if len(s) >= 20 and symbols / len(s) > 0.12 and not v.sentence:
        return "tracking"
    return None


def _dates_bylines_numbers(v: LineView) -> str | None:
    """Date lines, bylines set apart with '|', tickers and score boxes, 'Name for outlet.com'."""
    s = v.s
    if _date_line(v) and not parse_byline(s):
        return "dateline-meta"
    if v.edge and not v.sentence and "|" in s and parse_byline(s):
        return "byline"
    numeric = sum(1 for ch in s if ch.isdigit() or ch in "%▲▼+-.,/")
    if len(s) >= 20 and numeric / len(s) > 0.4 and not v.sentence:
        return "other"  # tickers and score boxes
    if v.n <= 8 and re.search(r"\s(?:for|для)\s+\S+\.\w{2,}\s*$", s) and parse_byline(s):
        return "byline"  # "Name for outlet.com"
    return None


def _date_line(v: LineView) -> bool:
    """A short line that is mostly a date ("Updated March 3, 2026, 10:14")."""
    s = v.s
    return bool(
        v.n <= 14
        and DATE_RE.search(s)
        and not v.sentence
        and (v.edge or META_WORDS_RE.search(s))
        and len(DATE_RE.sub("", s).split()) <= 8
    )


def _links_and_banners(v: LineView) -> str | None:
    """Bare links, cookie banners, advertisement markers."""
    s = v.s
    if URL_RE.fullmatch(s.strip("<>()[] ")) or (v.n <= 4 and URL_RE.search(s) and not v.sentence):
        return "tracking" if re.search(r"utm_|pixel|track|analytics|beacon|\.gif\b", s, re.I) else "navigation"
    if (
        COOKIE_RE.search(s)
        and v.n <= 60
        and (SECOND_PERSON_RE.search(s) or re.search(r"accept|consent|settings|browsing|policy|decline|agree", v.low))
    ):
        return "cookie"
    if AD_RE.match(s):
        return "advertisement"
    return None


def _credits(v: LineView) -> str | None:
    """Translator lines and picture credits."""
    s, n = v.s, v.n
    if (TRANSLATOR_RE.match(s) and n <= 18) or (v.edge and n <= 18 and TRANSLATED_BY_RE.search(s)):
        return "translator"
    if CREDIT_START_RE.match(s) and n <= 20:
        return "credit"
    if SOURCE_LINE_RE.match(s) and n <= 20 and not v.sentence:
        return "credit"  # "Sources: A / B / C" under a chart or a table
    if n <= 30 and not SENTENCE_END_RE.search(s.rstrip(")]")) and CREDIT_INLINE_RE.search(s):
        return "credit"
    if n <= 40 and CREDIT_TAIL_RE.search(s):
        return "credit"
    if n <= 60 and WIRE_PICTURE_CREDIT_RE.search(s) and not QUOTE_MARK_RE.search(s):
        return "caption"  # a caption with its wire credit
    return None


def _prompts_and_labels(v: LineView) -> str | None:
    """Share and follow prompts, browser notices, contact blocks, all-caps labels."""
    s, n, low = v.s, v.n, v.low
    if n <= 8 and SHARE_START_RE.match(s) and not REPORTING_WORD_RE.search(s) and (not v.sentence or n <= 6):
        return "share"
    if (
        TECH_RE.search(s)
        and n <= 20
        and (SECOND_PERSON_RE.search(s) or re.match(r"^(please|enable|turn|update|disable|use)\b", low))
    ):
        return "other"
    if LABEL_LINE_RE.match(s) and (v.bottom or n <= 4):
        return "disclaimer" if re.search(r"statement|disclaimer|disclosure", low) else "other"
    if n <= 6 and s.isupper() and not SENTENCE_END_RE.search(s) and v.top:
        return "label"  # "FOR IMMEDIATE RELEASE", "EXCLUSIVE"
    lw = [w.lower().strip("'’.") for w in s.replace("|", " ").split()]
    if n <= 12 and not v.sentence and any(w.strip(":") in SOCIAL_ACTIONS for w in lw):
        buttons = sum(
            1 for w in lw if w.strip(":!.,") in SOCIAL_ACTIONS | SOCIAL_FILLER or HANDLE_RE.fullmatch(w) or w.isdigit()
        )
        if buttons / max(len(lw), 1) >= 0.7:
            return "share"
    if n <= 12 and not v.sentence and HANDLE_RE.search(s) and re.search(r"\bfollow\b", low):
        return "share"
    return None


def _navigation(v: LineView) -> str | None:
    """'Read more' headers, menus and breadcrumbs, show/hide buttons, tag lists."""
    s, n = v.s, v.n
    if RELATED_RE.match(s) and (n <= 25 or not v.sentence):
        return "related"
    if NAV_RE.match(s) or (
        n <= 12
        and len(re.findall(r"\s[›>»/|]\s", s)) >= 2
        and not v.sentence
        and all(len(seg.split()) <= 3 for seg in re.split(r"\s[›>»/|]\s", s))
    ):
        return "navigation"
    if (
        n <= 5
        and not v.sentence
        and re.match(r"^(?:show|hide|view|load|see|expand|collapse|open|jump|listen|watch)\b", v.low)
    ):
        return "navigation"
    if TAGS_RE.match(s):
        return "related"
    return None


def _forms(v: LineView) -> str | None:
    """Newsletter sign-ups and comment forms."""
    s, n, low = v.s, v.n, v.low
    quoted_speech = bool(REPORTING_WORD_RE.search(s) and QUOTE_MARK_RE.search(s))
    if (
        NEWSLETTER_RE.search(s)
        and n <= 35
        and not quoted_speech  # "... our weak points," the spokesperson said at a briefing
        and (
            SECOND_PERSON_RE.search(s)
            or not v.sentence
            or re.match(r"^(sign|subscribe|get|join|enter|don'?t|never|stay|want)\b", low)
        )
    ):
        return "newsletter"
    if (
        COMMENT_RE.search(s)
        and n <= 20
        and (v.bottom or not v.sentence)
        and (
            SECOND_PERSON_RE.search(s)
            or not v.sentence
            or re.match(r"^(leave|post|add|join|write|be|log|sign|show|view|load)\b", low)
        )
    ):
        return "comments"
    return None


def _bylines_and_dates(v: LineView) -> str | None:
    """Bylines and wire credits, then date and reading-time lines."""
    s, n = v.s, v.n
    if WIRE_CREDITS_RE.match(s) and v.edge:
        return "byline"
    if v.edge and not v.sentence and parse_byline(s):
        return "byline"
    if BYLINE_START_RE.match(s) and parse_byline(s) and n <= 12 and not v.sentence:
        return "byline"
    if _date_line(v):
        return "dateline-meta"
    if n <= 8 and META_WORDS_RE.search(s) and not v.sentence:
        return "dateline-meta"
    return None


def _disclaimers_and_sections(v: LineView) -> str | None:
    """Opinion disclaimers, editor's notes, section labels, comment-form fields."""
    s, n = v.s, v.n
    if DISCLAIMER_TOPIC_RE.search(s) and len(DISCLAIMER_SIGNAL_RE.findall(s)) >= 2 and v.edge and n <= 60:
        return "disclaimer"
    if DISCLAIMER_START_RE.match(s) and v.edge:
        return "disclaimer"
    if OPINION_SECTION_RE.match(s):
        return "label"
    if n <= 3 and re.search(r"[*:]\s*$", s) and v.bottom:
        return "comments"  # form fields such as "Name*", "Email:"
    return None


def _code(v: LineView) -> str | None:
    """Tracking code and stray markup (of `_markup`, what is clear on a page's main content too:
    the symbol-share and bare-number rules would take list items and figures)."""
    if CODE_RE.search(v.s) and not (v.sentence and v.n > 12 and not re.search(r"[{};=]", v.s)):
        return "tracking"
    if not v.ws and not re.search(r"\d", v.s):
        return "other"  # dividers: "***", "• • •"
    return None


def _explicit_bylines_and_dates(v: LineView) -> str | None:
    """Of `_bylines_and_dates`, the lines that say what they are ("By ...", "Updated ...") at an edge:
    on a page, a short title-case line is a subhead far more often than a byline."""
    s, n = v.s, v.n
    if not v.edge or v.sentence:
        return None
    if WIRE_CREDITS_RE.match(s) or (BYLINE_START_RE.match(s) and parse_byline(s) and n <= 12):
        return "byline"
    if n <= 8 and META_WORDS_RE.search(s):
        return "dateline-meta"
    return None


RULES: tuple[Rule, ...] = (
    _markup,
    _dates_bylines_numbers,
    _links_and_banners,
    _credits,
    _prompts_and_labels,
    _navigation,
    _forms,
    _bylines_and_dates,
    _disclaimers_and_sections,
)

# For text trafilatura took from a page's markup: page furniture it already dropped by
# structure; what is left to remove is furniture that says what it is.
HTML_RULES: tuple[Rule, ...] = (
    _code,
    _links_and_banners,
    _credits,
    _prompts_and_labels,
    _navigation,
    _forms,
    _explicit_bylines_and_dates,
    _disclaimers_and_sections,
)
