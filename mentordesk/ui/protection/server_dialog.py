"""File › Connect to a shared server…: host, port, database, user and password, a connection test, connect.

The connection is tried on the thread pool with its own connection (the open database stays as
it is) while a busy bar shows; Connect tries it too, and only a connection that worked is
accepted. The password goes to the OS keyring when asked (never to a file); host, port, database
and user are remembered in the settings for next time.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import protection as protection_service
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    hint_label,
    primary_button,
)
from mentordesk.ui.workers import Worker

SETTINGS_GROUP = "server"


class ConnectServerDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, settings: QSettings | None = None, *, problem: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a shared server"))
        self.setMinimumWidth(560)
        self.settings = settings
        self.url = ""
        self.password = ""
        self.found: protection_service.ServerFound | None = None
        self._worker: Worker | None = None
        self._connect_after_test = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "<p>Several coordinators can work on the same records from their own desks when they "
                "are kept on your organisation's PostgreSQL server. Your IT administrator gives you "
                "these details (docs/shared-server.md tells them how to set it up).</p>"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = form_layout()
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("e.g. db.riverside-trust.org.uk"))
        self.host_edit.setAccessibleName(self.tr("Server host name or address"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.port_spin.setAccessibleName(self.tr("Server port"))
        self.dbname_edit = QLineEdit()
        self.dbname_edit.setPlaceholderText(self.tr("e.g. mentoring"))
        self.dbname_edit.setAccessibleName(self.tr("Database name"))
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("Your database user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Your database password"))
        self.remember_check = QCheckBox(self.tr("&Remember the password in this computer's keyring"))
        self.remember_check.setAccessibleName(self.tr("Remember the password in the keyring"))
        keyring = protection_service.status()
        self.remember_check.setChecked(keyring.available)
        self.remember_check.setEnabled(keyring.available)
        if not keyring.available:
            self.remember_check.setToolTip(
                self.tr("No keyring on this computer ({reason}): you will be asked each time.").format(
                    reason=keyring.reason
                )
            )
        for label, widget in (
            (self.tr("&Host:"), self.host_edit),
            (self.tr("P&ort:"), self.port_spin),
            (self.tr("&Database:"), self.dbname_edit),
            (self.tr("&User:"), self.user_edit),
            (self.tr("&Password:"), self.password_edit),
        ):
            form.addRow(label, widget)
        form.addRow("", self.remember_check)
        layout.addLayout(form)
        tls = hint_label(2)
        tls.setText(
            self.tr(
                "The connection is encrypted (TLS) unless the server is this computer; a server that "
                "does not offer TLS is refused. The password is never stored in a file."
            )
        )
        layout.addWidget(tls)

        test_row = QHBoxLayout()
        self.test_button = QPushButton(icon("mdi6.lan-check"), self.tr("&Test connection"))
        self.test_button.setAccessibleName(self.tr("Test the connection to the server"))
        self.test_button.clicked.connect(self.test_connection)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: no steps to count
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(self.tr("Connecting"))
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        self.busy.hide()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.busy)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        self.result_label = QLabel()
        self.result_label.setObjectName("hint")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Connection test result"))
        layout.addWidget(self.result_label)
        self.error = error_label(lines=3)
        self.error.setAccessibleName(self.tr("Connection problem"))
        layout.addWidget(self.error)

        self.connect_button = primary_button(self.tr("&Connect"), "mdi6.database-arrow-right")
        self.connect_button.setAccessibleName(self.tr("Connect and open the shared database"))
        layout.addWidget(dialog_buttons(self, self.connect_button))
        self._load_settings()
        if problem:
            self.error.setText(problem)
        for edit in (self.host_edit, self.dbname_edit, self.user_edit):
            if not edit.text():
                edit.setFocus()
                break
        else:
            self.password_edit.setFocus()

    # -- settings: everything but the password --
    def _load_settings(self) -> None:
        if self.settings is None:
            return
        self.settings.beginGroup(SETTINGS_GROUP)
        self.host_edit.setText(str(self.settings.value("host", "") or ""))
        port = str(self.settings.value("port", 5432) or 5432)
        self.port_spin.setValue(int(port) if port.isdigit() else 5432)
        self.dbname_edit.setText(str(self.settings.value("dbname", "") or ""))
        self.user_edit.setText(str(self.settings.value("user", "") or ""))
        self.settings.endGroup()

    def _save_settings(self) -> None:
        if self.settings is None:
            return
        self.settings.beginGroup(SETTINGS_GROUP)
        self.settings.setValue("host", self.host_edit.text().strip())
        self.settings.setValue("port", self.port_spin.value())
        self.settings.setValue("dbname", self.dbname_edit.text().strip())
        self.settings.setValue("user", self.user_edit.text().strip())
        self.settings.endGroup()
        self.settings.sync()

    def set_address(self, url: str) -> None:
        """Fill the fields from a server URL (e.g. the one that just failed to open)."""
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")[2]
        host, _, port = netloc.rpartition(":")
        self.host_edit.setText(unquote(host or netloc))
        if port.isdigit():
            self.port_spin.setValue(int(port))
        self.dbname_edit.setText(unquote(parts.path.lstrip("/")))
        self.user_edit.setText(unquote(parts.username or ""))

    # -- testing --
    def _url(self) -> str | None:
        try:
            return protection_service.build_url(
                self.host_edit.text(), self.port_spin.value(), self.dbname_edit.text(), self.user_edit.text()
            )
        except protection_service.ServerProblem as exc:
            self.error.setText(str(exc))
            return None

    def test_connection(self) -> None:
        if self._worker is not None:
            return  # one test at a time
        self.error.clear()
        self.result_label.clear()
        self.found = None
        url = self._url()
        if url is None:
            self._connect_after_test = False
            return
        self._set_busy(True)
        worker = Worker(protection_service.test_server_connection, url, self.password_edit.text() or None)
        worker.signals.progress.connect(lambda _d, _t, text: self.result_label.setText(text))
        worker.signals.finished.connect(self._tested)
        worker.signals.failed.connect(self._failed)
        self._worker = worker
        worker.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.test_button, self.connect_button, self.host_edit, self.port_spin,
                       self.dbname_edit, self.user_edit, self.password_edit):
            widget.setEnabled(not busy)

    def _tested(self, found: protection_service.ServerFound) -> None:
        self._worker = None
        self._set_busy(False)
        self.found = found
        self.result_label.setText(found.summary)
        if self._connect_after_test:
            self._connect_after_test = False
            self._finish()

    def _failed(self, exc: BaseException) -> None:
        self._worker = None
        self._set_busy(False)
        self._connect_after_test = False
        self.result_label.clear()
        message = str(exc) if isinstance(exc, protection_service.ServerProblem) else self.tr(
            "The connection failed: {error}"
        ).format(error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        self.error.setText(message)

    # -- connecting --
    def accept(self) -> None:
        """Connect: test first (unless the fields were just tested), then hand the URL to the caller."""
        url = self._url()
        if url is None:
            return
        if self.found is not None and self.found.url == url:
            self._finish()
            return
        self._connect_after_test = True
        self.test_connection()

    def _finish(self) -> None:
        assert self.found is not None
        self.url = self.found.url
        self.password = self.password_edit.text()
        self._save_settings()
        if self.password and self.remember_check.isChecked():
            try:
                protection_service.remember_server_password(self.url, self.password)
            except protection_service.KeyringUnavailable as exc:
                self.result_label.setText(str(exc))
        super().accept()

    def reject(self) -> None:
        if self._worker is not None:  # its result is ignored; its connection closes by itself
            signals = self._worker.signals
            for signal in (signals.progress, signals.finished, signals.failed):
                signal.disconnect()
            self._worker = None
        super().reject()
