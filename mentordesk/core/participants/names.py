"""How a person is named on screen and on paper: the preferred name (or the first) and the last name.

``store.models.display_name_sql`` builds the same text inside a query; a test holds the two together.
"""

from __future__ import annotations


def display_name(first: str | None, last: str | None, preferred: str | None = "") -> str:
    """``Sam Okafor`` for Samuel "Sam" Okafor; a missing part leaves no stray space."""
    return f"{preferred or first or ''} {last or ''}".strip()
