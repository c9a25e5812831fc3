"""Goal templates per programme, and the reflections journal."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mentordesk.core.goals.rules import GoalRuleError, ReflectionDraft
from mentordesk.services.goals import changes, reflections, templates
from mentordesk.services.goals.rows import GoalError
from mentordesk.store.models import Goal, GoalTemplate, Meeting, Programme, Reflection, ReflectionGoal
from tests.goals_fixtures import TODAY, good_draft, make_match


@pytest.fixture
def pair(db):
    return make_match()


# -- templates -----------------------------------------------------------------------------------


def test_template_crud_and_listing_per_programme(pair):
    other = Programme.create(name="Other scheme")
    mine = templates.create_template(
        pair.programme.id,
        "Public speaking",
        milestones=["Agree success", " ", "Practise with mentor", "Speak in assembly"],
        why="Confidence",
        measurable="A 2-minute talk",
    )
    templates.create_template(other.id, "Not mine")
    everywhere = templates.create_template(None, "Choose a university course")
    listed = templates.list_templates(pair.programme.id)
    assert [t.title for t in listed] == ["Choose a university course", "Public speaking"]
    row = templates.get_template(mine)
    assert row.milestones == ("Agree success", "Practise with mentor", "Speak in assembly")
    assert row.measurable == "A 2-minute talk"
    templates.update_template(mine, "Public speaking (Year 10)", milestones=["One"], why="Updated")
    row = templates.get_template(mine)
    assert (row.title, row.milestones, row.why, row.measurable) == (
        "Public speaking (Year 10)",
        ("One",),
        "Updated",
        "A 2-minute talk",
    )
    templates.delete_template(everywhere)
    assert [t.title for t in templates.list_templates(pair.programme.id)] == [
        "Public speaking (Year 10)"
    ]


def test_template_titles_are_required_and_unique_per_programme(pair):
    with pytest.raises(GoalRuleError) as info:
        templates.create_template(pair.programme.id, "  ")
    assert info.value.field == "title"
    templates.create_template(pair.programme.id, "Careers")
    with pytest.raises(GoalError, match="already exists"):
        templates.create_template(pair.programme.id, "careers")
    other = Programme.create(name="Other")
    templates.create_template(other.id, "Careers")  # another programme may use the title
    assert GoalTemplate.select().count() == 2


def test_goal_from_template_copies_text_and_milestones(pair):
    template = templates.create_template(
        pair.programme.id,
        "Choose a university course",
        milestones=["List interests", "Research three courses", "Visit an open day"],
        why="Applications open in September",
        specific="Shortlist three courses",
    )
    target = TODAY + timedelta(days=90)
    goal_id = templates.create_goal_from_template(
        pair.match.id, template, target_date=target, today=TODAY
    )
    row = changes.get_goal(goal_id, TODAY)
    assert row.title == "Choose a university course" and row.why == "Applications open in September"
    assert row.owner_id == pair.mentee.id and row.template_id == template
    assert [m.title for m in row.milestones] == [
        "List interests",
        "Research three courses",
        "Visit an open day",
    ]
    assert [m.due_on for m in row.milestones] == [
        TODAY + timedelta(days=30),
        TODAY + timedelta(days=60),
        target,
    ]
    assert templates.list_templates(pair.programme.id)[0].uses == 1
    # editing the template later leaves the goal alone; deleting it keeps the goal
    templates.update_template(template, "Renamed", milestones=[])
    templates.delete_template(template)
    assert Goal.get_by_id(goal_id).title == "Choose a university course"
    assert Goal.get_by_id(goal_id).template_id is None


def test_demo_programme_has_templates(demo_db):
    programme = Programme.get()
    assert len(templates.list_templates(programme.id)) >= 4


# -- reflections ---------------------------------------------------------------------------------


def test_reflections_by_mentor_and_mentee_with_links(pair):
    goal_id = changes.create_goal(pair.match.id, good_draft(), owner_id=pair.mentee.id, today=TODAY)
    meeting = Meeting.create(match=pair.match, starts_at=datetime(2026, 11, 24, 16), status="held")
    mentee_entry = reflections.create_reflection(
        pair.match.id,
        ReflectionDraft(TODAY - timedelta(days=2), successes="Asked a question", goal_ids=[goal_id]),
        author_id=pair.mentee.id,
        meeting_id=meeting.id,
        today=TODAY,
    )
    reflections.create_reflection(
        pair.match.id,
        ReflectionDraft(TODAY, author_role="mentee", challenges="Priya was nervous"),
        author_id=pair.mentor.id,  # the person decides the role, not the form
        today=TODAY,
    )
    journal = reflections.list_reflections(pair.match.id)
    assert [(r.author_role, r.author_name) for r in journal] == [
        ("mentor", "Zoë Ó'Brien"),
        ("mentee", "Priya Test0"),
    ]
    entry = journal[1]
    assert entry.id == mentee_entry and entry.meeting_at == datetime(2026, 11, 24, 16)
    assert entry.goal_titles == ("Speak up in class",)
    assert reflections.latest_reflection(pair.match.id).author_role == "mentor"
    choices = reflections.meeting_choices(pair.match.id, TODAY)
    assert [c.id for c in choices] == [meeting.id]


def test_coordinator_entries_and_edits(pair):
    entry = reflections.create_reflection(
        pair.match.id,
        ReflectionDraft(TODAY, author_role="coordinator", next_steps="Check in after mocks"),
        author_id=None,
        today=TODAY,
    )
    row = reflections.get_reflection(entry)
    assert row.author_role == "coordinator" and row.author_name == ""
    draft = row.draft()
    draft.what_helped = "Meeting in the library"
    reflections.update_reflection(entry, draft, author_id=None, today=TODAY)
    assert Reflection.get_by_id(entry).what_helped == "Meeting in the library"
    reflections.delete_reflection(entry)
    assert Reflection.select().count() == 0


def test_bad_reflections_are_refused_and_leave_nothing(pair):
    other = make_match(name="Other programme")
    foreign_goal = changes.create_goal(other.match.id, good_draft(), owner_id=other.mentee.id, today=TODAY)
    foreign_meeting = Meeting.create(match=other.match, starts_at=datetime(2026, 11, 20, 16))
    cases = [
        (ReflectionDraft(TODAY), pair.mentee.id, None, "successes"),
        (ReflectionDraft(TODAY + timedelta(days=1), successes="x"), pair.mentee.id, None, "written_on"),
        (ReflectionDraft(TODAY, successes="x"), other.mentee.id, None, "author_role"),
        (ReflectionDraft(TODAY, successes="x"), pair.mentee.id, foreign_meeting.id, "meeting"),
        (ReflectionDraft(TODAY, successes="x", goal_ids=[foreign_goal]), pair.mentee.id, None, "goals"),
    ]
    for draft, author, meeting, field in cases:
        with pytest.raises(GoalRuleError) as info:
            reflections.create_reflection(
                pair.match.id, draft, author_id=author, meeting_id=meeting, today=TODAY
            )
        assert info.value.field == field, (field, str(info.value))
    assert Reflection.select().count() == 0 and ReflectionGoal.select().count() == 0


@pytest.mark.both_backends
def test_template_titles_clash_case_and_accent_insensitively_on_both_backends(pair):
    """PostgreSQL's LOWER does not fold accents: "Révision" and "REVISION" are the same title to a person."""
    first = templates.create_template(pair.programme.id, "Révision  Planning")
    for same in ("REVISION planning", "revision planning", "Révision Planning"):
        with pytest.raises(GoalError, match="already exists"):
            templates.create_template(pair.programme.id, same)
    templates.update_template(first, "Révision planning")  # its own title, recased: not a clash
    assert [t.title for t in templates.list_templates(pair.programme.id)] == ["Révision planning"]
