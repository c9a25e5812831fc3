"""What the Participants page's buttons do: dialogs, confirmations and the services behind them.

Kept apart from page.py so the page stays about layout and the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import Clearance, TagSpec, refusal
from mentordesk.core.vocab import EnrolmentStatus, TagDirection, TagKind, label
from mentordesk.services import participants
from mentordesk.services.participants import ParticipantError
from mentordesk.ui.widgets.form_parts import dialog_buttons

if TYPE_CHECKING:
    from mentordesk.ui.participants.page import ParticipantsPage


class TagDialog(QDialog):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Add a tag to {n} people").format(n=count) if count != 1 else self.tr("Add a tag")
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in TagKind:
            self.kind.addItem(label(kind.value), kind.value)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. robotics"))
        self.direction = QComboBox()
        for direction in TagDirection:
            self.direction.addItem(label(direction.value), direction.value)
        self.direction.setCurrentIndex(self.direction.findData(TagDirection.BOTH.value))
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Tag"), self.name)
        form.addRow(self.tr("&Direction"), self.direction)
        layout.addLayout(form)
        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout.addWidget(buttons)

    def value(self) -> TagSpec:
        return TagSpec(
            self.kind.currentData(), " ".join(self.name.text().split()), self.direction.currentData()
        )


def ask_tag(page: ParticipantsPage, count: int) -> TagSpec | None:
    dialog = TagDialog(count, page)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_exit_reason(page: ParticipantsPage, count: int) -> str | None:
    text, ok = QInputDialog.getText(
        page,
        page.tr("Exit"),
        page.tr("Why are they leaving? (kept with the record; optional)")
        if count == 1
        else page.tr("Why are these {n} people leaving? (optional)").format(n=count),
    )
    return text if ok else None


def _people(page: ParticipantsPage) -> list[tuple[int, str]]:
    return page.all_people()


def ensure_programme(page: ParticipantsPage) -> bool:
    """True when there is a programme to add people to; with none yet, offer to create it first."""
    if page.ctx.programme_id:
        return True
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

    box = QMessageBox(
        QMessageBox.Icon.Question,
        page.tr("No programme yet"),
        page.tr(
            'People are added to a programme (for example "Year 10 mentoring 2026/27"), '
            "and there is none yet. Create the programme first?"
        ),
        QMessageBox.StandardButton.Cancel,
        page,
    )
    create = box.addButton(page.tr("&Create programme…"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(create)
    box.exec()
    if box.clickedButton() is not create:
        return False
    dialog = ProgrammeDialog(page)
    if not dialog.exec():
        return False
    page.ctx.set_programme(dialog.created_id)
    page.ctx.notify("programmes")  # the main window lists it in its programme selector
    page.ctx.show_status(page.tr("Programme created."))
    return True


def add_participant(page: ParticipantsPage) -> None:
    from mentordesk.ui.participants.person_dialog import PersonDialog

    if not ensure_programme(page):
        return
    dialog = PersonDialog(page.ctx.programme_id, None, _people(page), page)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
        page.ctx.show_status(page.tr("Participant added."))
        page.changed({dialog.saved_id})


def edit_participant(page: ParticipantsPage) -> None:
    from mentordesk.ui.participants.person_dialog import PersonDialog

    rows = page.selected_rows()
    if len(rows) != 1:
        return
    dialog = PersonDialog(page.ctx.programme_id, rows[0].participant_id, _people(page), page)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        page.ctx.show_status(page.tr("Saved."))
        page.changed({rows[0].participant_id})


def open_screening(page: ParticipantsPage) -> None:
    from mentordesk.ui.participants.screening_dialog import ScreeningDialog

    rows = page.selected_rows()
    if len(rows) != 1:
        return
    dialog = ScreeningDialog(rows[0].participant_id, page.ctx.programme_id, rows[0].name, page)
    dialog.exec()
    if dialog.changed:
        page.changed({rows[0].participant_id})


def open_guardians(page: ParticipantsPage) -> None:
    from mentordesk.ui.participants.guardians_dialog import GuardiansDialog

    rows = page.selected_rows()
    if len(rows) != 1:
        return
    dialog = GuardiansDialog(rows[0].participant_id, rows[0].name, page)
    dialog.exec()
    if dialog.changed:
        page.changed({rows[0].participant_id})


def offer_allowed_moves(page: ParticipantsPage) -> None:
    """Enable in the status menu only the moves the pipeline allows for at least one selected person;
    a disabled move carries the reason as its tooltip."""
    rows = page.selected_rows()
    for action in page.status_menu.actions():
        target = action.data()
        reasons = [
            refusal(row.status, target, Clearance(row.cleared, () if row.cleared else (row.clearance,)))
            if row.status != target
            else page.tr("Already {status}.").format(status=label(target).lower())
            for row in rows
        ]
        allowed = any(not reason for reason in reasons)
        action.setEnabled(allowed)
        why = "" if allowed or not reasons else reasons[0]
        action.setToolTip(why or label(target))
        action.setStatusTip(why)


def change_status(page: ParticipantsPage, status: str) -> None:
    rows = page.selected_rows()
    if not rows:
        return
    reason = ""
    if status == EnrolmentStatus.EXITED.value:
        answer = ask_exit_reason(page, len(rows))
        if answer is None:
            return
        reason = answer
    outcome = participants.bulk_change_status([r.enrolment_id for r in rows], status, reason)
    page.changed({r.participant_id for r in rows})
    if outcome.refused:
        lines = "\n".join(f"• {name}: {why}" for name, why in outcome.refused[:15])
        if len(outcome.refused) > 15:
            lines += "\n" + page.tr("… and {n} more.").format(n=len(outcome.refused) - 15)
        QMessageBox.warning(
            page,
            page.tr("Some were not moved"),
            page.tr("{changed} moved to {status}; {refused} could not be:").format(
                changed=outcome.changed, status=label(status).lower(), refused=len(outcome.refused)
            )
            + "\n\n"
            + lines,
        )
    else:
        page.ctx.show_status(
            page.tr("{n} moved to {status}.").format(n=outcome.changed, status=label(status).lower())
        )


def add_tag(page: ParticipantsPage) -> None:
    rows = page.selected_rows()
    if not rows:
        return
    tag = ask_tag(page, len(rows))
    if tag is None:
        return
    try:
        added = participants.bulk_add_tag([r.participant_id for r in rows], tag)
    except ParticipantError as exc:
        QMessageBox.warning(page, page.tr("Tag not added"), str(exc))
        return
    page.changed({r.participant_id for r in rows})
    page.ctx.show_status(page.tr("Tag '{tag}' added to {n} people.").format(tag=tag.name, n=added))


def promote_to_mentor(page: ParticipantsPage) -> None:
    """Cascade programmes: make the selected mentees who completed a cycle mentors of the next cohort."""
    from mentordesk.services import pairing
    from mentordesk.ui.participants.promote_dialog import PromoteDialog

    rows = page.selected_rows()
    if not rows:
        return
    dialog = PromoteDialog([r.name for r in rows], page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        outcome = pairing.promote_to_mentor(
            page.ctx.programme_id, [r.participant_id for r in rows], capacity=dialog.capacity.value()
        )
    except pairing.PairingError as exc:
        QMessageBox.warning(page, page.tr("Nobody was promoted"), str(exc))
        return
    page.changed({r.participant_id for r in rows})
    page.ctx.show_status(outcome.summary)
    if outcome.refused:
        QMessageBox.information(
            page,
            page.tr("Some were not promoted"),
            "\n".join(f"{name}: {why}." for name, why in outcome.refused[:15])
            + ("\n…" if len(outcome.refused) > 15 else ""),
        )


def enrol_elsewhere(page: ParticipantsPage) -> None:
    """Enrol the selected people in another programme (one or many), all or none."""
    from mentordesk.services import programmes
    from mentordesk.ui.participants.enrol_dialog import EnrolDialog

    rows = page.selected_rows()
    if not rows:
        return
    others = [p for p in programmes.list_programmes() if p.id != page.ctx.programme_id]
    if not others:
        QMessageBox.information(
            page,
            page.tr("No other programme"),
            page.tr("There is no other programme to enrol them in: create one first (File > New programme…)."),
        )
        return
    dialog = EnrolDialog(len(rows), others, page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    target, role, carry = dialog.choice()
    try:
        outcome = participants.enrol_in_programme(
            [r.participant_id for r in rows],
            target,
            from_programme_id=page.ctx.programme_id,
            role=role,
            carry_checks=carry,
        )
    except ParticipantError as exc:
        QMessageBox.warning(page, page.tr("Nobody was enrolled"), str(exc))
        return
    name = next(p.name for p in others if p.id == target)
    page.ctx.show_status(page.tr("{name}: {summary}").format(name=name, summary=outcome.summary))
    if outcome.already:
        QMessageBox.information(
            page,
            page.tr("Some were there already"),
            page.tr("Already in {name}, left as they were: {people}.").format(
                name=name, people=", ".join(outcome.already[:15]) + ("…" if len(outcome.already) > 15 else "")
            ),
        )


def delete_selected(page: ParticipantsPage) -> None:
    rows = page.selected_rows()
    if not rows:
        return
    if len(rows) == 1:
        question = page.tr(
            "Delete {name} and everything recorded about them (screening, guardians, consent, tags)?\n\n"
            "This cannot be undone. To keep statistics, move them to Exited instead."
        ).format(name=rows[0].name)
    else:
        names = ", ".join(r.name for r in rows[:5]) + ("…" if len(rows) > 5 else "")
        question = page.tr(
            "Delete these {n} people ({names}) and everything recorded about them?\n\nThis cannot be undone."
        ).format(n=len(rows), names=names)
    answer = QMessageBox.question(
        page,
        page.tr("Delete participant") if len(rows) == 1 else page.tr("Delete participants"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    refused = []
    deleted = 0
    for row in rows:
        try:
            participants.delete_participant(row.participant_id)
            deleted += 1
        except ParticipantError as exc:
            refused.append(str(exc))
    page.changed()
    if refused:
        QMessageBox.warning(page, page.tr("Not deleted"), "\n\n".join(refused))
    if deleted:
        page.ctx.show_status(page.tr("{n} deleted.").format(n=deleted))


def export(page: ParticipantsPage, what: str, selection: bool = False, fmt: str = "csv") -> None:
    """A table as CSV or, with ``fmt="xlsx"``, as an Excel workbook (cell types explicit)."""
    programme_id = page.ctx.programme_id
    if not programme_id:
        return
    ids = [r.participant_id for r in page.selected_rows()] if selection else None
    if selection and not ids:
        return
    titles = {
        "participants": page.tr("Export the participants roster"),
        "matches": page.tr("Export the matches table"),
        "meetings": page.tr("Export the meetings table"),
    }
    suffix = ".xlsx" if fmt == "xlsx" else ".csv"
    name = f"{what}{'-selection' if selection else ''}{suffix}"
    path = page.save_dialog(titles[what], name)
    if path is None:
        return
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        if what == "participants":
            count = participants.export_participants(path, programme_id, ids)
        elif what == "matches":
            count = participants.export_matches(path, programme_id)
        else:
            count = participants.export_meetings(path, programme_id)
    except OSError as exc:
        QMessageBox.warning(
            page,
            page.tr("Not exported"),
            page.tr("Could not write {path}: {why}. Choose another folder.").format(
                path=path, why=exc.strerror or exc
            ),
        )
        return
    page.ctx.show_status(page.tr("Exported {n} rows to {name}.").format(n=count, name=path.name))
