"""The template editor: one template per kind of document, checked live as you type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.documents import BLOCKS, PLACEHOLDERS, TEMPLATE_KINDS, Problem
from mentordesk.services import documents, participants
from mentordesk.ui.context import AppContext
from mentordesk.ui.documents import printing
from mentordesk.ui.documents.highlighter import TemplateHighlighter
from mentordesk.ui.icons import icon

MARKUP_HELP = (
    "<b># Title</b> · <b>## Section</b> · <b>- bullet</b> · <b>[ ] tick box</b><br>"
    "<b>&gt; note</b> · <b>**bold**</b> · <b>// not printed</b> · <b>{{</b> a brace"
)
TokenRole = Qt.ItemDataRole.UserRole
ProblemRole = Qt.ItemDataRole.UserRole + 1


class TemplatesTab(QWidget):
    def __init__(
        self, ctx: AppContext, current_match: Callable[[], int | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_match = current_match
        self.kind = TEMPLATE_KINDS[0]
        self.saved_text = ""
        self.customised_copy = False
        self._checked_text: str | None = None
        self.loaded_programme = 0
        self.last_preview: Path | None = None
        self.problems: list[Problem] = []
        self._check_timer = QTimer(self, singleShot=True, interval=120)
        self._check_timer.timeout.connect(self.run_check)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_kinds())
        splitter.addWidget(self._build_editor())
        splitter.addWidget(self._build_inserts())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 560, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save)
        save.setWhatsThis(self.tr("Save the template"))

    # -- construction -------------------------------------------------------------------------
    def _build_kinds(self) -> QWidget:
        self.kinds = QListWidget()
        self.kinds.setMinimumWidth(200)
        self.kinds.setWordWrap(True)
        self.kinds.setAccessibleName(self.tr("Kinds of document"))
        for kind in TEMPLATE_KINDS:
            item = QListWidgetItem(icon("documents"), self.tr(documents.title(kind)))
            item.setData(TokenRole, kind)
            self.kinds.addItem(item)
        self.kinds.currentRowChanged.connect(self._on_kind)
        return self.kinds

    def _build_editor(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.customised = QLabel()
        self.customised.setObjectName("hint")
        row = QHBoxLayout()
        row.addWidget(self.heading)
        row.addStretch(1)
        row.addWidget(self.customised)
        layout.addLayout(row)
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setAccessibleName(self.tr("Template text"))
        self.highlighter = TemplateHighlighter(self.editor.document())
        self.editor.textChanged.connect(self._on_text_changed)
        layout.addWidget(self.editor, 1)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName(self.tr("Problems in this template"))
        self.problem_list.setMaximumHeight(96)
        self.problem_list.setWordWrap(True)
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)
        layout.addWidget(self.problem_list)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(icon("save"), self.tr("&Save template"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(
            self.tr("Save (Ctrl+S): used for every document of this kind in this programme")
        )
        self.save_button.clicked.connect(self.save)
        self.preview_button = QPushButton(icon("pdf"), self.tr("Pre&view"))
        self.preview_button.setToolTip(
            self.tr("Lay the text out for the selected match (or sample people) and open it")
        )
        self.preview_button.clicked.connect(self.preview)
        self.reset_button = QPushButton(icon("history"), self.tr("Restore &default…"))
        self.reset_button.clicked.connect(self.restore_default)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        layout.addLayout(buttons)
        return box

    def _build_inserts(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Insert"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.insert_filter = QLineEdit()
        self.insert_filter.setAccessibleName(self.tr("Find a placeholder"))
        self.insert_filter.setPlaceholderText(self.tr("Find a placeholder…"))
        self.insert_filter.setClearButtonEnabled(True)
        self.insert_filter.textChanged.connect(self._fill_inserts)
        layout.addWidget(self.insert_filter)
        self.inserts = QListWidget()
        self.inserts.setSpacing(1)
        self.inserts.setAccessibleName(self.tr("Placeholders and parts"))
        self.inserts.itemActivated.connect(self._insert_item)
        self.inserts.itemDoubleClicked.connect(self._insert_item)
        self.inserts.currentItemChanged.connect(self._describe)
        layout.addWidget(self.inserts, 1)
        self.description = QLabel()
        self.description.setObjectName("hint")
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(44)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.description)
        insert = QPushButton(icon("add"), self.tr("&Insert at cursor"))
        insert.clicked.connect(lambda: self._insert_item(self.inserts.currentItem()))
        layout.addWidget(insert)
        help_label = QLabel(MARKUP_HELP)
        help_label.setObjectName("hint")
        help_label.setWordWrap(True)
        layout.addWidget(help_label)
        return box

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.kinds.currentRow() < 0:
            self.kinds.setCurrentRow(0)  # loads through _on_kind
        elif self.loaded_programme == self.ctx.programme_id and self.is_dirty():
            return  # keep the edits in progress
        else:
            self.load(self.kind)

    def load(self, kind: str) -> None:
        self.kind = kind
        self.loaded_programme = self.ctx.programme_id
        programme_id = self.ctx.programme_id or None
        text = documents.template_text(programme_id, kind)
        self.saved_text = text
        self.customised_copy = bool(programme_id) and documents.is_customised(programme_id, kind)
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.heading.setText(self.tr(documents.title(kind)))
        self._fill_inserts()
        self.run_check()
        self._update_state()

    def _on_kind(self, row: int) -> None:
        if row < 0:
            return
        kind = self.kinds.item(row).data(TokenRole)
        if kind != self.kind and self.is_dirty() and not self.confirm_discard():
            self.kinds.blockSignals(True)
            self.kinds.setCurrentRow(TEMPLATE_KINDS.index(self.kind))
            self.kinds.blockSignals(False)
            return
        self.load(kind)

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The {kind} template has unsaved changes. Discard them?").format(
                kind=documents.title(self.kind).lower()
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _custom_inserts(self) -> list[tuple[str, str]]:
        """The programme's custom fields as placeholders: whose answer each one prints."""
        if not self.ctx.programme_id:
            return []
        entries = []
        for spec in participants.list_fields(self.ctx.programme_id):
            whose = ["mentor", "mentee"] if spec.role == "both" else [spec.role]
            for who in [*whose, "participant"]:
                entries.append(
                    (
                        "{" + f"{who}.{spec.placeholder}" + "}",
                        self.tr("{who}'s answer to “{label}” (empty if not answered)").format(
                            who=who.capitalize(), label=spec.label
                        ),
                    )
                )
        return entries

    def _fill_inserts(self) -> None:
        needle = self.insert_filter.text().strip().lower()
        self.inserts.clear()
        groups = [
            (
                self.tr("Generated parts"),
                [(b.token, b.description) for b in BLOCKS if b.available_in(self.kind)],
            ),
            (
                self.tr("Placeholders"),
                [
                    (p.token, f"{p.description}, e.g. {p.example}")
                    for p in PLACEHOLDERS
                    if p.available_in(self.kind)
                ],
            ),
            (self.tr("Custom fields (Settings › Custom fields)"), self._custom_inserts()),
        ]
        for heading, entries in groups:
            shown = [e for e in entries if not needle or needle in e[0].lower() or needle in e[1].lower()]
            if not shown:
                continue
            header = QListWidgetItem(heading)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.inserts.addItem(header)
            for token, description in shown:
                item = QListWidgetItem(token)
                item.setData(TokenRole, token)
                item.setData(ProblemRole, description)
                item.setToolTip(f"{description}\n" + self.tr("Double-click to insert it at the cursor."))
                self.inserts.addItem(item)

    def _describe(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        self.description.setText((item.data(ProblemRole) or "") if item is not None else "")

    # -- editing ------------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def is_dirty(self) -> bool:
        return self.text() != self.saved_text

    def _on_text_changed(self) -> None:
        if self.text() == self._checked_text:
            return  # re-highlighting fires textChanged too; nothing to check again
        self._check_timer.start()
        self._update_state()

    def run_check(self) -> None:
        self._check_timer.stop()
        self._checked_text = self.text()
        self.problems = documents.check_template(self._checked_text, self.kind)
        self.highlighter.set_problems(self.problems)
        self.problem_list.clear()
        for problem in self.problems:
            where = self.tr("Line {line}, column {column}").format(line=problem.line, column=problem.column)
            item = QListWidgetItem(icon("error", "#C62828"), f"{where}: {problem.message}")
            item.setData(ProblemRole, problem.offset)
            self.problem_list.addItem(item)
        self.problem_list.setVisible(bool(self.problems))
        if self.problems:
            self.check_label.setObjectName("error")
            count = len(self.problems)
            self.check_label.setText(
                self.tr("{count} problem(s): fix them to save. Click one to go there.").format(count=count)
            )
        else:
            self.check_label.setObjectName("hint")
            self.check_label.setText(self.tr("Every placeholder and part is known."))
        self.check_label.style().unpolish(self.check_label)
        self.check_label.style().polish(self.check_label)
        self._update_state()

    def _update_state(self) -> None:
        clean = not self.problems and not self._check_timer.isActive()
        self.save_button.setEnabled(self.is_dirty() and clean and bool(self.ctx.programme_id))
        self.preview_button.setEnabled(clean and bool(self.ctx.programme_id))
        customised = self.customised_copy
        self.reset_button.setEnabled(customised or self.is_dirty())
        state = self.tr("Edited for this programme") if customised else self.tr("Default text")
        self.customised.setText(state + (self.tr(" · unsaved changes") if self.is_dirty() else ""))

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(min(int(item.data(ProblemRole)), len(self.text())))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def _insert_item(self, item: QListWidgetItem | None) -> None:
        token = item.data(TokenRole) if item is not None else None
        if not token:
            return
        cursor = self.editor.textCursor()
        if token.startswith("[["):  # a part stands on a line of its own
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            token = ("\n" if cursor.block().text().strip() else "") + token + "\n"
        cursor.insertText(token)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    # -- actions ------------------------------------------------------------------------------
    def save(self) -> bool:
        self.run_check()
        if not self.ctx.programme_id or self.problems:
            return False
        try:
            documents.save_template(self.ctx.programme_id, self.kind, self.text())
        except documents.TemplateRejected as exc:  # the check above makes this rare
            QMessageBox.warning(self, self.tr("Template not saved"), str(exc))
            return False
        self.saved_text = self.text()
        self.customised_copy = True
        self._update_state()
        self.ctx.show_status(self.tr("Template saved: new documents use it."))
        return True

    def restore_default(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Restore the default text?"),
            self.tr(
                "Your edits to the {kind} template will be lost. Documents already printed stay as they are."
            ).format(kind=documents.title(self.kind).lower()),
            QMessageBox.StandardButton.RestoreDefaults | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.RestoreDefaults:
            self.reset()

    def reset(self) -> None:
        documents.reset_template(self.ctx.programme_id or None, self.kind)
        self.load(self.kind)
        self.ctx.show_status(self.tr("Default text restored."))

    def preview(self) -> None:
        self.run_check()
        if self.problems or not self.ctx.programme_id:
            return
        try:
            path = documents.preview(self.kind, self.ctx.programme_id, self.text(), self.current_match())
        except documents.DocumentError as exc:
            QMessageBox.warning(self, self.tr("No preview"), str(exc))
            return
        self.last_preview = path
        printing.open_file(path)
