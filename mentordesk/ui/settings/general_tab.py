"""General settings: the organisation's name and logo on paperwork, and the paper size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.store import settings
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import form_layout


class GeneralTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        organisation = QGroupBox(self.tr("Organisation"))
        form = form_layout(organisation)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(self.tr("e.g. Riverside Academy"))
        self.organisation_edit.editingFinished.connect(self._save_organisation)
        self.logo_label = QLabel()
        self.logo_label.setObjectName("hint")
        choose = QPushButton(icon("open"), self.tr("Choose logo…"))
        choose.clicked.connect(self._choose_logo)
        clear = QPushButton(self.tr("Remove"))
        clear.clicked.connect(lambda: self._set_logo(""))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(clear)
        self.page_size = QComboBox()
        self.page_size.addItem(self.tr("A4"), "A4")
        self.page_size.addItem(self.tr("US Letter"), "Letter")
        self.page_size.currentIndexChanged.connect(self._save_page_size)
        form.addRow(self.tr("Organisation &name:"), self.organisation_edit)
        paperwork = QGroupBox(self.tr("Paperwork"))
        paper_form = form_layout(paperwork)
        paper_form.addRow(self.tr("Logo on paperwork:"), logo_row)
        paper_form.addRow(self.tr("&Paper size:"), self.page_size)
        layout.addWidget(organisation)
        layout.addWidget(paperwork)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.organisation_edit.setText(settings.get("organisation_name") or "")
        logo = settings.get("logo_path") or ""
        self.logo_label.setText(logo or self.tr("No logo"))
        self.page_size.blockSignals(True)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(settings.get("page_size") or "A4")))
        self.page_size.blockSignals(False)

    def _save_organisation(self) -> None:
        settings.put("organisation_name", self.organisation_edit.text().strip())
        self.ctx.show_status(self.tr("Saved."))

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a logo"), str(Path.home()), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self._set_logo(path)

    def _set_logo(self, path: str) -> None:
        settings.put("logo_path", path)
        self.refresh()

    def _save_page_size(self) -> None:
        settings.put("page_size", self.page_size.currentData())
        self.ctx.show_status(self.tr("Paper size saved."))


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "General", GeneralTab(ctx)
