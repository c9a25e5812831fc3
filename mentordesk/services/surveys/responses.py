"""Responses: checking and saving answers (all or nothing), and who may answer what.

Every way in (typed, returned PDF, CSV/XLSX) builds ``ResponseDraft``s and hands them to
``save_responses``, which checks all of them first (answers, person, match, duplicates, also
within the batch) and writes nothing unless every one is good.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.surveys import Answer, clean_answers
from mentordesk.core.vocab import EnrolmentStatus
from mentordesk.services.surveys.templates import SurveyError, TemplateRow, get_template
from mentordesk.store.db import database
from mentordesk.store.models import (
    Enrolment,
    Match,
    MatchMember,
    Participant,
    SurveyResponse,
    SurveyTemplate,
    display_name_sql,
)
from mentordesk.store.rows import tuples

SOURCES = ("typed", "pdf", "csv")


class ResponseDraft(NamedTuple):
    template_id: int
    participant_id: int
    match_id: int | None
    answered_on: date
    raw: dict[str, Any]
    source: str = "typed"
    where: str = ""  # "row 4", "returned.pdf": put in front of each problem
    template_edition: int | None = None


class Checked(NamedTuple):
    draft: ResponseDraft
    answers: dict[str, Answer]


@dataclass
class SaveResult:
    saved: int = 0
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class ResponseRow(NamedTuple):
    id: int
    template_id: int
    template_name: str
    participant_id: int
    person: str
    match_id: int | None
    answered_on: date
    source: str
    answers: dict[str, Any]


class Person(NamedTuple):
    id: int
    name: str
    role: str
    email: str


def programme_people(programme_id: int) -> dict[int, Person]:
    """Everyone enrolled in the programme (the exited too: their exit survey still counts)."""
    query = (
        Participant.select(Participant, Enrolment.role)
        .join(Enrolment)
        .where(Enrolment.programme == programme_id)
        .objects()
    )
    return {p.id: Person(p.id, p.display_name, getattr(p, "role", ""), p.email) for p in query}


def active_people(programme_id: int) -> list[tuple[int, str, date | None]]:
    """(participant id, role, the day they enrolled) of everyone still in the programme."""
    query = Enrolment.select(Enrolment.participant, Enrolment.role, Enrolment.enrolled_on).where(
        (Enrolment.programme == programme_id) & (Enrolment.status != EnrolmentStatus.EXITED.value)
    )
    return [(e.participant_id, e.role, e.enrolled_on) for e in query]


def match_of(participant_id: int, programme_id: int, on: date) -> int | None:
    """The person's match in the programme on that day: the one running then, else the latest started."""
    matches = list(
        Match.select(Match.id, Match.started_on, Match.closed_on)
        .join(MatchMember)
        .where(
            (Match.programme == programme_id)
            & (MatchMember.participant == participant_id)
            & (Match.status != "draft")
        )
        .order_by(Match.started_on.desc(nulls="LAST"), Match.id.desc())
    )
    for m in matches:
        if m.started_on and m.started_on <= on and (m.closed_on is None or on <= m.closed_on):
            return m.id
    return matches[0].id if matches else None


def match_people(match_id: int) -> list[tuple[int, str]]:
    return [(m.participant_id, m.role) for m in MatchMember.select().where(MatchMember.match == match_id)]


def check_drafts(drafts: Sequence[ResponseDraft]) -> tuple[list[Checked], list[str]]:
    templates: dict[int, TemplateRow] = {}
    people_of: dict[int, dict[int, Person]] = {}
    checked: list[Checked] = []
    problems: list[str] = []
    seen: dict[tuple[int, int, int | None, date], str] = {}
    for draft in drafts:
        where = f"{draft.where}: " if draft.where else ""
        if draft.template_id not in templates:
            try:
                templates[draft.template_id] = get_template(draft.template_id)
            except SurveyError as exc:
                problems.append(where + str(exc))
                continue
        template = templates[draft.template_id]
        people = people_of.setdefault(template.programme_id, programme_people(template.programme_id))
        person = people.get(draft.participant_id)
        if person is None:
            problems.append(
                f"{where}person {draft.participant_id} is not enrolled in this survey's programme."
            )
            continue
        if draft.match_id is not None and draft.participant_id not in dict(match_people(draft.match_id)):
            problems.append(f"{where}{person.name} is not a member of match {draft.match_id}.")
            continue
        if draft.answered_on > date.today():
            problems.append(f"{where}the answer date {draft.answered_on.isoformat()} is in the future.")
            continue
        answers, answer_problems = clean_answers(list(template.questions), draft.raw)
        problems += [f"{where}{p}" for p in answer_problems]
        key = (draft.template_id, draft.participant_id, draft.match_id, draft.answered_on)
        earlier = seen.get(key)
        if earlier is not None:
            problems.append(
                f"{where}a second response from {person.name} to {template.name!r} on "
                f"{draft.answered_on.isoformat()} (the first is {earlier or 'earlier in this file'})."
            )
            continue
        seen[key] = draft.where
        if _exists(*key):
            problems.append(
                f"{where}{person.name} already has a response to {template.name!r} on "
                f"{draft.answered_on.isoformat()}: this one was imported before (leave it out)."
            )
            continue
        if not answer_problems:
            checked.append(Checked(draft, answers))
    return checked, problems


def _exists(template_id: int, participant_id: int, match_id: int | None, answered_on: date) -> bool:
    match_test = SurveyResponse.match.is_null() if match_id is None else SurveyResponse.match == match_id
    return (
        SurveyResponse.select()
        .where(
            (SurveyResponse.template == template_id)
            & (SurveyResponse.participant == participant_id)
            & match_test
            & (SurveyResponse.answered_on == answered_on)
        )
        .exists()
    )


def save_responses(
    drafts: Sequence[ResponseDraft], dry_run: bool = False, progress: Progress = QUIET
) -> SaveResult:
    """Check every draft; save them all when none has a problem, else none.

    ``progress`` may cancel while they are written: the transaction rolls back, nothing is saved."""
    progress(0, len(drafts), "Checking the answers")
    checked, problems = check_drafts(drafts)
    if problems or dry_run:
        return SaveResult(0 if problems else len(checked), problems, dry_run)
    editions = {
        t.id: t.edition
        for t in SurveyTemplate.select(SurveyTemplate.id, SurveyTemplate.edition).where(
            SurveyTemplate.id.in_({c.draft.template_id for c in checked})
        )
    }
    with database.atomic():
        for done, c in enumerate(checked):
            progress(done, len(checked), "Saving the responses")
            d = c.draft
            SurveyResponse.create(
                template=d.template_id,
                participant=d.participant_id,
                match=d.match_id,
                answered_on=d.answered_on,
                source=d.source,
                template_edition=d.template_edition or editions.get(d.template_id, 1),
                answers=c.answers,
            )
        progress(len(checked), len(checked), "Saving the responses")  # a last Cancel still rolls back
    return SaveResult(len(checked), [])


def record_response(
    template_id: int,
    participant_id: int,
    answered_on: date,
    raw: dict[str, Any],
    match_id: int | None = None,
    source: str = "typed",
) -> int:
    """Save one typed response; ``SurveyError`` lists every problem (nothing saved then)."""
    result = save_responses([ResponseDraft(template_id, participant_id, match_id, answered_on, raw, source)])
    if not result.ok:
        raise SurveyError("\n".join(result.problems))
    found = SurveyResponse.get(
        (SurveyResponse.template == template_id)
        & (SurveyResponse.participant == participant_id)
        & (SurveyResponse.answered_on == answered_on)
    )
    return found.id


def list_responses(programme_id: int, template_ids: Iterable[int] | None = None) -> list[ResponseRow]:
    query = (
        SurveyResponse.select(
            SurveyResponse.id,
            SurveyResponse.template,
            SurveyTemplate.name,
            SurveyResponse.participant,
            display_name_sql(),
            SurveyResponse.match,
            SurveyResponse.answered_on,
            SurveyResponse.source,
            SurveyResponse.answers,
        )
        .join(SurveyTemplate)
        .switch(SurveyResponse)
        .join(Participant)
        .where(SurveyTemplate.programme == programme_id)
        .order_by(SurveyResponse.answered_on, SurveyResponse.id)
    )
    if template_ids is not None:
        query = query.where(SurveyResponse.template.in_(list(template_ids)))
    return [
        ResponseRow(rid, tid, name, pid, person, mid, day, source, dict(answers))
        for rid, tid, name, pid, person, mid, day, source, answers in tuples(query)
    ]


def delete_response(response_id: int) -> None:
    SurveyResponse.delete().where(SurveyResponse.id == response_id).execute()
