"""Settings › Closure reasons: the programme's list of reason codes a closed match is given (reports
count closures by them). "Other" is always offered last and asks for the reason in words. Every change
is saved at once, like every Settings tab."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mentordesk.core.pairing import DEFAULT_CLOSURE_REASONS, OTHER
from mentordesk.services import pairing, programmes
from mentordesk.services.pairing import PairingError
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import error_label, section_intro
from mentordesk.ui.widgets.list_editor import ListEditor, ListWords


class ClosureReasonsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.heading = section_intro(
            layout,
            self.tr(
                "The reasons the closing dialog offers, in this order; reports count closed matches by them. "
                "Closures already recorded keep their reason, also when it is taken off the list. Other is "
                "always offered last and asks for the reason in words."
            ),
        )
        self.error_label = error_label()
        words = ListWords(
            list_name=self.tr("Closure reasons"),
            new_label=self.tr("&New reason:"),
            new_name=self.tr("New closure reason"),
            placeholder=self.tr("e.g. Family illness"),
            add=self.tr("&Add"),
            remove=self.tr("Re&move"),
            type_first=self.tr("New reason: type the reason first (e.g. Family illness)."),
            added=self.tr("Closure reason added: {text}."),
            removed=self.tr("Closure reason removed: {text}."),
            reordered=self.tr("Closure reasons reordered."),
            move_up=self.tr("Move &up"),
            move_down=self.tr("Move do&wn"),
        )
        self.editor = ListEditor(words, self._save, self.error_label.setText, keep_one=True)
        self.list, self.new_edit = self.editor.list, self.editor.new_edit
        self.add_button, self.remove_button = self.editor.add_button, self.editor.remove_button
        box = QGroupBox(self.tr("Reasons offered"))
        inside = QVBoxLayout(box)
        inside.addWidget(self.editor, 1)
        defaults = QHBoxLayout()
        self.defaults_button = QPushButton(icon("refresh"), self.tr("Use the &usual reasons"))
        self.defaults_button.clicked.connect(self._defaults)
        defaults.addStretch(1)
        defaults.addWidget(self.defaults_button)
        inside.addLayout(defaults)
        layout.addWidget(box, 1)
        layout.addWidget(self.error_label)
        ctx.programmeChanged.connect(lambda _id: self.refresh())
        self.refresh()

    def labels(self) -> list[str]:
        return self.editor.texts()

    def refresh(self) -> None:
        programme_id = self.ctx.programme_id
        for widget in (self.editor, self.defaults_button):
            widget.setEnabled(bool(programme_id))
        self.error_label.clear()
        if not programme_id:
            self.heading.setText(self.tr("Create a programme first: closure reasons belong to a programme."))
            self.editor.set_texts([])
            return
        name = programmes.get_programme(programme_id).name
        self.heading.setText(self.tr("Closure reasons of {name}").format(name=name))
        self.editor.set_texts([r.label for r in pairing.closure_reasons(programme_id) if r.code != OTHER])

    def _save(self, labels: list[str], message: str) -> bool:
        try:
            pairing.save_closure_reasons(self.ctx.programme_id, labels)
        except PairingError as exc:
            self.error_label.setText(str(exc))
            return False
        self.refresh()
        self.ctx.show_status(message)
        return True

    def _defaults(self) -> None:
        self._save(
            [r.label for r in DEFAULT_CLOSURE_REASONS if r.code != OTHER], self.tr("The usual closure reasons.")
        )


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Closure reasons", ClosureReasonsTab(ctx)
