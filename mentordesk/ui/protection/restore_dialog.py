"""Restore from a backup, with a preview of what each backup holds; also the damaged-database rescue."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import protection as protection_service
from mentordesk.services.protection import BackupUnreadable, FileInfo
from mentordesk.store.db import DatabaseError, current_passphrase
from mentordesk.ui import workers
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.icons import icon
from mentordesk.ui.protection.backup_model import BackupListModel, EntryRole, SortRole, reason_text
from mentordesk.ui.protection.passphrase_fields import password_edit
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button

log = logging.getLogger(__name__)

# What the preview counts, in the order a coordinator thinks of them.
PREVIEW_TABLES = (
    ("programme", "Programmes"),
    ("participant", "Participants"),
    ("enrolment", "Enrolments"),
    ("screening_check", "Screening checks"),
    ("match", "Matches"),
    ("meeting", "Meetings"),
    ("goal", "Goals"),
    ("document", "Documents"),
    ("audit_event", "Audit events"),
)


class RestoreDialog(QDialog):
    """Pick a backup, see what it holds, restore it. With ``problems`` it rescues a damaged database."""

    def __init__(
        self,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        problems: list[str] | None = None,
        passphrase: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.damaged = problems is not None
        self.key = passphrase if passphrase is not None else current_passphrase()
        self.current_counts = {} if self.damaged else _current_counts()
        self.info: FileInfo | None = None
        self.selected_path: Path | None = None
        self.restored = False
        self.aside: Path | None = None
        self.setWindowTitle(self.tr("Database damaged") if self.damaged else self.tr("Restore from backup"))
        self.setMinimumSize(QSize(860, 520))

        layout = QVBoxLayout(self)
        if self.damaged:
            layout.addWidget(self._damage_banner(problems or []))
        else:
            intro = QLabel(
                self.tr(
                    "Choose a backup to see what it holds. Restoring replaces the current database; "
                    "the current database is backed up first, so a restore can itself be undone."
                )
            )
            intro.setWordWrap(True)
            intro.setObjectName("hint")
            layout.addWidget(intro)

        self.model = BackupListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.empty = EmptyState(
            "backup",
            self.tr("No backups yet"),
            self.tr(
                "MentorDesk makes one each day when it opens, and before imports and upgrades. "
                "You can also choose a backup file kept elsewhere."
            ),
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty, 1)
        choose = QPushButton(icon("open"), self.tr("Choose a &file…"))
        choose.clicked.connect(self._choose_file)
        left_layout.addWidget(choose, alignment=Qt.AlignmentFlag.AlignLeft)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._build_preview())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.restore_button = primary_button(self.tr("&Restore this backup"), "backup")
        self.restore_button.setEnabled(False)
        # Rescuing a damaged file, the way out is to quit; otherwise to close, restoring nothing.
        close = QPushButton(icon("close"), self.tr("&Quit MentorDesk") if self.damaged else self.tr("Close"))
        self.buttons = dialog_buttons(self, self.restore_button, cancel=close)
        layout.addWidget(self.buttons)
        self.reload()

    # -- building ------------------------------------------------------------------------------
    def _damage_banner(self, problems: list[str]) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        picture = QLabel()
        picture.setPixmap(icon("error", "#C62828").pixmap(QSize(40, 40)))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(picture)
        text = QLabel(
            self.tr(
                "<b>{name} failed its integrity check.</b> MentorDesk has not written to it and will not. "
                "Restore the latest good backup below; the damaged file is kept beside it, renamed, "
                "in case someone can rescue more from it."
            ).format(name=self.db_path.name)
        )
        text.setWordWrap(True)
        detail = QLabel("\n".join(problems[:4]) + ("\n…" if len(problems) > 4 else ""))
        detail.setObjectName("error")
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts = QVBoxLayout()
        texts.addWidget(text)
        texts.addWidget(detail)
        row.addLayout(texts, 1)
        return box

    def _build_preview(self) -> QWidget:
        group = QGroupBox(self.tr("What this backup holds"))
        outer = QVBoxLayout(group)
        self.preview_title = QLabel(self.tr("Select a backup."))
        self.preview_title.setObjectName("sectionTitle")
        self.preview_title.setWordWrap(True)
        outer.addWidget(self.preview_title)
        facts = QFormLayout()
        self.schema_label = QLabel("—")
        self.encrypted_label = QLabel("—")
        self.integrity_label = QLabel("—")
        self.integrity_label.setWordWrap(True)
        facts.addRow(self.tr("Schema version:"), self.schema_label)
        facts.addRow(self.tr("Encrypted:"), self.encrypted_label)
        facts.addRow(self.tr("Integrity:"), self.integrity_label)
        outer.addLayout(facts)
        self.counts_grid = QGridLayout()
        self.counts_grid.setHorizontalSpacing(16)
        header_now = QLabel(self.tr("Now") if not self.damaged else "")
        header_now.setObjectName("hint")
        header_backup = QLabel(self.tr("In backup"))
        header_backup.setObjectName("hint")
        self.counts_grid.addWidget(header_backup, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.counts_grid.addWidget(header_now, 0, 2, Qt.AlignmentFlag.AlignRight)
        self.count_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (table, title) in enumerate(PREVIEW_TABLES, start=1):
            self.counts_grid.addWidget(QLabel(self.tr(title)), row, 0)
            in_backup, now = QLabel("—"), QLabel("")
            now.setObjectName("hint")
            self.counts_grid.addWidget(in_backup, row, 1, Qt.AlignmentFlag.AlignRight)
            self.counts_grid.addWidget(now, row, 2, Qt.AlignmentFlag.AlignRight)
            self.count_labels[table] = (in_backup, now)
        outer.addLayout(self.counts_grid)
        # Shown when the backup was made with a passphrase other than the current one.
        self.key_row = QWidget()
        key_layout = QHBoxLayout(self.key_row)
        key_layout.setContentsMargins(0, 0, 0, 0)
        self.key_edit = password_edit(self.tr("this backup's passphrase"))
        look = QPushButton(self.tr("&Look inside"))
        look.clicked.connect(self._try_key)
        self.key_edit.returnPressed.connect(self._try_key)
        key_layout.addWidget(self.key_edit, 1)
        key_layout.addWidget(look)
        self.key_row.hide()
        outer.addWidget(self.key_row)
        self.preview_error = error_label()
        outer.addWidget(self.preview_error)
        outer.addStretch(1)
        return group

    # -- behaviour -----------------------------------------------------------------------------
    def reload(self) -> None:
        entries = protection_service.list_entries(self.db_path)
        self.model.set_rows(entries)
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.table.resizeColumnToContents(0)
        if not entries:
            return
        target = 0
        if self.damaged:
            good = protection_service.latest_good_backup(self.db_path, self.key)
            if good is not None:
                target = next(i for i, e in enumerate(entries) if e.path == good.path)
        self.select_source_row(target)

    def select_source_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())

    def _on_selection(self, *_: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = rows[0].data(EntryRole)
        self.show_preview(entry.path, self.tr(reason_text(entry.reason)))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            str(self.db_path.parent),
            self.tr("MentorDesk databases (*.db *.sqlite *.mentordesk);;All files (*)"),
        )
        if path:
            self.table.clearSelection()
            self.show_preview(Path(path), self.tr("Chosen file"))

    def show_preview(self, path: Path, why: str = "", passphrase: str | None = None) -> None:
        self.selected_path = Path(path)
        self.info = None
        self.preview_error.clear()
        self.key_row.hide()
        self.restore_button.setEnabled(False)
        try:
            taken = format_datetime(protection_service.store_backup.backup_time(self.selected_path))
        except OSError:
            taken = ""
        self.preview_title.setText(
            self.tr("{why}, {taken}").format(why=why, taken=taken)
            if why and taken
            else self.selected_path.name
        )
        self.preview_title.setToolTip(str(self.selected_path))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = protection_service.preview(self.selected_path, passphrase if passphrase is not None else self.key)
        except BackupUnreadable as exc:
            self._clear_counts()
            self.preview_error.setText(str(exc))
            if exc.needs_passphrase:
                self.encrypted_label.setText(self.tr("yes"))
                self.key_row.show()
                self.key_edit.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.info = info
        if passphrase is not None:
            self.key = passphrase
        self.schema_label.setText(str(info.schema_version or "—"))
        self.encrypted_label.setText(self.tr("yes") if info.encrypted else self.tr("no"))
        if info.ok:
            self.integrity_label.setText(self.tr("ok"))
            self.integrity_label.setObjectName("")
        else:
            self.integrity_label.setText(self.tr("damaged: {problem}").format(problem=info.problems[0]))
            self.integrity_label.setObjectName("error")
        self.integrity_label.style().polish(self.integrity_label)
        for table, (in_backup, now) in self.count_labels.items():
            in_backup.setText(f"{info.counts.get(table, 0):,}")
            now.setText(f"{self.current_counts[table]:,}" if table in self.current_counts else "")
        self.restore_button.setEnabled(info.ok)

    def _clear_counts(self) -> None:
        for label in (self.schema_label, self.encrypted_label, self.integrity_label):
            label.setText("—")
        for in_backup, now in self.count_labels.values():
            in_backup.setText("—")
            now.setText("")

    def _try_key(self) -> None:
        if self.selected_path is not None and self.key_edit.text():
            self.show_preview(self.selected_path, self.preview_title.text(), self.key_edit.text())

    def accept(self) -> None:  # the Restore button, Enter or Ctrl+Enter: restore (it closes when done)
        self.restore()

    def restore(self) -> None:
        if self.info is None or not self.info.ok or self.selected_path is None:
            return
        if not self.damaged:
            answer = QMessageBox.question(
                self,
                self.tr("Restore this backup?"),
                self.tr(
                    "Replace the current database by this backup? Changes made since it was taken will be "
                    "undone. The current database is backed up first."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        key = self.key if self.info.encrypted else None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        workers.settle()  # a page's background read (started while this dialog waited) ends before the swap
        try:
            if self.damaged:
                self.aside = protection_service.restore_over_damaged(self.db_path, self.selected_path, key)
            else:
                protection_service.restore(self.db_path, self.selected_path, key)
        except DatabaseError as exc:
            QApplication.restoreOverrideCursor()
            self.preview_error.setText(str(exc))
            return
        QApplication.restoreOverrideCursor()
        log.info("backup restored from the GUI")
        self.restored = True
        super().accept()


def _current_counts() -> dict[str, int]:
    from mentordesk.services import protection as protection_service

    try:
        counts = protection_service.describe().counts
        return {table: n for table, n in counts.items() if n is not None}  # restore is for local files
    except Exception:  # no database open (e.g. called before start-up finished)
        return {}
