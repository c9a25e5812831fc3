"""The questions of an application form, in order, and the PDF field name of each.

Built-in questions are named by the roster import's field keys (``first_name``, ``guardian_phone``...),
so a returned form becomes an import row without any mapping. A custom field is named ``custom_<id>``
and carries its label as the field's tooltip; a choice's export value is ``c<index>``. Hidden identity
fields say what the form is: ``md_form`` (always FORM_MARK), ``md_programme_id``, ``md_role``,
``md_version`` and ``md_layout`` (JSON: the programme's name and each custom question's label, kind and
choices, so a form is read without the database that printed it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentordesk.core.participants import FieldSpec

FORM_MARK = "mentordesk-application"
FORM_VERSION = "1"
ID_FIELDS = ("md_form", "md_programme_id", "md_role", "md_version", "md_layout")

CONSENT_STATEMENTS = (
    "I am the parent or carer of the young person named above and I give permission for them to take "
    "part in the programme, including meetings with a screened mentor.",
    "I agree that the programme may keep the details on this form for as long as they take part and "
    "use them only to run the programme.",
    "I will tell the coordinator if any of these details change.",
)


@dataclass(frozen=True)
class Question:
    name: str  # the PDF field name: an import field key, or custom_<id>
    label: str
    kind: str = "text"  # text, long_text, choice, multiple, yes_no, date, consent
    choices: tuple[str, ...] = ()
    help_text: str = ""
    required: bool = False
    import_key: str = ""  # the roster import's field key (or custom:<label>)


@dataclass(frozen=True)
class Section:
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    statements: tuple[str, ...] = field(default_factory=tuple)


def custom_name(spec: FieldSpec) -> str:
    return f"custom_{spec.id}"


def choice_export(index: int) -> str:
    return f"c{index}"


def _q(key: str, label: str, kind: str = "text", help_text: str = "", required: bool = False) -> Question:
    return Question(key, label, kind, (), help_text, required, key)


def form_sections(role: str, custom: list[FieldSpec]) -> list[Section]:
    """The form's sections for ``role`` (mentor or mentee), with the programme's custom fields."""
    mentee = role == "mentee"
    about = [
        _q("first_name", "First name", required=True),
        _q("last_name", "Last name", required=True),
        _q("preferred_name", "Name you like to be called"),
        _q("pronouns", "Pronouns"),
        _q("date_of_birth", "Date of birth", "date", "dd/mm/yyyy", required=mentee),
        _q("email", "E-mail"),
        _q("phone", "Phone"),
        _q("organisation", "School" if mentee else "Employer or organisation"),
        _q("department", "Year group or class" if mentee else "Department or role"),
        _q("languages", "Languages you speak", help_text="separate them with commas"),
        _q("accessibility_needs", "Anything we should know to make meetings work for you?", "long_text"),
    ]
    mentoring = [
        _q("seeks", "What would you like help with?", help_text="e.g. Maths, confidence, careers")
        if mentee
        else _q("offers", "What can you help with?", help_text="e.g. Maths, CV writing, coding"),
        _q("interests", "Your interests and hobbies", help_text="separate them with commas"),
        _q(
            "availability",
            "When are you free to meet?",
            help_text="days and times, e.g. Monday 16:00-17:00, Thursday after school",
        ),
        _q("preferences", "Anything about the person you would like to be matched with?", "long_text"),
    ]
    sections = [Section("About you", tuple(about)), Section("Mentoring", tuple(mentoring))]
    mine = [c for c in custom if c.applies_to(role)]
    if mine:
        sections.append(
            Section(
                "More about you",
                tuple(
                    Question(
                        custom_name(c),
                        c.label,
                        c.kind,
                        c.choices,
                        c.help_text,
                        c.required,
                        "custom:" + c.label,
                    )
                    for c in mine
                ),
            )
        )
    if mentee:
        sections.append(
            Section(
                "Parent or carer",
                (
                    _q("guardian_name", "Parent or carer's name", required=True),
                    _q("guardian_relationship", "Relationship to the young person", help_text="e.g. mother"),
                    _q("guardian_phone", "Parent or carer's phone", required=True),
                    _q("guardian_email", "Parent or carer's e-mail"),
                    Question(
                        "consent", "I agree to the statements above", "consent", (), "", False, "consent"
                    ),
                    _q("consent_date", "Date", "date", "dd/mm/yyyy"),
                ),
                intro="To be filled in by a parent or carer of anyone under 18.",
                statements=CONSENT_STATEMENTS,
            )
        )
    return sections
