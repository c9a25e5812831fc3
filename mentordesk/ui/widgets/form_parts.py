"""Small pieces every form dialog is built from, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.icons import icon

# The one grid of every settings form: labels right-aligned beside their fields, the same room around
# the form and between its rows, so sections and tabs line up with each other.
FORM_MARGINS = (9, 9, 9, 9)
FORM_SPACING = (12, 6)  # between a label and its field, between rows


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A QFormLayout on the shared grid (FORM_MARGINS, FORM_SPACING, right-aligned labels)."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setContentsMargins(*FORM_MARGINS)
    form.setHorizontalSpacing(FORM_SPACING[0])
    form.setVerticalSpacing(FORM_SPACING[1])
    return form


class ErrorLabel(QLabel):
    """The message under a form that says what to fix (styled by its object name "error").

    It keeps the room for ``lines`` lines whether it shows text or not, so the fields around it never
    move as an error comes and goes; a longer message wraps, and the label (and its window) grows
    for it rather than being drawn over the fields."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reserved = self.fontMetrics().lineSpacing() * lines + 4
        self.setMinimumHeight(self.reserved)
        # Wide enough that the usual message (a bad date and the forms it accepts) fits the lines
        # kept for it, also in the small dialogs with one or two fields.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        needed = self.heightForWidth(self.width()) if text and self.width() > 0 else 0
        if needed > max(self.height(), self.reserved):
            self.setMinimumHeight(needed)
            _fit_window(self)

    def clear(self) -> None:
        self.setText("")


def hint(text: str = "") -> QLabel:
    """A quiet, wrapped line of help under a field or a table (styled as "hint")."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def section_intro(layout: QBoxLayout, explanation: str) -> QLabel:
    """A settings section's heading (returned, for its text to be set) and its explanation below it."""
    heading = QLabel()
    heading.setObjectName("sectionTitle")
    heading.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(hint(explanation))
    return heading


def error_label(*, hidden: bool = False, lines: int = 2) -> ErrorLabel:
    """An ErrorLabel; ``hidden`` ones still keep their room in the layout."""
    label = ErrorLabel(lines)
    if hidden:
        label.hide()
    return label


def in_form(label: QLabel) -> QWidget:
    """``label`` in a holder for a QFormLayout row: a form drops the row of a hidden widget (it
    ignores "retain size when hidden"), so the fields below jumped up and down as an error came and
    went; the holder stays and keeps the label's room."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    return holder


def _fit_window(label: QLabel) -> None:
    """Make ``label``'s window tall enough for every line of it (a window does not grow by itself
    for a label that wraps: its height depends on its width)."""
    window = label.window()
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalSizeHint().height())
    if needed > window.height():
        window.resize(window.width(), needed)


def show_problem(label: QLabel, text: str) -> None:
    """Put ``text`` in a form's error label and make its window tall enough for every line of it."""
    label.setText(text)
    label.setVisible(bool(text))
    _fit_window(label)


class _CtrlTabTypesTab(QObject):
    """Ctrl+Tab types a tab character into the multi-line field it watches (Tab leaves the field)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and isinstance(watched, QPlainTextEdit)
            and not watched.isReadOnly()
        ):
            watched.insertPlainText("\t")
            return True
        return False


def tab_moves_focus(box: QPlainTextEdit) -> QPlainTextEdit:
    """Tab and Shift+Tab move on from ``box`` like from any field, so keyboard users reach Save;
    Ctrl+Tab types a tab character for the rare text that needs one."""
    box.setTabChangesFocus(True)
    box.installEventFilter(_CtrlTabTypesTab(box))
    return box


def answers_window_wide(sequence: QKeySequence) -> bool:
    """Keys held with Ctrl or Alt: they may answer anywhere in the window, since no field types them."""
    first = sequence.toString(QKeySequence.SequenceFormat.PortableText).split(",")[0]
    return bool({"Ctrl", "Alt"} & set(first.split("+")[:-1]))


def extra_keys(
    button: QAbstractButton,
    keys: str | QKeySequence.StandardKey,
    scope: QWidget | None = None,
    name: str | None = None,
) -> QAction:
    """``keys`` press ``button`` (when it is enabled) and its Alt+letter still does.

    A button's own ``setShortcut`` replaces its mnemonic: the underlined letter then does nothing.
    The keys live on an action instead, named ``name`` (the button's text by default), so Help ›
    Keyboard shortcuts lists them. Keys with Ctrl or Alt answer anywhere in the window while the
    action's owner shows; a plain key (F2) only with the focus inside ``scope`` (the button's page
    or panel), where it cannot take a key another field types. A tool button needs ``scope``: it
    would show an action of its own as a menu."""
    sequence = QKeySequence(keys)
    if name is None:
        name = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
    window_wide = answers_window_wide(sequence) or scope is None
    # On the scope when given: a tool button shows its own actions as a menu (with an arrow).
    owner = scope if scope is not None else button
    action = QAction(name, owner)
    action.setShortcut(sequence)
    action.setShortcutContext(
        Qt.ShortcutContext.WindowShortcut if window_wide else Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    action.triggered.connect(lambda: button.click() if button.isEnabled() else None)
    owner.addAction(action)
    return action


def heading(text: str) -> QLabel:
    """The bold line at the top of a dialog saying what it is about (e.g. the match's names)."""
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    return label


def hint_label(lines: int = 1) -> QLabel:
    """Grey advice under a field (e.g. how a typed date was read): exactly ``lines`` lines high, so the
    fields below never move as it comes and goes; the text wraps within them."""
    label = QLabel()
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setFixedHeight(label.fontMetrics().lineSpacing() * lines + 8)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    return label


def primary_button(text: str, icon_name: str = "save") -> QPushButton:
    """The dialog's main action, highlighted and pressed by Return."""
    button = QPushButton(icon(icon_name, "#FFFFFF"), text)
    button.setObjectName("primary")
    button.setDefault(True)
    return button


# The app's own icons on the standard buttons, so they match the rest whatever the platform theme
# would draw (some themes give Save and Cancel icons, others none).
STANDARD_ICONS = {
    QDialogButtonBox.StandardButton.Save: "save",
    QDialogButtonBox.StandardButton.Ok: "ok",
    QDialogButtonBox.StandardButton.Cancel: "close",
    QDialogButtonBox.StandardButton.Close: "close",
}


def destructive_button(text: str, icon_name: str = "delete") -> QPushButton:
    """A button that deletes or ends something: marked red (object name "destructive") with its own
    icon, and never the default, so Enter in a field can never press it."""
    button = QPushButton(icon(icon_name, DESTRUCTIVE_COLOUR), text)
    button.setObjectName("destructive")
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


DESTRUCTIVE_COLOUR = "#C62828"


def dialog_buttons(
    dialog: QDialog,
    ok: QDialogButtonBox.StandardButton | QPushButton | None = QDialogButtonBox.StandardButton.Save,
    *,
    cancel: QPushButton | None = None,
    extra: tuple[QPushButton, ...] = (),
) -> QDialogButtonBox:
    """``ok`` (a standard button, or a button of our own) and Cancel, wired to accept and reject;
    with ``ok`` None, a lone Close button (for dialogs that only show something), wired to reject.

    ``cancel`` is a button of our own in place of Cancel/Close (e.g. "Quit MentorDesk" where there
    is nothing to go back to), wired to reject. ``extra`` buttons sit in the row as actions, not
    wired: a ``destructive_button`` among them takes the destructive place and is never the default.

    ``accept`` is where each dialog validates and saves, so a bad form stays open. Ctrl+Enter
    saves from anywhere in the dialog, also from a multi-line field or a list's add row, where
    Enter belongs to the field. Every dialog's button row is made here: one look, one icon set.
    """
    if ok is None:
        buttons = QDialogButtonBox(dialog)
        _add_cancel(buttons, cancel, QDialogButtonBox.StandardButton.Close)
        _add_extra(buttons, extra)
        _mark(buttons)
        buttons.rejected.connect(dialog.reject)
        return buttons
    if isinstance(ok, QPushButton):
        buttons = QDialogButtonBox(dialog)
        close = _add_cancel(buttons, cancel, QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        # Only now is the button inside the dialog, so the dialog takes it as its default: set
        # before, Enter in a field pressed Cancel (the first other button in the focus chain).
        ok.setDefault(True)
        # Tab visits the buttons in the order the platform shows them (Save first, except on GNOME/macOS).
        from PySide6.QtWidgets import QStyle  # here: its enums cost the window's first paint 3 ms

        layout = buttons.style().styleHint(QStyle.StyleHint.SH_DialogButtonLayout, None, buttons)
        if layout in (QDialogButtonBox.ButtonLayout.MacLayout.value, QDialogButtonBox.ButtonLayout.GnomeLayout.value):
            QWidget.setTabOrder(close, ok)
        else:
            QWidget.setTabOrder(ok, close)
    else:
        buttons = QDialogButtonBox(ok, dialog)
        _add_cancel(buttons, cancel, QDialogButtonBox.StandardButton.Cancel)
    _add_extra(buttons, extra)
    _mark(buttons)
    save = ok if isinstance(ok, QPushButton) else buttons.button(ok)
    def save_if_enabled() -> None:
        # Not while the dialog has its Save button disabled (e.g. a tag with no name yet).
        if save is not None and save.isEnabled():
            dialog.accept()

    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog).activated.connect(save_if_enabled)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _add_cancel(
    buttons: QDialogButtonBox, own: QPushButton | None, standard: QDialogButtonBox.StandardButton
) -> QPushButton:
    if own is None:
        button = buttons.addButton(standard)
        assert button is not None
        return button
    buttons.addButton(own, QDialogButtonBox.ButtonRole.RejectRole)
    return own


def _add_extra(buttons: QDialogButtonBox, extra: tuple[QPushButton, ...]) -> None:
    for button in extra:
        destructive = button.objectName() == "destructive"
        role = QDialogButtonBox.ButtonRole.DestructiveRole if destructive else QDialogButtonBox.ButtonRole.ActionRole
        buttons.addButton(button, role)
        if destructive:
            button.setAutoDefault(False)  # (the box makes its buttons auto-default)


def _mark(buttons: QDialogButtonBox) -> None:
    """Name the row as made here (tests look for it) and give its standard buttons the app's icons."""
    buttons.setObjectName("dialogButtons")
    for standard, name in STANDARD_ICONS.items():
        button = buttons.button(standard)
        if button is not None:
            button.setIcon(icon(name))


def scroll_area(content: QWidget, *, across: bool = True) -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it: on a short screen (or at 200 % text)
    it scrolls instead of squeezing its rows over each other. ``across=False``: never sideways."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not across:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll


def scrolling_body(owner: QWidget) -> QVBoxLayout:
    """Fill ``owner`` with a scroll area and return the layout of the page inside it."""
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    body = QWidget()
    outer.addWidget(scroll_area(body))
    return QVBoxLayout(body)
