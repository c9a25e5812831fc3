"""Goals and reflections of a programme as CSV, with the roster export conventions.

``core.csv_files.write`` fixes the conventions (UTF-8 with an optional byte-order mark,
CRLF, minimal quoting, formula cells neutralised); this module decides the
columns. One row per goal, with its milestones summarised in one cell; one row
per reflection.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mentordesk.core.csv_files import write_csv
from mentordesk.core.goals import REVIEW_REASON_TEXT
from mentordesk.core.vocab import Role
from mentordesk.services.goals import changes as goal_service, reflections as reflection_service
from mentordesk.services.goals.rows import GoalError, Member, match_members
from mentordesk.store.models import Match
from mentordesk.store.rows import tuples

GOAL_COLUMNS = [
    "match_id",
    "match_status",
    "mentors",
    "mentees",
    "owner",
    "goal",
    "why_it_matters",
    "specific",
    "measurable",
    "achievable_steps",
    "relevant_to",
    "target_date",
    "status",
    "progress_percent",
    "milestones_done",
    "milestones_total",
    "milestones_overdue",
    "milestones",
    "achieved_on",
    "dropped_reason",
    "review_on",
    "last_reviewed_on",
    "next_review_due",
    "review_reason",
    "created_on",
]

REFLECTION_COLUMNS = [
    "match_id",
    "mentors",
    "mentees",
    "written_on",
    "written_by",
    "author_role",
    "meeting",
    "linked_goals",
    "successes",
    "challenges",
    "what_helped",
    "next_steps",
]


def _names(members: list[Member], mentor: bool) -> str:
    return "; ".join(m.name for m in members if (m.role == Role.MENTOR.value) == mentor)


def _milestone_text(goal: goal_service.GoalRow) -> str:
    parts = []
    for m in goal.milestones:
        if m.done_on:
            parts.append(f"[x] {m.title} (done {m.done_on.isoformat()})")
        elif m.due_on:
            parts.append(f"[ ] {m.title} (due {m.due_on.isoformat()}{', overdue' if m.overdue else ''})")
        else:
            parts.append(f"[ ] {m.title}")
    return "; ".join(parts)


def goal_table(programme_id: int, today: date | None = None) -> tuple[list[str], list[list[object]]]:
    today = today or date.today()
    goals = goal_service.programme_goals(programme_id, today, include_drafts=True)
    members = match_members(g.match_id for g in goals)
    statuses = dict(tuples(Match.select(Match.id, Match.status).where(Match.programme == programme_id)))
    rows: list[list[object]] = []
    for g in goals:
        people = members[g.match_id]
        rows.append(
            [
                g.match_id,
                statuses.get(g.match_id, ""),
                _names(people, mentor=True),
                _names(people, mentor=False),
                g.owner_name,
                g.title,
                g.why,
                g.specific,
                g.measurable,
                g.achievable,
                g.relevant,
                g.target_date,
                g.status,
                g.progress,
                sum(1 for m in g.milestones if m.done),
                len(g.milestones),
                len(g.overdue_milestones),
                _milestone_text(g),
                g.achieved_on,
                g.dropped_reason,
                g.review_on,
                g.reviewed_on,
                g.review.due_on if g.review else None,
                REVIEW_REASON_TEXT[g.review.reason] if g.review else "",
                g.created_on,
            ]
        )
    return GOAL_COLUMNS, rows


def reflection_table(programme_id: int) -> tuple[list[str], list[list[object]]]:
    entries = sorted(
        reflection_service.programme_reflections(programme_id), key=lambda r: (r.match_id, r.written_on, r.id)
    )
    members = match_members(r.match_id for r in entries)
    rows: list[list[object]] = []
    for r in entries:
        people = members[r.match_id]
        rows.append(
            [
                r.match_id,
                _names(people, mentor=True),
                _names(people, mentor=False),
                r.written_on,
                r.author_name,
                r.author_role,
                r.meeting_at,
                "; ".join(r.goal_titles),
                r.successes,
                r.challenges,
                r.what_helped,
                r.next_steps,
            ]
        )
    return REFLECTION_COLUMNS, rows


def _write(path: Path | str, header: list[str], rows: list[list[object]], bom: bool) -> int:
    path = Path(path)
    if path.is_dir():
        raise GoalError(f"{path} is a folder: give a file name, e.g. {path / 'goals.csv'}.")
    if not path.parent.is_dir():
        raise GoalError(f"The folder {path.parent} does not exist: create it or choose another place.")
    try:
        return write_csv(path, header, rows, bom=bom)
    except OSError as exc:
        raise GoalError(f"Could not write {path}: {exc.strerror or exc}. Choose another place.") from exc


def export_goals(programme_id: int, path: Path | str, *, bom: bool = True, today: date | None = None) -> int:
    """Write the programme's goals; returns how many rows were written."""
    header, rows = goal_table(programme_id, today)
    return _write(path, header, rows, bom)


def export_reflections(programme_id: int, path: Path | str, *, bom: bool = True) -> int:
    header, rows = reflection_table(programme_id)
    return _write(path, header, rows, bom)
