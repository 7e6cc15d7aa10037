"""A share printed as a whole percent, as the text report and the gradebook's findings print it.

Rounded plainly, 165.67 of 166 points reads "100%" and 1 of 500 reads "0%": a student short of full marks would
read that nothing was lost, and a misconception chosen by one student that nobody chose it. A share that rounds to
either end without being there is printed with a decimal, as the gradebook's report prints shares (99.8%, 0.2%),
and as 99.9% or 0.1% where even that would read as the end.
"""

from __future__ import annotations


def whole_percent(part: float, whole: float) -> str:
    """``part`` of ``whole`` as "N%", never "100%" short of the whole or "0%" above nothing; "0%" of nothing."""
    if whole <= 0:
        return "0%"
    share = 100 * part / whole
    rounded = round(share)
    if rounded == 100 and part < whole:
        return f"{min(round(share, 1), 99.9):.1f}%"
    if rounded == 0 and part > 0:
        return f"{max(round(share, 1), 0.1):.1f}%"
    return f"{rounded:.0f}%"
