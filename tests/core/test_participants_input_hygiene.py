"""Names that draw nothing, bidi overrides and over-long fields: refused or cleaned, with the limit named."""

from __future__ import annotations

import pytest

from mentordesk.core.participants import MAX_LENGTH, Invalid, parse_name, strip_bidi, text_problems

INVISIBLE_NAMES = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d",  # zero-width space, non-joiner, joiner
    "\u202e\u202c",  # right-to-left override + pop
    "\u2066\u2069",  # isolates
    "\u3164",  # Hangul filler
    "\ufeff \u2060",  # BOM, word joiner
    "\u00ad",  # soft hyphen
    "\u0301\u0301",  # combining marks with no letter
]


@pytest.mark.parametrize("text", INVISIBLE_NAMES)
def test_a_name_of_only_invisible_characters_is_refused(text):
    with pytest.raises(Invalid, match="first name is made only of invisible characters.*type the name"):
        parse_name(text, "first_name")


def test_bidi_overrides_are_stripped_from_names():
    assert parse_name("Ann\u202egnp.exe", "first_name") == "Anngnp.exe"
    assert parse_name("\u2067Zoë\u2069 Ó'Brien", "full_name") == "Zoë Ó'Brien"
    assert strip_bidi("plain") == "plain"


def test_real_names_in_any_script_pass():
    for name in ("Zoë", "Łukasz", "李小龍", "محمد", "Nguyễn", "O'Neil-Smith", "Ṣadé"):
        assert parse_name(name) == name


def test_every_field_has_a_limit_named_in_the_message():
    assert text_problems({"first_name": "A" * 100, "notes": "x" * 20000}) == {}
    problems = text_problems({"first_name": "A" * 101, "organisation": "O" * 5000, "notes": "x" * 20001})
    assert problems["first_name"] == "First name is 101 characters long; the limit is 100: shorten it."
    assert "organisation is 5,000 characters long; the limit is 200" in problems["organisation"].lower()
    assert "limit is 20,000" in problems["notes"]
    assert text_problems({"some_new_field": "y" * 301})  # an unlisted field still has the default limit
    assert MAX_LENGTH["email"] == 254
