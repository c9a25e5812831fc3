"""Data-subject requests: export everything about a person, erase a person, retention rules."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from mentordesk.core.vocab import MatchStatus, Role
from mentordesk.services.protection import erasure, retention, subject_access
from mentordesk.store.db import database
from mentordesk.store.models import (
    ALL_MODELS,
    AuditEvent,
    ConsentRecord,
    Document,
    Enrolment,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Participant,
    ParticipantTag,
    Programme,
    Reflection,
    ScreeningCheck,
)


def first_mentee_in_a_match() -> Participant:
    member = (
        MatchMember.select().where(MatchMember.role == Role.MENTEE.value).order_by(MatchMember.id).first()
    )
    return Participant.get_by_id(member.participant_id)


# Safeguarding concerns are kept on erasure unless chosen (tests/services/concerns test that), with the
# names they were recorded under: they are not searched for what must be gone.
CONCERN_TABLES = {"concern", "concern_action", "concern_attachment"}


def every_text_value() -> str:
    """All text stored anywhere in the database (but the concerns register), to search for what must be gone."""
    chunks = []
    for model in ALL_MODELS:
        if model._meta.table_name in CONCERN_TABLES:
            continue
        for row in database.obj.execute_sql(f'SELECT * FROM "{model._meta.table_name}"').fetchall():
            chunks.extend(str(v) for v in row if isinstance(v, str))
    return "\n".join(chunks)


def test_export_holds_everything_about_the_person(demo_db, tmp_path):
    person = first_mentee_in_a_match()
    json_path = subject_access.export_json(person.id, tmp_path / "out" / "data.json")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["person"]["first_name"] == person.first_name
    assert data["person"]["email"] == person.email
    assert (
        len(data["tags"]) == ParticipantTag.select().where(ParticipantTag.participant == person).count() > 0
    )
    assert len(data["guardians"]) == Guardian.select().where(Guardian.participant == person).count() > 0
    assert len(data["consents"]) == ConsentRecord.select().where(ConsentRecord.participant == person).count()
    assert data["matches"] and data["matches"][0]["role"] == "mentee"
    assert data["meetings"], "the meetings of their match belong in the export"
    assert {g["id"] for g in data["goals"]} >= {g.id for g in Goal.select().where(Goal.owner == person)}
    # Other people appear as roles only, never by name.
    mentor = MatchMember.get((MatchMember.match == data["matches"][0]["id"]) & (MatchMember.role == "mentor"))
    assert Participant.get_by_id(mentor.participant_id).last_name not in json_path.read_text(encoding="utf-8")
    assert AuditEvent.get(AuditEvent.action == "export").summary == "personal data exported (JSON)"


def test_pdf_summary_renders_accented_names(demo_db, tmp_path):
    person = Participant.get(Participant.first_name == "Zoë")
    pdf = subject_access.export_pdf(person.id, tmp_path / "zoe.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Zoë Ó'Brien" in text
    assert "Screening checks" in text and person.email in text
    fonts = {str(f) for page in PdfReader(pdf).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # embedded TrueType font, not the 14 standard fonts
    assert Document.get(Document.participant == person).kind == "subject_access"


def test_erasure_plan_names_what_will_go(demo_db):
    person = first_mentee_in_a_match()
    plan = erasure.erasure_plan(person.id)
    deleted = dict(plan.deleted)
    assert deleted["guardians"] == Guardian.select().where(Guardian.participant == person).count()
    assert deleted["tags"] == ParticipantTag.select().where(ParticipantTag.participant == person).count()
    assert plan.match_count == 1
    assert any("stub" in what for what, _ in plan.anonymised)


@pytest.mark.both_backends
def test_erase_removes_personal_data_and_keeps_a_stub_in_the_match(demo_db, tmp_path):
    person = first_mentee_in_a_match()
    pid = person.id
    export = subject_access.export_pdf(pid, tmp_path / "for-them.pdf")  # handed to them: kept
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 a letter naming them")
    Document.create(participant=pid, kind="closure_letter", path=str(letter))  # our paperwork: goes
    agreement = tmp_path / "agreement.pdf"
    agreement.write_bytes(b"%PDF-1.4 an agreement naming every party")
    match_doc = Document.create(
        match=MatchMember.get(MatchMember.participant == pid).match_id, kind="agreement", path=str(agreement)
    )  # names them too: goes
    identifying = [person.first_name, person.last_name, person.email, person.phone]
    guardian_names = [g.name for g in Guardian.select().where(Guardian.participant == pid)]
    match_id = MatchMember.get(MatchMember.participant == pid).match_id
    counts_before = {m._meta.table_name: m.select().count() for m in (Match, MatchMember, Enrolment)}
    concerns_before = erasure.erasure_plan(pid).concerns

    erasure.erase(pid)

    stub = Participant.get_by_id(pid)
    assert stub.anonymised and stub.first_name == f"Erased person #{pid}"
    assert (stub.last_name, stub.email, stub.phone, stub.date_of_birth, stub.notes) == ("", "", "", None, "")
    for model in (ParticipantTag, Guardian, ConsentRecord, ScreeningCheck, Document):
        assert model.select().where(model.participant == pid).count() == 0, model.__name__
    assert Reflection.select().where(Reflection.author == pid).count() == 0
    assert MatchMember.get(MatchMember.participant == pid).match_id == match_id  # the stub is still a member
    assert {m._meta.table_name: m.select().count() for m in (Match, MatchMember, Enrolment)} == counts_before
    assert all(g.title == "Goal (erased)" and g.why == "" for g in Goal.select().where(Goal.owner == pid))
    assert not letter.exists() and export.exists()
    assert not agreement.exists() and Document.get_or_none(Document.id == match_doc.id) is None
    text = every_text_value()
    for value in identifying + guardian_names:
        assert value and value not in text, f"{value!r} survived the erasure"
    event = AuditEvent.get(AuditEvent.action == "erase")
    assert event.entity_id == pid and "guardians" in event.summary
    assert concerns_before and f"concerns kept: {concerns_before}" in event.summary  # the demo's open concern
    with pytest.raises(erasure.SubjectAccessError, match="already"):
        erasure.erase(pid)


def test_erase_is_all_or_nothing(demo_db, monkeypatch):
    person = first_mentee_in_a_match()
    before = Participant.get_by_id(person.id).first_name
    tags = ParticipantTag.select().where(ParticipantTag.participant == person).count()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure.audit, "record", fail)  # the last step inside the transaction
    with pytest.raises(RuntimeError):
        erasure.erase(person.id)
    assert Participant.get_by_id(person.id).first_name == before
    assert ParticipantTag.select().where(ParticipantTag.participant == person).count() == tags


def test_unknown_person_gets_a_clear_error(db):
    with pytest.raises(subject_access.SubjectAccessError, match="No participant with id 999"):
        subject_access.collect(999)


# -- retention -------------------------------------------------------------------------------------


@pytest.fixture
def ended_programme(db):
    """A programme that ended 13 months ago: a closed match, an unmatched mentee, a mentor still active elsewhere."""
    today = date(2027, 6, 1)
    old = Programme.create(name="2025/26", starts_on=date(2025, 5, 1), ends_on=today - timedelta(days=396))
    running = Programme.create(name="2026/27", starts_on=date(2026, 9, 1), ends_on=date(2027, 7, 20))
    people = {
        name: Participant.create(first_name=name, last_name="Test")
        for name in ("Mentee A", "Mentee B", "Mentor C", "Mentor D")
    }
    for name, role in (
        ("Mentee A", "mentee"),
        ("Mentee B", "mentee"),
        ("Mentor C", "mentor"),
        ("Mentor D", "mentor"),
    ):
        Enrolment.create(participant=people[name], programme=old, role=role)
    Enrolment.create(participant=people["Mentor D"], programme=running, role="mentor")
    closed = Match.create(programme=old, status=MatchStatus.CLOSED.value)
    MatchMember.create(match=closed, participant=people["Mentee A"], role="mentee")
    MatchMember.create(match=closed, participant=people["Mentor C"], role="mentor")
    return old, running, people, today


def test_retention_lists_only_people_every_rule_says_are_due(ended_programme):
    old, running, people, today = ended_programme
    assert retention.due(today) == []  # no rule yet: nothing is ever due
    retention.set_rule(old.id, retention.RetentionRule(mentee_months=12, mentor_months=24))
    assert retention.get_rule(old.id) == retention.RetentionRule(12, 24)
    due = retention.due(today)
    assert [r.name for r in due] == ["Mentee A Test", "Mentee B Test"]  # mentors have 24 months
    assert due[0].due_since == old.ends_on.replace(year=old.ends_on.year + 1)
    retention.set_rule(old.id, retention.RetentionRule(mentee_months=12, mentor_months=12))
    names = {r.name for r in retention.due(today)}
    assert "Mentor C Test" in names
    assert "Mentor D Test" not in names  # still enrolled in a running programme without a rule
    assert retention.due(today - timedelta(days=60)) == []  # not yet


def test_retention_erases_only_after_being_asked_and_only_the_due(ended_programme):
    old, running, people, today = ended_programme
    retention.set_rule(old.id, retention.RetentionRule(mentee_months=12))
    assert Participant.get_by_id(people["Mentee A"].id).anonymised is False  # listing changed nothing
    done = retention.erase_due([people["Mentee A"].id, people["Mentor D"].id], today)
    assert done == 1
    assert Participant.get_by_id(people["Mentee A"].id).anonymised
    assert not Participant.get_by_id(people["Mentor D"].id).anonymised
    assert [r.name for r in retention.due(today)] == ["Mentee B Test"]


def test_retention_rule_rejects_negative_months(ended_programme):
    old, *_ = ended_programme
    with pytest.raises(ValueError):
        retention.set_rule(old.id, retention.RetentionRule(mentee_months=-1))


def test_erasure_leaves_the_person_nowhere_in_the_file_bytes(demo_db, tmp_path):
    """Free text naming the mentee in their match is redacted, mentions elsewhere are listed, and the
    database, its -wal and -shm files hold none of their identifying values afterwards."""
    from pathlib import Path

    from mentordesk.services.protection import mentions
    from mentordesk.store.models import ContactLog, Meeting, Milestone

    person = first_mentee_in_a_match()
    pid = person.id
    # Values nobody else in the demo shares, so a byte search proves where they went.
    Participant.update(first_name="Zephyrine", last_name="Quillfeather", phone="07700 955 123").where(
        Participant.id == pid
    ).execute()
    Participant.update(email="zephyrine.q@example.org").where(Participant.id == pid).execute()
    Guardian.update(name="Ottoline Quillfeather", email="ottoline@example.net", phone="07700 955 987").where(
        Guardian.participant == pid
    ).execute()
    match = Match.get_by_id(MatchMember.get(MatchMember.participant == pid).match_id)
    mentor = MatchMember.get((MatchMember.match == match.id) & (MatchMember.role == "mentor")).participant
    Match.update(
        rationale="Zephyrine asked for someone in engineering",
        closure_reason="Zephyrine Quillfeather moved school",
    ).where(Match.id == match.id).execute()
    meeting = Meeting.select().where(Meeting.match == match.id).first()
    Meeting.update(notes="Zephyrine was upbeat; call Ottoline on 07700955987").where(
        Meeting.id == meeting.id
    ).execute()
    ContactLog.create(
        programme=match.programme_id,
        match=match.id,
        participant=mentor.id,
        contacted_at=meeting.starts_at,
        summary="Mentor says ZEPHYRINE is settling in; e-mail zephyrine.q@example.org",
    )
    mentor_goal = Goal.create(match=match.id, owner=mentor.id, title="Support Zephyrine with maths")
    Goal.update(review_notes="Zephyrine met it early").where(Goal.owner == pid).execute()
    Milestone.create(goal=mentor_goal, title="Quiz with Zephyrine")
    Reflection.create(
        match=match.id, author=mentor.id, written_on=date.today(), successes="Zephyrine laughed"
    )
    AuditEvent.create(action="note", entity="participant", entity_id=pid, summary="Quillfeather file checked")
    other = Participant.select().where(Participant.id != pid, Participant.id != mentor.id).first()
    Participant.update(notes="Friends with Zephyrine").where(Participant.id == other.id).execute()

    plan = erasure.erasure_plan(pid)
    assert [m.describe() for m in plan.mentions] == [f"{other.display_name}: notes"]
    erasure.erase(pid)
    assert plan.mentions  # listed for the coordinator, not silently changed (it may be a namesake)
    Participant.update(notes="").where(Participant.id == other.id).execute()  # the coordinator redacts it
    erasure.forget_free_space()

    assert Match.get_by_id(match.id).closure_reason == f"{mentions.REDACTED} moved school"
    assert "Zephyrine" not in Goal.get_by_id(mentor_goal.id).title
    db_file = Path(database.obj.database)
    secrets_of_theirs = [
        "Zephyrine",
        "zephyrine",
        "ZEPHYRINE",
        "Quillfeather",
        "zephyrine.q@example.org",
        "07700 955 123",
        "07700955123",
        "Ottoline",
        "ottoline@example.net",
        "07700 955 987",
        "07700955987",
    ]
    files = [db_file, db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm")]
    assert files[0].stat().st_size > 0
    for path in files:
        data = path.read_bytes() if path.exists() else b""
        for value in secrets_of_theirs:
            for encoded in {value.encode("utf-8"), value.encode("utf-16-le")}:
                assert encoded not in data, f"{value!r} is still in {path.name}"


def _answers_of(person: Participant) -> tuple[str, str]:
    """A survey answer and an answer to a programme's own question, in words only this person gave."""
    from mentordesk.store.models import CustomField, CustomValue, SurveyResponse, SurveyTemplate

    programme = Enrolment.get(Enrolment.participant == person).programme
    template = SurveyTemplate.create(
        programme=programme,
        name="Half-term check",
        questions=[{"id": "q1", "text": "What would make mentoring better?", "kind": "text"}],
    )
    SurveyResponse.create(
        template=template, participant=person, answered_on=date(2026, 10, 20), answers={"q1": "Quieter room 7Q"}
    )
    field = CustomField.create(programme=programme, label="Favourite club", kind="text")
    CustomValue.create(participant=person, field=field, value="Chess club 9Z")
    return "Quieter room 7Q", "Chess club 9Z"


def test_the_export_holds_their_survey_answers_and_their_own_questions(demo_db, tmp_path):
    """Found from outside: survey answers and custom-field answers were in neither export."""
    person = first_mentee_in_a_match()
    survey_answer, custom_answer = _answers_of(person)
    data = json.loads(subject_access.export_json(person.id, tmp_path / "data.json").read_text(encoding="utf-8"))
    assert {"question": "Favourite club", "answer": custom_answer} in data["custom_answers"]
    [answered] = [s for s in data["survey_answers"] if s["survey"] == "Half-term check"]
    assert answered["What would make mentoring better?"] == survey_answer
    pdf = PdfReader(subject_access.export_pdf(person.id, tmp_path / "d.pdf"))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())  # lines wrap in cells
    assert survey_answer in text and custom_answer in text and "What would make mentoring better?" in text


def test_erasure_takes_their_survey_answers_and_own_questions_too(demo_db):
    person = first_mentee_in_a_match()
    answers = _answers_of(person)
    plan = erasure.erasure_plan(person.id)
    assert ("survey answers", plan_count(plan, "survey answers")) in plan.deleted
    erasure.erase(person.id)
    text = every_text_value()
    for value in answers:
        assert value not in text, f"{value!r} survived the erasure"


def plan_count(plan, label: str) -> int:
    return dict(plan.deleted).get(label, 0)


def test_every_table_that_refers_to_a_person_is_emptied_of_them_or_kept_on_purpose():
    """A new table that names a person must be handled by erasure: emptied of them, or listed as kept
    (with the reason) in erasure.KEPT_ON_ERASURE."""
    from peewee import ForeignKeyField

    emptied = {query.model._meta.table_name for _, query in erasure._own_queries(1, [1])}
    for model in ALL_MODELS:
        for fld in model._meta.fields.values():
            if isinstance(fld, ForeignKeyField) and fld.rel_model is Participant:
                table = model._meta.table_name
                assert table in emptied or table in erasure.KEPT_ON_ERASURE, (
                    f"{table}.{fld.name} refers to a person: erase it in _own_queries or say why it is kept"
                )


def test_every_table_that_refers_to_a_person_has_its_section_in_the_export(demo_db):
    from peewee import ForeignKeyField

    from mentordesk.services import concerns
    from tests.concerns_fixtures import REGISTER_PASSPHRASE

    if concerns.unlock_method() == "setup":  # the register is set up by whoever opens it first
        concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    sections = set(subject_access.collect(first_mentee_in_a_match().id, include_concerns=concerns.is_unlocked()))
    for model in ALL_MODELS:
        for fld in model._meta.fields.values():
            if isinstance(fld, ForeignKeyField) and fld.rel_model is Participant:
                table = model._meta.table_name
                section = subject_access.SECTION_OF_TABLE.get(table)
                assert section is not None, f"{table}.{fld.name} refers to a person: give it a section in the export"
                assert section in sections, f"{table} is meant to appear under {section!r}, which the export lacks"
