"""What a concern must hold, when it may close, which attachments fit, how long it is kept.

Each check returns ``{field: sentence}``: the sentence names the field as the form shows it and says
what to do, so the GUI and the command line show the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from mentordesk.core.vocab import ConcernAbout, ConcernActionKind, ConcernCategory, ReferralAgency

CATEGORY_LABELS = {
    ConcernCategory.DISCLOSURE.value: "Disclosure",
    ConcernCategory.MENTOR_BEHAVIOUR.value: "Behaviour of a mentor",
    ConcernCategory.BOUNDARY_BREACH.value: "Boundary breach",
    ConcernCategory.ONLINE_SAFETY.value: "Online safety",
    ConcernCategory.WELLBEING.value: "Wellbeing",
    ConcernCategory.OTHER.value: "Other",
}
ABOUT_LABELS = {
    ConcernAbout.MENTEE.value: "The mentee",
    ConcernAbout.MENTOR.value: "The mentor",
    ConcernAbout.BOTH.value: "Mentor and mentee",
    ConcernAbout.OTHER.value: "Someone else",
}
AGENCY_LABELS = {
    ReferralAgency.CHILDRENS_SOCIAL_CARE.value: "Children's social care",
    ReferralAgency.POLICE.value: "Police",
    ReferralAgency.LADO.value: "LADO (allegation against an adult)",
    ReferralAgency.OTHER.value: "Other agency",
}
ACTION_LABELS = {
    ConcernActionKind.SUSPEND_MATCH.value: "Match suspended",
    ConcernActionKind.SUSPEND_MENTOR.value: "Mentor suspended from all matches",
    ConcernActionKind.GUARDIAN_INFORMED.value: "Guardian informed",
    ConcernActionKind.GUARDIAN_NOT_INFORMED.value: "Guardian not informed",
}

# A scanned note or a photo of one; larger files belong in the organisation's case system.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Text limits, by field (the reporter's words and the outcome may be long; names and references not).
MAX_LENGTH = {
    "raised_by": 200,
    "other_person": 200,
    "description": 20000,
    "immediate_action": 20000,
    "dsl_name": 200,
    "referral_name": 200,
    "referral_reference": 100,
    "outcome": 20000,
    "reason": 2000,
    "filename": 255,
}
FIELD_LABELS = {
    "raised_by": "Raised by",
    "raised_on": "Raised on",
    "about": "About",
    "mentee": "Mentee",
    "mentor": "Mentor",
    "other_person": "Who it is about",
    "category": "Category",
    "description": "What was said or seen",
    "immediate_action": "Immediate action",
    "dsl_name": "Safeguarding lead",
    "dsl_referred_on": "Referred to the lead on",
    "referral_agency": "Referred on to",
    "referral_name": "Contact at the agency",
    "referral_reference": "Agency reference",
    "referral_on": "Referred on",
    "outcome": "Outcome",
    "closed_on": "Closed on",
    "reason": "Reason",
}


class ConcernRefused(ValueError):
    """A concern (or an action on it) that cannot be saved; the message names the field and the fix."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = dict(problems)


def raise_if_any(problems: Mapping[str, str]) -> None:
    if problems:
        raise ConcernRefused(problems)


@dataclass(frozen=True)
class ConcernDraft:
    """A concern as typed: ids for the people and match, plain text and dates for the rest."""

    raised_by: str
    raised_on: date | None
    about: str
    category: str
    description: str
    immediate_action: str = ""
    mentee_id: int | None = None
    mentor_id: int | None = None
    other_person: str = ""  # who it is about when that is someone else
    match_id: int | None = None
    dsl_name: str = ""
    dsl_referred_on: date | None = None
    referral_agency: str = ""
    referral_name: str = ""
    referral_reference: str = ""
    referral_on: date | None = None


def _too_long(values: Mapping[str, str]) -> dict[str, str]:
    out = {}
    for key, value in values.items():
        limit = MAX_LENGTH[key]
        if len(value) > limit:
            out[key] = (
                f"{FIELD_LABELS.get(key, key)}: {len(value)} characters is too long; "
                f"keep it to {limit} (shorten it or attach a file)."
            )
    return out


def _day(key: str, day: date | None, raised_on: date | None, today: date) -> str:
    """The problem with a date of record: in the future, or before the concern was raised."""
    if day is None:
        return ""
    what = FIELD_LABELS[key]
    if day > today:
        return f"{what}: {day.isoformat()} is in the future; enter the day it happened."
    if raised_on is not None and day < raised_on:
        return f"{what}: {day.isoformat()} is before the concern was raised ({raised_on.isoformat()})."
    return ""


def draft_problems(draft: ConcernDraft, today: date) -> dict[str, str]:
    """Everything wrong with ``draft``, by field; empty when it can be saved."""
    problems = _too_long(
        {
            "raised_by": draft.raised_by,
            "other_person": draft.other_person,
            "description": draft.description,
            "immediate_action": draft.immediate_action,
            "dsl_name": draft.dsl_name,
            "referral_name": draft.referral_name,
            "referral_reference": draft.referral_reference,
        }
    )
    if not draft.raised_by.strip():
        problems["raised_by"] = "Raised by: write who raised the concern (their name or role)."
    if draft.raised_on is None:
        problems["raised_on"] = "Raised on: enter the day the concern was raised."
    elif draft.raised_on > today:
        problems["raised_on"] = (
            f"Raised on: {draft.raised_on.isoformat()} is in the future; enter the day it was raised."
        )
    if draft.about not in ABOUT_LABELS:
        problems["about"] = "About: choose the mentee, the mentor, both or someone else."
    else:
        if draft.about in (ConcernAbout.MENTEE.value, ConcernAbout.BOTH.value) and draft.mentee_id is None:
            problems["mentee"] = "Mentee: choose the mentee the concern is about."
        if draft.about in (ConcernAbout.MENTOR.value, ConcernAbout.BOTH.value) and draft.mentor_id is None:
            problems["mentor"] = "Mentor: choose the mentor the concern is about."
        if draft.about == ConcernAbout.OTHER.value and not draft.other_person.strip():
            problems["other_person"] = "Who it is about: write their name or role."
    if not draft.category:
        problems["category"] = "Category: choose what kind of concern this is (e.g. disclosure, wellbeing)."
    elif draft.category not in CATEGORY_LABELS:
        problems["category"] = (
            f"Category: {draft.category!r} is not one of " + ", ".join(CATEGORY_LABELS) + "."
        )
    if not draft.description.strip():
        problems["description"] = (
            "What was said or seen: write it down in the reporter's own words before saving."
        )
    raised = draft.raised_on if draft.raised_on and draft.raised_on <= today else None
    for key, day in (("dsl_referred_on", draft.dsl_referred_on), ("referral_on", draft.referral_on)):
        problem = _day(key, day, raised, today)
        if problem:
            problems[key] = problem
    if draft.dsl_referred_on is not None and not draft.dsl_name.strip():
        problems["dsl_name"] = "Safeguarding lead: write the name of the lead it was referred to."
    if draft.referral_agency and draft.referral_agency not in AGENCY_LABELS:
        problems["referral_agency"] = (
            f"Referred on to: {draft.referral_agency!r} is not one of " + ", ".join(AGENCY_LABELS) + "."
        )
    elif not draft.referral_agency and (
        draft.referral_name.strip() or draft.referral_reference.strip() or draft.referral_on
    ):
        problems["referral_agency"] = (
            "Referred on to: choose the agency (children's social care, police, LADO or other), "
            "or clear the referral's contact, reference and date."
        )
    return problems


def closing_problems(outcome: str, closed_on: date | None, raised_on: date, today: date) -> dict[str, str]:
    """What stops a concern from closing: an outcome is required, and a closing day that has been."""
    problems = _too_long({"outcome": outcome})
    if not outcome.strip():
        problems["outcome"] = "Outcome: write what came of the concern before closing it."
    if closed_on is None:
        problems["closed_on"] = "Closed on: enter the day the concern was closed."
    elif closed_on > today:
        problems["closed_on"] = (
            f"Closed on: {closed_on.isoformat()} is in the future; close it on or before today."
        )
    elif closed_on < raised_on:
        problems["closed_on"] = (
            f"Closed on: {closed_on.isoformat()} is before the concern was raised ({raised_on.isoformat()})."
        )
    return problems


def reason_problem(reason: str, what: str = "Reason") -> str:
    if not reason.strip():
        return f"{what}: say why (it goes in the concern's record)."
    if len(reason) > MAX_LENGTH["reason"]:
        return f"{what}: {len(reason)} characters is too long; keep it to {MAX_LENGTH['reason']}."
    return ""


def attachment_problem(filename: str, size: int) -> str:
    """Why a file cannot be attached, or ""."""
    if not filename.strip():
        return "Attachment: the file has no name."
    if len(filename) > MAX_LENGTH["filename"]:
        return (
            f"Attachment: the file name is longer than {MAX_LENGTH['filename']} characters; rename it first."
        )
    if size <= 0:
        return f"Attachment: {filename} is empty; choose the scanned file itself."
    if size > MAX_ATTACHMENT_BYTES:
        mb = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        return (
            f"Attachment: {filename} is {size / (1024 * 1024):.1f} MB; the limit is {mb} MB. "
            "Scan it at a lower resolution or as a PDF, and attach that."
        )
    return ""


@dataclass(frozen=True)
class RetentionRule:
    """How long a closed concern is kept: until the later of ``years_after_closure`` after it closed
    and the ``until_age`` birthday of the youngest person it is about (when their birth date is known).

    The defaults follow UK schools' practice for child protection files (kept until the child is 25)
    and keep every concern at least six years after it closed; both are changed in the concerns page.
    """

    years_after_closure: int = 6
    until_age: int = 25

    def problems(self) -> dict[str, str]:
        out = {}
        if not 1 <= self.years_after_closure <= 100:
            out["years_after_closure"] = "Years after closure: choose between 1 and 100."
        if not 0 <= self.until_age <= 120:
            out["until_age"] = "Until the person is aged: choose between 0 and 120 (0: not by age)."
        return out


def keep_until(closed_on: date | None, born_on: date | None, rule: RetentionRule) -> date | None:
    """The day a closed concern may be deleted; None while it is open (an open concern is always kept)."""
    if closed_on is None:
        return None
    until = closed_on + relativedelta(years=rule.years_after_closure)
    if born_on is not None and rule.until_age:
        until = max(until, born_on + relativedelta(years=rule.until_age))
    return until
