"""Readable terminal summary of a Document (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..document import Document


def render_document(console: Console, doc: Document) -> None:
    if doc.error:
        console.print(Panel(f"[red]{escape(doc.error)}[/red]", title=escape(doc.source), border_style="red"))
        return
    meta = []
    if doc.outlet:
        meta.append(escape(doc.outlet))
    if doc.authors:
        meta.append("by " + escape(", ".join(doc.authors)))
    if doc.translators:
        meta.append("translated by " + escape(", ".join(doc.translators)))
    if doc.published:
        meta.append(doc.published)
    meta.append(f"{doc.language or '?'} · {doc.genre}")
    header = f"[bold]{escape(doc.title or '(no title)')}[/bold]\n" + " · ".join(meta)
    header += f"\n[dim]{len(doc.text.split())} words kept, {len(doc.removed)} lines removed, {len(doc.entities)} entities[/dim]"
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    table.add_column("speaker", ratio=2)
    table.add_column("cue", ratio=1, min_width=12)
    table.add_column("quote", ratio=6)
    for q in doc.quotes:
        speaker = escape(q.speaker.name) if q.speaker else "[dim]unknown[/dim]"
        if q.speaker and q.speaker.mention != q.speaker.name:
            speaker += f" [dim]({escape(q.speaker.mention)})[/dim]"
        cue = escape(q.cue or "")
        if q.medium:
            cue += f" [dim]{escape(q.medium)}[/dim]"
        content = escape(q.content if len(q.content) < 400 else q.content[:400] + "…")
        if q.kind == "direct":
            content = f"“{content}”"
        elif q.kind == "mixed":
            content = f"[italic]{content}[/italic]"
        table.add_row(speaker, cue, content)
    body = [header]
    console.print(Panel("\n".join(body), title=escape(doc.source), border_style="cyan"))
    if doc.quotes:
        console.print(table)
    else:
        console.print("[dim]  no quotes found[/dim]")
    console.print()
