"""Goal templates per programme, so schemes with many young people do not start from a blank page.

A template holds a goal's wording and its milestones (titles, in order). A
template without a programme is offered in every programme. Creating a goal from
a template copies the text and spreads the milestones' due dates up to the
target date; later edits to the template leave existing goals alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from peewee import fn

from mentordesk.core import goals as goals_rules
from mentordesk.core.goals import GoalDraft, MilestoneDraft
from mentordesk.core.participants import fold
from mentordesk.services.goals import changes as goal_service
from mentordesk.services.goals.rows import GoalError, find_match
from mentordesk.store.db import database
from mentordesk.store.models import Goal, GoalTemplate, Programme
from mentordesk.store.rows import tuples

TEXT_FIELDS = ("why", "specific", "measurable", "achievable", "relevant")


@dataclass(frozen=True)
class TemplateRow:
    id: int
    programme_id: int | None  # None: offered in every programme
    title: str
    why: str
    specific: str
    measurable: str
    achievable: str
    relevant: str
    milestones: tuple[str, ...]
    uses: int = 0  # goals created from it

    @property
    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_FIELDS}


def _row(t: GoalTemplate, uses: int = 0) -> TemplateRow:
    return TemplateRow(
        id=t.id,
        programme_id=t.programme_id,
        title=t.title,
        why=t.why,
        specific=t.specific,
        measurable=t.measurable,
        achievable=t.achievable,
        relevant=t.relevant,
        milestones=tuple(m.title for m in goals_rules.parse_template_milestones(t.milestones)),
        uses=uses,
    )


def list_templates(programme_id: int) -> list[TemplateRow]:
    """The programme's templates and the ones offered everywhere, by title."""
    uses = dict(
        tuples(
            Goal.select(Goal.template, fn.COUNT(Goal.id))
            .where(Goal.template.is_null(False))
            .group_by(Goal.template)
        )
    )
    query = GoalTemplate.select().where(
        (GoalTemplate.programme == programme_id) | GoalTemplate.programme.is_null()
    )
    rows = [_row(t, uses.get(t.id, 0)) for t in query]
    return sorted(rows, key=lambda r: r.title.casefold())


def _template(template_id: int) -> GoalTemplate:
    template = GoalTemplate.get_or_none(GoalTemplate.id == template_id)
    if template is None:
        raise GoalError(
            f"No goal template with id {template_id}: it may have been deleted. Refresh the list."
        )
    return template


def get_template(template_id: int) -> TemplateRow:
    return _row(_template(template_id))


def _check(programme_id: int | None, title: str, milestones: Sequence[str], template_id: int | None) -> None:
    goals_rules.raise_if_blocking(goals_rules.check_template(title, milestones))
    # Compared as people read them (case and accents aside: "Réviser" is "reviser"), in Python so
    # that SQLite and PostgreSQL agree; a programme has tens of templates, not thousands.
    scope = GoalTemplate.select(GoalTemplate.id, GoalTemplate.title).where(
        (GoalTemplate.programme == programme_id) if programme_id is not None else GoalTemplate.programme.is_null()
    )
    wanted = fold(title)
    if any(fold(other) == wanted for tid, other in tuples(scope) if tid != template_id):
        raise GoalError(
            f"A template called '{title.strip()}' already exists here: choose another title.", "title"
        )


def create_template(
    programme_id: int | None, title: str, *, milestones: Sequence[str] = (), **texts: str
) -> int:
    if programme_id is not None and not Programme.select().where(Programme.id == programme_id).exists():
        raise GoalError(f"No programme with id {programme_id}.")
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise GoalError(f"Unknown template field(s): {', '.join(sorted(unknown))}.")
    steps = [m.strip() for m in milestones if m.strip()]
    _check(programme_id, title, steps, None)
    with database.atomic():
        template = GoalTemplate.create(
            programme=programme_id,
            title=title.strip(),
            milestones=steps,
            **{name: texts.get(name, "").strip() for name in TEXT_FIELDS},
        )
    return template.id


def update_template(template_id: int, title: str, *, milestones: Sequence[str] = (), **texts: str) -> None:
    template = _template(template_id)
    steps = [m.strip() for m in milestones if m.strip()]
    _check(template.programme_id, title, steps, template_id)
    with database.atomic():
        template.title = title.strip()
        template.milestones = steps
        for name in TEXT_FIELDS:
            if name in texts:
                setattr(template, name, texts[name].strip())
        template.save()


def delete_template(template_id: int) -> None:
    """Goals made from it keep their text and milestones."""
    template = _template(template_id)
    with database.atomic():
        template.delete_instance()


def draft_from_template(
    template_id: int,
    today: date | None = None,
    target_date: date | None = None,
    programme_id: int | None = None,
) -> tuple[GoalDraft, list[MilestoneDraft]]:
    """What the goal editor opens with when the coordinator picks a template."""
    today = today or date.today()
    template = _template(template_id)
    interval = goal_service.review_interval_days(programme_id or template.programme_id or 0)
    row = _row(template)
    return goals_rules.goal_from_template(
        row.title,
        row.texts,
        goals_rules.parse_template_milestones(template.milestones),
        today,
        target_date,
        interval,
    )


def create_goal_from_template(
    match_id: int,
    template_id: int,
    *,
    owner_id: int | None = None,
    use_default_owner: bool = True,
    target_date: date | None = None,
    today: date | None = None,
) -> int:
    """A goal with the template's wording and milestones, owned by the match's mentee by default."""
    match = find_match(match_id)
    draft, steps = draft_from_template(template_id, today, target_date, match.programme_id)
    if owner_id is None and use_default_owner:
        owner_id = goal_service.default_owner(match_id)
    return goal_service.create_goal(
        match_id, draft, owner_id=owner_id, milestones=steps, template_id=template_id, today=today
    )
