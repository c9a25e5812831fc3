"""An agreement is signed by each signatory: every member, a guardian for a mentee who is a minor, and
the coordinator. It is complete (and dated) only when the last signature is in; the documents list
names who is missing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.services import documents
from mentordesk.store.models import Document, Match, Signature
from tests.documents_fixtures import make_match, make_programme, person, standard_match

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL

DAY = date(2026, 10, 1)


def _agreement(match: Match, **fields) -> Document:
    return Document.create(
        programme=match.programme_id, match=match, kind="agreement", path="/nowhere/agreement.pdf", **fields
    )


def test_agreement_complete_only_when_every_required_signature_is_in(db):
    match = standard_match()
    doc = _agreement(match)
    status = documents.agreement_status(doc.id)
    mentor_id, mentee_id = (s.signatory.participant_id for s in status.signatures[:2])
    assert [s.signatory.described for s in status.signatures] == [
        "Zoë Ó'Brien (mentor)",
        "Łukasz Kowalski (mentee)",
        "Łukasz Kowalski's guardian",
        "Alex Morgan",
    ]
    (row,) = documents.list_documents(match.programme_id)
    assert row.signed_on is None and len(row.missing) == 4
    documents.record_signature(doc.id, "mentor", mentor_id, DAY)
    documents.record_signature(doc.id, "mentee", mentee_id, DAY + timedelta(days=1))
    status = documents.record_signature(doc.id, "coordinator", None, DAY + timedelta(days=2))
    assert status.complete_on is None and [s.role for s in status.missing] == ["guardian"]
    assert Match.get_by_id(match.id).agreement_signed_on is None  # not complete: not signed
    (row,) = documents.list_documents(match.programme_id)
    assert row.missing == ("Łukasz Kowalski's guardian",) and row.signed_on is None
    status = documents.record_signature(doc.id, "guardian", mentee_id, DAY + timedelta(days=5))
    assert status.complete_on == DAY + timedelta(days=5) and not status.missing
    assert Document.get_by_id(doc.id).signed_on == DAY + timedelta(days=5)
    assert Match.get_by_id(match.id).agreement_signed_on == DAY + timedelta(days=5)
    assert documents.list_documents(match.programme_id)[0].missing == ()
    # Taking one signature back makes the agreement incomplete again.
    documents.record_signature(doc.id, "mentor", mentor_id, None)
    assert Match.get_by_id(match.id).agreement_signed_on is None
    assert documents.list_documents(match.programme_id)[0].missing == ("Zoë Ó'Brien (mentor)",)


def test_an_adult_mentee_needs_no_guardian_and_bad_signatures_are_refused(db):
    programme = make_programme()
    mentor, mentee = person("Amira", "Haddad"), person("Kenji", "Sato")
    match = make_match(programme, [mentor], [mentee])
    doc = _agreement(match)
    roles = [s.signatory.role for s in documents.agreement_status(doc.id).signatures]
    assert roles == ["mentor", "mentee", "coordinator"]
    refused = [
        (("guardian", mentee.id, DAY), "nobody signs this agreement as that"),
        (("mentor", mentee.id, DAY), "nobody signs this agreement as that"),
        (("mentor", mentor.id, date.today() + timedelta(days=1)), "Signed on: .* in the future"),
        (("coordinator", mentor.id, DAY), "the coordinator signs for the programme"),
        (("teacher", mentor.id, DAY), "not one of mentor, mentee"),
    ]
    for (role, pid, day), message in refused:
        with pytest.raises(documents.DocumentError, match=message):
            documents.record_signature(doc.id, role, pid, day)
    assert Signature.select().count() == 0  # nothing written
    consent = Document.create(programme=programme, participant=mentee, kind="consent_form", path="/x.pdf")
    with pytest.raises(documents.DocumentError, match="match's agreement only"):
        documents.record_signature(consent.id, "mentee", mentee.id, DAY)


def test_marked_signed_as_a_whole_fills_the_missing_signatures_and_old_records_count_as_complete(db):
    match = standard_match()
    legacy = _agreement(match, signed_on=DAY)  # marked signed before signatures were kept one by one
    status = documents.agreement_status(legacy.id)
    assert status.complete_on == DAY and all(s.signed_on == DAY for s in status.signatures)
    assert documents.list_documents(match.programme_id)[0].missing == ()
    # Recording one signature on it keeps the others as they were.
    mentee_id = status.signatures[1].signatory.participant_id
    status = documents.record_signature(legacy.id, "mentee", mentee_id, DAY - timedelta(days=2))
    assert status.complete_on == DAY and Signature.select().where(Signature.document == legacy.id).count() == 4
    fresh = _agreement(match)
    mentor_id = status.signatures[0].signatory.participant_id
    documents.record_signature(fresh.id, "mentor", mentor_id, DAY - timedelta(days=9))
    documents.mark_signed(fresh.id, DAY - timedelta(days=3))  # "the last party signed on ..."
    after = documents.agreement_status(fresh.id)
    assert after.complete_on == DAY - timedelta(days=3)
    assert after.signatures[0].signed_on == DAY - timedelta(days=9)  # kept: signed before the last one
    assert Match.get_by_id(match.id).agreement_signed_on == DAY - timedelta(days=3)  # the earliest complete
    documents.mark_signed(fresh.id, None)
    assert Signature.select().where(Signature.document == fresh.id).count() == 0
    assert Match.get_by_id(match.id).agreement_signed_on == DAY  # the other copy still counts
