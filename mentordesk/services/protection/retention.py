"""Retention: "erase mentees N months after the programme ends" (and mentors), per programme.

The rule lives in ``Programme.settings["retention"]``. A person is due only when
every programme they are enrolled in has a rule for their role there and has
passed it, and they are in no open match: someone still mentoring elsewhere is
never listed. Nothing is erased here; the coordinator confirms each erasure.

Safeguarding concerns follow their own, longer rule (services/concerns/retention.py): erasing a
person here keeps the concerns about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from mentordesk.core.vocab import MatchStatus, Role
from mentordesk.services.protection import erasure
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme
from mentordesk.store.rows import tuples

SETTINGS_KEY = "retention"


@dataclass(frozen=True)
class RetentionRule:
    mentee_months: int | None = None  # None: keep (no rule); peers follow the mentee rule
    mentor_months: int | None = None

    def months_for(self, role: str) -> int | None:
        return self.mentor_months if role == Role.MENTOR.value else self.mentee_months

    @property
    def is_set(self) -> bool:
        return self.mentee_months is not None or self.mentor_months is not None


@dataclass(frozen=True)
class DueRecord:
    participant_id: int
    name: str
    roles: str  # "mentee", "mentor, mentee"
    programmes: str
    programme_ended: date
    due_since: date


def _months(value: object) -> int | None:
    if value is None or value == "":
        return None
    months = int(value)  # type: ignore[call-overload]
    if months < 0:
        raise ValueError("Months cannot be negative.")
    return months


def get_rule(programme_id: int) -> RetentionRule:
    programme = Programme.get_by_id(programme_id)
    raw = (programme.settings or {}).get(SETTINGS_KEY) or {}
    return RetentionRule(_months(raw.get("mentee_months")), _months(raw.get("mentor_months")))


def set_rule(programme_id: int, rule: RetentionRule) -> None:
    programme = Programme.get_by_id(programme_id)
    settings = dict(programme.settings or {})
    settings[SETTINGS_KEY] = {
        "mentee_months": _months(rule.mentee_months),
        "mentor_months": _months(rule.mentor_months),
    }
    programme.settings = settings
    programme.save()


def due(today: date | None = None, programme_id: int | None = None) -> list[DueRecord]:
    """People whose data every applicable rule says should now be erased (oldest due first)."""
    today = today or date.today()
    programmes = {p.id: p for p in Programme.select()}
    rules = {pid: get_rule(pid) for pid in programmes}
    open_statuses = [MatchStatus.DRAFT.value, MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value]
    in_open_match = {
        pid
        for (pid,) in tuples(
            MatchMember.select(MatchMember.participant).join(Match).where(Match.status.in_(open_statuses))
        )
    }
    enrolments: dict[int, list[tuple[int, str]]] = {}
    for participant_id, prog_id, role in tuples(
        Enrolment.select(Enrolment.participant, Enrolment.programme, Enrolment.role)
    ):
        enrolments.setdefault(participant_id, []).append((prog_id, role))
    candidates = set(enrolments)
    if programme_id is not None:
        candidates = {p for p, rows in enrolments.items() if any(prog == programme_id for prog, _ in rows)}
    out = []
    erased_query = Participant.select(Participant.id).where(Participant.anonymised == True)  # noqa: E712
    erased = {pid for (pid,) in tuples(erased_query)}
    for participant_id in sorted(candidates - erased - in_open_match):
        due_dates, ended = [], []
        for prog_id, role in enrolments[participant_id]:
            programme = programmes[prog_id]
            months = rules[prog_id].months_for(role)
            if months is None or programme.ends_on is None:
                break
            due_dates.append(programme.ends_on + relativedelta(months=months))
            ended.append(programme.ends_on)
        else:
            if due_dates and max(due_dates) <= today:
                person = Participant.get_by_id(participant_id)
                rows = enrolments[participant_id]
                out.append(
                    DueRecord(
                        participant_id,
                        person.display_name,
                        ", ".join(sorted({role for _, role in rows})),
                        ", ".join(sorted({programmes[p].name for p, _ in rows})),
                        max(ended),
                        max(due_dates),
                    )
                )
    return sorted(out, key=lambda r: (r.due_since, r.name))


def erase_due(participant_ids: list[int], today: date | None = None) -> int:
    """Erase the given people, each only if still due; returns how many were erased."""
    still_due = {r.participant_id for r in due(today)}
    done = 0
    for participant_id in participant_ids:
        if participant_id in still_due:
            erasure.erase(participant_id, reason="retention rule", compact=False)
            done += 1
    if done:
        erasure.forget_free_space()  # once for all of them: each VACUUM rewrites the whole file
    return done
