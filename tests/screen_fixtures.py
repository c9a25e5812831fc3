"""Checks a screen reader user and a laptop user would make, for any widget tree.

``clipped`` finds visible widgets cut off by their parent or whose text does not fit;
``unnamed`` finds interactive widgets a screen reader cannot name; ``tab_chain`` and
``backwards_steps`` follow the Tab key and report where it jumps back against reading order.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

# Widgets that hold a value: their accessible name must be a name, never the value they show.
VALUE_WIDGETS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit)
INTERACTIVE = (*VALUE_WIDGETS, QAbstractButton, QAbstractSlider, QTabBar)


def _qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a spin box's line edit, a line edit's clear button...)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QLineEdit, QComboBox, QAbstractSpinBox, QTabBar)) or (
            isinstance(parent, QAbstractItemView) and widget is not parent
        ):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _describe(widget: QWidget) -> str:
    parts = []
    node: QWidget | None = widget
    while node is not None and len(parts) < 4:
        text = ""
        if isinstance(node, (QAbstractButton, QLabel)):
            text = _plain(node.text())[:30]
        parts.append(
            f"{type(node).__name__}({' '.join(filter(None, [node.objectName(), repr(text) if text else '']))})"
        )
        node = node.parentWidget()
    return " in ".join(parts)


def _scroll_viewport(parent: QWidget) -> QAbstractScrollArea | None:
    area = parent.parentWidget()
    if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
        return area
    return None


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def clipped(root: QWidget) -> list[str]:
    """Every visible widget under ``root`` that its parent cuts off, or whose own text is cut off."""
    problems: list[str] = []
    for widget in root.findChildren(QWidget):
        if widget.isWindow() or not _shown(widget, root) or _qt_internal(widget):
            continue
        parent = widget.parentWidget()
        if parent is None or isinstance(parent, QAbstractItemView):
            continue
        if isinstance(widget, QAbstractItemView) and widget.horizontalScrollBar().value() > 0:
            problems.append(f"{_describe(widget)} is scrolled sideways: its first columns are out of view")
        geometry = widget.geometry()
        area = _scroll_viewport(parent)
        if area is not None:
            # Content may scroll down, never sideways out of view with no way to reach it.
            if (
                isinstance(area, QScrollArea)
                and area.widgetResizable()
                and widget is area.widget()
                and widget.minimumSizeHint().width() > parent.width() + 1
            ):
                problems.append(f"{_describe(widget)} is wider than its scroll area")
            continue
        if not parent.rect().contains(geometry):
            problems.append(
                f"{_describe(widget)} at {geometry.getRect()} is cut off by {parent.rect().getRect()}"
            )
            continue
        problems.extend(_text_cut(widget))
    return problems


def _text_cut(widget: QWidget) -> list[str]:
    metrics = widget.fontMetrics()
    if isinstance(widget, (QPushButton, QToolButton)) and widget.text():
        if widget.width() < widget.minimumSizeHint().width():
            return [
                f"{_describe(widget)}: its text needs {widget.minimumSizeHint().width()} px, has {widget.width()}"
            ]
    elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
        if widget.pixmap() is not None and not widget.pixmap().isNull():
            return []
        if widget.textFormat() == Qt.TextFormat.RichText or ("<" in widget.text() and ">" in widget.text()):
            return []
        needed = max(metrics.horizontalAdvance(line) for line in _plain(widget.text()).splitlines() or [""])
        if needed > widget.contentsRect().width() + 1:
            return [f"{_describe(widget)}: its text needs {needed} px, has {widget.contentsRect().width()}"]
    elif isinstance(widget, QLabel) and widget.text() and widget.wordWrap():
        needed = widget.heightForWidth(widget.width())
        if needed > widget.height() + 2:
            return [
                f"{_describe(widget)}: its wrapped text needs {needed} px of height, has {widget.height()}"
            ]
    return []


def _has_buddy_label(widget: QWidget, root: QWidget) -> bool:
    window = widget.window()
    return any(label.buddy() is widget and label.text() for label in window.findChildren(QLabel)) or any(
        label.buddy() is widget and label.text() for label in root.findChildren(QLabel)
    )


def unnamed(root: QWidget) -> list[str]:
    """Visible interactive widgets a screen reader would announce without a name."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root) or _qt_internal(widget):
            continue
        if isinstance(widget, VALUE_WIDGETS):
            if widget.accessibleName() or _has_buddy_label(widget, root):
                continue
        else:
            interface = QAccessible.queryAccessibleInterface(widget)
            if interface is not None and interface.text(QAccessible.Text.Name).strip():
                continue
        problems.append(f"{_describe(widget)} has no accessible name")
    return problems


def tab_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits under ``root``, in order, starting from the first one."""
    candidates = [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not w.focusProxy()
        and not isinstance(w, QScrollBar)
    ]
    if not candidates:
        return []
    chain: list[QWidget] = []
    start = candidates[0]
    # Walk the focus chain once round from a widget inside root.
    node = start.nextInFocusChain()
    seen = {start}
    wanted = set(candidates)
    chain_all = [start]
    while node is not start and node not in seen:
        seen.add(node)
        if node in wanted:
            chain_all.append(node)
        node = node.nextInFocusChain()
    # Rotate so the chain starts with the widget read first: the leftmost of the top row.
    boxes = {w: _box(w, root) for w in chain_all}
    top = min(b.top() for b in boxes.values())
    first = min((w for w, b in boxes.items() if b.top() < top + 12), key=lambda w: boxes[w].left())
    index = chain_all.index(first)
    chain = chain_all[index:] + chain_all[:index]
    return chain


def _box(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())


def backwards_steps(root: QWidget) -> list[str]:
    """Tab steps that go back against reading order: up within a column, or left within a row."""
    chain = tab_chain(root)
    problems = []
    for before, after in zip(chain, chain[1:], strict=False):
        a, b = _box(before, root), _box(after, root)
        same_column = b.left() < a.right() and a.left() < b.right()
        same_row = b.top() < a.bottom() and a.top() < b.bottom()
        if same_column and b.bottom() <= a.top():
            problems.append(f"Tab goes up from {_describe(before)} to {_describe(after)}")
        elif same_row and not same_column and b.right() <= a.left():
            problems.append(f"Tab goes left from {_describe(before)} to {_describe(after)}")
    return problems


STRETCH_ROOM = 120  # px: the least a table's stretching column (names, titles) may get


def squeezed(root: QWidget) -> list[str]:
    """Visible tables that do not fit their columns: scrolling sideways, a heading cut short, or the
    stretching column (where names and titles go) squeezed to a few letters ("App…")."""
    from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView

    problems: list[str] = []
    for view in root.findChildren(QTableView):
        if not _shown(view, root) or view.model() is None or view.model().columnCount() == 0:
            continue
        if view.horizontalScrollBar().isVisible():
            problems.append(f"{_describe(view)} scrolls sideways: its columns do not fit")
        header = view.horizontalHeader()
        if header.isHidden():
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            width = header.sectionSize(section)
            text = str(view.model().headerData(section, Qt.Orientation.Horizontal) or "")
            option = QStyleOptionHeader()
            option.initFrom(header)
            option.text = text
            option.section = section
            needed = header.style().sizeFromContents(
                QStyle.ContentsType.CT_HeaderSection, option, header.fontMetrics().size(0, text), header
            ).width()
            bold = header.font()
            bold.setBold(True)
            from PySide6.QtGui import QFontMetrics

            widest = max((QFontMetrics(bold).horizontalAdvance(line) for line in text.splitlines()), default=0)
            needed = max(needed, widest + 8)
            if text and width < needed:
                problems.append(f"{_describe(view)}: the heading {text!r} needs {needed} px, has {width}")
            if header.sectionResizeMode(section) == QHeaderView.ResizeMode.Stretch and width < STRETCH_ROOM:
                problems.append(f"{_describe(view)}: the column {text!r} is squeezed to {width} px")
    return problems
