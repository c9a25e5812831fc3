"""Icons come from the Material Design font qtawesome ships; the code points we keep must match it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from mentordesk.ui import icons


def test_every_kept_code_point_matches_the_fonts_own_table():
    table = icons._charmap()
    wrong = {name: hex(code) for name, code in icons.CODEPOINTS.items() if table.get(name) != chr(code)}
    assert wrong == {}, "update CODEPOINTS: the icon font changed"


def test_every_named_icon_has_a_kept_code_point():
    missing = [
        full for full in icons.NAMES.values() if full.removeprefix(icons.MDI_PREFIX) not in icons.CODEPOINTS
    ]
    assert missing == []


def test_icons_draw_and_unknown_names_are_refused(qtbot):
    pixmap = icons.icon("dashboard").pixmap(QSize(24, 24))
    image = pixmap.toImage()
    assert any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24))  # a glyph was drawn
    assert not icons.icon("mdi6.account-cowboy-hat").isNull()  # another glyph, from the font's table
    with pytest.raises(KeyError, match="no icon called"):
        icons.icon("mdi6.no-such-icon-at-all")
