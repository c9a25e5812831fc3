"""The organisation's school year: the first day of each term, kept in the settings.

"This term" and "this school year" on the dashboard, in File › Programme report… and in
``mentordesk report`` follow them; without a setting, the UK's three terms.
"""

from __future__ import annotations

import logging

from mentordesk.core.reports import PeriodRefused, Terms, make_terms, parse_terms
from mentordesk.store import settings

log = logging.getLogger(__name__)

SETTING = "term_starts"


def school_terms() -> Terms:
    """The terms as set (the UK's three when none are); a stored value that no longer reads is
    logged and the default used, so a report still opens."""
    from mentordesk.core.reports import UK_TERMS

    try:
        return parse_terms(settings.get(SETTING) or "")
    except PeriodRefused:
        log.warning("the stored term dates do not read; the UK terms are used until they are set again")
        return UK_TERMS


def save_school_terms(starts: list[tuple[int, int]]) -> Terms:
    """Keep the first day (month, day) of each term, in the school year's order; refused (unchanged)
    with the term to fix when they do not make a year."""
    terms = make_terms(starts)
    settings.put(SETTING, terms.text())
    return terms
