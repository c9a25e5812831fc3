"""The template editor lists the programme's custom fields as placeholders to insert."""

from __future__ import annotations

from mentordesk.core.participants import FieldDraft
from mentordesk.services import participants
from tests.ui.documents.test_documents_ui import opened, page  # noqa: F401 (fixtures)


def test_custom_fields_are_offered_as_placeholders(page):  # noqa: F811
    participants.define_field(page.ctx.programme_id, FieldDraft("Favourite subject", role="mentee"))
    page.tabs.setCurrentWidget(page.templates)
    tab = page.templates
    tab.kinds.setCurrentRow(1)  # the agreement
    shown = {tab.inserts.item(i).text() for i in range(tab.inserts.count())}
    assert {"{mentee.custom.favourite_subject}", "{participant.custom.favourite_subject}"} <= shown
    assert "{mentor.custom.favourite_subject}" not in shown  # mentors are not asked
