"""The import wizard takes a folder of returned fillable PDF forms: straight from the file step to
the preview (no format or column steps), then the usual all-or-nothing import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard

from mentordesk.services.forms import print_form
from mentordesk.store.models import Participant
from mentordesk.ui.participants.import_wizard import ImportWizard
from tests.forms_fixtures import PEOPLE, fill, mentee_values


@pytest.fixture
def wizard(qtbot, programme):
    wizard = ImportWizard(programme.id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_a_folder_of_forms_is_previewed_and_imported(wizard, qtbot, programme, tmp_path):
    blank = print_form(programme.id, "mentee", tmp_path / "blank.pdf", fillable=True)
    folder = tmp_path / "returned"
    folder.mkdir()
    for i, person in enumerate(PEOPLE[:4]):
        fill(blank, folder / f"{i}.pdf", mentee_values(*person))
    edit = wizard.file_page.path_edit
    edit.setFocus()
    QTest.keyClicks(edit, str(folder))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.preview_page
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.result is not None, timeout=10000)
    assert preview.result.valid == 4 and "4 returned PDF forms" in preview.result.sniffed.summary
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.done or result.error.isVisible(), timeout=10000)
    assert result.done, result.error.text()
    assert {p.email for p in Participant.select()} == {email for _f, _l, email in PEOPLE[:4]}
