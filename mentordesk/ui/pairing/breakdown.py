"""The reasons behind a score, one line per criterion: "+30 shared interests: robotics, chess"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from mentordesk.core.pairing import CRITERION_LABELS, FOCUS_CRITERION
from mentordesk.ui.pairing.models import good_bad


def breakdown_lines(breakdown: list[dict]) -> list[tuple[float, str, str]]:
    """(points, "+30 shared interests: ...", criterion label), strongest first."""
    lines = []
    focus = []  # a network link's reason (0 points) comes first: which areas, and why this mentor
    for item in breakdown:
        points = float(item.get("points", 0) or 0)
        sign = f"{points:+.0f}" if round(points) else "±0"
        criterion = str(item.get("criterion", ""))
        if criterion == FOCUS_CRITERION:
            focus.append((points, str(item.get("reason", "")), "Network focus areas"))
            continue
        lines.append(
            (
                points,
                f"{sign}  {item.get('reason', '')}",
                str(item.get("label") or CRITERION_LABELS.get(criterion, criterion)),
            )
        )
    lines.sort(key=lambda line: -abs(line[0]))
    return focus + lines


class BreakdownView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)  # a circle's title names every co-facilitator
        self.hint = QLabel(
            self.tr("Every score starts at 50; each criterion adds or takes away points by its weight.")
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.title.setToolTip(self.hint.text())
        self.lines = QListWidget()
        self.lines.setAccessibleName(self.tr("Why this score"))
        self.lines.setWordWrap(True)
        # Lines wrap to the pane's width as it is resized, never run off its right edge.
        self.lines.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Up to ten lines without a scroll bar; at least three on a small screen, the rest scroll.
        self.lines.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        self.lines.setMaximumHeight(self.fontMetrics().lineSpacing() * 10 + 12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.lines)
        layout.addStretch(1)
        self.clear()

    def clear(self, text: str = "") -> None:
        self.title.setText(text or self.tr("Select a proposal to see why it was made."))
        self.lines.clear()
        self._fit_hint()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_hint()

    def _fit_hint(self) -> None:
        """A title on two lines (a circle names every co-facilitator) takes the hint's room on a small
        screen; the hint stays in the title's tooltip."""
        width = self.title.width() or self.width()
        one_line = self.title.fontMetrics().lineSpacing() * 1.5
        self.hint.setVisible(self.title.heightForWidth(width) <= one_line)

    def show_breakdown(self, title: str, score: float | None, breakdown: list[dict]) -> None:
        score_text = "—" if score is None else f"{score:.0f}"
        self.title.setText(self.tr("{title}: score {score} / 100").format(title=title, score=score_text))
        self._fit_hint()
        self.lines.clear()
        good, bad = good_bad()
        for points, text, criterion in breakdown_lines(breakdown):
            item = QListWidgetItem(text)
            item.setToolTip(criterion)
            if round(points) > 0:
                item.setForeground(good)
            elif round(points) < 0:
                item.setForeground(bad)
            self.lines.addItem(item)

    def texts(self) -> list[str]:
        return [self.lines.item(i).text() for i in range(self.lines.count())]
