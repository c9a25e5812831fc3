"""Editing a programme's goal templates: a list on the left, the template's wording and milestones on the right.

The same ``TemplateEditor`` sits in the Templates dialog of the Goals page and in
the Goals tab of Settings.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import goals
from mentordesk.services.goals import TemplateRow
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.goal_dialog import mark, text_box
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, extra_keys, form_layout


class TemplateEditor(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.templates: list[TemplateRow] = []
        self.current: TemplateRow | None = None  # None: a new template being written
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list_view = QListView()
        self.list_view.setAccessibleName(self.tr("Goal templates"))
        self.list_model = QStringListModel()
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list_view.setSpacing(3)
        self.list_view.setWordWrap(True)
        self.list_view.selectionModel().currentChanged.connect(self._on_current)
        self.new_button = QPushButton(icon("add"), self.tr("&New template"))
        self.new_button.clicked.connect(self.new_template)
        self.delete_button = QPushButton(icon("delete"), self.tr("&Delete"))
        self.delete_button.clicked.connect(self.delete_template)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left.addWidget(self.list_view, 1)
        left.addLayout(buttons)
        layout.addLayout(left, 2)

        right = QVBoxLayout()
        form = form_layout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Improve confidence in public speaking"))
        self.why_edit = text_box(self.tr("Why it usually matters"), 2)
        self.specific_edit = text_box(self.tr("Specific"), 2)
        self.measurable_edit = QLineEdit()
        self.achievable_edit = text_box(self.tr("Achievable steps"), 2)
        self.relevant_edit = QLineEdit()
        self.milestones_edit = text_box(self.tr("One milestone per line"), 5)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Why it matters:"), self.why_edit)
        form.addRow(self.tr("&Specific:"), self.specific_edit)
        form.addRow(self.tr("&Measurable:"), self.measurable_edit)
        form.addRow(self.tr("&Achievable steps:"), self.achievable_edit)
        form.addRow(self.tr("&Relevant to:"), self.relevant_edit)
        form.addRow(self.tr("M&ilestones:"), self.milestones_edit)
        right.addLayout(form)
        self.scope_label = QLabel()
        self.scope_label.setObjectName("hint")
        self.scope_label.setWordWrap(True)
        self.error_label = error_label()
        self.save_button = QPushButton(icon("save"), self.tr("&Save template"))
        self.save_button.setObjectName("primary")
        extra_keys(self.save_button, QKeySequence.StandardKey.Save)  # Ctrl+S, and Alt+S still works
        self.save_button.clicked.connect(self.save)
        right.addWidget(self.scope_label)
        right.addWidget(self.error_label)
        right.addStretch(1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        layout.addLayout(right, 3)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else (self.current.id if self.current else None)
        self.templates = goals.list_templates(self.ctx.programme_id) if self.ctx.programme_id else []
        self.list_model.setStringList([t.title for t in self.templates])
        enabled = bool(self.ctx.programme_id)
        for widget in (self.new_button, self.save_button, self.title_edit, self.milestones_edit):
            widget.setEnabled(enabled)
        row = next((i for i, t in enumerate(self.templates) if t.id == wanted), 0 if self.templates else -1)
        if row >= 0:
            self.list_view.setCurrentIndex(self.list_model.index(row))
            self._show(self.templates[row])
        else:
            self.new_template()

    def _on_current(self, current, _previous=None) -> None:
        if current.isValid() and current.row() < len(self.templates):
            self._show(self.templates[current.row()])

    def _show(self, template: TemplateRow | None) -> None:
        self.current = template
        self.title_edit.setText(template.title if template else "")
        self.why_edit.setPlainText(template.why if template else "")
        self.specific_edit.setPlainText(template.specific if template else "")
        self.measurable_edit.setText(template.measurable if template else "")
        self.achievable_edit.setPlainText(template.achievable if template else "")
        self.relevant_edit.setText(template.relevant if template else "")
        self.milestones_edit.setPlainText("\n".join(template.milestones) if template else "")
        self.delete_button.setEnabled(template is not None)
        self.error_label.clear()
        mark(self.title_edit, False)
        if template is None:
            self.scope_label.setText(self.tr("A new template for this programme."))
        elif template.programme_id is None:
            self.scope_label.setText(self.tr("Offered in every programme."))
        else:
            used = self.tr("Used for {n} goal(s) so far.").format(n=template.uses) if template.uses else ""
            self.scope_label.setText(used)

    def new_template(self) -> None:
        self.list_view.clearSelection()
        self._show(None)
        self.title_edit.setFocus()

    def _fields(self) -> dict[str, str]:
        return {
            "why": self.why_edit.toPlainText(),
            "specific": self.specific_edit.toPlainText(),
            "measurable": self.measurable_edit.text(),
            "achievable": self.achievable_edit.toPlainText(),
            "relevant": self.relevant_edit.text(),
        }

    def save(self) -> int:
        """Save the template being edited; returns its id, or 0 when it was refused."""
        steps = goals.milestone_lines(self.milestones_edit.toPlainText())
        try:
            if self.current is None:
                saved = goals.create_template(
                    self.ctx.programme_id, self.title_edit.text(), milestones=steps, **self._fields()
                )
            else:
                saved = self.current.id
                goals.update_template(
                    saved, self.title_edit.text(), milestones=steps, **self._fields()
                )
        except (goals.GoalError, goals.GoalRuleError) as exc:
            self.error_label.setText(str(exc))
            mark(self.title_edit, getattr(exc, "field", "") == "title", str(exc))
            return 0
        self.refresh(select_id=saved)
        self.ctx.show_status(self.tr("Template saved."))
        return saved

    def delete_template(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete template"),
            self.tr("Delete the template '{title}'? Goals already made from it keep their text.").format(
                title=self.current.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        goals.delete_template(self.current.id)
        self.current = None
        self.refresh()
        self.ctx.show_status(self.tr("Template deleted."))


class TemplatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Goal templates"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                'Templates are ready-made goals for this programme. Pick one with "From template" to start '
                "a goal with its wording and milestones."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.editor = TemplateEditor(ctx)
        layout.addWidget(self.editor, 1)
        layout.addWidget(dialog_buttons(self, None))
