"""Hand-drawn SVG plots for the report: a histogram, a scatter plot and a bar chart.

Each function returns one ``<svg>`` element as text, with ``role="img"``, a
``<title>`` and a ``<desc>`` that say what it shows, and a ``<title>`` on every
bar and point (a tooltip, and what a screen reader reads). Colours are dark on
white (above 7:1 for marks and text). Nothing is fetched: no fonts, no images,
no scripts. Coordinates are rounded to one decimal so the same data always
gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

INK = "#1a1a1a"
MARK = "#1f4e79"
GRID = "#d0d0d0"
WARN = "#8a1c1c"
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


def _f(x: float) -> str:
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _open(slug: str, title: str, desc: str, width: int = WIDTH, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="{slug}-title {slug}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{slug}-title">{escape(title)}</title>',
        f'<desc id="{slug}-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" fill="{INK}"{extra}>{escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str = INK, extra: str = "") -> str:
    return f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{colour}"{extra}/>'


def nice_step(largest: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 × a power of ten) giving about ``ticks`` ticks up to ``largest``."""
    if largest <= 0:
        return 1.0
    raw = largest / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def histogram(counts: Sequence[int], labels: Sequence[str], *, slug: str, title: str, desc: str, x_label: str) -> str:
    """Vertical bars of ``counts``, one per label, with a count axis starting at 0."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = max(1.0, nice_step(max(counts, default=0)))
    top = step * max(1, math.ceil(max(counts, default=0) / step))
    out = _open(slug, title, desc)
    for i in range(int(top / step) + 1):
        y = TOP + plot_h - plot_h * i * step / top
        out.append(_line(LEFT, y, LEFT + plot_w, y, GRID))
        out.append(_text(LEFT - 6, y + 4, f"{i * step:g}", "end"))
    width = plot_w / max(1, len(counts))
    for i, (count, label) in enumerate(zip(counts, labels, strict=True)):
        h = plot_h * count / top
        x = LEFT + i * width
        out.append(
            f'<rect x="{_f(x + 2)}" y="{_f(TOP + plot_h - h)}" width="{_f(width - 4)}" height="{_f(h)}" '
            f'fill="{MARK}"><title>{escape(label)}: {count}</title></rect>'
        )
        out.append(_text(x + width / 2, TOP + plot_h + 16, label))
    out.append(_line(LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h))
    out.append(_text(LEFT + plot_w / 2, HEIGHT - 8, x_label))
    out.append(_text(14, TOP + plot_h / 2, "students", extra=f' transform="rotate(-90 14 {_f(TOP + plot_h / 2)})"'))
    out.append("</svg>")
    return "\n".join(out)


def scatter(
    points: Sequence[tuple[str, float, float]],
    *,
    slug: str,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    y_range: tuple[float, float] = (-1.0, 1.0),
    guide: float | None = None,
) -> str:
    """Points ``(name, x in 0..1, y in y_range)``, each with its name as a tooltip; a dashed guide at ``y=guide``."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    low, high = y_range

    def px(x: float) -> float:
        return LEFT + plot_w * x

    def py(y: float) -> float:
        return TOP + plot_h * (high - y) / (high - low)

    out = _open(slug, title, desc)
    for i in range(6):
        x = i / 5
        out.append(_line(px(x), TOP, px(x), TOP + plot_h, GRID))
        out.append(_text(px(x), TOP + plot_h + 16, f"{x:g}"))
    for i in range(5):
        y = low + (high - low) * i / 4
        out.append(_line(LEFT, py(y), LEFT + plot_w, py(y), GRID))
        out.append(_text(LEFT - 6, py(y) + 4, f"{y:g}", "end"))
    out.append(_line(LEFT, py(0), LEFT + plot_w, py(0)))
    if guide is not None:
        out.append(_line(LEFT, py(guide), LEFT + plot_w, py(guide), WARN, ' stroke-dasharray="6 4"'))
        out.append(_text(LEFT + plot_w - 4, py(guide) - 6, f"{guide:g}", "end", ' font-weight="bold"'))
    for name, x, y in points:
        out.append(
            f'<circle cx="{_f(px(x))}" cy="{_f(py(y))}" r="4.5" fill="{MARK}" fill-opacity="0.8" stroke="#ffffff">'
            f"<title>{escape(name)}: {x:.2f}, {y:.2f}</title></circle>"
        )
    out.append(_text(LEFT + plot_w / 2, HEIGHT - 8, x_label))
    out.append(_text(14, TOP + plot_h / 2, y_label, extra=f' transform="rotate(-90 14 {_f(TOP + plot_h / 2)})"'))
    out.append("</svg>")
    return "\n".join(out)


def bars(values: Sequence[tuple[str, int]], *, slug: str, title: str, desc: str, x_label: str) -> str:
    """Horizontal bars, one per ``(label, value)``, labels on the left and values at the bar ends."""
    label_w, row_h = 240, 28
    height = TOP + BOTTOM + row_h * max(1, len(values))
    plot_w = WIDTH - label_w - RIGHT - 40
    largest = max((v for _, v in values), default=0) or 1
    out = _open(slug, title, desc, height=height)
    for i, (label, value) in enumerate(values):
        y = TOP + i * row_h
        w = plot_w * value / largest
        out.append(_text(label_w - 8, y + row_h / 2 + 4, label, "end"))
        out.append(
            f'<rect x="{label_w}" y="{_f(y + 4)}" width="{_f(w)}" height="{row_h - 8}" fill="{MARK}">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        out.append(_text(label_w + w + 6, y + row_h / 2 + 4, str(value), "start"))
    out.append(_line(label_w, TOP, label_w, TOP + row_h * max(1, len(values))))
    out.append(_text(label_w + plot_w / 2, height - 8, x_label))
    out.append("</svg>")
    return "\n".join(out)
