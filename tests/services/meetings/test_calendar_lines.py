"""The export's own event lines give exactly the bytes icalendar gives for the same meeting.

Plain events are written as text for speed (core.meetings.ics_lines); icalendar stays the
reference: any text, zone, time or revision must serialise identically both ways, folding and
escaping included, and icalendar must read the lines back to the same values.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings, strategies as st
from icalendar import Event

from mentordesk.core.meetings import fold
from mentordesk.services.meetings.calendar_export import _Writer
from mentordesk.services.meetings.queries import MatchPeople, Member
from mentordesk.store.models import Meeting

ZONES = ["Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Asia/Kolkata", "UTC", "Etc/UTC"]
# Everything a coordinator may type: escapes, separators, line breaks, accents, CJK, RTL, emoji.
TEXT = st.text(
    alphabet=st.sampled_from(list("ab ,;:\\\"^\n\r\tÉéŁ日本語مرحباשלום😀N")) | st.characters(codec="utf-8"),
    max_size=120,
)
MOMENT = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    starts=MOMENT,
    minutes=st.integers(min_value=5, max_value=600),
    place=TEXT,
    link=st.sampled_from(["", "https://meet.example.org/abc?x=1,2;3", "https://vc.example/é"]),
    agenda=TEXT,
    names=st.lists(TEXT.filter(str.strip), min_size=0, max_size=3),
    status=st.sampled_from(["planned", "held", "cancelled", "missed"]),
    mode=st.sampled_from(["in_person", "online", "phone"]),
    sequence=st.integers(min_value=0, max_value=10_000),
    changed=st.none() | MOMENT,
    recurrence=st.none() | MOMENT,
)
def test_written_event_equals_icalendar(
    zone, starts, minutes, place, link, agenda, names, status, mode, sequence, changed, recurrence
):
    meeting = Meeting(
        id=7,
        starts_at=starts,
        duration_minutes=minutes,
        place=place,
        link=link,
        agenda=agenda,
        status=status,
        mode=mode,
        sequence=sequence,
        modified_at=changed,
        created_at=None,
    )
    who = MatchPeople(3, [Member(i, name, "mentor") for i, name in enumerate(names)])
    writer = _Writer("ns1234", {3: "full"})
    writer.stamp = datetime(2026, 12, 6, 20, 0, 1, tzinfo=UTC)
    uid = writer.uid("meeting", 7)
    ours = writer._event(uid, meeting, who, zone, recurrence)
    reference = writer._library_event(uid, meeting, who, zone, recurrence).to_ical()
    assert ours == reference
    parsed = Event.from_ical(ours)
    assert str(parsed["uid"]) == uid
    assert parsed.decoded("dtstart").replace(tzinfo=None) == starts.replace(microsecond=0)


def test_folding_never_splits_a_character_or_an_escape():
    line = "DESCRIPTION:" + "日本語\\," * 30
    folded = fold(line).encode("utf-8")
    for piece in folded.split(b"\r\n"):
        assert len(piece) <= 75
        piece.decode("utf-8")  # no character cut in two
        assert not piece.endswith(b"\\") or piece.endswith(b"\\\\")
    assert fold(line).replace("\r\n ", "") == line
    assert fold("SUMMARY:short") == "SUMMARY:short"
