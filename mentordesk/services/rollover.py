"""Roll a programme over to a new year: its settings and templates, shifted term dates, and who continues.

A school year ends and the same scheme starts again in September. Rolling over makes the new
programme in one transaction:

- its details and settings copied (kind, cadence, places, coordinator, time zone, matching
  weights, clearance and cadence rules, retention), with the term breaks moved by the
  difference between the two start dates, rounded to whole weeks so each break still starts
  on the same weekday;
- its document templates, goal templates, surveys (with their schedules), application-form
  questions and a shadow board's executive sponsors copied; the continuing people's answers to
  the form's questions come with them, and matching criteria on those questions point at the
  new programme's copies;
- the people chosen to continue (mentors willing to return, mentees moving up) enrolled as
  Applied, keeping their record, role and still-valid screening checks (``participants.
  enrol_in_programme``);
- for each continuing match, its members enrolled, moved to Ready where their clearance allows,
  and proposed again as a pinned draft. Nothing is published: the coordinator reviews the
  drafts as usual. A pair the rules no longer allow (a check expired over the summer, say) is
  not proposed and the result says why.

The old programme is left exactly as it was: last year's figures stay last year's.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from mentordesk.core.pairing import custom_criterion, custom_field_id, is_custom
from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.vocab import EnrolmentStatus, MatchStatus, Role
from mentordesk.services import pairing, participants
from mentordesk.services.programmes import ProgrammeError, create_programme, get_programme
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import (
    BoardSponsor,
    CustomField,
    CustomValue,
    DocumentTemplate,
    Enrolment,
    GoalTemplate,
    Match,
    MatchMember,
    Programme,
    SurveySchedule,
    SurveyTemplate,
)

log = logging.getLogger(__name__)

TERM_BREAKS = "term_breaks"
COPIED_FIELDS = (
    "kind",
    "description",
    "meeting_frequency_days",
    "meeting_length_minutes",
    "meeting_places",
    "coordinator_name",
    "timezone",
)


@dataclass(frozen=True)
class RollOverPlan:
    name: str
    starts_on: date | None = None
    ends_on: date | None = None
    people: tuple[int, ...] = ()  # participants who continue on their own
    matches: tuple[int, ...] = ()  # matches that continue: both sides enrolled and proposed again
    carry_checks: bool = True


@dataclass
class RollOverResult:
    programme_id: int
    shifted_days: int
    enrolled: int = 0
    checks_carried: int = 0
    proposed: list[str] = field(default_factory=list)  # "Ana Silva & Zoë Ó'Brien"
    not_proposed: list[tuple[str, str]] = field(default_factory=list)  # (pair, why)
    templates: int = 0
    questions: int = 0  # application-form questions (custom fields)
    surveys: int = 0
    sponsors: int = 0  # a shadow board's executive sponsors

    @property
    def summary(self) -> str:
        text = f"{self.enrolled} people enrolled"
        if self.checks_carried:
            text += f", {self.checks_carried} screening checks carried over"
        if self.proposed or self.not_proposed:
            text += f", {len(self.proposed)} continuing pairs proposed as drafts"
        if self.not_proposed:
            text += f", {len(self.not_proposed)} not proposed"
        copied = [
            _count(n, word)
            for n, word in (
                (self.templates, "template"),
                (self.questions, "form question"),
                (self.surveys, "survey"),
                (self.sponsors, "board sponsor"),
            )
            if n
        ]
        if copied:
            text += "; copied: " + ", ".join(copied)
        return text + "."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def week_shift(old_start: date | None, new_start: date | None) -> int:
    """Days to move dates by: the gap between the starts, rounded to whole weeks (0 without both)."""
    if old_start is None or new_start is None:
        return 0
    return round((new_start - old_start).days / 7) * 7


def shifted_settings(settings: dict, days: int) -> dict:
    """A deep copy of a programme's settings with its term breaks moved by ``days``."""
    out = copy.deepcopy(settings or {})
    breaks = []
    for item in out.get(TERM_BREAKS, []):
        try:
            first = date.fromisoformat(item["first"]) + timedelta(days=days)
            last = date.fromisoformat(item["last"]) + timedelta(days=days)
        except (KeyError, TypeError, ValueError):
            continue  # an entry the calendar cannot read either
        breaks.append({**item, "first": first.isoformat(), "last": last.isoformat()})
    if TERM_BREAKS in out:
        out[TERM_BREAKS] = breaks
    return out


def continuing_choices(programme_id: int) -> tuple[list[pairing.MatchRow], list[participants.RosterRow]]:
    """What the wizard offers: the active and paused matches, and everyone enrolled."""
    matches = pairing.published_matches(programme_id, (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value))
    return matches, participants.roster(programme_id)


def roll_over(source_id: int, plan: RollOverPlan, progress: Progress = QUIET) -> RollOverResult:
    """Make the new programme from ``source_id`` as ``plan`` says; all or nothing.

    ``progress`` hears of each continuing pair; a cancel (``Cancelled``) rolls everything back.
    """
    source = get_programme(source_id)
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise ProgrammeError("The new programme ends before it starts: check the dates.")
    in_source = {
        m.id: m
        for m in Match.select().where(
            (Match.programme == source_id) & Match.id.in_(list(plan.matches) or [0])
        )
    }
    unknown = [m for m in plan.matches if m not in in_source]
    if unknown:
        raise ProgrammeError(f"Match {unknown[0]} is not one of {source.name}'s matches.")
    days = week_shift(source.starts_on, plan.starts_on)
    with database.atomic():
        row = create_programme(
            plan.name,
            source.kind,
            plan.starts_on,
            plan.ends_on,
            **{f: getattr(source, f) for f in COPIED_FIELDS if f != "kind"},
            settings=shifted_settings(source.settings, days),
        )
        result = RollOverResult(programme_id=row.id, shifted_days=days)
        result.templates = _copy_templates(source_id, row.id)
        result.surveys = _copy_surveys(source_id, row.id)
        result.sponsors = _copy_sponsors(source_id, row.id)
        members = _match_members(list(plan.matches))
        people = list(dict.fromkeys([*plan.people, *(pid for pair in members.values() for pid, _ in pair)]))
        if people:
            outcome = participants.enrol_in_programme(
                people, row.id, from_programme_id=source_id, carry_checks=plan.carry_checks
            )
            result.enrolled, result.checks_carried = outcome.enrolled, outcome.checks_carried
        fields = _copy_questions(source_id, row.id, people)
        result.questions = len(fields)
        if fields:
            created = Programme.get_by_id(row.id)
            created.settings = _criteria_on_copies(created.settings, fields)
            created.save()
        total = len(plan.matches) + 1
        progress(1, total, "Programme, templates and people")
        for n, match_id in enumerate(plan.matches, start=2):
            _propose_again(row.id, members[match_id], result)
            progress(n, total, "Proposing the continuing pairs")
        audit.record(
            "roll_over",
            "programme",
            row.id,
            summary=f"rolled over from programme {source_id}: {result.enrolled} enrolled, "
            f"{len(result.proposed)} pairs proposed, {len(result.not_proposed)} not",
        )
    log.info("programme rolled over: %d enrolled, %d pairs proposed", result.enrolled, len(result.proposed))
    return result


# A copy is a new record: it gets its own id, save counter and times.
_NOT_COPIED = frozenset({"id", "version", "created_at", "updated_at"})


def _copy_row(row: Any, **changes: Any) -> Any:
    """A new record of ``row``'s model with ``row``'s values, but for ``changes`` and ``_NOT_COPIED``."""
    # The stored values (a related record's id, not the record): no query per related field.
    values = {
        name: value for name, value in row.__data__.items() if name not in _NOT_COPIED and name not in changes
    }
    return type(row).create(**values, **changes)


def _copy_templates(source_id: int, target_id: int) -> int:
    copied = 0
    for template in DocumentTemplate.select().where(DocumentTemplate.programme == source_id):
        _copy_row(template, programme=target_id)
        copied += 1
    for goal in GoalTemplate.select().where(GoalTemplate.programme == source_id):
        _copy_row(goal, programme=target_id)
        copied += 1
    return copied


def _copy_questions(source_id: int, target_id: int, people: list[int]) -> dict[int, int]:
    """The application form's questions, and the continuing people's answers to them;
    {old question id: new question id}."""
    copied: dict[int, int] = {}
    for question in CustomField.select().where(CustomField.programme == source_id).order_by(CustomField.id):
        copied[question.id] = _copy_row(question, programme=target_id).id
    if copied and people:
        for chunk in range(0, len(people), 500):  # SQLite caps the variables in one statement
            answers = CustomValue.select().where(
                CustomValue.field.in_(list(copied)) & CustomValue.participant.in_(people[chunk : chunk + 500])
            )
            for answer in answers:  # an answer keeps the day it was given
                _copy_row(answer, field=copied[answer.field_id], updated_at=answer.updated_at)
    return copied


def _criteria_on_copies(settings: dict, fields: dict[int, int]) -> dict:
    """The settings with each matching criterion on a form question moved to the question's copy."""
    out = copy.deepcopy(settings or {})
    criteria = (out.get(pairing.SETTINGS_KEY) or {}).get("criteria")
    if not isinstance(criteria, dict):
        return out
    moved = {}
    for name, spec in criteria.items():
        old = custom_field_id(name) if is_custom(name) else None
        moved[custom_criterion(fields[old]) if old in fields else name] = spec
    out[pairing.SETTINGS_KEY]["criteria"] = moved
    return out


def _copy_surveys(source_id: int, target_id: int) -> int:
    """The programme's surveys in use (not archived), with when each is sent; no answers."""
    copied = 0
    templates = SurveyTemplate.select().where(
        (SurveyTemplate.programme == source_id) & (SurveyTemplate.archived == False)  # noqa: E712
    )
    for template in templates.order_by(SurveyTemplate.id):
        new = _copy_row(template, programme=target_id)
        for schedule in SurveySchedule.select().where(SurveySchedule.template == template.id):
            _copy_row(schedule, template=new)
        copied += 1
    return copied


def _copy_sponsors(source_id: int, target_id: int) -> int:
    """A shadow board's executive sponsors: the leaders it shadows usually stay for the next board."""
    sponsors = BoardSponsor.select().where(BoardSponsor.programme == source_id).order_by(BoardSponsor.id)
    for sponsor in sponsors:
        _copy_row(sponsor, programme=target_id)
    return len(sponsors)


def _match_members(match_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """{match id: [(participant id, role), ...]} with mentors first."""
    out: dict[int, list[tuple[int, str]]] = {m: [] for m in match_ids}
    for member in MatchMember.select().where(MatchMember.match.in_(match_ids or [0])).order_by(MatchMember.id):
        out[member.match_id].append((member.participant_id, member.role))
    for pair in out.values():
        pair.sort(key=lambda p: p[1] != Role.MENTOR.value)
    return out


def _ready(pid: int, programme_id: int) -> str:
    """Move a continuing member to Ready; the reason when the rules refuse (empty when ready)."""
    enrolment = Enrolment.get((Enrolment.participant == pid) & (Enrolment.programme == programme_id))
    try:
        for step in (EnrolmentStatus.SCREENING.value, EnrolmentStatus.READY.value):
            if enrolment.status != EnrolmentStatus.READY.value:
                participants.change_status(enrolment.id, step)
                enrolment = Enrolment.get_by_id(enrolment.id)
    except participants.ParticipantError as exc:
        return str(exc)
    return ""


def _propose_again(programme_id: int, pair: list[tuple[int, str]], result: RollOverResult) -> None:
    names = {p.participant_id: p.name for p in participants.roster(programme_id)}
    label = " & ".join(names.get(pid, f"#{pid}") for pid, _ in pair)
    if len(pair) != 2:
        result.not_proposed.append((label, "only pairs are proposed again; form groups in Pairing"))
        return
    for pid, _ in pair:
        why = _ready(pid, programme_id)
        if why:
            result.not_proposed.append((label, f"{names.get(pid, pid)}: {why}"))
            return
    (first, first_role), (second, _) = pair
    mentor, mentee = (first, second) if first_role == Role.MENTOR.value else (second, first)
    try:
        pairing.pair_manually(programme_id, mentee, mentor, "Continuing from last year.")
    except pairing.PairingError as exc:
        result.not_proposed.append((label, str(exc)))
        return
    result.proposed.append(label)
