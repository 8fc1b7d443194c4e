"""Readable terminal views (Rich) of corpus answers: dossiers, quotes, hits, stories."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table


def _quote_row(q: dict) -> tuple[str, str, str]:
    content = escape(q["content"] if len(q["content"]) < 300 else q["content"][:300] + "…")
    if q["kind"] == "direct":
        content = f"“{content}”"
    where = " · ".join(escape(x) for x in (q.get("outlet"), q.get("published")) if x)
    if q.get("copies"):
        where += f" [dim](+{len(q['copies'])} copies)[/dim]"
    speaker = escape(q.get("speaker") or "unknown")
    cue, medium = q.get("cue") or "", q.get("medium") or ""
    cue = escape(medium if cue and medium.startswith(cue) else " ".join(x for x in (cue, medium) if x))
    return f"{speaker}\n[dim]{cue}[/dim]", content, where


def render_quotes(console: Console, quotes: list[dict], title: str | None = None) -> None:
    if not quotes:
        console.print(f"[dim]{escape(title)}: none[/dim]" if title else "[dim]no quotes[/dim]")
        return
    table = Table(title=title, expand=True, show_lines=False, header_style="bold")
    table.add_column("speaker · cue", ratio=2)
    table.add_column("quote", ratio=6)
    table.add_column("where", ratio=2)
    for q in quotes:
        table.add_row(*_quote_row(q))
    console.print(table)


def render_dossier(console: Console, d: dict) -> None:
    lines = [f"[bold]{escape(d['name'])}[/bold]  [dim]{d['type']} · {d['id']} · {d['article_count']} articles[/dim]"]
    if d.get("merged_from"):
        lines.append(f"[yellow]{d['merged_from']} was merged into {d['id']}[/yellow]")
    for script, names in d["aliases"].items():
        lines.append(f"[dim]{script}:[/dim] " + escape(", ".join(names)))
    if d["roles"]:
        lines.append(
            "[dim]roles:[/dim] " + escape("; ".join(f"{r['role']} ({len(r['articles'])})" for r in d["roles"][:10]))
        )
    console.print(Panel("\n".join(lines), border_style="cyan"))
    arts = Table(title="articles", expand=True, header_style="bold")
    for col, ratio in (("date", 1), ("outlet", 2), ("title", 5), ("source", 3)):
        arts.add_column(col, ratio=ratio)
    for a in d["articles"]:
        title = escape(a["title"] or "")
        if a["copies"]:
            title += f" [dim](+{len(a['copies'])} copies)[/dim]"
        arts.add_row(a["published"] or "", escape(a["outlet"] or ""), title, escape(a["source"] or ""))
    console.print(arts)
    render_quotes(console, d["quotes_by"], title=f"what {d['name']} said")
    render_quotes(console, d["quotes_about"], title=f"what was said about {d['name']}")
    if d["co_mentioned"]:
        console.print(
            "[bold]mentioned with:[/bold] "
            + escape(", ".join(f"{c['name']} ({c['articles']})" for c in d["co_mentioned"][:15]))
        )
    if d["timeline"]:
        tl = Table(title="timeline", header_style="bold")
        for col in ("date", "articles", "quotes by", "quotes about"):
            tl.add_column(col, justify="right" if col != "date" else "left")
        for t in d["timeline"]:
            tl.add_row(t["date"], str(t["articles"]), str(t["quotes_by"]), str(t["quotes_about"]))
        console.print(tl)


def _highlight(snippet: str) -> str:
    # the store marks matches with [ ]; show them bold
    return re.sub(r"\\\[(.*?)\]", r"[bold yellow]\1[/bold yellow]", escape(snippet))


def render_hits(console: Console, hits: list[dict]) -> None:
    if not hits:
        console.print("[dim]nothing found[/dim]")
        return
    for h in hits:
        head = f"[cyan]{h['kind']}[/cyan] "
        if h["kind"] == "entity":
            head += f"[bold]{escape(h['title'])}[/bold] [dim]{h['ref']}[/dim]"
        else:
            head += f"[bold]{escape(h.get('article_title') or '')}[/bold] [dim]{escape(h.get('outlet') or '')} {h.get('published') or ''} {escape(h.get('source') or '')}[/dim]"
            if h["kind"] == "quote" and h["title"]:
                head += f"\n  [dim]speaker:[/dim] {escape(h['title'])}"
        console.print(head)
        console.print("  " + _highlight(h["snippet"].replace("\n", " ")))


def render_stories(console: Console, stories: list[dict]) -> None:
    if not stories:
        console.print("[dim]no stories with more than one article yet[/dim]")
        return
    for s in stories:
        dates = " – ".join(x for x in (s["first"], s["last"]) if x)
        copies = f", +{s['copies']} copies" if s["copies"] else ""
        console.print(
            f"[bold]{escape(s['title'] or s['story'])}[/bold]  [dim]{s['articles']} articles{copies} · {dates} · "
            f"{escape(', '.join(s['outlets']))}[/dim]"
        )
        if s["entities"]:
            console.print("  [dim]who:[/dim] " + escape(", ".join(e["name"] for e in s["entities"])))
        for a in s["items"]:
            console.print(f"  · {a['published'] or ''} {escape(a['outlet'] or '')}: {escape(a['title'] or '')}")
