"""Charts drawn on the server as SVG geometry: the dossier's timeline and co-mention network.

Input: the dossier's `timeline` rows and `co_mentioned` entries (and the pair counts
among them). Output: plain shapes (bars, nodes, edges with coordinates in the SVG's
user units) that the templates write out as SVG elements, so every label goes
through Jinja's escaping and the page needs no script."""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from dataclasses import dataclass

import networkx as nx

MAX_BINS = 48  # more dates than this are binned by month, then by year
WIDTH, HEIGHT = 720, 200  # timeline viewBox
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 36, 28, 10
MAX_BAR = 40  # a bar's width when there are few dates
NET_SIZE = 480  # network viewBox (square)
NET_NODES = 16  # the centre and its most co-mentioned entities
LABEL_CHARS = 28  # a longer name is cut with "…"
CHAR_WIDTH, LABEL_HEIGHT = 6.0, 12.0  # a label character's width and a label's height (11px text), in user units
ITERATIONS = 50  # spring layout steps (networkx's default): 200 cost 25 ms a dossier for no clearer picture


@dataclass
class Bar:
    x: float
    width: float
    label: str
    articles: int
    by: int
    about: int
    y_articles: float
    h_articles: float
    y_by: float
    h_by: float
    y_about: float
    h_about: float


@dataclass
class Timeline:
    bars: list[Bar]
    peak: int
    ticks: list[tuple[float, str]]  # x, label
    width: int = WIDTH
    height: int = HEIGHT
    base: float = HEIGHT - PAD_BOTTOM
    left: float = PAD_LEFT
    top: float = PAD_TOP


def _bins(rows: list[dict]) -> OrderedDict[str, Counter]:
    """Rows per date, binned by day, month or year so there are at most MAX_BINS."""
    for cut in (10, 7, 4):  # YYYY-MM-DD, YYYY-MM, YYYY
        bins: OrderedDict[str, Counter] = OrderedDict()
        for r in rows:
            key = r["date"] if r["date"] == "undated" else r["date"][:cut]
            c = bins.setdefault(key, Counter())
            for k in ("articles", "quotes_by", "quotes_about"):
                c[k] += r.get(k, 0)
        if len(bins) <= MAX_BINS:
            break
    dated = [(k, v) for k, v in bins.items() if k != "undated"]
    undated = [(k, v) for k, v in bins.items() if k == "undated"]
    return OrderedDict(sorted(dated) + undated)  # undated last


def timeline(rows: list[dict]) -> Timeline | None:
    """Bars per date bin: articles behind, quotes by and about stacked in front."""
    if not rows:
        return None
    bins = _bins(rows)
    peak = max(max(c["articles"], c["quotes_by"] + c["quotes_about"]) for c in bins.values()) or 1
    base = HEIGHT - PAD_BOTTOM
    scale = (base - PAD_TOP) / peak
    slot = (WIDTH - PAD_LEFT - 8) / len(bins)
    bars = []
    for i, (label, c) in enumerate(bins.items()):
        w = min(max(2.0, slot * 0.8), MAX_BAR)
        x = PAD_LEFT + i * slot + (slot - w) / 2  # a bar centred in its slot
        h_a, h_by, h_ab = c["articles"] * scale, c["quotes_by"] * scale, c["quotes_about"] * scale
        bars.append(
            Bar(
                x=round(x, 1),
                width=round(w, 1),
                label=label,
                articles=c["articles"],
                by=c["quotes_by"],
                about=c["quotes_about"],
                y_articles=round(base - h_a, 1),
                h_articles=round(h_a, 1),
                y_by=round(base - h_by, 1),
                h_by=round(h_by, 1),
                y_about=round(base - h_by - h_ab, 1),
                h_about=round(h_ab, 1),
            )
        )
    step = max(1, math.ceil(len(bars) / 6))  # at most about six date labels
    ticks = [(round(b.x + b.width / 2, 1), b.label) for b in bars[::step]]
    return Timeline(bars=bars, peak=peak, ticks=ticks)


@dataclass
class Node:
    id: str
    name: str
    type: str
    articles: int
    x: float
    y: float
    r: float
    centre: bool
    below: bool = False  # the label under the node rather than above it

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= LABEL_CHARS else self.name[: LABEL_CHARS - 1] + "…"

    @property
    def label_y(self) -> float:
        return round(self.y + self.r + 13, 1) if self.below else round(self.y - self.r - 5, 1)


def place_labels(nodes: list[Node]) -> None:
    """Labels go outward (above a node in the upper half, below one in the lower half);
    a label that would cross one already placed goes to the other side of its node.
    A greedy pass, not an optimiser: with 16 labels it clears most overlaps."""
    placed: list[tuple[float, float, float]] = []  # (x centre, y baseline, half width)

    def clashes(x: float, y: float, half: float) -> bool:
        return any(abs(x - px) < half + ph and abs(y - py) < LABEL_HEIGHT for px, py, ph in placed)

    for n in sorted(nodes, key=lambda n: (not n.centre, -n.articles, n.id)):
        n.below = n.y > NET_SIZE / 2
        half = len(n.label) * CHAR_WIDTH / 2
        if clashes(n.x, n.label_y, half):
            n.below = not n.below
            if clashes(n.x, n.label_y, half):
                n.below = not n.below  # both sides taken: the outward side, as it was
        placed.append((n.x, n.label_y, half))


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: int
    width: float


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    size: int = NET_SIZE


def ring_positions(g: nx.Graph, centre: str, strength: dict[str, int]) -> dict[str, tuple[float, float]]:
    """The centre at (0, 0) and the others around it, in [-1, 1]: in the angular order a
    spring layout gives them (so that entities named together sit side by side), at even
    angles (so that labels have room), nearer the centre the more articles they share
    with it. A plain spring layout of an ego network piles the strong ties on the centre
    and flings a loose one to the edge, which squeezes the rest."""
    pos = nx.spring_layout(g, k=2.5 / math.sqrt(len(g)), iterations=ITERATIONS, seed=7, weight=None)
    cx, cy = pos[centre]
    others = sorted((n for n in g.nodes if n != centre), key=lambda n: math.atan2(pos[n][1] - cy, pos[n][0] - cx))
    if not others:
        return {centre: (0.0, 0.0)}
    start = math.atan2(pos[others[0]][1] - cy, pos[others[0]][0] - cx)
    biggest, smallest = max(strength.values()), min(strength.values())
    placed = {centre: (0.0, 0.0)}
    for i, n in enumerate(others):
        angle = start + 2 * math.pi * i / len(others)
        weak = (biggest - strength[n]) / (biggest - smallest) if biggest > smallest else 1.0
        r = 0.55 + 0.45 * weak
        placed[n] = (r * math.cos(angle), r * math.sin(angle))
    return placed


def network(centre: dict, co_mentioned: list[dict], pairs: list[tuple[str, str, int]]) -> Network | None:
    """The entity and its NET_NODES - 1 most co-mentioned (see `ring_positions`; a fixed
    seed: the same corpus draws the same picture). Edges: articles naming both."""
    others = co_mentioned[: NET_NODES - 1]
    if not others:
        return None
    g = nx.Graph()
    g.add_node(centre["id"])
    for o in others:
        g.add_node(o["id"])
        g.add_edge(centre["id"], o["id"], weight=o["articles"])
    for a, b, n in pairs:
        if a in g and b in g:
            g.add_edge(a, b, weight=n)
    pos = ring_positions(g, centre["id"], {o["id"]: o["articles"] for o in others})
    margin = 70  # room for the labels
    half = (NET_SIZE - 2 * margin) / 2

    def place(p) -> tuple[float, float]:
        return round(NET_SIZE / 2 + p[0] * half, 1), round(NET_SIZE / 2 + p[1] * half, 1)

    info = {centre["id"]: centre | {"articles": centre.get("articles", 0)}} | {o["id"]: o for o in others}
    biggest = max(max(o["articles"] for o in others), 1)
    nodes = []
    for nid in g.nodes:
        x, y = place(pos[nid])
        e = info[nid]
        is_centre = nid == centre["id"]
        r = 14.0 if is_centre else round(4 + 8 * math.sqrt(e["articles"] / biggest), 1)
        nodes.append(Node(nid, e["name"], e["type"], e["articles"], x, y, r, is_centre))
    heaviest = max(d["weight"] for _, _, d in g.edges(data=True))
    edges = []
    for a, b, d in g.edges(data=True):
        (x1, y1), (x2, y2) = place(pos[a]), place(pos[b])
        edges.append(Edge(x1, y1, x2, y2, d["weight"], round(0.8 + 3 * d["weight"] / heaviest, 1)))
    place_labels(nodes)
    nodes.sort(key=lambda n: n.centre)  # the centre drawn last, on top
    return Network(nodes=nodes, edges=edges)
