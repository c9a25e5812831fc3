"""Templates: placeholders, markup, problems named with their position, rendering; fuzzed with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from mentordesk.core.documents import templating as t
from mentordesk.core.documents.templating import (
    PLACEHOLDERS,
    TEMPLATE_KINDS,
    TemplateError,
    check,
    render,
    render_text,
)

CONTEXT = {p.name: f"<{p.name}>" for p in PLACEHOLDERS}


def test_every_placeholder_has_a_description_and_an_example():
    names = [p.name for p in PLACEHOLDERS]
    assert len(names) == len(set(names))
    for required in ("mentee.name", "match.start", "programme.meeting_frequency", "guardian.name"):
        assert required in names
    assert all(p.description and p.example for p in PLACEHOLDERS)


def test_render_fills_placeholders_and_keeps_markup_structure():
    template = (
        "# Agreement for {mentee.name}\n"
        "We start on {match.start} and meet {programme.meeting_frequency}.\n"
        "Second line of the same paragraph.\n"
        "\n"
        "## Rules\n"
        "- No **private** messages\n"
        "[ ] I agree\n"
        "> Limits of confidentiality\n"
        "// a note for editors, never printed\n"
        "[[signatures]]\n"
    )
    context = dict(CONTEXT, **{"mentee.name": "Łukasz", "match.start": "14 September 2026"})
    context["programme.meeting_frequency"] = "every two weeks"
    elements = render(template, context, "agreement")
    kinds = [e.kind for e in elements]
    assert kinds == ["heading", "paragraph", "heading", "bullet", "checkbox", "note", "block"]
    assert elements[0].text == "Agreement for Łukasz" and elements[0].level == 1
    assert elements[1].text == (
        "We start on 14 September 2026 and meet every two weeks.\nSecond line of the same paragraph."
    )
    assert [(s.text, s.bold) for s in elements[3].spans] == [
        ("No ", False),
        ("private", True),
        (" messages", False),
    ]
    assert elements[6].name == "signatures"
    assert "editors" not in render_text(template, context, "agreement")


def test_values_never_become_markup_or_placeholders():
    context = dict(CONTEXT, **{"mentee.name": "# {mentor.name} **x**"})
    elements = render("Hello {mentee.name}", context)
    assert elements[0].kind == "paragraph"
    assert elements[0].text == "Hello # {mentor.name} **x**"
    assert all(not s.bold for s in elements[0].spans)


def test_doubled_braces_print_one_brace():
    assert render_text("Use {{braces}} like this", CONTEXT) == "Use {braces} like this"


def test_unknown_placeholder_is_named_with_line_and_column_and_a_suggestion():
    problems = check("Hello\nDear {mentee.nmae},", "agreement")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.name == "mentee.nmae"
    assert (problem.line, problem.column, problem.offset) == (2, 6, 11)
    assert "Unknown placeholder {mentee.nmae}" in problem.message
    assert "Did you mean mentee.name?" in problem.message
    with pytest.raises(TemplateError, match=r"mentee\.nmae") as info:
        render("Hello\nDear {mentee.nmae},", CONTEXT, "agreement")
    assert info.value.problems[0].name == "mentee.nmae"


@pytest.mark.parametrize(
    ("template", "fragment", "column"),
    [
        ("Dear {mentee.name", "never closed", 6),
        ("Dear mentee.name}", "has no '{'", 17),
        ("Dear {}", "Empty placeholder", 6),
        ("Dear { mentee.name }", "without spaces", 6),
        ("Dear **bold", "never ends", 6),
        ("text [[goals]] inline", "", 0),  # not a part line: plain text, no problem
        ("[[nonsense]]", "Unknown part [[nonsense]]", 1),
        ("[[goals]] trailing", "stand alone", 1),
    ],
)
def test_bad_templates_get_a_clear_problem(template, fragment, column):
    problems = check(template, "agreement")
    if not fragment:
        assert problems == []
        return
    assert problems, template
    assert fragment in problems[0].message
    assert problems[0].column == column


def test_every_problem_is_listed_not_just_the_first():
    problems = check("{a.b} and {c.d}\n{mentee.name} }", "agreement")
    assert [p.name for p in problems if p.name] == ["a.b", "c.d"]
    assert any("has no '{'" in p.message and p.line == 2 for p in problems)


def test_placeholders_and_parts_are_checked_against_the_kind_of_document():
    # A consent form is for a person, not a match: match placeholders and parts are refused.
    problems = check("{match.start}\n[[goals]]\n{participant.name}", "consent_form")
    assert [p.name for p in problems] == ["match.start", "goals"]
    assert "not available" in problems[0].message
    assert check("{participant.name}", "agreement")[0].name == "participant.name"
    assert check("{match.start}") == []  # without a kind, anything known goes


def test_missing_context_value_is_an_error_not_a_blank():
    with pytest.raises(TemplateError, match="No value for {mentee.name}"):
        render("Hi {mentee.name}", {})


def test_used_placeholders_and_blocks():
    template = "{mentee.name} {match.start} {mentee.name}\n[[goals]]\n[[signatures]]"
    assert t.used_placeholders(template) == ["mentee.name", "match.start"]
    assert t.used_blocks(template) == ["goals", "signatures"]


def test_the_shipped_templates_are_clean():
    from mentordesk.services.documents.templates import default_template

    for kind in TEMPLATE_KINDS:
        assert check(default_template(kind), kind) == [], kind
        assert check(default_template(kind, "reverse"), kind) == [], ("reverse", kind)


# -- fuzzing -------------------------------------------------------------------------------------
ALPHABET = st.sampled_from(
    list("ab {}[]*#->/\n\\ ") + ["{mentee.name}", "[[goals]]", "**", "{{", "}}", "Ł", "é"]
)
TEMPLATES = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEMPLATES, st.sampled_from([None, *TEMPLATE_KINDS]))
def test_fuzz_never_crashes_and_problems_point_inside_the_template(template, kind):
    problems = check(template, kind)
    for problem in problems:
        assert 0 <= problem.offset <= len(template)
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message
    if problems:
        with pytest.raises(TemplateError) as info:
            render(template, CONTEXT, kind)
        assert str(info.value)
    else:
        text = render_text(template, CONTEXT, kind)
        # Without doubled braces in the template, a clean render never leaks a brace.
        if "{{" not in template and "}}" not in template:
            assert "{" not in text and "}" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_arbitrary_text(template):
    problems = check(template, "agreement")
    try:
        render(template, CONTEXT, "agreement")
    except TemplateError as exc:
        assert exc.problems == problems and problems
    else:
        assert problems == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_fuzz_any_value_is_inserted_verbatim(value):
    context = dict(CONTEXT, **{"mentee.name": value})
    elements = render("Name: {mentee.name}", context)
    assert elements[0].text == "Name: " + value
