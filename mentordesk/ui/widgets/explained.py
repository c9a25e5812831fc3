"""One way to explain a figure: on hover (tooltip) and to screen readers (accessible description)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QWidget


def explain(widget: QWidget, text: str) -> None:
    widget.setToolTip(text)
    widget.setAccessibleDescription(text)


def explain_all(widgets: Mapping[str, QWidget], texts: Mapping[str, str]) -> None:
    """Each widget gets the explanation under its key."""
    for key, widget in widgets.items():
        explain(widget, texts[key])
