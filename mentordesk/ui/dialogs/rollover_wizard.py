"""File › Roll over to a new year…: next year's programme from this one, with a preview before anything is made.

Three steps: the new year (name, dates, whether valid checks come along); who continues
(the active and paused pairs, proposed again as drafts, and anyone else who returns); and a
preview that says what will be copied and done. Nothing is written until Roll over is pressed,
and then all of it or none (the work runs on the Worker, with progress and cancel).
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mentordesk.core.vocab import EnrolmentStatus, label
from mentordesk.services import programmes, rollover
from mentordesk.ui.formatting import format_date
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.form_parts import error_label, hint
from mentordesk.ui.workers import Worker

ID = Qt.ItemDataRole.UserRole
RETURNING = {EnrolmentStatus.MATCHED.value, EnrolmentStatus.READY.value}  # ticked by default


def next_name(name: str) -> str:
    """"Mentoring 2025-26" -> "Mentoring 2026-27"; "Year 9 2025" -> "Year 9 2026"; else "... (next year)"."""
    span = re.search(r"(\d{4})([-/–])(\d{2}|\d{4})\b", name)
    if span:
        first, sep, second = int(span.group(1)), span.group(2), span.group(3)
        later = str(int(second) + 1).zfill(len(second))[-len(second):]
        return name[: span.start()] + f"{first + 1}{sep}{later}" + name[span.end() :]
    year = re.search(r"\b(19|20)\d{2}\b", name)
    if year:
        return name[: year.start()] + str(int(year.group()) + 1) + name[year.end() :]
    return f"{name} (next year)"


class YearPage(QWizardPage):
    def __init__(self, wizard: RollOverWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("The new year"))
        self.setSubTitle(
            self.tr("Settings, templates and term breaks come from {name}; the dates move by whole weeks.").format(
                name=wizard.source.name
            )
        )
        form = QFormLayout(self)
        self.name = QLineEdit(next_name(wizard.source.name))
        self.name.setAccessibleName(self.tr("Name of the new programme"))
        self.starts = DateEdit()
        self.starts.setAccessibleName(self.tr("First day of the new programme"))
        self.ends = DateEdit()
        self.ends.setAccessibleName(self.tr("Last day of the new programme"))
        year = timedelta(weeks=52)
        self.starts.setDate(wizard.source.starts_on + year if wizard.source.starts_on else None)
        self.ends.setDate(wizard.source.ends_on + year if wizard.source.ends_on else None)
        self.carry = QCheckBox(self.tr("&Carry over screening checks that are still valid"))
        self.carry.setChecked(True)
        self.error = error_label(hidden=True)
        form.addRow(self.tr("Na&me:"), self.name)
        form.addRow(self.tr("&Starts on:"), self.starts)
        form.addRow(self.tr("&Ends on:"), self.ends)
        form.addRow("", self.carry)
        form.addRow(self.error)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self.name.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        starts, ends = self.starts.value(), self.ends.value()
        if starts and ends and ends < starts:
            self.error.setText(self.tr("The new programme ends before it starts: check the dates."))
            self.error.show()
            return False
        self.error.hide()
        return True


class PeoplePage(QWizardPage):
    def __init__(self, wizard: RollOverWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Who continues"))
        self.setSubTitle(
            self.tr(
                "Ticked pairs are proposed again as drafts for you to review; ticked people are enrolled. "
                "Everyone starts as Applied and keeps their record."
            )
        )
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Continues"), self.tr("Status")])
        self.tree.setAccessibleName(self.tr("Pairs and people who continue"))
        self.tree.setUniformRowHeights(True)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint(self.tr("Space ticks or clears the selected line; both members of a ticked pair come along.")))
        matches, people = rollover.continuing_choices(wizard.source.id)
        self.pairs = QTreeWidgetItem(self.tree, [self.tr("Continuing pairs ({n})").format(n=len(matches))])
        for match in matches:
            item = QTreeWidgetItem(self.pairs, [f"{match.mentors} & {match.mentees}", label(match.status)])
            item.setData(0, ID, match.id)
            item.setCheckState(0, Qt.CheckState.Checked)
        self.people = QTreeWidgetItem(self.tree, [self.tr("People ({n})").format(n=len(people))])
        for person in sorted(people, key=lambda p: (p.role, p.name.casefold())):
            item = QTreeWidgetItem(self.people, [f"{person.name} ({label(person.role).lower()})", label(person.status)])
            item.setData(0, ID, person.participant_id)
            item.setCheckState(0, Qt.CheckState.Checked if person.status in RETURNING else Qt.CheckState.Unchecked)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def _ticked(self, parent: QTreeWidgetItem) -> tuple[int, ...]:
        children = [parent.child(i) for i in range(parent.childCount())]
        return tuple(
            int(item.data(0, ID))
            for item in children
            if item is not None and item.checkState(0) == Qt.CheckState.Checked
        )

    def matches(self) -> tuple[int, ...]:
        return self._ticked(self.pairs)

    def participants(self) -> tuple[int, ...]:
        return self._ticked(self.people)


class PreviewPage(QWizardPage):
    ran = Signal(object)

    def __init__(self, wizard: RollOverWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check, then roll over"))
        self.setSubTitle(self.tr("Nothing is made until you press Roll over; then all of it or none."))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Roll-over progress"))
        self.progress.hide()
        self.error = error_label(hidden=True)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.worker: Worker | None = None
        self.result: rollover.RollOverResult | None = None

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        plan = self.w.plan()
        shift = rollover.week_shift(self.w.source.starts_on, plan.starts_on)
        dates = (
            self.tr("from {a} to {b}").format(a=format_date(plan.starts_on), b=format_date(plan.ends_on))
            if plan.starts_on and plan.ends_on
            else self.tr("without dates yet")
        )
        lines = [
            self.tr("Makes <b>{name}</b>, {dates}.").format(name=html.escape(plan.name), dates=dates),
            self.tr(
                "Copies the settings, the matching rules, the document and goal templates, the surveys, "
                "the application form's questions and a board's sponsors."
            ),
            self.tr("Moves the term breaks by {weeks} weeks.").format(weeks=shift // 7)
            if shift
            else self.tr("Keeps the term break dates as they are (give both programmes a start date to move them)."),
            self.tr("Enrols the {p} people ticked and the members of {m} continuing pairs, as Applied.").format(
                p=len(plan.people), m=len(plan.matches)
            ),
            self.tr("Proposes the {m} pairs again as drafts (those the rules still allow), for you to publish.").format(
                m=len(plan.matches)
            ),
            self.tr("Screening checks still valid come along.")
            if plan.carry_checks
            else self.tr("Screening checks stay behind."),
            self.tr("{old} stays exactly as it is.").format(old=html.escape(self.w.source.name)),
        ]
        self.summary.setText("<br>".join(f"• {line}" for line in lines))
        self.error.hide()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.worker is None

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        if self.result is not None:
            return True
        self.worker = Worker(rollover.roll_over, self.w.source.id, self.w.plan())
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        self.worker.signals.cancelled.connect(lambda: self._failed(None))
        self.progress.show()
        self.completeChanged.emit()
        self.worker.start()
        return False

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{text} %p%")

    def _finished(self, result: rollover.RollOverResult) -> None:
        self.worker = None
        self.result = result
        self.ran.emit(result)
        self.w.accept()

    def _failed(self, exc: object) -> None:
        self.worker = None
        self.progress.hide()
        self.error.setText(str(exc) if exc is not None else self.tr("Cancelled: nothing was made."))
        self.error.show()
        self.completeChanged.emit()


class RollOverWizard(QWizard):
    def __init__(self, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = programmes.get_programme(programme_id)
        self.setWindowTitle(self.tr("Roll over to a new year"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Roll over"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cance&l"))
        self.year_page = YearPage(self)
        self.people_page = PeoplePage(self)
        self.preview_page = PreviewPage(self)
        for page in (self.year_page, self.people_page, self.preview_page):
            self.addPage(page)
        self.resize(720, 560)

    def plan(self) -> rollover.RollOverPlan:
        return rollover.RollOverPlan(
            " ".join(self.year_page.name.text().split()),
            self.year_page.starts.value(),
            self.year_page.ends.value(),
            self.people_page.participants(),
            self.people_page.matches(),
            carry_checks=self.year_page.carry.isChecked(),
        )

    def reject(self) -> None:
        if self.preview_page.worker is not None:
            self.preview_page.worker.cancel()  # the service rolls back; the wizard closes when it has
            return
        super().reject()

