"""Raise or open a concern: what happened, the referrals, what was done, the files kept, the outcome.

The Actions and Attachments tabs work at once (each action or file is its own record); on a concern
not saved yet, the first of them saves the concern first, so a scanned note can be attached while
the concern is raised.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.concerns import (
    ABOUT_LABELS,
    AGENCY_LABELS,
    CATEGORY_LABELS,
    ConcernDraft,
    ConcernRefused,
)
from mentordesk.services import concerns, meetings
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    hint_label,
    primary_button,
    tab_moves_focus,
)

# Which tab holds each field, so a refusal shows the tab with the field to fix.
CONCERN_TAB, REFERRALS_TAB, ACTIONS_TAB, ATTACHMENTS_TAB, OUTCOME_TAB = range(5)
FIELD_TABS = {
    "dsl_name": REFERRALS_TAB,
    "dsl_referred_on": REFERRALS_TAB,
    "referral_agency": REFERRALS_TAB,
    "referral_name": REFERRALS_TAB,
    "referral_reference": REFERRALS_TAB,
    "referral_on": REFERRALS_TAB,
    "outcome": OUTCOME_TAB,
    "closed_on": OUTCOME_TAB,
    "attachment": ATTACHMENTS_TAB,
}


def _text_box(lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return tab_moves_focus(box)


class ConcernDialog(AsksBeforeDiscarding, QDialog):
    typed_lists = False  # its lists show actions and files saved as they are added
    def __init__(
        self, programme_id: int, concern_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.concern_id = concern_id
        self.changed = False  # something was saved (the page reloads its list)
        # Saves are checked against the concern as this dialog read it: another coordinator's
        # change meanwhile is shown side by side, never overwritten silently.
        self.guard = EditGuard(self)
        self.setMinimumWidth(680)
        self.subjects = concerns.subjects(programme_id)
        self.match_list = meetings.match_choices(programme_id)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the concern"))
        self.tabs.addTab(self._concern_tab(), icon("concerns"), self.tr("&Concern"))
        self.tabs.addTab(self._referrals_tab(), self.tr("&Referrals"))
        self.tabs.addTab(self._actions_tab(), self.tr("Ac&tions"))
        self.tabs.addTab(self._attachments_tab(), icon("attach"), self.tr("Attac&hments"))
        self.tabs.addTab(self._outcome_tab(), self.tr("Out&come"))
        layout.addWidget(self.tabs, 1)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(self.tr("&Save concern"))
        layout.addWidget(dialog_buttons(self, self.save_button))
        if concern_id is not None:
            self._load(concern_id)
        else:
            self.setWindowTitle(self.tr("Raise a safeguarding concern"))
            self._about_changed()
            self._show_lists(None)
        self.raised_by_edit.setFocus()
        self.watch_typing()  # Escape, Cancel and closing ask first once something is typed

    # -- the tabs ---------------------------------------------------------------------------------------
    def _concern_tab(self) -> QWidget:
        page = QWidget()
        form = form_layout(page)
        self.raised_by_edit = QLineEdit()
        self.raised_by_edit.setPlaceholderText(self.tr("Name and role, e.g. Ms Okafor (form tutor)"))
        self.raised_on_edit = DateEdit(date.today(), past_only=True)
        self.raised_on_edit.setAccessibleName(self.tr("Raised on"))
        self.about_combo = QComboBox()
        for value, text in ABOUT_LABELS.items():
            self.about_combo.addItem(self.tr(text), value)
        self.mentee_combo = QComboBox()
        self.mentee_combo.addItem(self.tr("(choose the mentee)"), None)
        self.mentor_combo = QComboBox()
        self.mentor_combo.addItem(self.tr("(choose the mentor)"), None)
        for subject in self.subjects:
            combo = self.mentor_combo if subject.role == "mentor" else self.mentee_combo
            combo.addItem(subject.name, subject.participant_id)
        self.other_edit = QLineEdit()
        self.other_edit.setPlaceholderText(self.tr("Their name or role"))
        self.match_combo = QComboBox()
        self.match_combo.addItem(self.tr("(No particular match)"), None)
        for choice in self.match_list:
            self.match_combo.addItem(icon("match"), choice.who, choice.id)
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("(choose a category)"), "")
        for value, text in CATEGORY_LABELS.items():
            self.category_combo.addItem(self.tr(text), value)
        self.description_edit = _text_box(5, self.tr("What was said or seen, in the reporter's own words"))
        self.immediate_edit = _text_box(3, self.tr("What was done straight away"))
        self.mentee_label = QLabel(self.tr("M&entee:"))
        self.mentor_label = QLabel(self.tr("Me&ntor:"))
        self.other_label = QLabel(self.tr("&Who:"))
        for label_widget, field in (
            (self.mentee_label, self.mentee_combo),
            (self.mentor_label, self.mentor_combo),
            (self.other_label, self.other_edit),
        ):
            label_widget.setBuddy(field)
        form.addRow(self.tr("Raised &by:"), self.raised_by_edit)
        form.addRow(self.tr("Raised &on:"), self.raised_on_edit)
        form.addRow(self.tr("&About:"), self.about_combo)
        form.addRow(self.mentee_label, self.mentee_combo)
        form.addRow(self.mentor_label, self.mentor_combo)
        form.addRow(self.other_label, self.other_edit)
        form.addRow(self.tr("&Match:"), self.match_combo)
        form.addRow(self.tr("Cate&gory:"), self.category_combo)
        form.addRow(self.tr("What was &said\nor seen:"), self.description_edit)
        form.addRow(self.tr("&Immediate\naction:"), self.immediate_edit)
        self.about_combo.currentIndexChanged.connect(self._about_changed)
        return page

    def _referrals_tab(self) -> QWidget:
        page = QWidget()
        form = form_layout(page)
        self.dsl_edit = QLineEdit()
        self.dsl_edit.setPlaceholderText(self.tr("The designated safeguarding lead's name"))
        self.dsl_on_edit = DateEdit(None, optional=True, past_only=True)
        self.dsl_on_edit.setAccessibleName(self.tr("Referred to the lead on"))
        self.agency_combo = QComboBox()
        self.agency_combo.addItem(self.tr("Not referred on"), "")
        for value, text in AGENCY_LABELS.items():
            self.agency_combo.addItem(self.tr(text), value)
        self.referral_name_edit = QLineEdit()
        self.referral_name_edit.setPlaceholderText(self.tr("Who took the referral"))
        self.referral_reference_edit = QLineEdit()
        self.referral_reference_edit.setPlaceholderText(self.tr("Their case or crime reference"))
        self.referral_on_edit = DateEdit(None, optional=True, past_only=True)
        self.referral_on_edit.setAccessibleName(self.tr("Referred on"))
        form.addRow(self.tr("Safeguarding &lead:"), self.dsl_edit)
        form.addRow(self.tr("Referred to the lead o&n:"), self.dsl_on_edit)
        form.addRow(self.tr("Referred on &to:"), self.agency_combo)
        form.addRow(self.tr("Con&tact at the agency:"), self.referral_name_edit)
        form.addRow(self.tr("Agency &reference:"), self.referral_reference_edit)
        form.addRow(self.tr("Referred on (&date):"), self.referral_on_edit)
        hint = QLabel(
            self.tr(
                "LADO: the local authority designated officer, for an allegation that an adult working "
                "with children has harmed, or may pose a risk to, a child."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        return page

    def _list_tab(self, name: str) -> tuple[QWidget, QListWidget, QGridLayout, QLabel]:
        page = QWidget()
        box = QVBoxLayout(page)
        listing = QListWidget()
        listing.setAccessibleName(name)
        listing.setWordWrap(True)
        listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        note = hint_label(2)
        box.addWidget(listing, 1)
        box.addWidget(note)
        grid = QGridLayout()
        box.addLayout(grid)
        return page, listing, grid, note

    def _button(
        self, text: str, icon_name: str, slot, grid: QGridLayout, row: int, column: int
    ) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.clicked.connect(slot)
        grid.addWidget(button, row, column)
        return button

    def _actions_tab(self) -> QWidget:
        page, self.actions_list, row, self.actions_note = self._list_tab(self.tr("Actions taken"))
        self._button(self.tr("Suspend &match…"), "pause", lambda: self._action("suspend_match"), row, 0, 0)
        self._button(
            self.tr("Suspend mentor from &all matches…"),
            "pause",
            lambda: self._action("suspend_mentor"),
            row,
            0,
            1,
        )
        self._button(
            self.tr("&Guardian informed…"), "person", lambda: self._action("guardian_informed"), row, 1, 0
        )
        self._button(
            self.tr("Guardian &not informed…"),
            "person",
            lambda: self._action("guardian_not_informed"),
            row,
            1,
            1,
        )
        row.setColumnStretch(2, 1)
        return page

    def _attachments_tab(self) -> QWidget:
        page, self.files_list, row, self.files_note = self._list_tab(self.tr("Attached files"))
        self._button(self.tr("A&dd file…"), "attach", self._add_file, row, 0, 0)
        self.open_file_button = self._button(self.tr("Save a cop&y…"), "open", self._open_file, row, 0, 1)
        self.remove_file_button = self._button(self.tr("Remo&ve"), "delete", self._remove_file, row, 0, 2)
        row.setColumnStretch(3, 1)
        self.files_list.itemDoubleClicked.connect(lambda _item: self._open_file())
        return page

    def _outcome_tab(self) -> QWidget:
        page = QWidget()
        form = form_layout(page)
        self.outcome_edit = _text_box(
            5, self.tr("What came of the concern: decisions, support, no further action…")
        )
        self.closed_on_edit = DateEdit(date.today(), optional=True, past_only=True)
        self.closed_on_edit.setAccessibleName(self.tr("Closed on"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.close_button = QPushButton(icon("ok"), self.tr("C&lose the concern"))
        self.close_button.clicked.connect(self._close_concern)
        form.addRow(self.tr("&Outcome:"), self.outcome_edit)
        form.addRow(self.tr("Closed o&n:"), self.closed_on_edit)
        form.addRow("", self.status_label)
        form.addRow("", self.close_button)
        return page

    # -- loading -----------------------------------------------------------------------------------------
    def _about_changed(self, *_: object) -> None:
        about = self.about_combo.currentData()
        self.mentee_combo.setEnabled(about in ("mentee", "both"))
        self.mentor_combo.setEnabled(about in ("mentor", "both"))
        self.other_edit.setEnabled(about == "other")

    def _load(self, concern_id: int) -> None:
        detail = self.guard.read(concerns.detail, concern_id)
        self.setWindowTitle(self.tr("Safeguarding concern #{id}").format(id=concern_id))
        d = detail.draft
        self.raised_by_edit.setText(d.raised_by)
        self.raised_on_edit.setDate(d.raised_on)
        self.about_combo.setCurrentIndex(max(0, self.about_combo.findData(d.about)))
        self._select(self.mentee_combo, d.mentee_id, detail.subject_names)
        self._select(self.mentor_combo, d.mentor_id, detail.subject_names)
        self.other_edit.setText(d.other_person)
        self._select(self.match_combo, d.match_id, self.tr("Match #{id}").format(id=d.match_id))
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(d.category)))
        self.description_edit.setPlainText(d.description)
        self.immediate_edit.setPlainText(d.immediate_action)
        self.dsl_edit.setText(d.dsl_name)
        self.dsl_on_edit.setDate(d.dsl_referred_on)
        self.agency_combo.setCurrentIndex(max(0, self.agency_combo.findData(d.referral_agency)))
        self.referral_name_edit.setText(d.referral_name)
        self.referral_reference_edit.setText(d.referral_reference)
        self.referral_on_edit.setDate(d.referral_on)
        self.outcome_edit.setPlainText(detail.outcome)
        self.closed_on_edit.setDate(detail.closed_on or date.today())
        self._about_changed()
        self._show_lists(detail)

    def _select(self, combo: QComboBox, value: int | None, missing: str) -> None:
        """Select ``value``; someone no longer listed (erased, left the programme) is kept as recorded."""
        if value is None:
            combo.setCurrentIndex(0)
            return
        index = combo.findData(value)
        if index < 0:
            combo.addItem(missing, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _show_lists(self, detail: concerns.ConcernDetail | None) -> None:
        self.actions_list.clear()
        self.files_list.clear()
        if detail is None:
            self.actions_note.setText(self.tr("None yet. Recording one saves the concern first."))
            self.files_note.setText(
                self.tr("None yet. Adding a file saves the concern first; up to 10 MB each.")
            )
            self.status_label.setText(self.tr("Open. Closing it needs an outcome."))
            self.open_file_button.setEnabled(False)
            self.remove_file_button.setEnabled(False)
            return
        for action in detail.actions:
            text = f"{action.taken_on.isoformat()}  {action.label}"
            if action.kind in ("suspend_match", "suspend_mentor"):
                held = (
                    self.tr("meetings held") if action.meetings == "keep" else self.tr("meetings cancelled")
                )
                text += f" ({len(action.matches_paused)} " + self.tr("match(es) paused") + f", {held})"
            if action.reason:
                text += f": {action.reason}"
            self.actions_list.addItem(text)
        self.actions_note.setText(
            self.tr("{n} recorded.").format(n=len(detail.actions)) if detail.actions else self.tr("None yet.")
        )
        for attachment in detail.attachments:
            item = QListWidgetItem(
                icon("attach"), f"{attachment.filename}  ({max(1, round(attachment.size / 1024))} KB)"
            )
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, attachment.filename)
            self.files_list.addItem(item)
        if detail.attachments:
            self.files_list.setCurrentRow(0)
        self.files_note.setText(
            self.tr("Kept inside the database (encrypted with it when it is encrypted); up to 10 MB each.")
        )
        self.open_file_button.setEnabled(bool(detail.attachments))
        self.remove_file_button.setEnabled(bool(detail.attachments))
        if detail.closed_on:
            self.status_label.setText(
                self.tr("Closed on {day}; kept until {until}.").format(
                    day=detail.closed_on.isoformat(),
                    until=detail.keep_until.isoformat() if detail.keep_until else "—",
                )
            )
            self.close_button.setText(self.tr("Save the outcome"))
        else:
            self.status_label.setText(self.tr("Open. Closing it needs an outcome."))

    # -- saving --------------------------------------------------------------------------------------------
    def draft(self) -> ConcernDraft:
        return ConcernDraft(
            raised_by=self.raised_by_edit.text(),
            raised_on=self.raised_on_edit.value(),
            about=self.about_combo.currentData(),
            category=self.category_combo.currentData() or "",
            description=self.description_edit.toPlainText(),
            immediate_action=self.immediate_edit.toPlainText(),
            mentee_id=self.mentee_combo.currentData() if self.mentee_combo.isEnabled() else None,
            mentor_id=self.mentor_combo.currentData() if self.mentor_combo.isEnabled() else None,
            other_person=self.other_edit.text() if self.other_edit.isEnabled() else "",
            match_id=self.match_combo.currentData(),
            dsl_name=self.dsl_edit.text(),
            dsl_referred_on=self.dsl_on_edit.value(),
            referral_agency=self.agency_combo.currentData() or "",
            referral_name=self.referral_name_edit.text(),
            referral_reference=self.referral_reference_edit.text(),
            referral_on=self.referral_on_edit.value(),
        )

    def _refused(self, exc: ConcernRefused) -> None:
        self.error_label.setText(str(exc))
        first = next(iter(exc.problems), "")
        self.tabs.setCurrentIndex(FIELD_TABS.get(first, CONCERN_TAB if first != "taken_on" else ACTIONS_TAB))

    def _save(self) -> bool:
        if refuse_bad_dates(self, self.error_label):
            return False
        try:
            if self.concern_id is None:
                self.concern_id = concerns.raise_concern(self.programme_id, self.draft())
                self.setWindowTitle(self.tr("Safeguarding concern #{id}").format(id=self.concern_id))
                self.guard.watch("concern", self.concern_id)
            else:
                self.guard.save(concerns.update_concern, self.concern_id, self.draft())
                if self.guard.withdrawn:
                    return False
        except ConcernRefused as exc:
            self._refused(exc)
            return False
        self.changed = True
        self.error_label.clear()
        self.mark_saved()  # saved: nothing typed is at risk any more
        return True

    def _reload(self) -> None:
        if self.concern_id is not None:
            self._show_lists(concerns.detail(self.concern_id, purpose="reloaded after a change"))

    def accept(self) -> None:
        if self._save():
            self.leave_without_asking()
            super().accept()

    # -- leaving without saving ---------------------------------------------------------------------------
    def discard_question(self) -> tuple[str, str]:
        """A concern typed in the reporter's words is not thrown away without a question."""
        if self.concern_id is None:
            return self.tr("Discard this concern?"), self.tr("What you typed is not saved.")
        return self.tr("Discard your changes to this concern?"), self.tr("What was saved before stays as it was.")

    # -- actions and files ---------------------------------------------------------------------------------
    def _action(self, kind: str) -> None:
        from mentordesk.ui.concerns.action_dialog import ActionDialog

        if not self._save():
            return
        assert self.concern_id is not None
        dialog = ActionDialog(kind, self.concern_id, self.draft(), self.subjects, self.match_list, self)
        if dialog.exec():
            self.changed = True
            self._reload()

    def _add_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file to the concern"))
        if not path or not self._save():
            return
        assert self.concern_id is not None
        try:
            concerns.add_attachment(self.concern_id, Path(path))
        except ConcernRefused as exc:
            self._refused(exc)
            return
        self.changed = True
        self._reload()

    def _current_file(self) -> tuple[int, str] | None:
        item = self.files_list.currentItem()
        if item is None:
            return None
        return int(item.data(Qt.ItemDataRole.UserRole)), str(item.data(Qt.ItemDataRole.UserRole + 1))

    def _open_file(self) -> None:
        current = self._current_file()
        if current is None:
            return
        attachment_id, name = current
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the attachment"), name)
        if not path:
            return
        try:
            concerns.export_attachment(attachment_id, Path(path))
        except (ConcernRefused, OSError) as exc:
            self.error_label.setText(self.tr("The copy could not be written: {why}").format(why=exc))
            return
        self.error_label.setText(self.tr("A private copy (readable by you alone) was saved."))

    def _remove_file(self) -> None:
        current = self._current_file()
        if current is None:
            return

        answer = QMessageBox.question(
            self,
            self.tr("Remove the attachment?"),
            self.tr("Remove {name} from this concern? Its copy in the database is deleted.").format(
                name=current[1]
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        concerns.remove_attachment(current[0])
        self.changed = True
        self._reload()

    def _close_concern(self) -> None:
        if refuse_bad_dates(self, self.error_label) or not self._save():
            return
        assert self.concern_id is not None
        try:
            self.guard.save(
                concerns.close_concern,
                self.concern_id,
                self.outcome_edit.toPlainText(),
                self.closed_on_edit.value(),
            )
            if self.guard.withdrawn:
                return
        except ConcernRefused as exc:
            self._refused(exc)
            return
        self.changed = True
        self._reload()
        self.error_label.clear()
