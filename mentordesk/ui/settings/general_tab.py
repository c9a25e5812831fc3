"""General settings: the organisation's name and logo on paperwork, the paper size, and the school year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from mentordesk.store import settings
from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import error_label, form_layout, hint, scrolling_body, show_problem


class GeneralTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = scrolling_body(self)  # six terms and 200 % text outgrow a laptop screen
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
        layout.addWidget(self._school_year_box())
        layout.addStretch(1)
        self.refresh()

    def _school_year_box(self) -> QGroupBox:
        """The first day of each term: what "this term" and "this school year" mean in reports."""
        from mentordesk.core.reports import MAX_TERMS, MONTHS

        box = QGroupBox(self.tr("School year"))
        form = self.terms_form = form_layout(box)
        self.term_count = QSpinBox()
        self.term_count.setRange(1, MAX_TERMS)
        self.term_count.setAccessibleName(self.tr("Terms in a school year"))
        self.term_count.valueChanged.connect(self._terms_edited)
        self._showing_terms = False  # the values are being filled in, not typed
        count_row = QHBoxLayout()
        count_row.addWidget(self.term_count)
        count_row.addStretch(1)
        count_label = QLabel(self.tr("&Terms in a year:"))
        count_label.setBuddy(self.term_count)
        form.addRow(count_label, count_row)
        self.term_days: list[QSpinBox] = []
        self.term_months: list[QComboBox] = []
        self.term_rows: list[QWidget] = []
        for number in range(1, MAX_TERMS + 1):
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            day = QSpinBox()
            day.setRange(1, 31)
            day.setAccessibleName(self.tr("Term {n} starts on day").format(n=number))
            month = QComboBox()
            for index in range(1, len(MONTHS) + 1):
                month.addItem(QLocale().monthName(index), index)
            month.setAccessibleName(self.tr("Term {n} starts in month").format(n=number))
            day.valueChanged.connect(self._terms_edited)
            month.currentIndexChanged.connect(self._terms_edited)
            line.addWidget(day)
            line.addWidget(month)
            line.addStretch(1)
            self.term_days.append(day)
            self.term_months.append(month)
            self.term_rows.append(row)
            form.addRow(self.tr("Term {n} starts:").format(n=number), row)
        self.uk_terms_button = QPushButton(self.tr("Use the &UK terms"))
        self.uk_terms_button.setToolTip(
            self.tr("Autumn from 1 September, spring from 1 January, summer from 1 April")
        )
        self.uk_terms_button.clicked.connect(self._uk_terms)
        buttons = QHBoxLayout()
        buttons.addWidget(self.uk_terms_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.terms_hint = hint()
        self.terms_error = error_label(hidden=True)
        form.addRow(self.terms_hint)
        form.addRow(self.terms_error)
        return box

    def _show_term_rows(self, count: int) -> None:
        for index, row in enumerate(self.term_rows):
            self.terms_form.setRowVisible(row, index < count)

    def _terms_edited(self, *_: object) -> None:
        if not self._showing_terms:
            self._show_term_rows(self.term_count.value())
            self._save_terms()

    def _show_terms(self, terms) -> None:
        from mentordesk.core.reports import school_year, this_term

        self._showing_terms = True
        try:
            self.term_count.setValue(len(terms.starts))
            for (month, day), day_box, month_box in zip(
                terms.starts, self.term_days, self.term_months, strict=False
            ):
                day_box.setValue(day)
                month_box.setCurrentIndex(month - 1)
        finally:
            self._showing_terms = False
        self._show_term_rows(len(terms.starts))
        today = date.today()
        term, year = this_term(today, terms), school_year(today, terms)
        self.terms_hint.setText(
            self.tr("This term: {t1} – {t2}. This school year: {y1} – {y2}.").format(
                t1=format_date(term.start), t2=format_date(term.end),
                y1=format_date(year.start), y2=format_date(year.end),
            )
        )

    def _save_terms(self) -> None:
        from mentordesk.core.reports import PeriodRefused
        from mentordesk.services import reports

        count = self.term_count.value()
        starts = [
            (int(self.term_months[i].currentData()), self.term_days[i].value()) for i in range(count)
        ]
        if reports.school_terms().starts == tuple(starts):
            self.terms_error.hide()
            return
        try:
            terms = reports.save_school_terms(starts)
        except PeriodRefused as exc:
            # Nothing saved: the terms in use stay as they were until the ones shown make a year.
            show_problem(self.terms_error, self.tr("Not saved yet. {problem}").format(problem=exc))
            return
        self.terms_error.hide()
        self._show_terms(terms)
        self.ctx.notify("all")
        self.ctx.show_status(self.tr("Terms saved: reports and the dashboard follow them."))

    def _uk_terms(self) -> None:
        from mentordesk.core.reports import UK_TERMS

        self._show_terms(UK_TERMS)
        self._save_terms()
        self.terms_error.hide()

    def refresh(self) -> None:
        from mentordesk.services import reports

        self._show_terms(reports.school_terms())
        self.terms_error.hide()
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
