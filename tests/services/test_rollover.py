"""Rolling a programme over to a new year: settings, shifted term breaks, templates, who continues."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.services import documents, pairing, programmes, rollover
from mentordesk.services.meetings import TermBreak, save_term_breaks, term_breaks
from mentordesk.store.models import DocumentTemplate, Enrolment, Match, MatchMember, Programme
from tests.roster_fixtures import dump

pytestmark = pytest.mark.both_backends


@pytest.fixture
def year(demo_db):
    programme = Programme.select().order_by(Programme.id).first()
    programme.starts_on, programme.ends_on = date(2025, 9, 1), date(2026, 7, 17)  # a Monday to a Friday
    programme.save()
    save_term_breaks(programme.id, [TermBreak("Half term", date(2025, 10, 27), date(2025, 10, 31))])
    documents.save_template(programme.id, "agreement", documents.template_text(None, "agreement") + "\nOur pledge.")
    return programme


def test_a_new_year_copies_settings_shifts_breaks_and_proposes_continuing_pairs(year):
    active = pairing.published_matches(year.id, ("active",))
    chosen = tuple(m.id for m in active[:3])
    returning = next(
        e.participant_id
        for e in Enrolment.select().where((Enrolment.programme == year) & (Enrolment.role == "mentor"))
        if not MatchMember.select().where((MatchMember.participant == e.participant_id) & MatchMember.match.in_(chosen)).exists()
    )
    def old_year() -> tuple:
        matches = [(m.id, m.status, m.pinned) for m in Match.select().where(Match.programme == year).order_by(Match.id)]
        people = [(e.participant_id, e.role, e.status) for e in Enrolment.select().where(Enrolment.programme == year)]
        return matches, sorted(people)

    before_old = old_year()
    plan = rollover.RollOverPlan("Mentoring 2026-27", date(2026, 8, 31), date(2027, 7, 16), (returning,), chosen)
    result = rollover.roll_over(year.id, plan)
    new = Programme.get_by_id(result.programme_id)
    assert (new.kind, new.meeting_frequency_days, new.timezone) == (year.kind, year.meeting_frequency_days, year.timezone)
    assert result.shifted_days == 364  # 52 weeks: the breaks keep their weekdays
    assert term_breaks(new.id) == [TermBreak("Half term", date(2026, 10, 26), date(2026, 10, 30))]
    assert DocumentTemplate.get((DocumentTemplate.programme == new) & (DocumentTemplate.kind == "agreement")).body.endswith(
        "Our pledge."
    )
    assert result.enrolled == 1 + 2 * len(chosen)
    assert len(result.proposed) + len(result.not_proposed) == len(chosen) and result.proposed
    drafts = Match.select().where((Match.programme == new) & (Match.status == "draft"))
    assert drafts.count() == len(result.proposed) and all(d.pinned for d in drafts)
    assert all(why for _pair, why in result.not_proposed)  # each pair left out says why
    assert term_breaks(year.id) == [TermBreak("Half term", date(2025, 10, 27), date(2025, 10, 31))]
    assert old_year() == before_old  # last year stays last year
    assert Enrolment.select().where(Enrolment.programme == new, Enrolment.participant == returning).get().status == "applied"


def test_bad_plans_create_nothing(year):
    before = dump()
    cases = [
        (rollover.RollOverPlan("Next", date(2026, 9, 1), date(2026, 1, 1)), "ends before it starts"),
        (rollover.RollOverPlan("Next", matches=(999_999,)), "Match 999999 is not one of"),
        (rollover.RollOverPlan(year.name), "already exists"),
        (rollover.RollOverPlan("  "), "needs a name"),
    ]
    for plan, message in cases:
        with pytest.raises(programmes.ProgrammeError, match=message):
            rollover.roll_over(year.id, plan)
    assert dump() == before


def test_week_shift_and_settings_copy_are_pure():
    assert rollover.week_shift(date(2025, 9, 1), date(2026, 9, 1)) == 364
    assert rollover.week_shift(None, date(2026, 9, 1)) == 0
    original = {"term_breaks": [{"label": "X", "first": "2025-10-27", "last": "2025-10-31"}], "pairing": {"w": 1}}
    copied = rollover.shifted_settings(original, 7)
    assert copied["term_breaks"][0]["first"] == "2025-11-03" and original["term_breaks"][0]["first"] == "2025-10-27"
    copied["pairing"]["w"] = 2
    assert original["pairing"]["w"] == 1  # a deep copy


def test_a_cancelled_roll_over_leaves_nothing(year):
    from mentordesk.core.progress import Cancelled, Progress

    before = dump()
    chosen = tuple(m.id for m in pairing.published_matches(year.id, ("active",))[:2])
    calls = []
    progress = Progress(lambda d, t, text: calls.append(d), lambda: len(calls) >= 2)
    with pytest.raises(Cancelled):
        rollover.roll_over(year.id, rollover.RollOverPlan("Cancelled year", matches=chosen), progress)
    assert dump() == before


def test_a_new_year_keeps_the_form_surveys_and_sponsors_and_who_continues_keeps_their_answers(year):
    """Found from outside: a rolled-over year lost its application-form questions (and the matching
    criteria on them), its surveys and a board's sponsors."""
    from mentordesk.services import pairing as pairing_service, surveys
    from mentordesk.store.models import BoardSponsor, CustomField, CustomValue, SurveySchedule, SurveyTemplate

    sport = CustomField.create(programme=year, label="Favourite sport", kind="choice", choices=["Chess", "Judo"])
    note = CustomField.create(programme=year, label="Anything else?", kind="text", position=1)
    year = Programme.get_by_id(year.id)  # the fixture's copy is older than its term breaks
    settings = dict(year.settings or {})
    settings[pairing_service.SETTINGS_KEY] = {"criteria": {f"field:{sport.id}": {"importance": "must", "option": "same"}}}
    year.settings = settings
    year.save()
    mentors = [e.participant_id for e in Enrolment.select().where((Enrolment.programme == year) & (Enrolment.role == "mentor"))]
    staying, leaving = mentors[0], mentors[1]
    for pid in (staying, leaving):
        CustomValue.create(participant=pid, field=sport, value="Judo")
    surveys.seed_builtins(year.id)  # the demo has them already; a new database gets them here
    in_use = SurveyTemplate.select().where((SurveyTemplate.programme == year) & ~SurveyTemplate.archived).count()
    assert in_use > 0
    SurveyTemplate.create(programme=year, name="Old pulse", archived=True)
    BoardSponsor.create(programme=year, name="Ms Ngozi Adeyemi", role="Headteacher")
    before = (CustomValue.select().count(), SurveyTemplate.select().where(SurveyTemplate.programme == year).count())

    result = rollover.roll_over(year.id, rollover.RollOverPlan("Mentoring 2026-27", people=(staying,)))

    new = Programme.get_by_id(result.programme_id)
    copies = {f.label: f for f in CustomField.select().where(CustomField.programme == new)}
    labels = {f.label for f in CustomField.select().where(CustomField.programme == year)}
    assert set(copies) == labels >= {"Favourite sport", "Anything else?"}
    assert copies["Favourite sport"].choices == ["Chess", "Judo"]
    assert note.id not in {f.id for f in copies.values()}
    answers = [(v.participant_id, v.value) for v in CustomValue.select().where(CustomValue.field == copies["Favourite sport"])]
    assert answers == [(staying, "Judo")]  # the one who continues keeps the answer; nobody else's is copied
    others = CustomValue.select().where(CustomValue.field.in_([f.id for f in copies.values()]))
    assert {v.participant_id for v in others} <= {staying}
    criteria = new.settings[pairing_service.SETTINGS_KEY]["criteria"]
    assert list(criteria) == [f"field:{copies['Favourite sport'].id}"]
    assert "Favourite sport" in {f.label for f in pairing_service.criterion_fields(new.id)}
    copied = SurveyTemplate.select().where(SurveyTemplate.programme == new)
    assert copied.count() == in_use and "Old pulse" not in {t.name for t in copied}
    assert SurveySchedule.select().join(SurveyTemplate).where(SurveyTemplate.programme == new).count() > 0
    assert [(s.name, s.role) for s in BoardSponsor.select().where(BoardSponsor.programme == new)] == [
        ("Ms Ngozi Adeyemi", "Headteacher")
    ]
    assert (result.questions, result.surveys, result.sponsors) == (len(labels), in_use, 1)
    assert f"{len(labels)} form questions" in result.summary and "1 board sponsor" in result.summary
    # Last year keeps its own: nothing moved, only copied (the one who stays: their answers, twice).
    kept = CustomValue.select().where(CustomValue.field.in_([f.id for f in copies.values()])).count()
    assert before == (
        CustomValue.select().count() - kept,
        SurveyTemplate.select().where(SurveyTemplate.programme == year).count(),
    )
