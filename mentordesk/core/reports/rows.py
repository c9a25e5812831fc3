"""The plain rows the report figures are computed from, loaded in bulk by services.reports.

Every row is a named tuple of plain values (ids, dates, strings, numbers): no database, no Qt.
Tens of thousands are built per report, and a tuple is built in half the time of a frozen
dataclass. A group match is one ``MatchRow`` however many members it has, so it counts once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from mentordesk.core.meetings import CadenceRules


class Period(NamedTuple):
    """The days a report covers, both ends included."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        from datetime import timedelta

        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)


class EnrolmentRow(NamedTuple):
    enrolment_id: int
    participant_id: int
    role: str  # mentor, mentee, peer
    status: str  # the status now
    enrolled_on: date
    exited_on: date | None = None


class StatusChange(NamedTuple):
    """One recorded move in the pipeline (from the audit trail): on ``on`` the status went old -> new.

    ``old`` is None for the change that created the enrolment."""

    enrolment_id: int
    on: date
    old: str | None
    new: str


class ClearanceRow(NamedTuple):
    """A live enrolment's clearance facts as of the report's day."""

    participant_id: int
    role: str
    status: str
    check_expires_on: date | None = None  # the background check that counts (latest passed one)
    consent_missing: bool = False  # a minor without a guardian or valid guardian consent


class MatchRow(NamedTuple):
    match_id: int
    status: str  # active, paused, closed (drafts are never loaded)
    started_on: date
    planned_end_on: date | None = None
    closed_on: date | None = None
    closure_kind: str | None = None  # planned, premature
    closure_reason: str = ""
    paused_since: date | None = None  # a paused match: when it was paused, if recorded
    initials: str = ""  # "Z.O. & Ł.K." for the optional appendix only
    members: int = 2
    mentee_ids: tuple[int, ...] = ()  # network figures: whose mentor this link is


class MeetingRow(NamedTuple):
    match_id: int
    on: date
    status: str  # planned, held, cancelled, missed
    minutes: int  # the actual length when recorded, else the planned one


class GoalRow(NamedTuple):
    goal_id: int
    match_id: int
    status: str  # not_started, in_progress, achieved, dropped
    achieved_on: date | None = None


class TrainingRow(NamedTuple):
    participant_id: int
    completed_on: date | None
    hours: float


class EventRow(NamedTuple):
    """A programme event (training session, group session, celebration) and its register's counts."""

    event_id: int
    kind: str
    on: date
    invited: int = 0
    attended: int = 0
    marked: int = 0  # invitees with a mark (attended, apologies or absent)


class CheckinRow(NamedTuple):
    """A coordinator check-in; load every one up to the period's end (the standard counts them all)."""

    match_id: int | None
    on: date
    via_person: tuple[int, ...] = ()  # naming a person, not a match: that person's matches


@dataclass(frozen=True)
class ReportRows:
    """Everything one programme's report needs; ``today`` caps the "as of" day of a period not yet over."""

    today: date
    meet_every_days: int = 14
    cadence: CadenceRules = field(default_factory=CadenceRules)  # the coordinator's check-in standard
    enrolments: tuple[EnrolmentRow, ...] = ()
    changes: tuple[StatusChange, ...] = ()
    clearance: tuple[ClearanceRow, ...] = ()
    matches: tuple[MatchRow, ...] = ()
    meetings: tuple[MeetingRow, ...] = ()
    goals: tuple[GoalRow, ...] = ()
    training: tuple[TrainingRow, ...] = ()
    checkins: tuple[CheckinRow, ...] = field(default_factory=tuple)
    events: tuple[EventRow, ...] = ()
    network: bool = False  # a network programme: one match per mentor-mentee link
