"""A damaged returned form (truncated, or with bytes flipped) is 'cannot be read' or 'not our form', never
a crash: the import then refuses it with a message naming the file."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mentordesk.core.forms import NotOurForm, ReturnedForm, read_form


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from mentordesk.core.forms.layout import FORM_MARK

    path = tmp_path_factory.mktemp("form") / "form.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(50, 800, "Application form")
    for i, (name, value) in enumerate(
        [("md_form", FORM_MARK), ("md_version", "1"), ("md_programme_id", "1"), ("md_role", "mentee"),
         ("first_name", "Zoe"), ("md_layout", '{"programme": "P", "fields": []}')]
    ):
        canvas.acroForm.textfield(name=name, value=value, x=50, y=700 - 30 * i, width=200, height=20, maxlen=200)
    canvas.save()
    return path.read_bytes()


@pytest.mark.filterwarnings("ignore")  # pypdf warns about the damage it works around
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=6))
def test_damaged_forms_are_refused_or_read_never_crash(filled, tmp_path, cut, flips):
    data = bytearray(filled[: max(1, int(len(filled) * cut))] if cut < 1 else filled)
    for where, value in flips:
        data[min(len(data) - 1, int(len(data) * where))] = value
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        result = read_form(path)
    except NotOurForm as exc:
        assert "damaged.pdf" in str(exc)
    else:
        assert isinstance(result, ReturnedForm)


def test_the_undamaged_form_reads(filled, tmp_path):
    path = tmp_path / "whole.pdf"
    path.write_bytes(filled)
    assert read_form(path).answers == {"first_name": "Zoe"}
