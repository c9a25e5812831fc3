"""File names that read well and that Windows accepts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from mentordesk.core.documents.filenames import MAX_BYTES, MAX_CHARS, join_names, numbered, safe_filename

WINDOWS_RESERVED = set('<>:"/\\|?*')


def test_readable_name_keeps_letters_from_every_script():
    name = safe_filename(
        ["Riverside Futures 2026/27", "Mentoring agreement", "Zoë Ó'Brien & Łukasz", "2026-11-27"]
    )
    assert name == "Riverside Futures 2026-27 - Mentoring agreement - Zoë Ó'Brien & Łukasz - 2026-11-27.pdf"
    assert safe_filename(["Ελένη", "Алексей", "美咲"]) == "Ελένη - Алексей - 美咲.pdf"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["CON"], "_CON.pdf"),
        (["con.txt"], "_con.txt.pdf"),
        (["LPT1"], "_LPT1.pdf"),
        (["Nul "], "_Nul.pdf"),
        (["Console"], "Console.pdf"),  # only the exact device names are reserved
        (["report..."], "report.pdf"),  # Windows drops trailing dots
        (["   "], "document.pdf"),
        ([], "document.pdf"),
        (['a<b>c:d"e|f?g*h'], "a b c d e-f g h.pdf"),
        (["tab\there", "new\nline"], "tab here - new line.pdf"),
        (["zero\u200bwidth"], "zerowidth.pdf"),
        (["..", "."], "document.pdf"),
    ],
)
def test_reserved_characters_names_and_trailing_dots(parts, expected):
    assert safe_filename(parts) == expected


def test_long_names_are_cut_at_a_word_within_char_and_byte_limits():
    name = safe_filename(["Programme " * 30, "Agreement"])
    assert len(name) <= MAX_CHARS and name.endswith(".pdf")
    assert not name[:-4].endswith((" ", "."))
    cjk = safe_filename(["美咲" * 200])
    assert len(cjk.encode("utf-8")) <= MAX_BYTES


def test_numbered_copies_and_joined_names():
    assert numbered("Agreement.pdf", 2) == "Agreement (2).pdf"
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A & B"
    assert join_names(["A", "B", "C"]) == "A, B & C"
    assert join_names(["A", "B", "C", "D", "E"]) == "A, B & 3 others"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=5))
def test_fuzz_every_name_is_safe(parts):
    name = safe_filename(parts)
    assert name.endswith(".pdf")
    stem = name[:-4]
    assert stem and not (WINDOWS_RESERVED & set(name))
    assert all(ord(ch) >= 32 for ch in name)
    assert not stem.endswith((" ", "."))
    assert stem.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert len(name) <= MAX_CHARS and len(name.encode("utf-8")) <= MAX_BYTES


def test_long_names_lose_their_middle_not_the_surnames_or_the_date():
    mentor = "Oluwaseun-Maximilian-Bartholomew Fernández-Papadopoulos"
    mentee = "Łukasz Kowalski-Wiśniewski"
    parts = ["Riverside Futures Mentoring Programme for Years 10 and 11 2026/27", "Mentoring agreement"]
    name = safe_filename([*parts, join_names([mentor, mentee]), "2026-11-27"])
    assert len(name) <= MAX_CHARS
    assert name.endswith(" - 2026-11-27.pdf")
    # Each person stays recognisable: the start of the first name, both ends of the surname.
    for fragment in ("Oluw", "Fern", "poulos", "Łuk", "Kowa", "niewski"):
        assert fragment in name, (fragment, name)
    copy = numbered(name, 12)
    assert copy.endswith(" - 2026-11-27 (12).pdf") and len(copy) <= MAX_CHARS
    for fragment in ("Oluw", "Fern", "poulos", "Łuk", "Kowa", "niewski"):
        assert fragment in copy, (fragment, copy)


def test_shorten_middle_keeps_both_ends():
    from mentordesk.core.documents.filenames import shorten_middle

    assert shorten_middle("Bartholomew", 7) == "Bar…mew"
    assert shorten_middle("Ann", 7) == "Ann"
