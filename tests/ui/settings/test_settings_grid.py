"""Settings: every tab lays its fields out on the same grid (issue 14): one form convention, so the
labels, margins and gaps line up from tab to tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox

from mentordesk.ui import screenshots
from mentordesk.ui.widgets import form_parts


def _forms(widget) -> list[QFormLayout]:
    return [layout for layout in widget.findChildren(QFormLayout)]


def test_every_settings_tab_uses_the_same_form_grid(demo_main_window):
    page = demo_main_window.show_area("settings")
    screenshots._settle()
    problems = []
    seen = 0
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        screenshots._settle()
        tab, title = page.tabs.widget(index), page.tabs.tabText(index)
        forms = _forms(tab)
        if not forms:
            problems.append(f"{title}: no form layout")
        for form in forms:
            seen += 1
            margins = form.contentsMargins()
            got = (
                form.labelAlignment(),
                (margins.left(), margins.top(), margins.right(), margins.bottom()),
                form.horizontalSpacing(),
                form.verticalSpacing(),
            )
            want = (
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                form_parts.FORM_MARGINS,
                form_parts.FORM_SPACING[0],
                form_parts.FORM_SPACING[1],
            )
            if got != want:
                owner = form.parentWidget()
                where = owner.title() if isinstance(owner, QGroupBox) else type(owner).__name__
                problems.append(f"{title} › {where}: {got} instead of {want}")
        for box in tab.findChildren(QGroupBox):
            text = box.title()
            if text and (text.endswith(":") or not text[0].isupper()):
                problems.append(f"{title}: group box titled {text!r} (sentence case, no colon)")
    assert seen >= 10
    assert not problems, "\n".join(problems)


def test_every_settings_tab_groups_its_fields(demo_main_window):
    """General, Screening and Goals had bare fields where the other tabs group theirs in boxes."""
    page = demo_main_window.show_area("settings")
    screenshots._settle()
    problems = []
    for index in range(page.tabs.count()):
        tab, title = page.tabs.widget(index), page.tabs.tabText(index)
        if not tab.findChildren(QGroupBox):
            problems.append(f"{title}: no group box")
        for form in _forms(tab):
            owner = form.parentWidget()
            while owner is not None and owner is not tab and not isinstance(owner, QGroupBox):
                owner = owner.parentWidget()
            if not isinstance(owner, QGroupBox):
                labels = [form.itemAt(i).widget() for i in range(form.count())]
                texts = [w.text() for w in labels if w is not None and hasattr(w, "text")][:2]
                problems.append(f"{title}: fields outside any group box ({texts})")
    assert not problems, "\n".join(problems)
