"""Events, pure rules: an event's fields checked with a message per field, and registers read from CSV."""

from __future__ import annotations

from datetime import date, datetime

from mentordesk.core.events import EventFields, check_event, mark_of, read_register

TODAY = date(2026, 11, 20)


def test_check_event_names_each_problem():
    ok = EventFields("training", "Training", datetime(2026, 11, 1, 18), 90, "", "", 2.0, "Safeguarding")
    assert check_event(ok, TODAY) == {}
    bad = EventFields("picnic", " ", None, 0, training_hours=None)
    assert set(check_event(bad, TODAY)) == {"kind", "title", "starts_at", "duration_minutes"}
    training = EventFields(
        "training", "T", datetime(2026, 11, 1, 18), 60, training_hours=0, training_topics=""
    )
    assert set(check_event(training, TODAY)) == {"training_hours", "training_topics"}
    assert (
        "200 hours"
        in check_event(
            EventFields("training", "T", datetime(2026, 11, 1), 60, training_hours=250, training_topics="x"),
            TODAY,
        )["training_hours"]
    )
    later = EventFields("celebration", "Party", datetime(2026, 12, 1, 18))
    assert check_event(later, TODAY) == {}
    assert "into the future" in check_event(later, TODAY, has_attendees=True)["starts_at"]


def test_marks_read_loosely():
    assert [mark_of(w) for w in ("Present", " YES ", "x", "Apologies", "excused", "No", "", "maybe")] == [
        "attended",
        "attended",
        "attended",
        "apologies",
        "apologies",
        "absent",
        "",
        None,
    ]


def test_read_register_by_name_or_email_with_problems_by_row():
    lines, problems = read_register(
        "\ufeffFirst name,Last name,E-mail,Attendance\nZoë,Ó'Brien,,present\n,,A@B.org,no\n"
    )
    assert problems == []
    assert [(line.row, line.name, line.email, line.mark) for line in lines] == [
        (2, "Zoë Ó'Brien", "", "attended"),
        (3, "", "a@b.org", "absent"),
    ]
    lines, problems = read_register("name,mark\nZoë,maybe\n,attended\n")
    assert lines == [] and problems == [
        "Row 2: 'maybe' is not a mark: write attended, apologies or absent (or leave it empty).",
        "Row 3: no name or e-mail: say who this row is about.",
    ]
    assert read_register("name\nZoë\n")[1] == [
        "No mark column: add one headed 'mark' (attended, apologies or absent)."
    ]
    assert "empty" in read_register("")[1][0]
