"""File › Print application form…: a programme's blank form for mentors or mentees, paper or fillable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.documents import safe_filename
from mentordesk.services import documents, forms, programmes
from mentordesk.ui.context import AppContext
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, form_layout


class PrintFormDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Print application form"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = form_layout()
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("For"))
        self.role.addItem(self.tr("Mentees (with the parent or carer section)"), "mentee")
        self.role.addItem(self.tr("Mentors"), "mentor")
        role_label = QLabel(self.tr("&For:"))
        role_label.setBuddy(self.role)
        form.addRow(role_label, self.role)
        self.fillable = QRadioButton(self.tr("F&illable PDF to e-mail or put on a USB stick"))
        self.paper = QRadioButton(self.tr("&Paper form to print and fill in by hand"))
        self.fillable.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.fillable)
        group.addButton(self.paper)
        kind = QVBoxLayout()
        kind.addWidget(self.fillable)
        kind.addWidget(self.paper)
        form.addRow(self.tr("Kind:"), kind)
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Save as"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        path_label = QLabel(self.tr("&Save as:"))
        path_label.setBuddy(self.path)
        form.addRow(path_label, where)
        hint = QLabel(
            self.tr(
                "The form asks the usual questions and this programme's custom fields (Settings › Custom "
                "fields). Import returned fillable forms with Participants › Import: choose the PDF or its folder."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout.addLayout(form)
        self.error = error_label(hidden=True)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.role.currentIndexChanged.connect(self._suggest)
        self.fillable.toggled.connect(self._suggest)
        self._suggested = ""
        self._suggest()

    def _suggest(self) -> None:
        """A file name that says what the form is, unless the user typed or chose their own."""
        if self.path.text().strip() not in ("", self._suggested):
            return
        try:
            folder = documents.output_dir()
        except documents.DocumentError:
            folder = Path.home()
        name = programmes.get_programme(self.ctx.programme_id).name if self.ctx.programme_id else ""
        kind = "fillable" if self.fillable.isChecked() else "paper"
        self._suggested = str(
            folder / safe_filename([name, f"{self.role.currentData()} application form", kind])
        )
        self.path.setText(self._suggested)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the form as"), self.path.text(), "PDF (*.pdf)"
        )
        if chosen:
            self.path.setText(chosen)

    def accept(self) -> None:
        text = self.path.text().strip()
        if not text.lower().endswith(".pdf"):
            self.error.setText(self.tr("Give a file name ending in .pdf."))
            self.error.show()
            return
        try:
            self.written = forms.print_form(
                self.ctx.programme_id, self.role.currentData(), Path(text), fillable=self.fillable.isChecked()
            )
        except (forms.FormError, OSError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.ctx.show_status(self.tr("Application form written to {path}").format(path=self.written))
        super().accept()
