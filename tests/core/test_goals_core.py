"""The pure goal rules: progress, overdue milestones, transitions, reviews, templates, reflections."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from mentordesk.core.goals import rules, templates as templating
from mentordesk.core.goals.rules import (
    GoalDraft,
    GoalRuleError,
    MilestoneDraft,
    MilestoneState,
    ReflectionDraft,
    ReviewReason,
)
from mentordesk.core.goals.templates import TemplateMilestone
from mentordesk.core.vocab import GoalStatus

TODAY = date(2026, 11, 26)


def fields(problems, blocking_only=True):
    return [p.field for p in problems if p.blocking or not blocking_only]


def draft(**kw) -> GoalDraft:
    base = dict(
        title="Speak up in class",
        specific="One question per lesson",
        measurable="Teacher notes it",
        target_date=TODAY + timedelta(days=60),
        review_on=TODAY + timedelta(days=30),
    )
    base.update(kw)
    return GoalDraft(**base)


# -- progress ------------------------------------------------------------------------------------


def test_progress_comes_from_milestones_when_there_are_some():
    steps = [MilestoneState(None, TODAY), MilestoneState(None, None), MilestoneState(None, None)]
    assert rules.derive_progress("in_progress", manual=90, milestones=steps) == 33
    steps[1] = MilestoneState(None, TODAY)
    assert rules.derive_progress("in_progress", manual=90, milestones=steps) == 67


def test_progress_is_manual_without_milestones_and_clamped():
    assert rules.derive_progress("in_progress", 40, []) == 40
    assert rules.derive_progress("in_progress", 140, []) == 100
    assert rules.derive_progress("not_started", -5, []) == 0


def test_an_achieved_goal_is_complete_whatever_its_milestones():
    assert rules.derive_progress("achieved", 10, [MilestoneState(None, None)]) == 100


@settings(max_examples=60)
@given(st.lists(st.booleans(), min_size=1, max_size=30))
def test_progress_is_the_share_done_and_monotonic(done_flags):
    steps = [MilestoneState(None, TODAY if d else None) for d in done_flags]
    value = rules.derive_progress("in_progress", 0, steps)
    assert 0 <= value <= 100
    assert value == round(100 * sum(done_flags) / len(done_flags))
    # ticking one more milestone never lowers progress
    if not all(done_flags):
        i = done_flags.index(False)
        steps[i] = MilestoneState(None, TODAY)
        assert rules.derive_progress("in_progress", 0, steps) > value


def test_overdue_milestones_are_past_due_and_not_done():
    steps = [
        MilestoneState(TODAY - timedelta(days=1), None),  # overdue
        MilestoneState(TODAY - timedelta(days=5), TODAY - timedelta(days=6)),  # done
        MilestoneState(TODAY, None),  # due today: not yet overdue
        MilestoneState(None, None),  # no due date
    ]
    assert rules.overdue_milestones(steps, TODAY) == [0]


def test_ticking_a_milestone_starts_a_goal():
    done = [MilestoneState(None, TODAY)]
    assert rules.status_after_milestone_change("not_started", done) == "in_progress"
    assert rules.status_after_milestone_change("not_started", [MilestoneState(None, None)]) == "not_started"
    assert rules.status_after_milestone_change("dropped", done) == "dropped"


# -- status transitions --------------------------------------------------------------------------


def test_an_achieved_goal_needs_an_achieved_date():
    problems = rules.check_transition(
        "in_progress", "achieved", achieved_on=None, dropped_reason="", today=TODAY
    )
    assert fields(problems) == ["achieved_on"]
    assert "Achieved on" in str(problems[0]) and "needs the date" in str(problems[0])
    assert not rules.check_transition(
        "in_progress", "achieved", achieved_on=TODAY, dropped_reason="", today=TODAY
    )


def test_the_achieved_date_cannot_be_in_the_future():
    problems = rules.check_transition(
        "in_progress", "achieved", achieved_on=TODAY + timedelta(days=1), dropped_reason="", today=TODAY
    )
    assert fields(problems) == ["achieved_on"] and "future" in problems[0].message


def test_a_dropped_goal_needs_a_reason():
    for reason in ("", "   "):
        problems = rules.check_transition(
            "in_progress", "dropped", achieved_on=None, dropped_reason=reason, today=TODAY
        )
        assert fields(problems) == ["dropped_reason"]
        assert str(problems[0]).startswith("Reason for dropping:")
    assert not rules.check_transition(
        "in_progress", "dropped", achieved_on=None, dropped_reason="Changed school", today=TODAY
    )


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("not_started", "in_progress", True),
        ("not_started", "achieved", True),
        ("not_started", "dropped", True),
        ("in_progress", "achieved", True),
        ("in_progress", "dropped", True),
        ("in_progress", "not_started", False),
        ("achieved", "in_progress", True),  # re-opened: recorded too early
        ("achieved", "dropped", False),
        ("achieved", "not_started", False),
        ("dropped", "in_progress", True),  # taken up again
        ("dropped", "not_started", True),
        ("dropped", "achieved", False),
    ],
)
def test_transition_table(old, new, allowed):
    problems = rules.check_transition(old, new, achieved_on=TODAY, dropped_reason="why", today=TODAY)
    assert ("status" not in fields(problems)) is allowed
    if not allowed:
        message = next(str(p) for p in problems if p.field == "status")
        assert message.startswith("Status:") and "cannot become" in message and "it can become" in message


def test_an_unknown_status_is_named():
    problems = rules.check_transition(None, "finished", achieved_on=None, dropped_reason="", today=TODAY)
    assert fields(problems) == ["status"] and "'finished'" in problems[0].message


# -- whole goals ---------------------------------------------------------------------------------


def test_a_good_new_goal_has_no_problems():
    assert rules.check_goal(draft(), TODAY) == []


def test_title_target_and_review_are_required_for_an_open_goal():
    problems = rules.check_goal(draft(title="  ", target_date=None, review_on=None), TODAY)
    assert fields(problems) == ["title", "target_date", "review_on"]
    assert all(str(p).split(":")[0] in {"Title", "Target date", "Review date"} for p in problems)


def test_missing_smart_details_are_advice_not_errors():
    problems = rules.check_goal(draft(specific="", measurable=""), TODAY)
    assert fields(problems) == []
    assert fields(problems, blocking_only=False) == ["specific", "measurable"]


def test_a_new_goal_cannot_target_the_past_but_an_old_one_keeps_its_date():
    past = TODAY - timedelta(days=3)
    assert fields(rules.check_goal(draft(target_date=past), TODAY)) == ["target_date"]
    saved = draft(target_date=past)
    assert fields(rules.check_goal(draft(target_date=past, title="New title"), TODAY, previous=saved)) == []


def test_progress_out_of_range_only_matters_without_milestones():
    assert fields(rules.check_goal(draft(progress=120), TODAY)) == ["progress"]
    assert fields(rules.check_goal(draft(progress=120), TODAY, has_milestones=True)) == []


def test_reviews_are_at_least_yearly():
    late = rules.add_years(TODAY) + timedelta(days=1)
    problems = rules.check_goal(draft(review_on=late, target_date=late), TODAY)
    assert fields(problems) == ["review_on"]
    assert "at least once a year" in problems[0].message and "26 Nov 2027" in problems[0].message
    # measured from the last review of a saved goal
    saved = draft()
    problems = rules.check_goal(
        draft(review_on=TODAY + timedelta(days=200)),
        TODAY,
        previous=saved,
        last_reviewed=TODAY - timedelta(days=200),
    )
    assert fields(problems) == ["review_on"]


def test_a_review_after_the_target_date_is_a_warning():
    problems = rules.check_goal(
        draft(target_date=TODAY + timedelta(days=10), review_on=TODAY + timedelta(days=20)), TODAY
    )
    assert fields(problems) == [] and fields(problems, blocking_only=False) == ["review_on"]


def test_a_finished_goal_needs_no_review_date():
    done = draft(status="achieved", achieved_on=TODAY, review_on=None)
    assert fields(rules.check_goal(done, TODAY, previous=draft(status="in_progress"))) == []


def test_normalised_keeps_the_date_and_reason_only_with_their_status():
    d = draft(status="in_progress", achieved_on=TODAY, dropped_reason="x", title="  t  ").normalised()
    assert d.achieved_on is None and d.dropped_reason == "" and d.title == "t"
    assert draft(status="dropped", dropped_reason=" moved ").normalised().dropped_reason == "moved"


def test_rule_error_carries_the_first_field():
    with pytest.raises(GoalRuleError) as info:
        rules.raise_if_blocking(rules.check_goal(draft(title=""), TODAY))
    assert info.value.field == "title" and "Title:" in str(info.value)


# -- reviews -------------------------------------------------------------------------------------


def test_next_review_is_the_scheduled_date_within_a_year():
    due = rules.next_review(
        "in_progress", review_on=TODAY, reviewed_on=None, created_on=TODAY - timedelta(days=30)
    )
    assert due == rules.ReviewDue(TODAY, ReviewReason.SCHEDULED)
    assert due.is_due(TODAY) and due.days_overdue(TODAY + timedelta(days=4)) == 4


def test_without_a_date_a_goal_is_due_a_year_after_its_last_review():
    created = date(2025, 10, 1)
    due = rules.next_review("in_progress", review_on=None, reviewed_on=None, created_on=created)
    assert due == rules.ReviewDue(date(2026, 10, 1), ReviewReason.YEARLY)
    due = rules.next_review("in_progress", review_on=None, reviewed_on=date(2026, 3, 1), created_on=created)
    assert due.due_on == date(2027, 3, 1)
    # a review date beyond the yearly limit does not postpone the yearly review
    far = rules.next_review("in_progress", review_on=date(2028, 1, 1), reviewed_on=None, created_on=created)
    assert far == rules.ReviewDue(date(2026, 10, 1), ReviewReason.YEARLY)


def test_a_goal_open_at_match_closure_owes_a_closing_review():
    closed = TODAY - timedelta(days=5)
    due = rules.next_review(
        "in_progress",
        review_on=TODAY + timedelta(days=40),
        reviewed_on=TODAY - timedelta(days=50),
        created_on=TODAY - timedelta(days=90),
        match_closed_on=closed,
    )
    assert due == rules.ReviewDue(closed, ReviewReason.CLOSURE) and due.days_overdue(TODAY) == 5
    reviewed = rules.next_review(
        "in_progress",
        review_on=None,
        reviewed_on=closed,
        created_on=TODAY - timedelta(days=90),
        match_closed_on=closed,
    )
    assert reviewed is None


def test_finished_goals_owe_no_review():
    for status in ("achieved", "dropped"):
        assert rules.next_review(status, review_on=TODAY, reviewed_on=None, created_on=TODAY) is None


def test_add_years_handles_the_leap_day():
    assert rules.add_years(date(2028, 2, 29)) == date(2029, 2, 28)


def test_recording_a_review():
    assert rules.check_review(TODAY, TODAY + timedelta(days=90), TODAY, needs_next=True) == []
    assert fields(rules.check_review(None, None, TODAY, needs_next=True)) == ["reviewed_on"]
    assert fields(
        rules.check_review(TODAY + timedelta(days=1), TODAY + timedelta(days=9), TODAY, needs_next=True)
    ) == ["reviewed_on"]
    assert fields(rules.check_review(TODAY, None, TODAY, needs_next=True)) == ["review_on"]
    assert rules.check_review(TODAY, None, TODAY, needs_next=False) == []
    assert fields(rules.check_review(TODAY, TODAY, TODAY, needs_next=True)) == ["review_on"]
    assert fields(rules.check_review(TODAY, TODAY + timedelta(days=400), TODAY, needs_next=True)) == [
        "review_on"
    ]


def test_default_review_date_comes_before_the_target():
    assert rules.default_review_date(TODAY) == TODAY + timedelta(days=90)
    assert rules.default_review_date(TODAY, TODAY + timedelta(days=20)) == TODAY + timedelta(days=20)
    assert rules.default_review_date(TODAY, interval_days=900) == rules.add_years(TODAY)


# -- statistics, templates, milestones, reflections ----------------------------------------------


def test_counts_by_status():
    counts = rules.count_statuses(["achieved", "achieved", "dropped", "in_progress", "not_started", "junk"])
    assert (counts.achieved, counts.dropped, counts.in_progress, counts.not_started) == (2, 1, 1, 1)
    assert counts.total == 5 and counts.open == 2 and counts.achieved_share() == 67


def test_template_milestones_accept_titles_and_objects():
    raw = ["Agree success", "  ", {"title": "Practise", "due_days": 14}, {"title": ""}, 7]
    assert templating.parse_template_milestones(raw) == [
        TemplateMilestone("Agree success"),
        TemplateMilestone("Practise", 14),
    ]
    assert templating.parse_template_milestones(None) == []
    assert templating.milestones_from_lines("- one\n\n* two\n  three  ") == ["one", "two", "three"]


def test_goal_from_template_spreads_milestones_to_the_target():
    target = TODAY + timedelta(days=90)
    goal, steps = templating.goal_from_template(
        "Choose a course",
        {"why": "Deadline in January", "measurable": "Shortlist of 3"},
        [TemplateMilestone("Research"), TemplateMilestone("Visit", 10), TemplateMilestone("Decide")],
        TODAY,
        target,
    )
    assert goal.title == "Choose a course" and goal.why == "Deadline in January"
    assert (
        goal.target_date == target and goal.review_on == target
    )  # the review comes at the target at the latest
    assert [s.title for s in steps] == ["Research", "Visit", "Decide"]
    assert [s.due_on for s in steps] == [TODAY + timedelta(days=30), TODAY + timedelta(days=10), target]
    assert not rules.blocking(rules.check_goal(goal, TODAY))


def test_template_checks():
    assert fields(templating.check_template("", [])) == ["title"]
    assert fields(templating.check_template("T", ["x" * 201])) == ["milestones"]
    assert fields(templating.check_template("T", ["Step", "step"]), blocking_only=False) == ["milestones"]


def test_milestone_checks():
    assert fields(rules.check_milestone(MilestoneDraft(""), TODAY)) == ["title"]
    assert fields(rules.check_milestone(MilestoneDraft("x", done_on=TODAY + timedelta(days=1)), TODAY)) == [
        "done_on"
    ]
    late = rules.check_milestone(MilestoneDraft("x", due_on=TODAY + timedelta(days=9)), TODAY, TODAY)
    assert fields(late) == [] and fields(late, blocking_only=False) == ["due_on"]


def test_reflection_checks():
    ok = ReflectionDraft(written_on=TODAY, successes="Asked a question")
    assert rules.check_reflection(ok, TODAY) == []
    empty = ReflectionDraft(written_on=TODAY)
    assert fields(rules.check_reflection(empty, TODAY)) == ["successes"]
    future = ReflectionDraft(written_on=TODAY + timedelta(days=1), next_steps="x")
    assert fields(rules.check_reflection(future, TODAY)) == ["written_on"]
    early = ReflectionDraft(written_on=TODAY - timedelta(days=10), next_steps="x")
    assert fields(rules.check_reflection(early, TODAY, match_started_on=TODAY - timedelta(days=2))) == [
        "written_on"
    ]
    assert fields(rules.check_reflection(ReflectionDraft(TODAY, "teacher", "x"), TODAY)) == ["author_role"]
    assert fields(rules.check_reflection(ReflectionDraft(None, successes="x"), TODAY)) == ["written_on"]


def test_all_statuses_have_transitions():
    assert set(rules.ALLOWED_TRANSITIONS) == set(GoalStatus)
