"""Which programmes the matcher pairs: kept apart from the matcher, so the dashboard and the
Pairing page can ask without loading numpy and scipy."""

from __future__ import annotations


def matcher_refusal(kind: str) -> str:
    """Why the matcher does not pair a programme of ``kind`` ("" when it does), in words for the user."""
    # Speed mentoring: the matcher runs after the night, as the follow-up run with the wishes to
    # meet again (services/pairing/speed_night.py says so when none are recorded yet).
    del kind
    return ""
