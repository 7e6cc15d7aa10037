"""Draw the chapter 6 bar chart of SEER distant-stage five-year relative survival.

Standard library only. Reads ``docs/data/seer-distant-survival.csv`` (lines that
start with ``#`` are source comments and are skipped) and writes
``docs/figures/survival-chart.svg``. The output depends only on the CSV, so the
same data always gives a byte-identical SVG.

Run from anywhere:  python docs/figures/survival_chart.py
"""

from __future__ import annotations

import csv
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE.parent / "data" / "seer-distant-survival.csv"
SVG_PATH = HERE / "survival-chart.svg"

VALUE_COLUMN = "distant_5yr_relative_survival_percent"

# Layout (pixels).
WIDTH = 760
LABEL_RIGHT = 262  # right edge of the cancer-name labels
PLOT_LEFT = 272  # x of the 0% line
PLOT_WIDTH = 440  # width of the 0-100% scale
TOP = 74  # y of the first bar row
ROW = 32  # height of one bar row
BAR = 22  # height of one bar
BOTTOM = 78  # space below the last row for the axis

# Colours chosen for contrast on white: text #1a1a1a (about 17:1),
# bars #1d4f7c (about 8:1), grid lines #8a8a8a.
TEXT = "#1a1a1a"
BAR_FILL = "#1d4f7c"
GRID = "#8a8a8a"
FONT = "sans-serif"

TITLE = "Five-year relative survival for cancer at distant stage at diagnosis"
SUBTITLE = "SEER, people diagnosed 2016\u20132022, by cancer type"
AXIS_LABEL = "Five-year relative survival (%)"


def read_rows(csv_path: str | Path) -> list[tuple[str, float]]:
    """Return (cancer, value) pairs from the CSV, skipping '#' comment lines."""
    with open(csv_path, encoding="utf-8", newline="") as handle:
        lines = [
            line
            for line in handle
            if line.strip() and not line.lstrip().startswith("#")
        ]
    rows = []
    for record in csv.DictReader(lines):
        name = record["cancer"].strip()
        value = float(record[VALUE_COLUMN])
        if not 0 <= value <= 100:
            raise ValueError(f"{name}: {value} is not a percentage")
        rows.append((name, value))
    # Highest first; ties broken by name so the order never depends on the file order.
    rows.sort(key=lambda item: (-item[1], item[0]))
    return rows


def _num(x: float) -> str:
    """Format a coordinate without floating-point noise."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def render_svg(csv_path: str | Path) -> str:
    """Return the SVG text of a horizontal bar chart drawn from ``csv_path``."""
    rows = read_rows(csv_path)
    plot_height = ROW * len(rows)
    height = TOP + plot_height + BOTTOM
    axis_y = TOP + plot_height

    def x_of(value: float) -> float:
        return PLOT_LEFT + PLOT_WIDTH * value / 100.0

    listing = "; ".join(f"{name} {_pct(value)}" for name, value in rows)
    desc = (
        "Horizontal bar chart of five-year relative survival for people whose cancer "
        "had already spread to distant parts of the body when it was first diagnosed "
        "(SEER Summary Stage distant; SEER 21 registries excluding Illinois; diagnosed "
        "2016\u20132022). Bars run from highest to lowest on a scale from 0 to 100 percent. "
        f"Values: {listing}."
    )

    out: list[str] = []
    add = out.append
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-labelledby="survival-chart-title survival-chart-desc" '
        f'font-family="{FONT}">'
    )
    add(f'<title id="survival-chart-title">{escape(TITLE)}</title>')
    add(f'<desc id="survival-chart-desc">{escape(desc)}</desc>')
    add(f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>')

    # Heading.
    add(
        f'<text x="{LABEL_RIGHT - 250}" y="28" font-size="18" font-weight="bold" '
        f'fill="{TEXT}">{escape(TITLE)}</text>'
    )
    add(
        f'<text x="{LABEL_RIGHT - 250}" y="50" font-size="14" '
        f'fill="{TEXT}">{escape(SUBTITLE)}</text>'
    )

    # Vertical grid lines and tick labels every 20 percentage points.
    add('<g aria-hidden="true">')
    for tick in range(0, 101, 20):
        x = _num(x_of(tick))
        dash = "" if tick == 0 else ' stroke-dasharray="3 3"'
        colour = TEXT if tick == 0 else GRID
        add(
            f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{_num(axis_y)}" '
            f'stroke="{colour}" stroke-width="1"{dash}/>'
        )
        add(
            f'<text x="{x}" y="{_num(axis_y + 20)}" font-size="13" '
            f'text-anchor="middle" fill="{TEXT}">{tick}%</text>'
        )
    add(
        f'<line x1="{PLOT_LEFT}" y1="{_num(axis_y)}" x2="{_num(x_of(100))}" '
        f'y2="{_num(axis_y)}" stroke="{TEXT}" stroke-width="1"/>'
    )
    add(
        f'<text x="{_num(PLOT_LEFT + PLOT_WIDTH / 2)}" y="{_num(axis_y + 46)}" '
        f'font-size="14" text-anchor="middle" fill="{TEXT}">{escape(AXIS_LABEL)}</text>'
    )
    add("</g>")

    # One bar per cancer, with its name on the left and its value at the bar's end.
    for index, (name, value) in enumerate(rows):
        y = TOP + index * ROW + (ROW - BAR) / 2
        text_y = y + BAR / 2 + 5
        bar_width = x_of(value) - PLOT_LEFT
        add("<g>")
        add(
            f'<text x="{LABEL_RIGHT}" y="{_num(text_y)}" font-size="14" '
            f'text-anchor="end" fill="{TEXT}">{escape(name)}</text>'
        )
        add(
            f'<rect x="{PLOT_LEFT}" y="{_num(y)}" width="{_num(bar_width)}" '
            f'height="{BAR}" fill="{BAR_FILL}"/>'
        )
        add(
            f'<text x="{_num(x_of(value) + 6)}" y="{_num(text_y)}" font-size="14" '
            f'font-weight="bold" fill="{TEXT}">{_pct(value)}</text>'
        )
        add("</g>")

    add("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    svg = render_svg(CSV_PATH)
    with open(SVG_PATH, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(svg)
    print(f"wrote {SVG_PATH.name}")


if __name__ == "__main__":
    main()
