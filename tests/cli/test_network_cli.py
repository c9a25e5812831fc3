"""``network`` sets and shows a network programme's focus areas and lists each mentee's mentors; ``match``
prints what each proposed link covers."""

from __future__ import annotations

from mentordesk.cli import main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Programme
from tests.pairing_fixtures import _tags, mentee, mentor


def _database(path):
    open_database(path)
    programme = Programme.create(name="Network", kind="network")
    Programme.create(name="Pairs", kind="one_to_one")
    zoe = mentee(programme, "Zoë")
    _tags(zoe, "seeks", "goal_area", ["Careers", "Учёба"])
    for name, area in (("Ana", "Careers"), ("Дмитрий", "Учёба")):
        _tags(mentor(programme, name), "offers", "goal_area", [area])
    close_database()


def test_focus_areas_match_and_the_network_listing(tmp_path, capsys):
    path = tmp_path / "n.db"
    _database(path)
    db = ["--db", str(path)]
    assert (
        main(
            [
                *db,
                "network",
                "--programme",
                "Network",
                "--focus-areas",
                "Careers; Учёба",
                "--max-mentors",
                "2",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Focus areas: Careers; Учёба" in out and "Most mentors per mentee: 2" in out
    assert main([*db, "match", "--programme", "Network", "--publish"]) == 0
    out = capsys.readouterr().out
    assert "Covers Учёба. Already covered: Careers by Ana Mentor." in out
    assert "Links proposed: 2; mentees with a focus area still open: 0" in out
    assert main([*db, "network", "--programme", "Network"]) == 0
    out = capsys.readouterr().out
    assert "Zoë Mentee (2 mentors):" in out
    assert "  Ana Mentor (Careers)" in out and "  Дмитрий Mentor (Учёба)" in out


def test_bad_input_is_refused_with_a_message_and_nothing_changes(tmp_path, capsys):
    path = tmp_path / "n.db"
    _database(path)
    db = ["--db", str(path)]
    assert main([*db, "network", "--programme", "Network", "--focus-areas", "Careers;;Wellbeing"]) == 1
    assert "Focus area 2 is empty" in capsys.readouterr().err
    assert main([*db, "network", "--programme", "Pairs"]) == 1
    assert "belong to network programmes" in capsys.readouterr().err
    assert main([*db, "network", "--programme", "Network"]) == 0
    assert (
        "Focus areas: Careers; Study skills; Wellbeing" in capsys.readouterr().out
    )  # the defaults, unchanged
