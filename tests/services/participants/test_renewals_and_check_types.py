"""Re-screening and the programme's own check types: renewal cycles, the renewals due in the next 60
days (dashboard, list), checks of custom types recorded and required, and who drives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.core.participants import CheckType
from mentordesk.services import dashboard, participants
from mentordesk.services.participants import CheckInput, ParticipantError
from mentordesk.services.participants.people import EnrolmentDetails, save_enrolment
from mentordesk.store.models import Enrolment, Programme, ScreeningCheck
from tests.pairing_fixtures import TODAY, make_programme, mentee, mentor

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def _dbs(person, programme, completed: date, expires: date | None = None) -> None:
    ScreeningCheck.create(
        participant=person,
        programme=programme,
        kind="background_check",
        outcome="passed",
        check_type="Enhanced DBS",
        completed_on=completed,
        expires_on=expires,
    )


def test_renewals_due_in_the_next_60_days_and_on_the_dashboard(db):
    programme = make_programme()
    soon = mentor(programme, "Soon", cleared=False)
    _dbs(soon, programme, TODAY - timedelta(days=3 * 365 - 20))  # 36 months on: due in about 3 weeks
    later = mentor(programme, "Later", cleared=False)
    _dbs(later, programme, TODAY - timedelta(days=400))
    lapsed = mentor(programme, "Lapsed", cleared=False)
    _dbs(lapsed, programme, TODAY - timedelta(days=2000), expires=TODAY - timedelta(days=5))
    left = mentor(programme, "Left", cleared=False, status="exited")
    _dbs(left, programme, TODAY - timedelta(days=3 * 365))
    rows = participants.renewals(programme.id, TODAY)
    assert [(r.name, r.label) for r in rows] == [("Lapsed Mentor", "Background check"), ("Soon Mentor", "Background check")]
    assert rows[0].when(TODAY) == "lapsed 5 days ago" and rows[1].days_left(TODAY) > 0
    attention = dashboard.overview(programme.id).attention
    items = [a for a in attention if "renewal" in a.problem]
    # The expiry date recorded on Lapsed's check is already said ("a check expired on"): not twice.
    assert [(a.subject, a.days_overdue) for a in items] == [("Soon Mentor", 0)]
    assert items[0].problem.startswith("Background check renewal due in ")
    (said,) = [a.problem for a in attention if a.subject == "Lapsed Mentor"]
    assert said.startswith(f"a check expired on {(TODAY - timedelta(days=5)).isoformat()}")
    # A shorter cycle brings the later one into the window; no cycle at all takes the cycle-only one out.
    participants.set_renewal_cycle(programme.id, "background_check", 13)
    assert {r.name for r in participants.renewals(programme.id, TODAY)} == {"Lapsed Mentor", "Soon Mentor", "Later Mentor"}
    participants.set_renewal_cycle(programme.id, "background_check", None)
    assert [r.name for r in participants.renewals(programme.id, TODAY)] == ["Lapsed Mentor"]
    with pytest.raises(ParticipantError, match="Renewal cycle: give 1 to 120 months"):
        participants.set_renewal_cycle(programme.id, "background_check", 0)
    participants.set_renewal_cycle(programme.id, "background_check", 36)
    # A lapse by the renewal cycle alone (no expiry date recorded) is said by the renewals.
    ScreeningCheck.update(expires_on=None, completed_on=TODAY - timedelta(days=3 * 365 + 30)).where(
        ScreeningCheck.participant == lapsed
    ).execute()
    items = [a for a in dashboard.overview(programme.id).attention if a.subject == "Lapsed Mentor"]
    renewal = [a for a in items if "renew" in a.problem]
    assert len(renewal) == 1 and renewal[0].problem.startswith("Background check lapsed on ")
    assert renewal[0].problem.endswith(": renew it") and renewal[0].days_overdue >= 28
    assert not any("a check expired" in a.problem for a in items)  # no expiry date recorded: said once


def test_a_custom_check_type_is_recorded_required_and_explained(db):
    programme = make_programme()
    driver = mentor(programme, "Dana")
    walker = mentor(programme, "Wren")
    child = mentee(programme, "Kit")
    assert participants.clearance_map(programme.id)[driver.id].cleared
    added = participants.add_check_type(
        programme.id, CheckType("", "Driving record", drivers=True, renewal_months=12)
    )
    participants.add_check_type(programme.id, CheckType("", "Insurance", drivers=True))
    assert added.key == "driving_record"
    with pytest.raises(ParticipantError, match="already a check type called Driving record"):
        participants.add_check_type(programme.id, CheckType("", "driving  record"))
    before = Programme.get_by_id(programme.id).settings
    with pytest.raises(ParticipantError, match="Name: give the check a name"):
        participants.add_check_type(programme.id, CheckType("", " "))
    assert Programme.get_by_id(programme.id).settings == before
    save_enrolment(driver.id, programme.id, EnrolmentDetails("mentor", "ready", drives=True))
    assert Enrolment.get(participant=driver).drives
    clearances = participants.clearance_map(programme.id)
    assert clearances[driver.id].reasons == ("no Driving record recorded", "no Insurance recorded")
    assert clearances[walker.id].cleared and clearances[child.id].cleared  # they do not drive
    participants.add_check(
        driver.id, programme.id, CheckInput("driving_record", "passed", completed_on=TODAY - timedelta(days=340))
    )
    participants.add_check(driver.id, programme.id, CheckInput("insurance", "passed", completed_on=TODAY))
    assert participants.clearance_map(programme.id)[driver.id].cleared
    due = participants.renewals(programme.id, TODAY)
    assert [(r.name, r.label) for r in due] == [("Dana Mentor", "Driving record")]  # 12 months: due soon
    # A kind the programme does not know is refused, naming the ones it does.
    with pytest.raises(ParticipantError, match="Choose which check this is .*Driving record, Insurance"):
        participants.add_check(driver.id, programme.id, CheckInput("astrology", "passed", completed_on=TODAY))
    assert [c.kind for c in participants.list_checks(driver.id, programme.id)][-2:] == ["driving_record", "insurance"]
    participants.remove_check_type(programme.id, "insurance")
    assert participants.check_types(programme.id).labels().get("insurance") is None
    check = participants.list_checks(driver.id, programme.id)[-1]
    participants.update_check(check.id, CheckInput("insurance", "passed", completed_on=TODAY, notes="kept"))
    assert ScreeningCheck.get_by_id(check.id).notes == "kept"  # a check of a removed type stays editable
