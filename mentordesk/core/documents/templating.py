"""Document templates: placeholders, a light markup, a check that names every problem, and rendering.

A template is plain text a coordinator can edit:

    # Title                      the document title (one per document, at the top)
    ## Section heading           a section; ### for a smaller heading
    Lines next to each other     form one paragraph, line breaks kept; a blank line starts the next
    - item                       a bullet point
    [ ] item                     a tick box (consent forms)
    > text                       a highlighted note (e.g. the limits of confidentiality)
    **bold**                     bold words inside a line
    [[goals]]                    a generated part on a line of its own: parties, goals, signatures...
    // note                      a note for whoever edits the template; never printed
    {mentee.name}                a placeholder, filled in for each match or person
    {{ and }}                    a literal brace

The markup is parsed before placeholders are filled in, so a name can never turn
into markup (a mentee called "# Sam" stays a name), and a filled-in value is never
scanned for placeholders again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from mentordesk.core.documents.placeholders import (
    BLOCK_INDEX,
    BLOCKS,
    GUARDIAN_KINDS,
    LETTER_KINDS,
    MATCH_KINDS,
    PLACEHOLDER_INDEX,
    PLACEHOLDERS,
    TEMPLATE_KINDS,
    BlockInfo,
    Placeholder,
    is_custom_placeholder,
)

__all__ = [
    "BLOCKS",
    "BLOCK_INDEX",
    "GUARDIAN_KINDS",
    "LETTER_KINDS",
    "MATCH_KINDS",
    "PLACEHOLDERS",
    "PLACEHOLDER_INDEX",
    "TEMPLATE_KINDS",
    "BlockInfo",
    "Element",
    "Placeholder",
    "Problem",
    "Span",
    "TemplateError",
    "check",
    "render",
    "render_text",
    "used_blocks",
    "used_placeholders",
]

_BLOCK_LINE = re.compile(r"\[\[\s*([^\[\]]*?)\s*\]\]\Z")


# -- problems -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """Something wrong in a template, with where it is (line and column count from 1)."""

    message: str
    offset: int  # index into the template text
    length: int
    line: int
    column: int
    name: str = ""  # the offending placeholder or block name, when there is one

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class TemplateError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"The template has {len(problems)} problem(s): {shown}{more}")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _problem(text: str, offset: int, length: int, message: str, name: str = "") -> Problem:
    line, column = _position(text, offset)
    return Problem(message, offset, length, line, column, name)


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name.lower().replace(" ", "_"), candidates, n=1, cutoff=0.6)
    return f" Did you mean {close[0]}?" if close else ""


# -- scanning placeholders ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Literal:
    text: str


@dataclass(frozen=True)
class _Field:
    name: str
    offset: int
    length: int


def _scan(text: str, base: int, full: str, problems: list[Problem]) -> Iterator[_Literal | _Field]:
    """Split ``text`` (a slice of ``full`` starting at ``base``) into literals and placeholders."""
    i, n = 0, len(text)
    buffer: list[str] = []
    while i < n:
        char = text[i]
        if char == "{":
            if text.startswith("{{", i):
                buffer.append("{")
                i += 2
                continue
            end = i + 1
            while end < n and text[end] not in "{}\n":
                end += 1
            if end < n and text[end] == "}":
                if buffer:
                    yield _Literal("".join(buffer))
                    buffer = []
                yield _Field(text[i + 1 : end], base + i, end - i + 1)
                i = end + 1
                continue
            problems.append(
                _problem(
                    full,
                    base + i,
                    1,
                    "This '{' is never closed. Close the placeholder with '}', or write '{{' for a brace.",
                )
            )
            i += 1
            continue
        if char == "}":
            if text.startswith("}}", i):
                buffer.append("}")
                i += 2
                continue
            problems.append(
                _problem(full, base + i, 1, "This '}' has no '{' before it. Write '}}' to print a brace.")
            )
            i += 1
            continue
        buffer.append(char)
        i += 1
    if buffer:
        yield _Literal("".join(buffer))


def _check_field(field_: _Field, full: str, kind: str | None, problems: list[Problem]) -> None:
    raw = field_.name
    stripped = raw.strip()
    if not stripped:
        problems.append(
            _problem(full, field_.offset, field_.length, "Empty placeholder {}: write a name inside.", raw)
        )
        return
    if stripped == raw and is_custom_placeholder(raw):
        return
    info = PLACEHOLDER_INDEX.get(stripped)
    if info is None or stripped != raw:
        if info is not None:
            hint = f" Write {{{stripped}}} without spaces."
        else:
            hint = _suggest(stripped, list(PLACEHOLDER_INDEX))
        problems.append(
            _problem(full, field_.offset, field_.length, f"Unknown placeholder {{{raw}}}.{hint}", raw)
        )
        return
    if not info.available_in(kind):
        problems.append(
            _problem(
                full,
                field_.offset,
                field_.length,
                f"{{{raw}}} is not available in this kind of document.",
                raw,
            )
        )


# -- the markup -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Element:
    """One part of a rendered document: kind is heading, paragraph, bullet, checkbox, note or block."""

    kind: str
    spans: tuple[Span, ...] = ()
    level: int = 0  # heading level 1-3
    name: str = ""  # block name

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class _RawElement:
    kind: str
    parts: list[tuple[str, int]] = field(default_factory=list)  # (raw text, offset in template)
    level: int = 0
    name: str = ""


def _lines(text: str) -> Iterator[tuple[str, int]]:
    offset = 0
    for line in text.split("\n"):
        yield line.rstrip("\r"), offset
        offset += len(line) + 1


def _parse(template: str, kind: str | None, problems: list[Problem]) -> list[_RawElement]:
    elements: list[_RawElement] = []
    paragraph: _RawElement | None = None
    for line, offset in _lines(template):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        start = offset + lead
        if not stripped or stripped.startswith("//"):
            if not stripped:
                paragraph = None
            continue
        if stripped.startswith("[["):
            paragraph = None
            match = _BLOCK_LINE.match(stripped)
            if match is None:
                problems.append(
                    _problem(
                        template,
                        start,
                        len(stripped),
                        "A generated part must stand alone on its line, like [[goals]].",
                    )
                )
                continue
            name = match.group(1)
            info = BLOCK_INDEX.get(name)
            if info is None:
                hint = _suggest(name, list(BLOCK_INDEX))
                problems.append(
                    _problem(template, start, len(stripped), f"Unknown part [[{name}]].{hint}", name)
                )
            elif not info.available_in(kind):
                problems.append(
                    _problem(
                        template,
                        start,
                        len(stripped),
                        f"[[{name}]] is not available in this kind of document.",
                        name,
                    )
                )
            else:
                elements.append(_RawElement("block", name=name))
            continue
        heading = re.match(r"(#{1,3})\s+", stripped)
        if heading:
            paragraph = None
            width = heading.end()
            elements.append(
                _RawElement("heading", [(stripped[width:], start + width)], level=len(heading.group(1)))
            )
            continue
        for prefix, element_kind in (
            ("- ", "bullet"),
            ("* ", "bullet"),
            ("[ ] ", "checkbox"),
            ("> ", "note"),
        ):
            if stripped.startswith(prefix) or stripped == prefix.strip():
                paragraph = None
                body = stripped[len(prefix) :] if stripped.startswith(prefix) else ""
                elements.append(_RawElement(element_kind, [(body, start + len(prefix))]))
                break
        else:
            if paragraph is None:
                paragraph = _RawElement("paragraph")
                elements.append(paragraph)
            paragraph.parts.append((stripped, start))
    return elements


def _bold_segments(
    parts: list[tuple[str, int]], template: str, problems: list[Problem]
) -> list[tuple[str, int, bool]]:
    """Split the raw lines of one element on ``**`` markers: (raw text, offset, bold)."""
    segments: list[tuple[str, int, bool]] = []
    bold = False
    opened_at = -1
    for index, (text, offset) in enumerate(parts):
        if index:
            segments.append(("\n", -1, bold))  # a paragraph keeps the line breaks as typed
        position = 0
        while True:
            star = text.find("**", position)
            if star < 0:
                segments.append((text[position:], offset + position, bold))
                break
            segments.append((text[position:star], offset + position, bold))
            bold = not bold
            opened_at = offset + star
            position = star + 2
    if bold:
        problems.append(
            _problem(
                template, opened_at, 2, "This '**' starts bold text that never ends: add a closing '**'."
            )
        )
    return segments


# -- public API -----------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _compile(template: str, kind: str | None) -> tuple[list[tuple[_RawElement, list]], list[Problem]]:
    """Parse once per (text, kind): a batch renders the same template hundreds of times.

    Callers must not change what this returns (it is shared through the cache).
    """
    problems: list[Problem] = []
    compiled: list[tuple[_RawElement, list]] = []
    for element in _parse(template, kind, problems):
        pieces: list[tuple[list[_Literal | _Field], bool]] = []
        for text, offset, bold in _bold_segments(element.parts, template, problems):
            if offset < 0:
                pieces.append(([_Literal(text)], bold))
                continue
            tokens = list(_scan(text, offset, template, problems))
            for token in tokens:
                if isinstance(token, _Field):
                    _check_field(token, template, kind, problems)
            pieces.append((tokens, bold))
        compiled.append((element, pieces))
    problems.sort(key=lambda p: p.offset)
    return compiled, problems


def check(template: str, kind: str | None = None) -> list[Problem]:
    """Every problem in ``template``, in order: unknown or misplaced placeholders and parts, stray braces.

    With ``kind`` (a DocumentKind value), placeholders that document cannot fill are problems too.
    """
    return list(_compile(template, kind)[1])


def used_placeholders(template: str) -> list[str]:
    """The known placeholder names a template uses, in order of first use."""
    seen: dict[str, None] = {}
    compiled, _ = _compile(template, None)
    for _element, pieces in compiled:
        for tokens, _bold in pieces:
            for token in tokens:
                if isinstance(token, _Field) and (
                    token.name in PLACEHOLDER_INDEX or is_custom_placeholder(token.name)
                ):
                    seen.setdefault(token.name, None)
    return list(seen)


def used_blocks(template: str) -> list[str]:
    return [element.name for element, _ in _compile(template, None)[0] if element.kind == "block"]


def render(template: str, context: Mapping[str, str], kind: str | None = None) -> list[Element]:
    """The document's elements with every placeholder filled in from ``context``.

    Raises TemplateError naming each problem when the template is not clean, or when
    ``context`` lacks a value for a placeholder the template uses.
    """
    compiled, problems = _compile(template, kind)
    if problems:
        raise TemplateError(list(problems))
    missing: list[Problem] = []
    elements: list[Element] = []
    for raw, pieces in compiled:
        spans: list[Span] = []
        for tokens, bold in pieces:
            for token in tokens:
                if isinstance(token, _Literal):
                    value = token.text
                elif token.name in context:
                    value = str(context[token.name])
                else:
                    missing.append(
                        _problem(
                            template,
                            token.offset,
                            token.length,
                            f"No value for {{{token.name}}} here.",
                            token.name,
                        )
                    )
                    continue
                if value:
                    if spans and spans[-1].bold == bold:
                        spans[-1] = Span(spans[-1].text + value, bold)
                    else:
                        spans.append(Span(value, bold))
        elements.append(Element(raw.kind, tuple(spans), raw.level, raw.name))
    if missing:
        raise TemplateError(missing)
    return elements


def render_text(template: str, context: Mapping[str, str], kind: str | None = None) -> str:
    """The rendered document as plain text (parts shown as [[name]]): for previews and tests."""
    lines = []
    for element in render(template, context, kind):
        if element.kind == "block":
            lines.append(f"[[{element.name}]]")
        elif element.kind == "heading":
            lines.append("#" * element.level + " " + element.text)
        elif element.kind == "bullet":
            lines.append("- " + element.text)
        elif element.kind == "checkbox":
            lines.append("[ ] " + element.text)
        elif element.kind == "note":
            lines.append("> " + element.text)
        else:
            lines.append(element.text)
    return "\n\n".join(lines)
