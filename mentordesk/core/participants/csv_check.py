"""Turning one CSV record into a participant, with every problem named by row and column.

Pure: the service supplies the column mapping, the people already in the database
(for duplicate detection) and the programme's clearance rules, and writes what
this module accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial

from mentordesk.core.csv_files import looks_like_formula
from mentordesk.core.participants.clearance import (
    ClearanceRules,
    ConsentFact,
    PersonFacts,
    evaluate_clearance,
    is_minor,
)
from mentordesk.core.participants.csv_columns import FIELD_BY_KEY, TAG_FIELDS
from mentordesk.core.participants.csv_records import (
    CheckedRow,
    DuplicateIndex,
    GuardianInfo,
    PersonRecord,
    Problem,
    Severity,
)
from mentordesk.core.participants.custom_fields import CUSTOM_PREFIX, FieldSpec, missing_answer, parse_answer
from mentordesk.core.participants.profile_text import Slot, TagSpec, parse_slots, parse_tags
from mentordesk.core.participants.validation import (
    DATE_ORDER_LABELS,
    MULTILINE_FIELDS,
    DateOrder,
    Invalid,
    check_birth_date,
    check_length,
    clean,
    date_order_evidence,
    fold,
    parse_date,
    parse_email,
    parse_int,
    parse_name,
    parse_phone,
    parse_role,
    parse_status,
    parse_yes_no,
    person_key,
    split_name,
)
from mentordesk.core.vocab import EnrolmentStatus, TagDirection, TagKind

Report = Callable[..., None]  # problem(field key, message[, severity])


PERSON_TEXT_FIELDS = (
    "preferred_name",
    "pronouns",
    "age_band",
    "organisation",
    "department",
    "accessibility_needs",
    "emergency_contact",
    "notes",
    "referral_source",
    "preferences",
)


_READY = EnrolmentStatus.READY.value
_MATCHED = EnrolmentStatus.MATCHED.value
_MATCHED_NOTE = "matches are made in Pairing"  # completed by ``_matched_outcome`` once the outcome is known
_NUMBERS = (("capacity", 1, 20, "capacity"), ("seniority", 0, 80, "years of experience"))
_GUARDIAN_KEYS = frozenset(
    {"guardian_name", "guardian_email", "guardian_phone", "guardian_relationship", "consent", "consent_date"}
)
_TAG_KINDS: dict[str, tuple[str, str | None]] = {
    "tags": (TagKind.SKILL.value, None),
    "skills": (TagKind.SKILL.value, None),
    "offers": (TagKind.SKILL.value, TagDirection.OFFERS.value),
    "seeks": (TagKind.SKILL.value, TagDirection.SEEKS.value),
    "interests": (TagKind.INTEREST.value, None),
    "goal_areas": (TagKind.GOAL_AREA.value, None),
    "languages": (TagKind.LANGUAGE.value, None),
}


_DAY_MONTH = re.compile(r"^\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{2,4}$")
_YEAR_FIRST = re.compile(r"^\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}$")


def infer_date_order(values: Iterable[str], default: DateOrder) -> tuple[DateOrder, str]:
    """The order numeric dates are written in, and a sentence saying why it was chosen."""
    evidence: dict[DateOrder, str] = {}
    day_month_seen = False  # a date like 03/04/2010, whose order the file may or may not settle
    year_first = ""
    for value in values:
        text = clean(value)
        if _DAY_MONTH.match(text):
            day_month_seen = True
        elif not year_first and _YEAR_FIRST.match(text):
            year_first = text
        found = date_order_evidence(value)
        if found and found not in evidence:
            evidence[found] = clean(value)
    label = DATE_ORDER_LABELS
    if len(evidence) == 1:
        order, example = next(iter(evidence.items()))
        return order, f"Dates were read as {label[order]}: {example} can only be read that way."
    if len(evidence) == 2:
        return default, (
            f"Dates were read as {label[default]}, but the file mixes orders "
            f"({evidence[DateOrder.DMY]} and {evidence[DateOrder.MDY]}): check the rows flagged below."
        )
    if not day_month_seen:
        if year_first:
            return default, f"Dates are written year first ({year_first}): they can only be read one way."
        return default, ""
    return default, (
        f"Dates were read as {label[default]} (no date in the file settles the order, so your "
        f"locale's order was assumed). Choose {label[DateOrder.MDY if default is DateOrder.DMY else DateOrder.DMY]} if that is wrong."
    )


PARSED_CELLS = 4096  # distinct cells of each kind whose parse is remembered while a file is checked


def _tag_tuple(text: str, kind: str, role: str | None, direction: str | None) -> tuple[TagSpec, ...]:
    return tuple(parse_tags(text, kind, role, direction))


def _slot_tuple(text: str) -> tuple[Slot, ...]:
    return tuple(parse_slots(text))


def _day_of(text: str, order: DateOrder, today: date) -> date | None:
    parsed = parse_date(text, order, today)
    return parsed.value if parsed else None


@dataclass
class RowChecker:
    """Checks records against a mapping ``{column index: field key}``."""

    header: Sequence[str]
    mapping: Mapping[int, str]
    rules: ClearanceRules
    duplicates: DuplicateIndex
    date_order: DateOrder = DateOrder.DMY
    default_role: str | None = None
    today: date = field(default_factory=date.today)
    # The programme's custom fields by label (case-folded); a column mapped to "custom:<label>" with no
    # such field yet is read as a text answer (the import creates the field).
    custom_fields: Mapping[str, FieldSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.columns = {f: i for i, f in self.mapping.items() if f}
        self.width = len(self.header)
        self.custom_columns = {
            i: f[len(CUSTOM_PREFIX) :] for i, f in self.mapping.items() if f.startswith(CUSTOM_PREFIX)
        }
        # Skills, interests, availability and dates repeat across thousands of rows (a form's tick boxes,
        # one school's year group): each distinct cell is parsed once per file. The parsers are pure and
        # the results immutable; a cell they refuse raises every time (lru_cache keeps no exceptions).
        self._parsed_tags = lru_cache(maxsize=PARSED_CELLS)(_tag_tuple)
        self._parsed_slots = lru_cache(maxsize=PARSED_CELLS)(_slot_tuple)
        self._parsed_date = lru_cache(maxsize=PARSED_CELLS)(partial(_day_of, order=self.date_order, today=self.today))

    def _column(self, key: str) -> str:
        index = self.columns.get(key)
        return self.header[index] if index is not None else FIELD_BY_KEY[key].label

    def check(self, row: int, cells: Sequence[str]) -> CheckedRow:
        problems: list[Problem] = []

        def problem(key: str, message: str, severity: Severity = Severity.ERROR) -> None:
            problems.append(Problem(row, self._column(key) if key else "", message, severity))

        if len(cells) < self.width:
            missing = ", ".join(self.header[len(cells) :][:4])
            problem(
                "",
                f"the row has {len(cells)} of {self.width} columns (missing: {missing}"
                f"{', …' if self.width - len(cells) > 4 else ''}): a delimiter is missing or a value "
                "holds a line break without quotes",
            )
        elif len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            problem(
                "",
                f"the row has {len(cells)} columns but the header has {self.width}: a value probably "
                "contains the delimiter without quotes around it",
            )
        width = len(cells)
        values = {
            key: cell
            for key, index in self.columns.items()
            if index < width and (cell := cells[index]).strip()
        }
        record = self._read(values, problem)
        if record is not None and self.custom_columns:
            self._read_custom(record, cells, row, problems)
        if any(p.severity is Severity.ERROR for p in problems) or record is None:
            return CheckedRow(row, None, problems)
        for key in ("first_name", "last_name", "preferred_name"):
            if looks_like_formula(getattr(record, key)):
                problem(
                    key if key in self.columns else "full_name",
                    "this looks like a spreadsheet formula, not a name: check the cell in the file",
                    Severity.WARNING,
                )
        duplicate = self.duplicates.find(record)
        if duplicate is None or duplicate.conflict:
            # Only for people who may be new: a duplicate keeps the status it already has.
            self._ready_gate(record, problem)
        if duplicate is None:
            self.duplicates.remember(record, row)
        else:
            problems.append(Problem(row, "", duplicate.describe(), Severity.WARNING))
        problems = [self._matched_outcome(p, record, duplicate) for p in problems]
        return CheckedRow(row, record, problems, duplicate)

    def _read_custom(
        self, record: PersonRecord, cells: Sequence[str], row: int, problems: list[Problem]
    ) -> None:
        for index, label in self.custom_columns.items():
            spec = self.custom_fields.get(label.casefold()) or FieldSpec(0, label)
            cell = cells[index] if index < len(cells) else ""
            try:
                value = parse_answer(spec, cell, self.date_order)
            except Invalid as exc:
                problems.append(Problem(row, self.header[index], str(exc)))
                continue
            message = missing_answer(spec, value)
            if message and record.role and spec.applies_to(record.role):
                problems.append(Problem(row, self.header[index], message))
                continue
            if value is None:
                continue
            if record.role and not spec.applies_to(record.role):
                problems.append(
                    Problem(
                        row,
                        self.header[index],
                        f"{spec.label} asks {spec.role}s only: this {record.role}'s answer was left out",
                        Severity.WARNING,
                    )
                )
                continue
            record.custom[spec.label] = value

    @staticmethod
    def _matched_outcome(found: Problem, record: PersonRecord, duplicate) -> Problem:
        """Say what a 'matched' status in the file really becomes, not what it was read as."""
        if found.message != _MATCHED_NOTE:
            return found
        if duplicate is not None and not duplicate.conflict:
            then = "the status they have here is kept (a new enrolment starts in 'screening')"
        else:
            then = f"imported as '{record.status}'"
        return Problem(found.row, found.column, f"{_MATCHED_NOTE}: {then}", found.severity)

    def _read(self, values: Mapping[str, str], problem: Report) -> PersonRecord | None:
        """``values`` holds only the non-blank cells, by field key, so absent fields cost nothing."""
        try:
            first = parse_name(values.get("first_name", ""), "first_name")
            last = parse_name(values.get("last_name", ""), "last_name")
            if not first and "full_name" in values:
                first, split_last = (
                    parse_name(part, "full_name", "name") for part in split_name(values["full_name"])
                )
                last = last or split_last
        except Invalid as exc:
            problem("first_name" if "first_name" in self.columns else "full_name", str(exc))
            return None
        if not first:
            problem(
                "first_name" if "first_name" in self.columns else "full_name",
                "no name: fill in the first name",
            )
            return None
        record = PersonRecord(first_name=first, last_name=last, name_key=person_key(first, last))
        provided = record.provided
        provided.add("first_name")
        if last:
            provided.add("last_name")
        for key in PERSON_TEXT_FIELDS:
            if key not in values:
                continue
            value = values[key].strip() if key in MULTILINE_FIELDS else clean(values[key])
            try:
                value = parse_name(value, key) if key == "preferred_name" else check_length(key, value)
            except Invalid as exc:
                problem(key, str(exc))
                continue
            setattr(record, key, value)
            provided.add(key)
        for key, parser in (("email", parse_email), ("phone", parse_phone)):
            if key in values:
                try:
                    setattr(record, key, parser(check_length(key, values[key])))
                    provided.add(key)
                except Invalid as exc:
                    problem(key, str(exc))
        if "date_of_birth" in values:
            record.date_of_birth = self._date(values, "date_of_birth", problem)
            if record.date_of_birth is not None:
                try:
                    check_birth_date(record.date_of_birth, self.today)
                    provided.add("date_of_birth")
                except Invalid as exc:
                    problem("date_of_birth", str(exc))
        if "enrolled_on" in values:
            record.enrolled_on = self._date(values, "enrolled_on", problem)
            if record.enrolled_on is not None:
                record.provided.add("enrolled_on")
        self._role_and_status(values, record, problem)
        for key, low, high, what in _NUMBERS:
            if key in values:
                try:
                    setattr(record, key, parse_int(values[key], low, high, what))
                    provided.add(key)
                except Invalid as exc:
                    problem(key, str(exc))
        for key in TAG_FIELDS:
            if key in values:
                self._tags(values[key], key, record, problem)
        if "availability" in values:
            try:
                record.slots = list(self._parsed_slots(values["availability"]))
                provided.add("availability")
            except Invalid as exc:
                problem("availability", str(exc))
        if not values.keys().isdisjoint(_GUARDIAN_KEYS):
            self._guardian(values, record, problem)
        return record

    def _role_and_status(self, values: Mapping[str, str], record: PersonRecord, problem: Report) -> None:
        try:
            role = parse_role(values.get("role", ""))
        except Invalid as exc:
            problem("role", str(exc))
            role = None
        else:
            if role is None and not self.default_role:
                problem("role", "no role: fill in mentor, mentee or peer")
        if role is not None:
            record.role = role.value
            record.provided.add("role")
        else:
            record.role = self.default_role or ""
        if "status" not in values:
            return
        status_text = values["status"]
        try:
            if fold(status_text) == _MATCHED:
                problem("status", _MATCHED_NOTE, Severity.WARNING)
                status_text = _READY
            status = parse_status(status_text)
            if status is not None:
                record.status = status.value
                record.provided.add("status")
        except Invalid as exc:
            problem("status", str(exc))

    def _date(self, values: Mapping[str, str], key: str, problem: Report) -> date | None:
        try:
            return self._parsed_date(values.get(key, ""))
        except Invalid as exc:
            problem(key, str(exc))
            return None

    def _tags(self, text: str, key: str, record: PersonRecord, problem: Report) -> None:
        kind, direction = _TAG_KINDS[key]
        try:
            for tag in self._parsed_tags(text, kind, record.role or None, direction):
                if tag not in record.tags:
                    record.tags.append(tag)
            record.provided.add("tags")
        except Invalid as exc:
            problem(key, str(exc))

    def _guardian(self, values: Mapping[str, str], record: PersonRecord, problem: Report) -> None:
        try:
            name = parse_name(values.get("guardian_name", ""), "guardian_name", "guardian's name")
        except Invalid as exc:
            problem("guardian_name", str(exc))
            name = None
        try:
            email = parse_email(check_length("guardian_email", values.get("guardian_email", "")))
        except Invalid as exc:
            problem("guardian_email", str(exc))
            email = ""
        try:
            phone = parse_phone(check_length("guardian_phone", values.get("guardian_phone", "")))
        except Invalid as exc:
            problem("guardian_phone", str(exc))
            phone = ""
        try:
            relationship = check_length(
                "guardian_relationship", clean(values.get("guardian_relationship", ""))
            )
        except Invalid as exc:
            problem("guardian_relationship", str(exc))
            relationship = ""
        if name:
            record.guardian = GuardianInfo(name, relationship, phone, email)
            record.provided.add("guardian")
        elif (email or phone) and name is not None:
            problem("guardian_name", "guardian contact details without a guardian name: add the name")
        try:
            record.consent_given = parse_yes_no(values.get("consent", ""))
        except Invalid as exc:
            problem("consent", str(exc) + " (consent is yes or no)")
        record.consent_date = self._date(values, "consent_date", problem)
        if record.consent_date and record.consent_date > self.today:
            problem("consent_date", "the consent date is in the future")
        if record.consent_given is not None:
            record.provided.add("consent")
            if record.consent_given and record.guardian is None and self._minor(record):
                problem("consent", "consent given but no guardian named: add the guardian's name")

    def _minor(self, record: PersonRecord) -> bool:
        return bool(is_minor(record.date_of_birth, record.age_band, self.today))

    def _ready_gate(self, record: PersonRecord, problem: Report) -> None:
        """Import may not skip screening: 'ready' needs clearance from what the row itself holds."""
        if record.status != _READY:
            return
        consents: tuple[ConsentFact, ...] = ()
        if record.consent_given:
            consents = (ConsentFact("parental_permission", True, record.consent_date or self.today),)
        facts = PersonFacts(
            role=record.role,
            date_of_birth=record.date_of_birth,
            age_band=record.age_band,
            consents=consents,
            has_guardian=record.guardian is not None,
        )
        clearance = evaluate_clearance(facts, self.rules, self.today)
        if not clearance.cleared:
            record.status = EnrolmentStatus.SCREENING.value
            then = (
                "record their screening checks"
                if record.role == "mentor"
                else "add the guardian and their consent (columns in the file, or later by hand)"
            )
            problem(
                "status",
                f"cannot be 'ready' yet ({'; '.join(clearance.reasons)}): imported as 'screening'; "
                f"{then}, then mark them ready",
                Severity.WARNING,
            )
