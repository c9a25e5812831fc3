"""The participant fields a roster column can fill, and a guess at which column is which.

Header names are compared case- and accent-insensitively, ignoring punctuation
("E-mail address", "EMAIL", "Courriel" all mean e-mail). A mapping the coordinator
confirmed before is remembered by the caller and passed in as ``remembered``; it
wins over the synonyms.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mentordesk.core.participants.validation import fold


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    synonyms: tuple[str, ...]
    hint: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "first_name",
        "First name",
        ("first name", "firstname", "forename", "given name", "first", "prenom", "vorname", "nombre"),
    ),
    FieldSpec(
        "last_name",
        "Last name",
        (
            "last name",
            "lastname",
            "surname",
            "family name",
            "last",
            "nom de famille",
            "nachname",
            "apellido",
            "apellidos",
        ),
    ),
    FieldSpec(
        "full_name",
        "Full name",
        (
            "name",
            "full name",
            "fullname",
            "participant",
            "participant name",
            "student name",
            "person",
            "nom",
            "nom complet",
        ),
        "split into first and last name",
    ),
    FieldSpec(
        "preferred_name",
        "Preferred name",
        ("preferred name", "known as", "nickname", "goes by", "chosen name"),
    ),
    FieldSpec("pronouns", "Pronouns", ("pronouns", "pronoun")),
    FieldSpec(
        "email",
        "E-mail",
        (
            "email",
            "e mail",
            "email address",
            "e mail address",
            "mail",
            "courriel",
            "adresse e mail",
            "correo",
            "correo electronico",
        ),
    ),
    FieldSpec(
        "phone",
        "Phone",
        (
            "phone",
            "telephone",
            "phone number",
            "tel",
            "mobile",
            "mobile number",
            "cell",
            "contact number",
            "telefono",
            "portable",
        ),
    ),
    FieldSpec(
        "date_of_birth",
        "Date of birth",
        (
            "date of birth",
            "dob",
            "birth date",
            "birthdate",
            "birthday",
            "born",
            "d o b",
            "date de naissance",
            "geburtsdatum",
            "fecha de nacimiento",
        ),
    ),
    FieldSpec("age_band", "Age band", ("age band", "age group", "age range", "age")),
    FieldSpec(
        "organisation",
        "Organisation",
        (
            "organisation",
            "organization",
            "org",
            "school",
            "company",
            "employer",
            "college",
            "ecole",
            "entreprise",
        ),
    ),
    FieldSpec(
        "department",
        "Year group / department",
        ("department", "year group", "year", "class", "form", "team", "dept", "tutor group", "classe"),
    ),
    FieldSpec(
        "seniority",
        "Years of experience",
        ("seniority", "years of experience", "experience", "grade", "level"),
    ),
    FieldSpec(
        "accessibility_needs",
        "Accessibility needs",
        (
            "accessibility needs",
            "accessibility",
            "access needs",
            "additional needs",
            "sen",
            "send",
            "support needs",
        ),
    ),
    FieldSpec(
        "emergency_contact",
        "Emergency contact",
        ("emergency contact", "emergency", "ice", "in case of emergency"),
    ),
    FieldSpec("notes", "Notes", ("notes", "note", "comments", "comment", "remarks", "remarques")),
    FieldSpec(
        "role",
        "Role",
        ("role", "type", "participant type", "mentor or mentee", "mentor mentee", "category", "rôle"),
    ),
    FieldSpec("status", "Status", ("status", "stage", "state", "pipeline", "statut")),
    FieldSpec(
        "capacity",
        "Mentor capacity",
        ("capacity", "max mentees", "number of mentees", "mentees", "how many mentees"),
    ),
    FieldSpec(
        "enrolled_on",
        "Enrolled on",
        ("enrolled on", "enrolment date", "enrollment date", "date enrolled", "enrolled", "joined on"),
    ),
    FieldSpec(
        "referral_source",
        "Referral source",
        ("referral source", "referred by", "referral", "source", "how did you hear"),
    ),
    FieldSpec(
        "preferences",
        "Preferences",
        ("preferences", "preference", "prefers", "matching preferences", "match preferences"),
    ),
    FieldSpec("tags", "Tags", ("tags", "tag", "keywords", "labels"), "kind:name (offers|seeks); ..."),
    FieldSpec("skills", "Skills", ("skills", "skill", "expertise", "strengths", "subjects", "competences")),
    FieldSpec(
        "offers", "Can help with", ("offers", "can help with", "can offer", "skills offered", "help with")
    ),
    FieldSpec(
        "seeks",
        "Wants help with",
        ("seeks", "wants help with", "looking for", "needs help with", "wants to learn", "skills wanted"),
    ),
    FieldSpec(
        "interests", "Interests", ("interests", "interest", "hobbies", "hobby", "likes", "centres d interet")
    ),
    FieldSpec(
        "goal_areas",
        "Goal areas",
        ("goal areas", "goals", "goal", "aims", "objectives", "focus", "focus areas"),
    ),
    FieldSpec(
        "languages", "Languages", ("languages", "language", "languages spoken", "spoken languages", "langues")
    ),
    FieldSpec(
        "availability",
        "Availability",
        (
            "availability",
            "available",
            "availability slots",
            "times available",
            "free times",
            "disponibilites",
        ),
        "Mon 16:00-17:30; Thu 15:30-17:00",
    ),
    FieldSpec(
        "guardian_name",
        "Guardian name",
        (
            "guardian name",
            "guardian",
            "parent name",
            "parent",
            "parent guardian",
            "parent carer",
            "carer",
            "parent or guardian",
        ),
    ),
    FieldSpec(
        "guardian_relationship",
        "Guardian relationship",
        ("guardian relationship", "relationship", "relationship to student", "relation"),
    ),
    FieldSpec(
        "guardian_phone",
        "Guardian phone",
        (
            "guardian phone",
            "parent phone",
            "parent telephone",
            "guardian telephone",
            "parent mobile",
            "guardian mobile",
        ),
    ),
    FieldSpec(
        "guardian_email",
        "Guardian e-mail",
        ("guardian email", "parent email", "guardian e mail", "parent e mail", "parent email address"),
    ),
    FieldSpec(
        "consent",
        "Guardian consent given",
        (
            "consent",
            "parental consent",
            "guardian consent",
            "parental permission",
            "permission",
            "consent given",
            "consent form",
        ),
    ),
    FieldSpec(
        "consent_date",
        "Consent date",
        ("consent date", "consent given on", "date of consent", "permission date", "consent signed"),
    ),
)

FIELD_BY_KEY = {f.key: f for f in FIELDS}
TAG_FIELDS = ("tags", "skills", "offers", "seeks", "interests", "goal_areas", "languages")


def normalise_header(text: str) -> str:
    """``" E-Mail Address*"`` -> ``"e mail address"``: how headers and synonyms are compared."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


_SYNONYMS: dict[str, str] = {}
_WORD_SETS: dict[frozenset[str], str] = {}  # "telephone parent" is "parent telephone"
for _spec in FIELDS:
    for _word in (_spec.key.replace("_", " "), _spec.label, *_spec.synonyms):
        _SYNONYMS.setdefault(normalise_header(_word), _spec.key)
        _WORD_SETS.setdefault(frozenset(normalise_header(_word).split()), _spec.key)


@dataclass(frozen=True)
class ColumnGuess:
    column: int
    header: str
    field: str  # a FIELDS key, or "" to ignore the column
    how: str  # "remembered", "exact", "similar", "" (not mapped)


def guess_mapping(header: Sequence[str], remembered: Mapping[str, str] | None = None) -> list[ColumnGuess]:
    """One guess per column; each field is given to at most one column (the best candidate)."""
    remembered = {normalise_header(k): v for k, v in (remembered or {}).items()}
    guesses: list[ColumnGuess | None] = [None] * len(header)
    taken: set[str] = set()

    def claim(index: int, field: str, how: str) -> None:
        guesses[index] = ColumnGuess(index, header[index], field, how)
        if field:
            taken.add(field)

    for index, name in enumerate(header):
        key = normalise_header(name)
        wanted = remembered.get(key)
        if wanted == "" or (wanted in FIELD_BY_KEY and wanted not in taken):
            claim(index, wanted, "remembered")
    for index, name in enumerate(header):
        key = normalise_header(name)
        field = _SYNONYMS.get(key) or _WORD_SETS.get(frozenset(key.split()))
        if guesses[index] is None and field and field not in taken:
            claim(index, field, "exact")
    candidates = list(_SYNONYMS)
    for index, name in enumerate(header):
        if guesses[index] is not None:
            continue
        key = normalise_header(name)
        field = ""
        # "E-mail address (work)" contains "e mail address"; prefer the longest synonym found.
        contained = sorted(
            (s for s in candidates if len(s) > 3 and re.search(rf"\b{re.escape(s)}\b", key)),
            key=len,
            reverse=True,
        )
        for synonym in contained:
            if _SYNONYMS[synonym] not in taken:
                field = _SYNONYMS[synonym]
                break
        if not field:
            for close in difflib.get_close_matches(key, candidates, n=3, cutoff=0.85):
                if _SYNONYMS[close] not in taken:
                    field = _SYNONYMS[close]
                    break
        claim(index, field, "similar" if field else "")
    found = [g for g in guesses if g is not None]
    # "First name" + "Name": the second is the surname (as in French Prénom / Nom).
    if "first_name" in taken and "full_name" in taken and "last_name" not in taken:
        found = [
            ColumnGuess(g.column, g.header, "last_name", g.how) if g.field == "full_name" else g
            for g in found
        ]
    return found


def mapping_problems(fields: Sequence[str], default_role: str | None = None) -> list[str]:
    """What a column mapping lacks before rows can be read: a name, and a role (or one for every row)."""
    chosen = set(fields)
    problems = []
    if not chosen & {"first_name", "full_name"}:
        problems.append("No column holds the name: map a column to 'First name' (or 'Full name').")
    if "role" not in chosen and not default_role:
        problems.append("No column holds the role: map a column to 'Role', or choose one role for every row.")
    duplicates = sorted({f for f in fields if f and list(fields).count(f) > 1})
    for key in duplicates:
        problems.append(f"Two columns are mapped to '{FIELD_BY_KEY[key].label}': keep one.")
    if "first_name" in chosen and "full_name" in chosen:
        problems.append("Map either 'First name' or 'Full name', not both.")
    return problems
