"""The concerns register: restricted access, every rule on a concern, actions, attachments, the audit
of every view, the dashboard, retention, and a person's subject-access export and erasure."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, timedelta

import pytest

from mentordesk.core.concerns import MAX_ATTACHMENT_BYTES, ConcernRefused, RetentionRule, keep_until
from mentordesk.services import concerns, dashboard, protection
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import (
    AuditEvent,
    Concern,
    ConcernAction,
    ConcernAttachment,
    ContactLog,
    Enrolment,
    Match,
    Meeting,
    Participant,
    Setting,
)
from tests.concerns_fixtures import REGISTER_PASSPHRASE, TODAY, draft, scheme


def views(entity: str = "concern") -> list[AuditEvent]:
    return list(
        AuditEvent.select()
        .where((AuditEvent.action == "view") & (AuditEvent.entity == entity))
        .order_by(AuditEvent.id)
    )


@pytest.fixture
def s(db):
    return scheme()


@pytest.fixture
def unlocked(s):
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    assert concerns.is_unlocked()
    return s


# -- restricted access -----------------------------------------------------------------------------


def test_nothing_is_visible_or_writable_before_the_lead_confirms(s):
    assert not concerns.is_unlocked()
    assert concerns.unlock_method() == "setup"  # a plain file: the first to open the register sets one
    for call in (
        lambda: concerns.list_concerns(s.programme.id),
        lambda: concerns.detail(1),
        lambda: concerns.raise_concern(s.programme.id, draft(s)),
        lambda: concerns.subjects(s.programme.id),
        lambda: concerns.for_subject_access(s.child.id),
    ):
        with pytest.raises(concerns.RegisterLocked, match="safeguarding lead"):
            call()
    with pytest.raises(concerns.RegisterLocked):
        concerns.unlock("anything")  # nothing to confirm against yet
    assert Concern.select().count() == 0


def test_the_register_passphrase_is_a_salted_scrypt_hash_and_unlocks_for_this_database_only(s, db):
    with pytest.raises(ValueError, match="at least 8"):
        concerns.set_up("short", "short")
    with pytest.raises(ValueError, match="differ"):
        concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE + "!")
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    stored = Setting.get_by_id("concerns.register_hash").value
    assert set(stored) == {"salt", "hash", "n", "r", "p"} and REGISTER_PASSPHRASE not in json.dumps(stored)
    assert concerns.unlock_method() == "register"
    concerns.lock_register()
    assert not concerns.is_unlocked()
    assert concerns.unlock("wrong passphrase") is False and not concerns.is_unlocked()
    assert concerns.unlock(REGISTER_PASSPHRASE) is True and concerns.is_unlocked()
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.entity == "concern_register")]
    assert actions == ["set_passphrase", "lock", "unlock_refused", "unlock"]
    # The idle lock closes the database and opens a new connection: the confirmation does not survive it.
    path = db.database
    protection.seal()
    assert not concerns.is_unlocked()
    close_database()
    open_database(path)
    assert not concerns.is_unlocked()
    with pytest.raises(concerns.RegisterLocked):
        concerns.list_concerns(s.programme.id)
    assert concerns.unlock(REGISTER_PASSPHRASE)


def test_an_encrypted_database_unlocks_the_register_with_its_own_passphrase(tmp_path):
    from tests.protection_fixtures import PASSPHRASE

    open_database(tmp_path / "secret.db", PASSPHRASE)
    try:
        s = scheme()
        assert concerns.unlock_method() == "database"
        assert not concerns.unlock("not it")
        assert concerns.unlock(PASSPHRASE)
        assert concerns.raise_concern(s.programme.id, draft(s))
        # A register passphrase, once set, replaces the database's for the register.
        concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
        concerns.lock_register()
        assert not concerns.unlock(PASSPHRASE) and concerns.unlock(REGISTER_PASSPHRASE)
    finally:
        close_database()


def test_every_view_is_audited_without_personal_data(unlocked, tmp_path):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    source = tmp_path / "note.png"
    source.write_bytes(b"\x89PNG scanned note")
    attachment = concerns.add_attachment(concern_id, source)
    before = len(views())
    concerns.list_concerns(s.programme.id)
    concerns.detail(concern_id)
    concerns.write_summary(concern_id, tmp_path / "summary.pdf")
    concerns.export_attachment(attachment, tmp_path / "out.png")
    summaries = [e.summary for e in views()[before:]]
    assert summaries == ["concerns register opened (1 shown)", "concern opened", "concern printed"]
    assert [e.entity_id for e in views("concern_attachment")] == [attachment]
    everything = json.dumps(
        [(e.summary, e.fields, e.changes) for e in AuditEvent.select()], ensure_ascii=False
    )
    for secret in ("Айгерим", "Okafor", "messaged", "Haddad", "note.png"):
        assert secret not in everything


# -- the rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"category": ""}, "category", "Category: choose"),
        ({"description": "   "}, "description", "What was said or seen"),
        ({"raised_by": ""}, "raised_by", "Raised by"),
        ({"raised_on": TODAY + timedelta(days=1)}, "raised_on", "in the future"),
        ({"raised_on": None}, "raised_on", "Raised on: enter"),
        ({"about": "both", "mentor_id": None}, "mentor", "Mentor: choose"),
        ({"about": "other", "other_person": ""}, "other_person", "Who it is about"),
        ({"dsl_referred_on": TODAY + timedelta(days=2)}, "dsl_referred_on", "in the future"),
        ({"dsl_referred_on": TODAY - timedelta(days=9)}, "dsl_referred_on", "before the concern was raised"),
        ({"dsl_name": ""}, "dsl_name", "Safeguarding lead"),
        ({"referral_reference": "CSC-1"}, "referral_agency", "choose the agency"),
        (
            {"referral_agency": "police", "referral_on": TODAY + timedelta(days=1)},
            "referral_on",
            "in the future",
        ),
        ({"category": "gossip"}, "category", "not one of"),
        ({"description": "x" * 20001}, "description", "too long"),
    ],
)
def test_an_incomplete_concern_is_refused_naming_the_field(unlocked, changes, field, words):
    with pytest.raises(ConcernRefused, match=words) as refused:
        concerns.raise_concern(unlocked.programme.id, draft(unlocked, **changes))
    assert field in refused.value.problems
    assert Concern.select().count() == 0


def test_closing_needs_an_outcome_and_a_day_that_has_been(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    raised = TODAY - timedelta(days=3)
    for outcome, day, words in [
        ("", TODAY, "Outcome: write what came of the concern"),
        ("Referred; no further action.", TODAY + timedelta(days=1), "in the future"),
        ("Referred; no further action.", raised - timedelta(days=1), "before the concern was raised"),
        ("Referred; no further action.", None, "Closed on: enter"),
    ]:
        with pytest.raises(ConcernRefused, match=words):
            concerns.close_concern(concern_id, outcome, day)
        assert Concern.get_by_id(concern_id).closed_on is None
    concerns.close_concern(concern_id, "Referred; no further action.", TODAY)
    closed = Concern.get_by_id(concern_id)
    assert closed.closed_on == TODAY and closed.outcome == "Referred; no further action."
    # The child was 14: kept until their 25th birthday, which is later than 6 years after closing.
    assert closed.keep_until == s.child.date_of_birth.replace(year=s.child.date_of_birth.year + 25)
    assert concerns.detail(concern_id).draft.description.startswith("She said")


def test_editing_keeps_the_names_it_was_recorded_under(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s, about="both", mentor_id=s.mentor.id))
    row = concerns.list_concerns(s.programme.id)[0]
    assert row.subject_names == "Mentee: Айгерим Сапарова; Mentor: Δημήτρης Παπαδόπουλος"
    concerns.update_concern(
        concern_id, draft(s, about="mentor", mentor_id=s.mentor.id, category="mentor_behaviour")
    )
    concern = Concern.get_by_id(concern_id)
    assert (concern.mentee_id, concern.mentor_id, concern.category) == (None, s.mentor.id, "mentor_behaviour")
    assert concern.subject_names == "Mentor: Δημήτρης Παπαδόπουλος"
    assert concern.subject_born_on == date(1980, 3, 1)


# -- actions -------------------------------------------------------------------------------------------


def planned(match: Match) -> int:
    return Meeting.select().where((Meeting.match == match) & (Meeting.status == "planned")).count()


def test_suspending_a_match_pauses_it_through_pairing_and_cancels_or_holds_its_meetings(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    with pytest.raises(ConcernRefused, match="Reason"):
        concerns.suspend_match(concern_id, s.match.id, "cancel", "")
    with pytest.raises(ConcernRefused, match="cancelled or held"):
        concerns.suspend_match(concern_id, s.match.id, "maybe", "Pending the DSL's review")
    assert Match.get_by_id(s.match.id).status == "active" and planned(s.match) == 3
    concerns.suspend_match(concern_id, s.match.id, "cancel", "Pending the DSL's review")
    assert Match.get_by_id(s.match.id).status == "paused" and planned(s.match) == 0
    concerns.suspend_match(concern_id, s.other_match.id, "keep", "Meetings in school only, supervised")
    assert Match.get_by_id(s.other_match.id).status == "paused" and planned(s.other_match) == 3
    kinds = [(a.kind, a.meetings, a.meetings_cancelled) for a in concerns.detail(concern_id).actions]
    assert kinds == [("suspend_match", "cancel", 3), ("suspend_match", "keep", 0)]
    history = [e.changes.get("status") for e in AuditEvent.select().where(AuditEvent.entity == "match")]
    assert ["active", "paused"] in history  # the pause is in the match's own history


def test_suspending_a_mentor_pauses_all_their_matches_and_holds_them_from_new_ones(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s, about="mentor", mentor_id=s.mentor.id))
    assert concerns.mentor_matches(s.mentor.id) == [s.match.id, s.other_match.id]
    concerns.suspend_mentor(concern_id, s.mentor.id, "cancel", "Allegation referred to the LADO")
    assert {m.status for m in Match.select()} == {"paused"}
    assert Meeting.select().where(Meeting.status == "planned").count() == 0
    assert Enrolment.get(participant=s.mentor).status == "on_hold"
    action = ConcernAction.get(concern=concern_id)
    assert (action.kind, action.matches_paused, action.meetings_cancelled) == (
        "suspend_mentor",
        [s.match.id, s.other_match.id],
        6,
    )


def test_the_guardian_informed_or_why_not(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    with pytest.raises(ConcernRefused, match="in the future"):
        concerns.guardian_informed(concern_id, TODAY + timedelta(days=1))
    with pytest.raises(ConcernRefused, match="Why the guardian was not informed"):
        concerns.guardian_not_informed(concern_id, " ")
    concerns.guardian_informed(concern_id, TODAY, "Phoned her mother")
    concerns.guardian_not_informed(concern_id, "Social care advised not to tell the father")
    labels = [a.label for a in concerns.detail(concern_id).actions]
    assert labels == ["Guardian informed", "Guardian not informed"]


# -- attachments ---------------------------------------------------------------------------------------


def test_attachments_live_in_the_database_and_open_privately(unlocked, tmp_path):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    big = tmp_path / "scan.tiff"
    big.write_bytes(b"\0" * (MAX_ATTACHMENT_BYTES + 1))
    with pytest.raises(ConcernRefused, match=r"scan.tiff is 10.0 MB; the limit is 10 MB"):
        concerns.add_attachment(concern_id, big)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ConcernRefused, match="is empty"):
        concerns.add_attachment(concern_id, empty)
    with pytest.raises(ConcernRefused, match="cannot be read"):
        concerns.add_attachment(concern_id, tmp_path / "missing.pdf")
    assert ConcernAttachment.select().count() == 0
    note = tmp_path / "handwritten note.pdf"
    content = os.urandom(200_000)
    note.write_bytes(content)
    attachment = concerns.add_attachment(concern_id, note)
    note.unlink()  # the original can go: the database keeps the copy
    row = concerns.detail(concern_id).attachments[0]
    assert (row.filename, row.mime, row.size) == ("handwritten note.pdf", "application/pdf", 200_000)
    out = concerns.export_attachment(attachment, tmp_path / "opened.pdf")
    assert out.read_bytes() == content
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    concerns.remove_attachment(attachment)
    assert concerns.detail(concern_id).attachments == []


# -- the dashboard -------------------------------------------------------------------------------------


def test_open_concerns_and_unfollowed_safety_flags_are_on_the_dashboard_until_dealt_with(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    flag = ContactLog.create(
        programme=s.programme,
        match=s.match,
        participant=s.child,
        contacted_at=TODAY - timedelta(days=2),
        safety_concern=True,
        summary="Seemed frightened",
    )
    items = dashboard.overview(s.programme.id).attention
    concern_items = [i for i in items if i.area == "concerns"]
    assert [(i.subject, i.days_overdue) for i in concern_items] == [
        (f"Safeguarding concern #{concern_id}", 3)
    ]
    assert "Айгерим" not in concern_items[0].subject + concern_items[0].problem  # the dashboard is not locked
    safety = [i for i in items if "has no follow-up" in i.problem]
    assert len(safety) == 1 and "Айгерим" in safety[0].subject
    concerns.close_concern(concern_id, "Resolved with the family", TODAY)
    ContactLog.update(follow_up_on=TODAY + timedelta(days=3)).where(ContactLog.id == flag.id).execute()
    items = dashboard.overview(s.programme.id).attention
    assert not [i for i in items if i.area == "concerns" or "has no follow-up" in i.problem]


# -- retention -----------------------------------------------------------------------------------------


def test_keeping_dates_follow_the_registers_own_rule():
    rule = RetentionRule()
    assert keep_until(None, None, rule) is None  # open: always kept
    assert keep_until(date(2026, 1, 10), date(1980, 1, 1), rule) == date(2032, 1, 10)
    assert keep_until(date(2026, 1, 10), date(2012, 5, 2), rule) == date(2037, 5, 2)
    assert RetentionRule(0, 25).problems() and RetentionRule(10, 0).problems() == {}


def test_the_retention_rule_restamps_closed_concerns_and_lists_those_past_keeping(unlocked):
    s = unlocked
    old = concerns.raise_concern(
        s.programme.id,
        draft(
            s,
            about="mentor",
            mentee_id=None,
            mentor_id=s.mentor.id,
            raised_on=date(2015, 1, 5),
            dsl_referred_on=date(2015, 1, 5),
        ),
    )
    concerns.close_concern(old, "Unfounded", date(2015, 2, 1))
    recent = concerns.raise_concern(s.programme.id, draft(s))
    assert Concern.get_by_id(old).keep_until == date(2021, 2, 1)
    assert [p.concern_id for p in concerns.past_keeping()] == [old]
    assert concerns.set_rule(RetentionRule(years_after_closure=15, until_age=25)) == 1
    assert Concern.get_by_id(old).keep_until == date(2030, 2, 1)
    assert concerns.past_keeping() == []
    with pytest.raises(ConcernRefused, match="Years after closure"):
        concerns.set_rule(RetentionRule(years_after_closure=0))
    concerns.set_rule(RetentionRule(years_after_closure=6))
    assert concerns.delete_past_keeping([old, recent]) == 1  # the open one is never deleted
    assert [c.id for c in Concern.select()] == [recent]


def test_the_peoples_retention_erases_a_person_but_keeps_their_concern(unlocked):
    s = unlocked
    concern_id = concerns.raise_concern(
        s.programme.id, draft(s, about="mentor", mentee_id=None, mentor_id=s.mentor.id)
    )
    Match.update(status="closed", closed_on=TODAY - timedelta(days=400)).execute()
    s.programme.ends_on = TODAY - timedelta(days=400)
    s.programme.save()
    protection.set_rule(s.programme.id, protection.RetentionRule(mentee_months=1, mentor_months=1))
    assert s.mentor.id in {r.participant_id for r in protection.due()}
    assert protection.erase_due([s.mentor.id]) == 1
    assert Participant.get_by_id(s.mentor.id).anonymised
    kept = Concern.get_by_id(concern_id)
    assert kept.subject_names == "Mentor: Δημήτρης Παπαδόπουλος" and kept.subject_born_on == date(1980, 3, 1)


# -- a person's rights ---------------------------------------------------------------------------------


def test_subject_access_leaves_concerns_out_unless_chosen(unlocked, tmp_path):
    s = unlocked
    concerns.raise_concern(s.programme.id, draft(s))
    data = protection.collect(s.child.id)
    assert "safeguarding_concerns" not in data and "concern" not in json.dumps(data).lower()
    assert "Schedule 3" in concerns.LEGAL_REASON
    included = protection.collect(s.child.id, include_concerns=True)
    assert [c["category"] for c in included["safeguarding_concerns"]] == ["Disclosure"]
    concerns.lock_register()
    with pytest.raises(concerns.RegisterLocked):
        protection.collect(s.child.id, include_concerns=True)
    concerns.unlock(REGISTER_PASSPHRASE)
    from pypdf import PdfReader

    without = protection.export_pdf(s.child.id, tmp_path / "without.pdf")
    with_them = protection.export_pdf(s.child.id, tmp_path / "with.pdf", include_concerns=True)
    text_without = "".join(p.extract_text() for p in PdfReader(without).pages)
    text_with = "".join(p.extract_text() for p in PdfReader(with_them).pages)
    assert "Safeguarding concerns" not in text_without and "late at night" not in text_without
    assert "Safeguarding concerns" in text_with and "late at night" in text_with
    exports = AuditEvent.select().where((AuditEvent.entity == "concern") & (AuditEvent.action == "export"))
    assert exports.count() == 2  # collect(include) and the PDF with them; never the export without


def test_erasure_keeps_a_concern_about_an_adult_unless_chosen_and_says_so(unlocked):
    s = unlocked
    about_mentor = concerns.raise_concern(
        s.programme.id, draft(s, about="mentor", mentee_id=None, mentor_id=s.mentor.id)
    )
    plan = protection.erasure_plan(s.mentor.id)
    assert (plan.concerns, plan.concerns_about_adult) == (1, 1)
    assert "1 about them as an adult" in plan.concerns_note and "kept" in plan.concerns_note
    done = protection.erase(s.mentor.id, compact=False)
    assert done.concerns_deleted == 0 and Concern.get_or_none(Concern.id == about_mentor) is not None
    erase_event = AuditEvent.get((AuditEvent.action == "erase") & (AuditEvent.entity_id == s.mentor.id))
    assert "concerns kept: 1" in erase_event.summary
    # Edited later, the kept concern still reads as recorded (not "Erased person #n").
    concerns.update_concern(
        about_mentor,
        draft(s, about="mentor", mentee_id=None, mentor_id=s.mentor.id, immediate_action="Updated"),
    )
    kept = Concern.get_by_id(about_mentor)
    assert kept.subject_names == "Mentor: Δημήτρης Παπαδόπουλος" and kept.subject_born_on == date(1980, 3, 1)
    # Chosen: the adult mentee's concern goes with them.
    about_mentee = concerns.raise_concern(s.programme.id, draft(s, mentee_id=s.adult_mentee.id))
    assert protection.erasure_plan(s.adult_mentee.id).concerns_about_adult == 1
    done = protection.erase(s.adult_mentee.id, compact=False, delete_concerns=True)
    assert done.concerns_deleted == 1 and Concern.get_or_none(Concern.id == about_mentee) is None


def test_deleting_concerns_on_erasure_needs_the_register_unlocked(s):
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    concerns.raise_concern(s.programme.id, draft(s))
    concerns.lock_register()
    with pytest.raises(concerns.RegisterLocked):
        protection.erase(s.child.id, compact=False, delete_concerns=True)
    assert not Participant.get_by_id(s.child.id).anonymised and Concern.select().count() == 1


# -- both databases --------------------------------------------------------------------------------------


@pytest.mark.both_backends
def test_the_register_on_both_databases(db, tmp_path):
    s = scheme()
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    concern_id = concerns.raise_concern(s.programme.id, draft(s, about="both", mentor_id=s.mentor.id))
    content = bytes(range(256)) * 40
    (tmp_path / "scan.jpg").write_bytes(content)
    attachment = concerns.add_attachment(concern_id, tmp_path / "scan.jpg")
    concerns.suspend_mentor(concern_id, s.mentor.id, "keep", "Pending the LADO's advice")
    concerns.close_concern(concern_id, "LADO: no further action", TODAY)
    assert concerns.export_attachment(attachment, tmp_path / "back.jpg").read_bytes() == content
    [row] = concerns.list_concerns(s.programme.id)
    assert (row.category, row.actions, row.attachments, row.is_open) == ("disclosure", 1, 1, False)
    assert {m.status for m in Match.select()} == {"paused"}
    assert concerns.detail(concern_id).keep_until is not None
