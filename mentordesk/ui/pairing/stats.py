"""The quality of a proposal at a glance: how many, mean, lowest 5 %, minimum, top-3 share, not matched."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mentordesk.ui.pairing.models import score_colour
from mentordesk.ui.widgets.explained import explain


class StatCard(QFrame):
    def __init__(self, caption: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName(caption)
        explain(self, tooltip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        caption_label = QLabel(caption)
        caption_label.setObjectName("cardLabel")
        caption_label.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(caption_label)

    def set(self, text: str, score: float | None = None) -> None:
        self.value.setText(text)
        colour = score_colour(score)
        self.value.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")


class StatsStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.cards = {
            "proposed": StatCard(
                self.tr("Proposed"),
                self.tr("Draft pairings waiting for your review. Nothing goes live until you publish."),
            ),
            "mean": StatCard(
                self.tr("Mean score"),
                self.tr(
                    "The average score of the drafts, out of 100. Every score starts at 50; each criterion "
                    "adds or takes away points by its weight in Settings › Pairing."
                ),
            ),
            "worst5": StatCard(
                self.tr("Lowest 5 % of scores"),
                self.tr(
                    "The average of the weakest twentieth of the drafts. A good mean can hide a few mentees "
                    "with poor matches: this shows them."
                ),
            ),
            "minimum": StatCard(
                self.tr("Lowest score"),
                self.tr("The score of the weakest draft pairing: the mentee who fares worst in this proposal."),
            ),
            "top3": StatCard(
                self.tr("Got a top-3 mentor"),
                self.tr(
                    "The share of matched mentees who got one of the three eligible mentors that scored best "
                    "for them (last run)."
                ),
            ),
            "unmatched": StatCard(
                self.tr("Not matched"),
                self.tr("Waiting mentees the last run could not match; the reasons are listed below."),
            ),
        }
        for card in self.cards.values():
            row.addWidget(card, 1)

    def show_stats(self, live, last) -> None:
        """``live``: statistics of the current drafts; ``last``: the last run's summary, or None."""

        def fmt(value: float | None) -> str:
            return "—" if value is None else f"{value:.0f}"

        self.cards["proposed"].set(str(live.matched))
        self.cards["mean"].set(fmt(live.mean), live.mean)
        self.cards["worst5"].set(fmt(live.worst5), live.worst5)
        self.cards["minimum"].set(fmt(live.minimum), live.minimum)
        if last is not None and last.stats.top3_share is not None:
            self.cards["top3"].set(f"{100 * last.stats.top3_share:.0f} %")
        else:
            self.cards["top3"].set("—")
        self.cards["unmatched"].set(str(len(last.unmatched)) if last is not None else "—")

    def value(self, key: str) -> str:
        return self.cards[key].value.text()
