"""Generated PDFs: names in every script, dates, goals, no leaked placeholders, layout rules."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from mentordesk.core.documents.templating import TEMPLATE_KINDS
from mentordesk.services import documents
from mentordesk.services.documents import fonts
from mentordesk.services.documents.context import long_date
from mentordesk.store import settings
from mentordesk.store.models import Document, Match
from tests.documents_fixtures import (
    START,
    make_match,
    make_programme,
    pdf_pages,
    pdf_text,
    person,
    standard_match,
)

TODAY = date(2026, 11, 27)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


def test_agreement_holds_names_dates_goals_and_every_section(db, out):
    match = standard_match()
    path = documents.generate("agreement", match_id=match.id, out_dir=out, today=TODAY)
    text = pdf_text(path)
    for expected in (
        "Mentoring agreement",
        "Zoë Ó'Brien",
        "Łukasz Kowalski",
        "Ελένη Παπαδοπούλου",  # the mentee is a minor: the guardian is a party
        "Alex Morgan",
        long_date(START),  # start
        long_date(date(2027, 7, 9)),  # planned end
        "every two weeks",
        "about an hour",
        "School library or Room 12",
        "Speak up confidently in class",
        "Choose three university courses to research",
        "Contact between meetings",
        "social media",
        "limits of confidentiality",
        "safeguarding lead",
        "nobody is to blame",
        "Signatures",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "{" not in text and "}" not in text and "[[" not in text


def test_adult_mentee_has_no_guardian_line(db, out):
    programme = make_programme()
    mentor = person("Mateo", "García")
    mentee = person("Priya", "Patel", guardian="Someone")  # adult: the guardian does not sign
    match = make_match(programme, [mentor], [mentee], ["Get a promotion"])
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=out))
    assert "Priya Patel" in text and "Someone" not in text and "Parent or guardian" not in text


def test_group_match_lists_every_member_and_each_minors_guardian(db, out):
    programme = make_programme(kind="group")
    mentors = [person("Jürgen", "Schröder"), person("Siobhán", "Ní Bhriain")]
    mentees = [
        person("Алексей", "Смирнов", minor=True, guardian="Ольга Смирнова"),
        person("Ελένη", "Γεωργίου", minor=True),  # no guardian on file: a line to write the name
        person("Noémie", "Lefèvre", minor=True, guardian="Anaïs Lefèvre"),
    ]
    match = make_match(programme, mentors, mentees, ["Run a school event together"])
    pages = pdf_pages(documents.generate("agreement", match_id=match.id, out_dir=out))
    text = "\n".join(pages)
    for name in (
        "Jürgen Schröder",
        "Siobhán Ní Bhriain",
        "Алексей Смирнов",
        "Ελένη Γεωργίου",
        "Noémie Lefèvre",
    ):
        assert text.count(name) >= 3, name  # parties table, guardians' relationship, signatures
    assert "Ольга Смирнова" in text and "Anaïs Lefèvre" in text
    assert "Name of parent or guardian, for Ελένη Γεωργίου" in text
    signature_page = next(p for p in pages if "By signing" in p)
    assert signature_page.count("Signature") == 2 + 3 + 3 + 1 + 1  # 8 parties + coordinator + heading


def test_thirty_goals_keep_the_signature_block_on_one_page(db, out):
    goals = [
        f"Goal number {n}: a long goal that wraps over the line to check wrapping works" for n in range(1, 31)
    ]
    match = standard_match(goals=goals)
    pages = pdf_pages(documents.generate("agreement", match_id=match.id, out_dir=out))
    assert len(pages) >= 4
    text = "\n".join(pages)
    for n in range(1, 31):
        assert f"Goal number {n}:" in text
    heading_pages = [i for i, page in enumerate(pages) if "By signing, we agree" in page]
    assert len(heading_pages) == 1
    page = pages[heading_pages[0]]
    for name in ("Zoë Ó'Brien", "Łukasz Kowalski", "Ελένη Παπαδοπούλου", "Alex Morgan"):
        assert name in page.split("By signing")[1], name
    assert page.count("Date") >= 4
    later = pages[heading_pages[0] + 1 :]
    assert all("Signature" not in p for p in later)


def test_long_names_and_goals_wrap_inside_the_page(db, out):
    programme = make_programme()
    long_name = "Oluwaseun-Maximilian-Bartholomew Fernández-Papadopoulos-Ó Súilleabháin-Smith-Jones"
    mentor = person("Kateřina", long_name)
    mentee = person("Ravi", "Patel", minor=True, guardian="Grace Patel")
    goal = "Build a weekly revision timetable " * 8 + "Antidisestablishmentarianismsupercalifragilistic" * 3
    match = make_match(programme, [mentor], [mentee], [goal])
    path = documents.generate("agreement", match_id=match.id, out_dir=out)
    reader = PdfReader(str(path))
    right_edge = float(reader.pages[0].mediabox.width)
    overflow = []

    def visit(text, cm, tm, font, size):
        x = tm[4] * cm[0] + cm[4]
        if text.strip() and x > right_edge - 20:
            overflow.append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert overflow == []
    text = pdf_text(path).replace(" ", "")
    assert long_name.replace(" ", "") in text
    assert "Antidisestablishmentarianism" in text


def test_cjk_names_use_an_installed_cjk_font(db, out):
    if fonts.fallback_font() is None:
        pytest.skip("no CJK TrueType font on this machine")
    programme = make_programme()
    match = make_match(
        programme, [person("美咲", "佐藤")], [person("Yuki", "Tanaka", minor=True, guardian="田中 花子")]
    )
    path = documents.generate("agreement", match_id=match.id, out_dir=out)
    text = pdf_text(path)
    assert "美咲 佐藤" in text and "田中 花子" in text
    fonts_used = {
        str(f["/BaseFont"])
        for page in PdfReader(str(path)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("MDFallback" in name for name in fonts_used) or any("Droid" in name for name in fonts_used), (
        fonts_used
    )
    assert documents.unrenderable_names(match_ids=[match.id]) == []


def test_names_that_cannot_be_printed_are_reported(db, monkeypatch):
    programme = make_programme()
    arabic = person("ليلى", "حداد")
    japanese = person("美咲", "佐藤")
    match = make_match(programme, [arabic], [japanese, person("Zoë", "Łukasz")])
    assert documents.unrenderable_names(match_ids=[match.id]) == []  # Arabic is shaped, CJK has a font
    monkeypatch.setattr(fonts, "shaping_available", lambda: False)
    problems = documents.unrenderable_names(match_ids=[match.id])
    assert [p.text for p in problems] == ["ليلى حداد"]
    assert "uharfbuzz" in problems[0].reason
    monkeypatch.setattr(fonts, "fallback_font", lambda: None)
    problems = documents.unrenderable_names(match_ids=[match.id])
    assert {p.text for p in problems} == {"ليلى حداد", "美咲 佐藤"}
    cjk = next(p for p in problems if p.text == "美咲 佐藤")
    assert "Chinese, Japanese or Korean font" in cjk.reason and cjk.characters == "美咲佐藤"


def test_page_size_setting_and_logo(db, out, tmp_path):
    from PIL import Image

    match = standard_match()
    a4 = PdfReader(str(documents.generate("agreement", match_id=match.id, out_dir=out)))
    assert (
        round(float(a4.pages[0].mediabox.width)) == 595 and round(float(a4.pages[0].mediabox.height)) == 842
    )
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), "#1F4E79").save(logo)
    settings.put("page_size", "Letter")
    settings.put("logo_path", str(logo))
    settings.put("organisation_name", "Northgate High School")
    path = documents.generate("agreement", match_id=match.id, out_dir=out)
    letter = PdfReader(str(path))
    assert (
        round(float(letter.pages[0].mediabox.width)) == 612
        and round(float(letter.pages[0].mediabox.height)) == 792
    )
    assert "/XObject" in letter.pages[0]["/Resources"]  # the logo is drawn
    assert "Northgate High School" in pdf_text(path)
    settings.put("logo_path", str(tmp_path / "moved.png"))  # a missing logo must not stop printing
    assert documents.generate("agreement", match_id=match.id, out_dir=out).is_file()


@pytest.mark.parametrize("kind", [k for k in TEMPLATE_KINDS if k not in ("closure_letter", "consent_form")])
def test_every_kind_generates_without_leaking_placeholders(db, out, kind):
    match = standard_match(meetings=3)
    path = documents.generate(kind, match_id=match.id, out_dir=out, today=TODAY)
    text = pdf_text(path)
    assert "{" not in text and "[[" not in text
    assert documents.title(kind) in path.name
    assert ("Zoë Ó'Brien" in text) or ("Łukasz Kowalski" in text)
    rows = list(Document.select().where(Document.kind == kind))
    assert rows and all(r.match_id == match.id and r.path == str(path.resolve()) for r in rows)


def test_letters_one_per_recipient_with_first_meeting_details(db, out):
    match = standard_match(meetings=2)
    text = pdf_text(documents.generate("welcome_mentee", match_id=match.id, out_dir=out, today=TODAY))
    assert "Dear Łukasz," in text and "Zoë Ó'Brien" in text
    assert "Your first meeting" in text and "16:00" in text and "School library" in text
    assert long_date(TODAY) in text
    path = documents.generate("welcome_mentor", match_id=match.id, out_dir=out)
    assert "Dear Zoë," in pdf_text(path) and "Łukasz Kowalski" in pdf_text(path)
    certificate = pdf_pages(documents.generate("certificate", match_id=match.id, out_dir=out))
    assert len(certificate) == 2  # one certificate per member
    assert "Zoë Ó'Brien" in certificate[0] and "as a mentor" in certificate[0]
    assert "Łukasz Kowalski" in certificate[1] and "as a mentee" in certificate[1]
    reader = PdfReader(
        str(
            documents.generate(
                "certificate", match_id=match.id, participant_id=match.members[0].participant_id, out_dir=out
            )
        )
    )
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)  # landscape
    assert len(reader.pages) == 1


def test_closure_letter_needs_a_closed_match(db, out):
    match = standard_match(meetings=4)
    with pytest.raises(documents.DocumentError, match="close the match first"):
        documents.generate("closure_letter", match_id=match.id, out_dir=out)
    Match.update(status="closed", closed_on=date(2027, 6, 2)).where(Match.id == match.id).execute()
    pages = pdf_pages(documents.generate("closure_letter", match_id=match.id, out_dir=out))
    assert len(pages) == 2 and "Dear Zoë," in pages[0] and "Dear Łukasz," in pages[1]
    assert long_date(date(2027, 6, 2)) in pages[0] and "Meetings held together: 4" in pages[0]


def test_consent_form_for_a_person_without_a_match(db, out):
    from mentordesk.store.models import Enrolment

    programme = make_programme()
    young = person("Seán", "MacLeod", minor=True, guardian="Aoife MacLeod", organisation="Northgate High")
    Enrolment.create(participant=young, programme=programme, role="mentee")
    path = documents.generate("consent_form", participant_id=young.id, out_dir=out)
    text = pdf_text(path)
    for expected in (
        "Parent or guardian consent",
        "Seán MacLeod",
        "Aoife MacLeod",
        "Riverside Futures 2026/27",
        "Northgate High",
    ):
        assert expected in text, expected
    assert text.count("☐") >= 4 or "permission for Seán" in text
    row = Document.get(Document.kind == "consent_form")
    assert row.participant_id == young.id and row.match_id is None and row.programme_id == programme.id


def test_meeting_log_lists_recorded_meetings_and_blank_rows(db, out):
    match = standard_match(meetings=3)
    path = documents.generate_meeting_log(match.id, out / "log.pdf")
    assert path == out / "log.pdf"
    text = pdf_text(path)
    assert "Meetings recorded so far" in text and "Session 1" in text and "Session 3" in text
    assert "Meetings to record" in text
    goals = pdf_text(documents.generate_goal_worksheet(match.id, out / "goals.pdf"))
    assert "Speak up confidently in class" in goals and "Measurable" in goals
    reflection = pdf_text(documents.generate_reflection_sheet(match.id, out / "reflection.pdf"))
    assert "What went well?" in reflection and "Choose three university courses" in reflection


def test_custom_template_is_used_and_unknown_placeholders_are_refused(db, out):
    match = standard_match()
    programme_id = match.programme_id
    with pytest.raises(documents.TemplateRejected, match=r"\{mentee\.shoe_size\}") as info:
        documents.save_template(programme_id, "agreement", "# Agreement\n{mentee.shoe_size}")
    assert info.value.problems[0].name == "mentee.shoe_size"
    assert not documents.is_customised(programme_id, "agreement")
    documents.save_template(
        programme_id, "agreement", "# Our own agreement\nWe, {match.members}, agree.\n[[signatures]]"
    )
    text = pdf_text(documents.generate("agreement", match_id=match.id, out_dir=out))
    assert "Our own agreement" in text and "We, Zoë Ó'Brien and Łukasz Kowalski, agree." in text
    documents.reset_template(programme_id, "agreement")
    assert documents.template_text(programme_id, "agreement") == documents.default_template("agreement")


def test_a_stored_template_that_went_bad_is_named_on_generation(db, out):
    from mentordesk.store.models import DocumentTemplate

    match = standard_match()
    DocumentTemplate.create(programme=match.programme_id, kind="agreement", body="Hi {mentee.nickname}")
    with pytest.raises(documents.DocumentError, match=r"mentee\.nickname"):
        documents.generate("agreement", match_id=match.id, out_dir=out)
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_records_file_names_and_marking_signed(db, out):
    match = standard_match()
    first = documents.generate("agreement", match_id=match.id, out_dir=out, today=TODAY)
    second = documents.generate("agreement", match_id=match.id, out_dir=out, today=TODAY)
    assert (
        first.name
        == "Riverside Futures 2026-27 - Mentoring agreement - Zoë Ó'Brien & Łukasz Kowalski - 2026-11-27.pdf"
    )
    assert second.name.endswith(" (2).pdf") and first.is_file()
    rows = documents.list_documents(match.programme_id)
    assert [r.file_name for r in rows] == [second.name, first.name]
    assert rows[0].about == "Zoë Ó'Brien & Łukasz Kowalski" and rows[0].exists
    with pytest.raises(documents.DocumentError, match="future"):
        documents.mark_signed(rows[0].id, date(2099, 1, 1))
    documents.mark_signed(rows[0].id, date(2026, 9, 21))
    assert Document.get_by_id(rows[0].id).signed_on == date(2026, 9, 21)
    assert Match.get_by_id(match.id).agreement_signed_on == date(2026, 9, 21)
    documents.mark_signed(rows[0].id, None)
    assert Match.get_by_id(match.id).agreement_signed_on is None
    second.unlink()
    assert not documents.list_documents(match.programme_id)[0].exists
    assert documents.forget([rows[1].id], delete_files=True) == 1
    assert not first.exists() and len(documents.list_documents(match.programme_id)) == 1


def test_output_folder_defaults_to_the_data_folder(db):
    from mentordesk import config

    match = standard_match()
    path = documents.generate("agreement", match_id=match.id)
    assert path.parent == config.documents_dir()
    documents.set_output_dir(config.data_dir() / "chosen")
    assert documents.generate("agreement", match_id=match.id).parent == config.data_dir() / "chosen"


def test_a_section_heading_is_never_left_alone_at_the_foot_of_a_page(db, out):
    """Whatever comes before it, "Our goals" and its introduction share a page with the first goal."""
    match = standard_match()
    programme_id = match.programme_id
    default = documents.default_template("agreement")
    filler = "A line of text that pushes the next section down the page. " * 3
    seen_at_foot = 0
    for lines in range(0, 46, 3):
        template = default.replace("## Our goals", "\n\n".join([filler] * lines) + "\n\n## Our goals", 1)
        documents.save_template(programme_id, "agreement", template)
        pages = pdf_pages(documents.generate("agreement", match_id=match.id, out_dir=out / str(lines)))
        page = next(page for page in pages if "Our goals" in page)
        assert "Speak up confidently in class" in page.split("Our goals", 1)[1], lines
        seen_at_foot += page.index("Our goals") > len(page) // 2
    assert seen_at_foot  # some of the runs really put the section low on a page


def test_a_system_on_the_c_locale_prints_british_dates(monkeypatch):
    """getlocale() reports C.UTF-8 as en_US: once Qt had called setlocale, letters printed US dates."""
    import locale

    from mentordesk.services.documents import context

    for name in ("MENTORDESK_LOCALE", "LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, "C.UTF-8")
    context.document_locale.cache_clear()
    try:
        assert context.document_locale() == "en_GB"
    finally:
        locale.setlocale(locale.LC_TIME, before)
        context.document_locale.cache_clear()
