"""The participant fields a roster column can fill, and a guess at which column is which.

Header names are compared case- and accent-insensitively, ignoring punctuation
("E-mail address", "EMAIL", "Courriel" all mean e-mail). A mapping the coordinator
confirmed before is remembered by the caller and passed in as ``remembered``; it
wins over the synonyms.

Online forms (Google Forms, Microsoft Forms) use whole questions as headers, so a few
rules come before any synonym:
- a column that names a parent, carer or guardian ("Parent/carer phone") only ever
  fills a guardian field, never the participant's own (a pupil's record must not get
  a parent's number); with no guardian field left it stays unmapped;
- a question about being a mentor or a mentee ("Are you applying as a mentor or a
  mentee?") is the role;
- what a person would like help with, or to learn, is what they seek; what they can
  help with, or offer, is what they offer;
- a question about when a person is free or can meet is their availability;
- the form's own columns (Timestamp, Start time, Completion time, Id) are not guessed.
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
        "offers",
        "Can help with",
        ("offers", "can help with", "can offer", "skills offered", "could help with", "happy to help with"),
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


GUARDIAN_FIELDS = ("guardian_name", "guardian_relationship", "guardian_phone", "guardian_email", "consent", "consent_date")
GUARDIAN_WORDS = frozenset(
    {
        "parent", "parents", "parental", "carer", "carers", "guardian", "guardians", "mother", "father", "mum", "mom",
        "dad", "stepparent", "kin", "family", "responsable", "tuteur", "eltern", "padre", "madre", "padres",
    }
)  # fmt: skip
# The form's own bookkeeping columns (Google Forms, Microsoft Forms): never a participant field.
FORM_COLUMNS = frozenset({"timestamp", "start time", "completion time", "id", "last modified time", "horodateur"})
# Clubs and activities a person takes part in: what they like doing (tags), never where they study or work.
ACTIVITY_WORDS = frozenset(
    {"club", "clubs", "activity", "activities", "extracurricular", "societies", "society", "hobbies", "pastimes"}
)
# A synonym qualified by one of these is part of another idea: "after school" is a time, not a school.
_QUALIFIED = re.compile(r"\b(after|before|out of|outside|pre|post|non|extra|inter)$")
_HELP_SEEK = re.compile(r"\b(would|like|want|wants|need|needs|hope|hoping|get|looking)\b.*\b(help|support|learn|learning|improve)\b|\bto learn\b|\bwant to learn\b")
_HELP_OFFER = re.compile(r"\b(can|could|able|happy|willing|offer|offering|share)\b.*\b(help|support|offer|teach|share)\b|\bcan offer\b")


def names_guardian(key: str) -> bool:
    """Does a normalised header speak of a parent, carer or guardian (not of the participant)?"""
    return bool(GUARDIAN_WORDS & set(key.split()))


def _guardian_field(key: str) -> str:
    """Which guardian field a guardian-named header means, from its other words."""
    words = set(key.split())
    if words & {"email", "mail", "courriel"} or "e mail" in key:
        return "guardian_email"
    if words & {"phone", "telephone", "tel", "mobile", "number", "contact", "cell", "portable"}:
        return "guardian_phone"
    if words & {"relationship", "relation", "relationship to"}:
        return "guardian_relationship"
    if words & {"consent", "permission", "agree", "agrees", "allow", "permit"}:
        return "consent_date" if words & {"date", "signed", "on"} else "consent"
    return "guardian_name"


def _question_field(key: str) -> str | None:
    """A field read from a whole question, before synonyms; "" means leave the column unmapped."""
    words = set(key.split())
    if key in FORM_COLUMNS:
        return ""
    if names_guardian(key):
        return _guardian_field(key)
    if {"mentor", "mentee"} <= words or (words & {"mentor", "mentee"} and words & {"applying", "apply", "join", "joining", "role"}):
        return "role"
    if words & {"when", "days", "day", "times", "which"} and words & {"free", "available", "meet", "availability"}:
        return "availability"  # "Which days can you meet?", "When are you free?"
    if _HELP_OFFER.search(key) and not re.search(r"\b(would like|like|want|need)\b", key):
        return "offers"
    if _HELP_SEEK.search(key):
        return "seeks"
    if words & ACTIVITY_WORDS:
        return "interests"  # "After-school clubs", "Which clubs do you run?": tick-box answers become tags
    if "school" in words and words & {"year", "years", "form", "class"} and not words & {"name", "which", "what"}:
        # "School year", "Year at school", "Class at school": the year group, not the school's name
        # (the longest synonym, "school", would otherwise win).
        return "department" if not words & {"experience", "since", "started", "left"} else None
    return None


def _qualified(synonym: str, key: str, raw: str) -> bool:
    """Is ``synonym`` (found in the normalised header ``key``) part of a compound rather than the thing
    itself: "After-school clubs", "out of school hours", "school-based project"?"""
    for found in re.finditer(rf"\b{re.escape(synonym)}\b", key):
        if _QUALIFIED.search(key[: found.start()].rstrip()):
            return True
    hyphened = rf"[^\W_]-{re.escape(synonym)}\b|\b{re.escape(synonym)}-[^\W_]"
    return " " not in synonym and re.search(hyphened, raw) is not None


def guess_mapping(header: Sequence[str], remembered: Mapping[str, str] | None = None) -> list[ColumnGuess]:
    """One guess per column; each field is given to at most one column (the best candidate).

    A remembered choice wins; then the question rules (guardian, role, help direction, form
    columns); then exact synonyms; then a synonym inside the header or a close spelling. A
    guardian-named column never falls through to a participant field.
    """
    remembered = {normalise_header(k): v for k, v in (remembered or {}).items()}
    listed = {_SYNONYMS.get(normalise_header(name)) for name in header}  # fields a column names outright
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
        if guesses[index] is not None:
            continue
        exact = _SYNONYMS.get(key)
        field = _question_field(key)
        if exact in GUARDIAN_FIELDS and field in GUARDIAN_FIELDS:
            field = exact  # "Parent phone" is listed as such; the synonym is the surer reading
        if field is None:
            continue
        if field == "interests" and exact != "interests" and listed & {"interests", "tags"}:
            # The file has its own interests (or every tag, as our roster export): this column is
            # left for a custom field of its name rather than adding tags twice.
            field = ""
        if field and field in taken:
            field = ""
        claim(index, field, "exact" if field else "")
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
        raw = fold(name).lower()
        contained = sorted(
            (
                s
                for s in candidates
                if len(s) > 3 and re.search(rf"\b{re.escape(s)}\b", key) and not _qualified(s, key, raw)
            ),
            key=len,
            reverse=True,
        )
        for synonym in contained:
            if _SYNONYMS[synonym] not in taken:
                field = _SYNONYMS[synonym]
                break
        if not field and not any(_qualified(s, key, raw) for s in key.split()):
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
        name = FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else key.split(":", 1)[-1]
        problems.append(f"Two columns are mapped to '{name}': keep one.")
    if "first_name" in chosen and "full_name" in chosen:
        problems.append("Map either 'First name' or 'Full name', not both.")
    return problems
