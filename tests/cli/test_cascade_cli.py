"""promote, tiers and alumni from the command line, on the showcase demo."""

from __future__ import annotations

import pytest

from mentordesk.cli import main
from mentordesk.services import demo
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Enrolment, Participant

CASCADE = "Sixth-form cascade mentoring (demo)"


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "demo.db"
    open_database(path)
    demo.seed_demo(showcase=True)
    # Rosa completes her cycle: she can be promoted.
    rosa = Participant.get(Participant.first_name == "Rosa")
    match = next(m.match for m in rosa.memberships)
    match.status, match.closure_kind, match.closed_on = "closed", "planned", match.started_on
    match.save()
    close_database()
    return path


def test_tiers_promote_and_alumni(path, capsys):
    assert main(["--db", str(path), "tiers", "--programme", CASCADE]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Tier 1: 2 mentoring, 0 mentees"
    assert "  Aisha Rahman (mentor, promoted) mentored by Margaret O'Connell; mentors Rosa Núñez" in out
    assert "Tier 3: 0 mentoring, 2 mentees" in out
    assert main(["--db", str(path), "promote", "--programme", CASCADE, "--all-completed", "--dry-run"]) == 0
    assert "Would promote up to 1 people" in capsys.readouterr().out
    assert main(["--db", str(path), "promote", "--programme", CASCADE, "--all-completed", "--capacity", "2"]) == 0
    assert capsys.readouterr().out.strip() == "1 promoted to mentor, 6 mentor checks to do."
    open_database(path)
    try:
        rosa = Enrolment.get(Enrolment.participant == Participant.get(Participant.first_name == "Rosa"))
        assert (rosa.role, rosa.status, rosa.capacity) == ("mentor", "screening", 2)
        kofi = Participant.get(Participant.first_name == "Kofi").id
    finally:
        close_database()
    assert main(["--db", str(path), "promote", "--programme", CASCADE, "--participant", str(kofi)]) == 1
    out = capsys.readouterr().out
    assert "not promoted: Kofi Mensah: has not completed a cycle" in out
    assert main(["--db", str(path), "promote", "--programme", "Riverside Futures 2026/27 (demo)",
                 "--participant", str(kofi)]) == 1  # fmt: skip
    assert "is not a cascade programme" in capsys.readouterr().err
    assert main(["--db", str(path), "alumni"]) == 0
    out = capsys.readouterr().out
    assert f"Kofi Mensah: mentee in {CASCADE}, left" in out and "(Left the sixth form.); 1 match" in out
    assert out.strip().endswith("2 in all.")
    assert main(["--db", str(path), "alumni", "yasmin"]) == 0
    assert capsys.readouterr().out.strip().endswith("1 in all.")
