"""Pairing by hand: pick a mentee, see every mentor ranked with the reasons, and why the others cannot be chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import ProgrammeKind
from mentordesk.services import pairing, programmes
from mentordesk.services.pairing import waiting_people
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE
from mentordesk.ui.pairing.breakdown import BreakdownView
from mentordesk.ui.pairing.models import CandidatesModel
from mentordesk.ui.pairing.review_tab import make_table
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label


class ManualPairingDialog(QDialog):
    def __init__(self, programme_id: int, mentee_id: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.created_match = 0
        self.setWindowTitle(self.tr("Pair by hand"))
        self.setWindowIcon(icon("match"))
        self.resize(1040, 600)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.mentee_combo = QComboBox()
        self.mentee_combo.setEditable(True)
        self.mentee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.mentee_combo.completer()
        assert completer is not None  # an editable combo has one
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        for pid, name, note in waiting_people(programme_id):
            self.mentee_combo.addItem(f"{name}{f' — {note}' if note else ''}", pid)
        form.addRow(self.tr("&Mentee:"), self.mentee_combo)
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "Eligible mentors come first, best score first. Greyed ones cannot be chosen; the last column says "
                "why. The pair is saved as a pinned draft, so re-running the matcher keeps it."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = CandidatesModel(self)
        if programmes.get_programme(programme_id).kind == ProgrammeKind.PEER.value:
            self.model.HEADERS = ("Partner", "Score", "Places left", "Eligible?")
        self.view, self.proxy = make_table(self.model, CandidatesModel.STATUS, stretch=(3,))
        # The reasons are the point of this list: let them wrap rather than clip, re-measured as widths change.
        self.view.setWordWrap(True)
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        splitter.addWidget(self.view)
        self.breakdown = BreakdownView()
        splitter.addWidget(self.breakdown)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 340])
        layout.addWidget(splitter, 1)
        rationale_form = QFormLayout()
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText(
            self.tr("Why this pair (kept in the match record), e.g. same bus route")
        )
        rationale_form.addRow(self.tr("&Rationale:"), self.rationale)
        layout.addLayout(rationale_form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.pair_button = QPushButton(icon("match"), self.tr("&Pair them"))
        self.buttons = dialog_buttons(self, self.pair_button)
        layout.addWidget(self.buttons)
        self.mentee_combo.currentIndexChanged.connect(self.load_candidates)
        if mentee_id:
            index = self.mentee_combo.findData(mentee_id)
            if index >= 0:
                self.mentee_combo.setCurrentIndex(index)
        self.load_candidates()

    def mentee_id(self) -> int:
        return int(self.mentee_combo.currentData() or 0)

    def load_candidates(self, *_: object) -> None:
        self.error_label.clear()
        mentee = self.mentee_id()
        if not mentee:
            self.model.set_rows([])
            self.breakdown.clear(self.tr("Nobody is waiting for a match in this programme."))
            self._on_selection()
            return
        try:
            rows = pairing.rank_candidates(self.programme_id, mentee)
        except pairing.PairingError as exc:
            rows = []
            self.error_label.setText(str(exc))
        self.model.set_rows(rows)
        self.proxy.sort(CandidatesModel.STATUS, Qt.SortOrder.AscendingOrder)
        self.view.resizeRowsToContents()
        if not rows:
            self.breakdown.clear(self.tr("There are no mentors in this programme yet."))
        elif rows[0].eligible:
            self.select_candidate(rows[0].participant_id)
        else:
            self.breakdown.clear(self.tr("No mentor can be chosen for this mentee now; the list says why."))
        self._on_selection()

    def select_candidate(self, participant_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).participant_id == participant_id:
                self.view.selectRow(row)
                return True
        return False

    def current(self):
        indexes = self.view.selectionModel().selectedRows()
        return indexes[0].data(ROW_ROLE) if indexes else None

    def _on_selection(self, *_: object) -> None:
        candidate = self.current()
        self.pair_button.setEnabled(candidate is not None and candidate.eligible)
        if candidate is None:
            return
        self.breakdown.show_breakdown(candidate.name, candidate.score, candidate.explanation.to_breakdown())
        if not candidate.eligible:
            self.error_label.setText(
                self.tr("Cannot be chosen: {why}.").format(why="; ".join(candidate.reasons))
            )
        else:
            self.error_label.clear()

    def accept(self) -> None:
        candidate = self.current()
        if candidate is None or not candidate.eligible:
            return
        try:
            self.created_match = pairing.pair_manually(
                self.programme_id, self.mentee_id(), candidate.participant_id, self.rationale.text()
            )
        except pairing.PairingError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()
