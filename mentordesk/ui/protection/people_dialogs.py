"""Data-subject requests in the GUI: pick a person, export their data, erase them after confirmation.

``export_person`` and ``erase_person`` are the entry points other areas can call
(e.g. from a participant's context menu) with a participant id.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk import config
from mentordesk.core.vocab import label
from mentordesk.services import protection
from mentordesk.services.protection import PersonRow
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsTableModel
from mentordesk.ui.widgets.form_parts import destructive_button, dialog_buttons, error_label

NAME, EMAIL, ROLES, PROGRAMMES = range(4)
PersonRole = ROW_ROLE


class PeopleModel(RowsTableModel[PersonRow]):
    HEADERS = ("Name", "E-mail", "Roles", "Programmes")

    def __init__(self, rows: list[PersonRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows

    def row_texts(self, row: PersonRow) -> tuple[str, ...]:
        roles = ", ".join(label(r) for r in row.roles.split(", ") if r)
        return (row.name, row.email, roles, row.programmes)


class PersonPickerDialog(QDialog):
    """Choose the person a request is about; the chosen one is ``selected`` (a PersonRow)."""

    def __init__(self, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(purpose)
        self.resize(QSize(760, 480))
        self.selected: PersonRow | None = None
        layout = QVBoxLayout(self)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Type part of a name or e-mail address…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        layout.addWidget(self.search_edit)
        self.model = PeopleModel(protection.list_people(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)  # names in alphabetical order, as they read
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in (NAME, EMAIL, ROLES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRAMMES, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.accept())
        layout.addWidget(self.table, 1)
        if not self.model.rows:
            empty = QLabel(self.tr("There is nobody in the database yet."))
            empty.setObjectName("hint")
            layout.addWidget(empty)
        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Continue…"))
        self.ok_button.setEnabled(False)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.ok_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        )
        layout.addWidget(buttons)
        self.search_edit.setFocus()

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.selected = rows[0].data(PersonRole)
        super().accept()


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "person"


def _register_open(parent: QWidget) -> bool:
    """The concerns register is unlocked, or the user unlocks it now (the lead's confirmation)."""
    from mentordesk.services import concerns
    from mentordesk.ui.concerns.unlock_dialog import RegisterUnlockDialog

    return concerns.is_unlocked() or bool(RegisterUnlockDialog(parent).exec())


class ConcernsChoice(QCheckBox):
    """ "Include (or delete) the safeguarding concerns": ticking it needs the register unlocked."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self._confirm)

    def _confirm(self, on: bool) -> None:
        if on and not _register_open(self):
            self.setChecked(False)


class ExportChoiceDialog(QDialog):
    """Before a person's data is exported: whether their safeguarding concerns go in, and why not by default."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from mentordesk.services import concerns

        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a person's data"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The export holds everything MentorDesk keeps about them, as JSON and PDF."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.concerns_check = ConcernsChoice(self.tr("Include &safeguarding concerns about them"))
        layout.addWidget(self.concerns_check)
        reason = QLabel(self.tr(concerns.LEGAL_REASON))
        reason.setObjectName("hint")
        reason.setWordWrap(True)
        layout.addWidget(reason)
        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Choose a folder…"))
        layout.addWidget(buttons)


def export_person(
    parent: QWidget, participant_id: int, folder: Path | None = None, *, include_concerns: bool = False
) -> tuple[Path, Path] | None:
    """Ask where, then write ``<name>-data.json`` and ``<name>-data.pdf``; returns both paths.

    Asked interactively (no ``folder``), the user also chooses whether safeguarding concerns go in."""
    person = protection.collect(participant_id)["person"]
    stem = _safe_name(f"{person['first_name']}-{person['last_name']}") + "-data"
    if folder is None:
        choice = ExportChoiceDialog(parent)
        if not choice.exec():
            return None
        include_concerns = choice.concerns_check.isChecked()
        start = config.ensure_dir(config.documents_dir())
        chosen = QFileDialog.getExistingDirectory(
            parent, parent.tr("Export the data to which folder?"), str(start)
        )
        if not chosen:
            return None
        folder = Path(chosen)
    json_path = protection.export_json(
        participant_id, folder / f"{stem}.json", include_concerns=include_concerns
    )
    pdf_path = protection.export_pdf(
        participant_id, folder / f"{stem}.pdf", include_concerns=include_concerns
    )
    return json_path, pdf_path


class EraseDialog(QDialog):
    """Lists what erasing a person deletes and keeps; the Erase button waits for an explicit tick."""

    def __init__(self, ctx: AppContext, participant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.participant_id = participant_id
        self.plan = protection.erasure_plan(participant_id)
        self.erased = False
        self.setWindowTitle(self.tr("Erase {name}").format(name=self.plan.display_name))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h3>Erase {name}?</h3>").format(name=_html(self.plan.display_name)))
        layout.addWidget(heading)
        self.summary_label = QLabel(self._summary_html())
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary_label)
        self.concerns_check = ConcernsChoice(self.tr("Also &delete the safeguarding concerns about them"))
        self.concerns_check.setVisible(bool(self.plan.concerns))
        layout.addWidget(self.concerns_check)
        self.confirm_check = QCheckBox(
            self.tr("I understand that this cannot be undone (except by restoring a backup).")
        )
        layout.addWidget(self.confirm_check)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        export = QPushButton(icon("export"), self.tr("E&xport their data first…"))
        export.clicked.connect(self._export_first)
        self.erase_button = destructive_button(self.tr("&Erase"))
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.confirm_check.toggled.connect(self.erase_button.setEnabled)
        cancel = QPushButton(icon("close"), self.tr("Cancel"))
        layout.addWidget(dialog_buttons(self, None, cancel=cancel, extra=(export, self.erase_button)))
        if self.plan.already_erased:
            self.error_label.setText(self.tr("This person has already been erased."))
            self.confirm_check.setEnabled(False)

    def _summary_html(self) -> str:
        plan = self.plan
        deleted = "".join(f"<li>{n} {_html(self.tr(what))}</li>" for what, n in plan.deleted) or self.tr(
            "<li>no other records</li>"
        )
        if plan.files:
            deleted += self.tr("<li>{n} generated document file(s) on disk</li>").format(n=len(plan.files))
        kept = "".join(f"<li>{n} {_html(self.tr(what))}</li>" for what, n in plan.anonymised)
        return (
            self.tr(
                "<p><b>Deleted for good:</b></p><ul>{deleted}</ul>"
                "<p><b>Kept without anything that identifies them</b> (so programme statistics stay true):</p>"
                "<ul>{kept}</ul>"
                "<p>The record will read “{stub}”. A backup is made first. Backups taken before today still "
                "contain this person until they are pruned (every backup for {days} days, then one a week for "
                "{weeks} weeks and one a month for {months} months; backups you made yourself stay until you "
                "delete them).</p>"
            ).format(
                deleted=deleted,
                kept=kept,
                stub=protection.stub_name(plan.participant_id),
                days=protection.generations()[0],
                weeks=protection.generations()[1],
                months=protection.generations()[2],
            )
            + self._concerns_html()
            + self._mentions_html()
        )

    def _concerns_html(self) -> str:
        note = self.plan.concerns_note
        if not note:
            return ""
        return self.tr("<p><b>Kept unless you choose otherwise:</b> {note}</p>").format(note=_html(note))

    def _mentions_html(self) -> str:
        """Other people's text that names this person: listed, never changed here (it may be a namesake)."""
        found = self.plan.mentions
        if not found:
            return ""
        items = "".join(f"<li>{_html(m.describe())}</li>" for m in found[:15])
        if len(found) > 15:
            items += self.tr("<li>and {n} more</li>").format(n=len(found) - 15)
        return self.tr(
            "<p><b>Mentioned in other records</b> ({n}): the name, e-mail or phone appears in text "
            "outside their matches, perhaps about someone else of the same name. Review and edit these "
            "yourself after erasing:</p><ul>{items}</ul>"
        ).format(n=len(found), items=items)

    def _export_first(self) -> None:
        written = export_person(self, self.participant_id)
        if written:
            self.ctx.show_status(self.tr("Exported to {folder}").format(folder=written[0].parent))
            self.plan = protection.erasure_plan(self.participant_id)  # the PDF is now one of their documents
            self.summary_label.setText(self._summary_html())

    def erase(self) -> None:
        if not self.confirm_check.isChecked():
            return
        try:
            protection.backup_before(self.ctx.db_path, "erase")
            protection.erase(self.participant_id, delete_concerns=self.concerns_check.isChecked())
        except (protection.SubjectAccessError, OSError, PermissionError) as exc:
            self.error_label.setText(str(exc))
            return
        self.erased = True
        self.ctx.notify("participants")
        self.ctx.show_status(
            self.tr("Erased. The record now reads “{stub}”.").format(
                stub=protection.stub_name(self.participant_id)
            )
        )
        self.accept()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def choose_and_export(ctx: AppContext, parent: QWidget) -> None:
    picker = PersonPickerDialog(parent.tr("Export a person's data"), parent)
    if picker.exec() and picker.selected is not None:
        written = export_person(parent, picker.selected.id)
        if written:
            QMessageBox.information(
                parent,
                parent.tr("Data exported"),
                parent.tr("Written:\n{json}\n{pdf}").format(json=written[0], pdf=written[1]),
            )


def erase_person(ctx: AppContext, parent: QWidget, participant_id: int) -> bool:
    dialog = EraseDialog(ctx, participant_id, parent)
    dialog.exec()
    return dialog.erased


def choose_and_erase(ctx: AppContext, parent: QWidget) -> None:
    picker = PersonPickerDialog(parent.tr("Erase a person"), parent)
    if picker.exec() and picker.selected is not None:
        erase_person(ctx, parent, picker.selected.id)
