"""Settings › Pairing: a custom field of the application form as a pairing criterion, by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.core.pairing import CriterionSetting, Importance, custom_criterion
from mentordesk.core.participants import FieldDraft
from mentordesk.services import participants
from mentordesk.services.pairing import criterion_fields, read_settings
from mentordesk.store.models import Programme
from mentordesk.ui import screenshots
from tests.screen_fixtures import clipped, unnamed


@pytest.fixture
def tab(demo_main_window):
    page = demo_main_window.show_area("settings")
    screenshots._settle()
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i).replace("&", "") == "Pairing")
    page.tabs.setCurrentIndex(index)
    return page.tabs.widget(index)


def stored(programme_id: int):
    return read_settings(Programme.get_by_id(programme_id)).config


def choose(combo, data) -> None:
    combo.setFocus()
    wanted = combo.findData(data)
    assert wanted >= 0
    key = Qt.Key.Key_Down if wanted > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentIndex() == wanted:
            return
        QTest.keyClick(combo, key)
    assert combo.currentIndex() == wanted


def test_the_demo_pairs_on_a_club_in_common(tab):
    programme_id = tab.ctx.programme_id
    clubs = next(f for f in criterion_fields(programme_id) if f.label == "After-school clubs")
    assert stored(programme_id).setting(clubs.criterion) == CriterionSetting(
        Importance.SOMEWHAT, "same", "After-school clubs"
    )
    assert tab.importance[clubs.criterion].currentData() == "somewhat"
    assert unnamed(tab) == []
    for size in ((1024, 700), (1920, 1080)):  # the screens every page is checked at
        tab.window().resize(*size)
        screenshots._settle()
        assert clipped(tab) == []


def test_add_make_a_must_match_and_remove(qtbot, tab, tmp_path):
    programme_id = tab.ctx.programme_id
    house = participants.define_field(
        programme_id, FieldDraft("School house", kind="choice", choices=["Red", "Blue"], role="both")
    )
    participants.define_field(programme_id, FieldDraft("Favourite food", kind="text"))
    tab.hide()
    tab.show()  # as when coming back from the Custom fields tab
    name = custom_criterion(house)
    offered = [tab.field_choice.itemData(i) for i in range(tab.field_choice.count())]
    assert name in offered and all(c.startswith("field:") for c in offered)
    assert "Favourite food" not in [tab.field_choice.itemText(i) for i in range(tab.field_choice.count())]
    choose(tab.field_choice, name)
    tab.add_field_button.setFocus()
    QTest.keyClick(tab.add_field_button, Qt.Key.Key_Space)
    assert stored(programme_id).setting(name) == CriterionSetting(Importance.MODERATE, "same", "School house")
    assert tab.focusWidget() is tab.importance[name]  # the new row's importance, ready to change
    choose(tab.importance[name], "must")
    assert stored(programme_id).musts()[-1] == name
    choose(tab.options[name], "different")
    assert stored(programme_id).setting(name).option == "different"
    assert name not in [tab.field_choice.itemData(i) for i in range(tab.field_choice.count())]
    assert unnamed(tab) == []
    for size in ((1024, 700), (1920, 1080)):
        tab.window().resize(*size)
        screenshots._settle()
        tab.window().grab().save(str(tmp_path / f"pairing-{size[0]}.png"))
        assert clipped(tab) == []
    remove = next(b for b in tab.custom_rows if b.accessibleName() == "Stop pairing on School house")
    QTest.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert name not in stored(programme_id).criteria
    assert name in [tab.field_choice.itemData(i) for i in range(tab.field_choice.count())]
