"""The demo programme's goals, milestones, reflections and goal templates (see services/demo/programme.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mentordesk.core.vocab import GoalStatus, MeetingStatus, Role
from mentordesk.store.models import (
    Goal,
    GoalTemplate,
    Match,
    MatchMember,
    Meeting,
    Milestone,
    Participant,
    Programme,
    Reflection,
    ReflectionGoal,
)

GOALS = [
    ("Speak up confidently in class discussions", "confidence", 3),
    ("Choose three university courses to research", "university choice", 2),
    ("Build a weekly revision timetable and keep to it for a term", "exam preparation", 1),
    ("Write a first CV and practise one mock interview", "careers", 0),
]

# Per goal: why, the measurable indicator, and its milestones (also the demo's goal templates).
GOAL_DETAILS = {
    GOALS[0][0]: (
        "Wants to take part in lessons without freezing, and to be ready for college interviews.",
        "Asks or answers at least one question in every history lesson for three weeks",
        [
            "Agree what speaking up looks like",
            "Practise an opening sentence together",
            "Answer once a lesson",
        ],
    ),
    GOALS[1][0]: (
        "Applications open in September; the family has no one who went to university.",
        "A shortlist of three courses with entry requirements written down",
        ["List subjects enjoyed most", "Research five courses online", "Visit one open day"],
    ),
    GOALS[2][0]: (
        "Mock exams went badly because revision was left to the last week.",
        "A timetable on the wall, followed at least four days a week",
        ["Draft the timetable", "Try it for two weeks", "Review and adjust with the mentor"],
    ),
    GOALS[3][0]: (
        "Wants a Saturday job and work experience in Year 11.",
        "A one-page CV and one mock interview with feedback",
        ["Collect achievements and activities", "Write the first draft", "Mock interview with the mentor"],
    ),
}


def add_goals(match: Match, mentee: Participant, today: date, n: int) -> int:
    """Goals in every state (one achieved, one dropped), milestones, and mentee and mentor reflections."""
    made = 0
    assert match.started_on is not None, "the demo gives goals to started matches only"
    set_on = datetime.combine(match.started_on + timedelta(days=7), time(16, 0))
    goal_ids = []
    for g, (title, _area, done) in enumerate(GOALS[: 2 + n % 3]):
        why, measurable, steps = GOAL_DETAILS[title]
        status = GoalStatus.IN_PROGRESS if done else GoalStatus.NOT_STARTED
        extra: dict = {}
        if n == 0 and g == 0:
            status, done = GoalStatus.ACHIEVED, 3
            extra = {"achieved_on": today - timedelta(days=12), "reviewed_on": today - timedelta(days=12)}
        elif n == 2 and g == 1:
            status = GoalStatus.DROPPED
            extra = {"dropped_reason": "Decided to focus on GCSE options first; will return to it next year."}
        goal = Goal.create(
            match=match,
            owner=mentee,
            title=title,
            why=why,
            measurable=measurable,
            target_date=today + timedelta(days=60 + 30 * g),
            status=status.value,
            review_on=today + timedelta(days=20 + 15 * g - 30 * (n % 2)),
            created_at=set_on,
            **extra,
        )
        goal_ids.append(goal.id)
        for m, step in enumerate(steps):
            Milestone.create(
                goal=goal,
                title=step,
                position=m,
                due_on=today + timedelta(days=-20 + 25 * m),
                done_on=today - timedelta(days=30 - 7 * m) if m < done else None,
            )
        made += 1
    Reflection.create(
        match=match,
        author=mentee,
        author_role="mentee",
        written_on=today - timedelta(days=10),
        successes="Asked a question in assembly.",
        challenges="Mock exams coming up.",
        what_helped="Practising the first sentence out loud.",
        next_steps="Plan revision.",
    )
    mentor = (
        Participant.select()
        .join(MatchMember)
        .where((MatchMember.match == match) & (MatchMember.role == Role.MENTOR.value))
        .first()
    )
    held = (
        Meeting.select()
        .where((Meeting.match == match) & (Meeting.status == MeetingStatus.HELD.value))
        .order_by(Meeting.starts_at.desc())
        .first()
    )
    if mentor is not None and held is not None:
        entry = Reflection.create(
            match=match,
            author=mentor,
            author_role="mentor",
            written_on=held.starts_at.date(),
            meeting=held,
            successes="Good energy today; the revision plan is on the fridge.",
            challenges="Still nervous about speaking in front of the class.",
            what_helped="Role-playing the first minute of a presentation.",
            next_steps="Bring the timetable next time and check how the week went.",
        )
        ReflectionGoal.create(reflection=entry, goal=goal_ids[0])
    return made


def add_templates(programme: Programme) -> None:
    for title, _area, _done in GOALS:
        why, measurable, steps = GOAL_DETAILS[title]
        GoalTemplate.create(
            programme=programme, title=title, why=why, measurable=measurable, milestones=steps
        )
