"""The concern summary for the safeguarding lead's file: every script, markup printed as written, private,
audited, and drawn (pdftoppm) for looking at."""

from __future__ import annotations

import shutil
import stat
import subprocess
import unicodedata
from datetime import timedelta

import pytest

from mentordesk.services import concerns
from mentordesk.services.documents import fonts
from mentordesk.store.models import AuditEvent, Enrolment, Participant
from tests.concerns_fixtures import REGISTER_PASSPHRASE, TODAY, draft, scheme
from tests.documents_fixtures import fonts_in, images_in, joined_arabic, pdf_text, shared_fonts


@pytest.fixture
def written(db, tmp_path):
    s = scheme()
    arabic = Participant.create(
        first_name="فاطمة", last_name="الزهراء", date_of_birth=TODAY.replace(year=TODAY.year - 13)
    )
    Enrolment.create(participant=arabic, programme=s.programme, role="mentee", status="matched")
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    concern_id = concerns.raise_concern(
        s.programme.id,
        draft(
            s,
            about="both",
            mentee_id=arabic.id,
            mentor_id=s.mentor.id,
            raised_by="נועה כהן (teaching assistant) <b>not bold</b>",
            description="She said «he keeps messaging me» — 佐藤 saw it too. Айгерим was there. <img src='x'/>",
            referral_agency="childrens_social_care",
            referral_name="Duty social worker",
            referral_reference="CSC/2026/7781",
            referral_on=TODAY - timedelta(days=2),
        ),
    )
    concerns.suspend_mentor(concern_id, s.mentor.id, "cancel", "Pending the LADO's advice")
    concerns.guardian_not_informed(concern_id, "Social care advised not to tell the family yet")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 scanned")
    concerns.add_attachment(concern_id, tmp_path / "scan.pdf")
    concerns.close_concern(concern_id, "Strategy meeting held; a plan is in place. 计划已到位。", TODAY)
    path = concerns.write_summary(concern_id, tmp_path / "concern.pdf")
    return concern_id, path


def test_the_summary_holds_the_whole_record_in_every_script(written):
    concern_id, path = written
    text = pdf_text(path)
    for words in (
        f"Safeguarding concern #{concern_id}",
        "CONFIDENTIAL",
        "Δημήτρης Παπαδόπουλος",
        "Айгерим was there",
        "Children's social care",
        "CSC/2026/7781",
        "Mentor suspended from all matches",
        "2 match(es) paused (#1, #2); 6 planned meeting(s) cancelled",
        "Guardian not informed",
        "scan.pdf",
        "Strategy meeting held",
        "<b>not bold</b>",
        "<img src='x'/>",
    ):
        assert words in text, words
    assert "נועה כהן" in text  # right-to-left, read back in reading order
    assert joined_arabic(text) and "فاطمة الزهراء" in unicodedata.normalize("NFKC", text)
    if fonts.fallback_font() is not None:
        assert "佐藤 saw it too" in text and "计划已到位" in text
    assert images_in(path) == 0 and fonts_in(path) <= shared_fonts()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    printed = AuditEvent.select().where(
        (AuditEvent.entity_id == concern_id) & (AuditEvent.summary == "concern printed")
    )
    assert printed.count() == 1


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_summary_draws(written, tmp_path):
    _, path = written
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 5000 for p in pages)


def test_a_locked_register_prints_nothing(db, tmp_path):
    s = scheme()
    concerns.set_up(REGISTER_PASSPHRASE, REGISTER_PASSPHRASE)
    concern_id = concerns.raise_concern(s.programme.id, draft(s))
    concerns.lock_register()
    with pytest.raises(concerns.RegisterLocked):
        concerns.write_summary(concern_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
