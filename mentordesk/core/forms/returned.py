"""Reading returned fillable application forms (pypdf): each PDF becomes one import row.

A form names itself in hidden fields (``layout.ID_FIELDS``) and describes its custom questions in
``md_layout`` (label, kind and choices), so a form printed for another programme, or by an older
layout, is still read: built-in answers by their field key, custom answers by their question.
Anything else — a PDF that is not our form, an encrypted or damaged file — is a row error naming
the file and what to do, so the all-or-nothing import refuses it like any bad row.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from mentordesk.core.forms.layout import FORM_MARK, FORM_VERSION, choice_export
from mentordesk.core.participants import FIELD_BY_KEY
from mentordesk.core.progress import QUIET, Progress

log = logging.getLogger(__name__)

# The built-in answers a form may carry, in the order the import columns are shown.
BUILT_IN = (
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "email",
    "phone",
    "organisation",
    "department",
    "languages",
    "accessibility_needs",
    "offers",
    "seeks",
    "interests",
    "availability",
    "preferences",
    "guardian_name",
    "guardian_relationship",
    "guardian_phone",
    "guardian_email",
    "consent",
    "consent_date",
)
FILE_COLUMN = "Form file"
PRINT_ONE = "Print the programme's form with File > Print application form…, then send that one."


class NotOurForm(ValueError):
    """The PDF is not a MentorDesk application form (or cannot be read); the message names the file."""


@dataclass
class ReturnedForm:
    file: str
    programme_id: int
    programme: str
    role: str
    version: str
    answers: dict[str, str]  # import field key or "custom:<label>" -> text


@dataclass
class FormTable:
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # header -> import field key
    rows: list[tuple[str, ...]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # per row: "" or why the file was not read
    files: list[str] = field(default_factory=list)
    other_programmes: dict[str, int] = field(default_factory=dict)  # programme name -> forms


def _value(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, list):  # a list box; our forms use check boxes, but be kind
        return "; ".join(_value(v) for v in raw)
    text = str(raw)
    return text[1:] if text.startswith("/") else text


def read_form(path: Path) -> ReturnedForm:
    name = path.name
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise NotOurForm(f"{name} is protected with a password: save it again without one. {PRINT_ONE}")
        fields = reader.get_fields() or {}
    except NotOurForm:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        # A damaged or hostile file can trip pypdf in many ways: each is "cannot be read", never a crash.
        log.info("unreadable PDF form: %s", type(exc).__name__)
        raise NotOurForm(f"{name} cannot be read as a PDF (it may be damaged or incomplete).") from None
    values = {key: _value(f.get("/V")) for key, f in fields.items()}
    if values.get("md_form") != FORM_MARK:
        raise NotOurForm(
            f"{name} is not a MentorDesk application form: it has none of the form's fields. {PRINT_ONE}"
        )
    version = values.get("md_version", "")
    if not version.isdigit() or int(version) > int(FORM_VERSION):
        raise NotOurForm(
            f"{name} was made by a newer MentorDesk (form version {version or '?'}): update MentorDesk."
        )
    try:
        envelope = json.loads(values.get("md_layout") or "{}")
        layout = list(envelope.get("fields", []))
        programme_name = str(envelope.get("programme", ""))
        programme_id = int(values.get("md_programme_id") or 0)
    except (ValueError, AttributeError, TypeError):
        raise NotOurForm(
            f"{name}: the form's hidden details were changed, so it cannot be read. {PRINT_ONE}"
        ) from None
    answers = {key: values[key].strip() for key in BUILT_IN if values.get(key, "").strip()}
    if "consent" in answers:
        answers["consent"] = "yes" if answers["consent"].lower() in ("yes", "on", "true", "1") else ""
        if not answers["consent"]:
            del answers["consent"]
    for item in layout:
        if not isinstance(item, dict) or not {"label", "kind", "name"} <= set(item):
            continue
        label, kind, pdf_name = str(item["label"]), item["kind"], str(item["name"])
        choices = [str(c) for c in item.get("choices", [])]
        if kind == "multiple":
            picked = [
                c
                for i, c in enumerate(choices)
                if values.get(f"{pdf_name}_{choice_export(i)}", "").lower() in ("yes", "on", "true", "1")
            ]
            text = "; ".join(picked)
        elif kind in ("choice", "yes_no"):
            raw = values.get(pdf_name, "")
            options = choices if kind == "choice" else ["yes", "no"]
            index = int(raw[1:]) if raw[1:].isdigit() and raw.startswith("c") else -1
            text = options[index] if 0 <= index < len(options) else ""
        else:
            text = values.get(pdf_name, "").strip()
        if text:
            answers["custom:" + label] = text
    return ReturnedForm(name, programme_id, programme_name, values.get("md_role", ""), version, answers)


def form_files(path: Path) -> list[Path]:
    """The PDFs to read: the file itself, or a folder's .pdf files (not its sub-folders), by name."""
    if path.is_dir():
        return sorted((p for p in path.iterdir() if p.suffix.lower() == ".pdf" and p.is_file()), key=str)
    return [path]


def read_forms(path: Path, programme_id: int, progress: Progress = QUIET) -> FormTable:
    """Every returned form under ``path`` as one table: a column per answer any form holds.
    ``progress`` hears of each file read, and raises Cancelled between files once cancelled."""
    table = FormTable()
    forms: list[ReturnedForm | str] = []
    files = form_files(path)
    for done, file in enumerate(files):
        progress(done, len(files), "Reading the returned forms")
        try:
            forms.append(read_form(file))
        except NotOurForm as exc:
            forms.append(str(exc))
        table.files.append(file.name)
    keys: list[str] = [k for k in BUILT_IN]
    for form in forms:
        if isinstance(form, ReturnedForm):
            keys.extend(k for k in form.answers if k not in keys)
            if form.programme_id != programme_id:
                name = form.programme or f"programme {form.programme_id}"
                table.other_programmes[name] = table.other_programmes.get(name, 0) + 1
    taken: set[str] = set()
    for key in keys:
        head = FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else key.split(":", 1)[1]
        while head.casefold() in taken:
            head += " (form)"
        taken.add(head.casefold())
        table.header.append(head)
        table.mapping[head] = key
    table.header += ["Role", FILE_COLUMN]
    table.mapping["Role"] = "role"
    table.mapping[FILE_COLUMN] = ""
    for name, form in zip(table.files, forms, strict=True):
        if isinstance(form, str):
            table.rows.append(tuple("" for _ in table.header[:-1]) + (name,))
            table.errors.append(form)
            continue
        cells = tuple(form.answers.get(key, "") for key in keys)
        table.rows.append(cells + (form.role, name))
        table.errors.append("")
    return table
