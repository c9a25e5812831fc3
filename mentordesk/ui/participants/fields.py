"""Form pieces shared by the participant dialogs: validation as you type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from mentordesk.core.participants import clean, strip_bidi, text_problems

Check = Callable[[], str]  # returns an error message, or "" when the field is fine


def field_name(widget: QWidget) -> str:
    """The words the form shows for ``widget``: its accessible name, else its label in the form."""
    name = widget.accessibleName()
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    forms = ([top] if isinstance(top, QFormLayout) else []) + (top.findChildren(QFormLayout) if top else [])
    for form in forms if not name else []:
        label = form.labelForField(widget)
        if isinstance(label, QLabel):
            name = label.text()
            break
    return name.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" *:").strip()


def _naming(widget: QWidget, message: str) -> str:
    """``message`` with the field it is about in front, unless it names it already: in the summary
    under the form, "31/02/2026 is not a date" alone does not say whether the date of birth or the
    consent date is wrong."""
    name = field_name(widget)
    if not name or name.lower() in message.lower():
        return message[:1].upper() + message[1:]
    return f"{name}: {message}"


class FormValidator:
    """Re-checks every field on each change: marks bad fields red with the reason, lists the problems
    in one label and enables the OK button only when the form can be saved."""

    def __init__(self, summary: QLabel, ok_button: QPushButton | None = None) -> None:
        self.summary = summary
        self.ok_button = ok_button
        self.fields: list[tuple[QWidget, Check]] = []
        self.extra: list[Check] = []

    def add(self, widget: QWidget, check: Check, signal=None) -> None:
        self.fields.append((widget, check))
        if signal is not None:
            signal.connect(self.validate)

    def add_form_check(self, check: Check) -> None:
        self.extra.append(check)

    def errors(self) -> list[str]:
        found = []
        for widget, check in self.fields:
            message = check()
            widget.setProperty("invalid", bool(message))
            widget.setToolTip(message)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            if message:
                found.append(_naming(widget, message.rstrip(".")) + ".")
        for check in self.extra:
            message = check()
            if message:
                found.append(message)
        return found

    def validate(self, *_: object) -> bool:
        found = self.errors()
        self.summary.setText("\n".join(found))
        self.summary.setVisible(bool(found))
        if self.ok_button is not None:
            self.ok_button.setEnabled(not found)
        return not found

    def add_text(self, widget: QLineEdit | QPlainTextEdit, key: str, required: str = "") -> None:
        """Check a text field as the services will: its length limit, a name that draws nothing, and
        (with ``required``, the message) that it is filled in."""

        def check() -> str:
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            problems = text_problems({key: text})
            if problems:
                return problems[key]
            return required if required and not clean(strip_bidi(text)) else ""

        self.add(widget, check, widget.textChanged)
