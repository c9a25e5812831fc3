"""Left side of the Documents area: pick a match (and a person), then the document to print."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import DocumentKind as K, MatchStatus
from mentordesk.services import documents
from mentordesk.ui.documents.models import MatchesModel, RowRole
from mentordesk.ui.icons import icon

# (kind, button text, icon, needs a closed match)
KIND_BUTTONS = [
    (K.AGREEMENT, "Agreement", "documents", False),
    (K.CONSENT_FORM, "Consent form", "shield", False),
    (K.WELCOME_MENTOR, "Welcome (mentor)", "person", False),
    (K.WELCOME_MENTEE, "Welcome (mentee)", "person", False),
    (K.CLOSURE_LETTER, "Closure letter", "close", True),
    (K.CERTIFICATE, "Certificate", "ok", False),
    (K.MEETING_LOG, "Meeting log", "meetings", False),
    (K.GOAL_WORKSHEET, "Goal worksheet", "goals", False),
    (K.REFLECTION_SHEET, "Reflection sheet", "edit", False),
]
PERSONAL = {K.CONSENT_FORM, K.WELCOME_MENTOR, K.WELCOME_MENTEE, K.CLOSURE_LETTER, K.CERTIFICATE}


class GeneratePanel(QWidget):
    generateRequested = Signal(str, int, object)  # kind, match id, participant id or None
    matchChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Print for a match"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(self.tr("Find a match"))
        self.filter_edit.setPlaceholderText(self.tr("Find a match by name…"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)
        self.model = MatchesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName(self.tr("Matches"))
        self.view.selectionModel().currentChanged.connect(self._on_current)
        layout.addWidget(self.view, 1)
        self.none_label = QLabel(
            self.tr("No matches yet: make them in Pairing, then print their paperwork here.")
        )
        self.none_label.setObjectName("hint")
        self.none_label.setWordWrap(True)
        layout.addWidget(self.none_label)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)

        who = QHBoxLayout()
        who_label = QLabel(self.tr("&For:"))
        self.recipient = QComboBox()
        self.recipient.setToolTip(
            self.tr("Letters, certificates and consent forms: everyone concerned, or one person")
        )
        who_label.setBuddy(self.recipient)
        who.addWidget(who_label)
        who.addWidget(self.recipient, 1)
        layout.addLayout(who)

        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for number, (kind, text, icon_name, _closed) in enumerate(KIND_BUTTONS):
            button = QPushButton(icon(icon_name), self.tr(text))
            button.setToolTip(self.tr("Print the {kind}").format(kind=documents.title(kind).lower()))
            button.clicked.connect(lambda _=False, k=kind: self.request(k))
            grid.addWidget(button, number // 2, number % 2)
            self.buttons[kind] = button
        self.buttons[K.AGREEMENT].setObjectName("primary")
        self.buttons[K.AGREEMENT].setShortcut("Ctrl+G")
        self.buttons[K.AGREEMENT].setToolTip(self.tr("Print the mentoring agreement (Ctrl+G)"))
        layout.addLayout(grid)
        self.open_after = QCheckBox(self.tr("&Open each document after printing"))
        self.open_after.setChecked(True)
        layout.addWidget(self.open_after)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------------
    def set_matches(self, rows: list[documents.MatchRow]) -> None:
        keep = self.current_match_id()
        self.model.set_rows(rows)
        self.none_label.setVisible(not rows)
        self.view.setVisible(bool(rows))
        self.filter_edit.setVisible(bool(rows))
        target = self.model.index_of(keep) if keep else self.model.index(0, 0)
        if not target.isValid():  # the match went away, or another programme is shown
            target = self.model.index(0, 0)
        if target.isValid():
            self.view.selectionModel().setCurrentIndex(
                self.proxy.mapFromSource(target), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._on_current()

    def current_row(self) -> documents.MatchRow | None:
        index = self.view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def current_match_id(self) -> int | None:
        row = self.current_row()
        return row.id if row else None

    def select_match(self, match_id: int) -> bool:
        index = self.model.index_of(match_id)
        if not index.isValid():
            return False
        self.filter_edit.clear()
        self.view.setCurrentIndex(self.proxy.mapFromSource(index))
        return True

    def recipient_id(self) -> int | None:
        return self.recipient.currentData()

    # -- reactions ----------------------------------------------------------------------------
    def _on_current(self, *_: object) -> None:
        row = self.current_row()
        self.recipient.clear()
        self.recipient.addItem(self.tr("Everyone it concerns"), None)
        if row is not None:
            for person_id, name in zip(row.member_ids, row.member_names, strict=True):
                self.recipient.addItem(icon("person"), name, person_id)
        problems = self.model.unprintable.get(row.id, []) if row else []
        self.warning.setText(
            self.tr("These names cannot be printed with the fonts on this computer: {names}.").format(
                names=", ".join(problems)
            )
        )
        self.warning.setVisible(bool(problems))
        self._update_buttons()
        self.matchChanged.emit(row.id if row else 0)

    def _update_buttons(self) -> None:
        row = self.current_row()
        for kind, _text, _icon, needs_closed in KIND_BUTTONS:
            enabled = row is not None and (not needs_closed or row.status == MatchStatus.CLOSED.value)
            self.buttons[kind].setEnabled(enabled)
        self.buttons[K.CLOSURE_LETTER].setToolTip(
            self.tr("Print closure letters (the match must be closed first)")
        )
        self.recipient.setEnabled(row is not None)

    def request(self, kind: str) -> None:
        match_id = self.current_match_id()
        if match_id is None:
            return
        person = self.recipient_id() if kind in PERSONAL else None
        self.generateRequested.emit(kind, match_id, person)
