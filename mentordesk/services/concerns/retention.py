"""How long the register keeps a closed concern: its own rule, longer than the rest of the data.

The rule (``core.concerns.RetentionRule``: the later of N years after closing and the subject's
25th birthday, by default) is kept in the database's settings. Closing a concern stamps its
``keep_until``; changing the rule stamps every closed concern again. An open concern is always kept.
Erasing a person never deletes their concerns unless the coordinator chooses to (see ``subject``);
the people's own retention rule (services/protection/retention.py) does not touch concerns at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentordesk.core.concerns import RetentionRule, keep_until, raise_if_any
from mentordesk.services.concerns.access import require_unlocked
from mentordesk.store import audit, settings
from mentordesk.store.db import database
from mentordesk.store.models import Concern
from mentordesk.store.rows import tuples

RULE_KEY = "concerns.retention"


def get_rule() -> RetentionRule:
    raw = settings.get(RULE_KEY) or {}
    defaults = RetentionRule()
    return RetentionRule(
        int(raw.get("years_after_closure", defaults.years_after_closure)),
        int(raw.get("until_age", defaults.until_age)),
    )


def set_rule(rule: RetentionRule) -> int:
    """Keep the rule and re-stamp every closed concern's keeping date; returns how many changed."""
    require_unlocked()
    raise_if_any(rule.problems())
    changed = 0
    with database.atomic():
        settings.put(RULE_KEY, {"years_after_closure": rule.years_after_closure, "until_age": rule.until_age})
        for concern in Concern.select().where(Concern.closed_on.is_null(False)):
            until = keep_until(concern.closed_on, concern.subject_born_on, rule)
            if until != concern.keep_until:
                Concern.update(keep_until=until).where(Concern.id == concern.id).execute()
                changed += 1
        audit.record(
            "update",
            "concern_register",
            summary=f"retention: {rule.years_after_closure} years after closure, until age {rule.until_age}",
        )
    return changed


@dataclass(frozen=True)
class PastKeeping:
    concern_id: int
    closed_on: date
    keep_until: date


def past_keeping(today: date | None = None) -> list[PastKeeping]:
    """Closed concerns whose keeping date has passed (oldest first); nothing is deleted here."""
    today = today or date.today()
    query = (
        Concern.select(Concern.id, Concern.closed_on, Concern.keep_until)
        .where(Concern.keep_until.is_null(False) & (Concern.keep_until <= today))
        .order_by(Concern.keep_until, Concern.id)
    )
    return [PastKeeping(cid, closed, until) for cid, closed, until in tuples(query)]


def delete_past_keeping(concern_ids: list[int], today: date | None = None) -> int:
    """Delete the given concerns (with their actions and attachments), each only if its time is up."""
    require_unlocked()
    due = {p.concern_id for p in past_keeping(today)}
    done = 0
    with database.atomic():
        for concern_id in concern_ids:
            if concern_id in due:
                Concern.get_by_id(concern_id).delete_instance(recursive=True)
                done += 1
    return done
