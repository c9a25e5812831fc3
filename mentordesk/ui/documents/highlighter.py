"""Colours in the template editor: placeholders, parts, headings, notes, and problems underlined in red."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from mentordesk.core.documents import Problem
from mentordesk.ui import theme

PLACEHOLDER = re.compile(r"\{[^{}\n]*\}")
PART = re.compile(r"^\s*\[\[[^\[\]]*\]\]\s*$")


def utf16_length(text: str) -> int:
    """Qt counts UTF-16 code units: a character beyond the BMP (an emoji) counts twice."""
    return len(text.encode("utf-16-le")) // 2


class TemplateHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.problems: dict[int, list[tuple[int, int]]] = {}
        accent = theme.accent()
        self.placeholder = QTextCharFormat()
        self.placeholder.setForeground(accent)
        self.placeholder.setFontWeight(QFont.Weight.DemiBold)
        self.part = QTextCharFormat(self.placeholder)
        self.part.setBackground(QColor(accent.red(), accent.green(), accent.blue(), 28))
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.comment = QTextCharFormat()
        self.comment.setForeground(QColor("#8A9099"))
        self.comment.setFontItalic(True)
        self.error = QTextCharFormat()
        self.error.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.error.setUnderlineColor(QColor("#C62828"))
        self.error.setForeground(QColor("#C62828"))

    def set_problems(self, problems: list[Problem]) -> None:
        """Problems from core.templating.check, by line (0-based) and column (0-based, characters)."""
        by_line: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for problem in problems:
            by_line[problem.line - 1].append((problem.column - 1, max(1, problem.length)))
        self.problems = dict(by_line)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        stripped = text.strip()
        if stripped.startswith("//"):
            self.setFormat(0, utf16_length(text), self.comment)
            return
        if stripped.startswith("#"):
            self.setFormat(0, utf16_length(text), self.heading)
        if PART.match(text):
            self.setFormat(0, utf16_length(text), self.part)
        for match in PLACEHOLDER.finditer(text):
            start = utf16_length(text[: match.start()])
            self.setFormat(start, utf16_length(match.group()), self.placeholder)
        for column, length in self.problems.get(self.currentBlock().blockNumber(), []):
            start = utf16_length(text[:column])
            self.setFormat(start, utf16_length(text[column : column + length]) or 1, self.error)
