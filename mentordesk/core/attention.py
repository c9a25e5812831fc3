"""What needs the coordinator's attention: the item every area reports to the dashboard."""

from __future__ import annotations

from typing import NamedTuple


class Attention(NamedTuple):
    """One thing the coordinator should look at: where it is and what to do."""

    area: str  # the page that fixes it: "participants", "meetings", "goals", ...
    subject: str
    problem: str
    days_overdue: int = 0
    # What the item is about, so opening it shows that match or person (not just the page).
    match_id: int | None = None
    participant_id: int | None = None
