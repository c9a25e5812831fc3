"""Pure rules of the complete match record: closure reason codes, check types and their renewal
cycles, clearance with the programme's own checks, and who signs an agreement."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.core.documents import (
    Member,
    completed_on,
    missing_signatures,
    required_signatories,
    signature_problem,
)
from mentordesk.core.pairing import (
    DEFAULT_CLOSURE_REASONS,
    ClosureReason,
    closures_by_reason,
    new_reason_code,
    reason_code_for_text,
    reason_code_problem,
    reasons_from_settings,
    reasons_to_settings,
)
from mentordesk.core.participants import (
    CheckFact,
    CheckType,
    CheckTypes,
    ClearanceRules,
    Invalid,
    PersonFacts,
    add_months,
    check_type_key,
    check_type_problems,
    evaluate_clearance,
    renewal_due,
    renewals_due,
)

ON = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mentor relocated for work", "moved_away"),
        ("Family moved away", "moved_away"),
        ("End of the school year", "programme_ended"),
        ("Mentee lost interest", "lost_interest"),
        ("Could not find a time that suited both", "scheduling"),
        ("They did not get on", "relationship"),
        ("Safeguarding concern raised", "safeguarding"),
        ("Ζήτησε να σταματήσει", "other"),
        ("", "other"),
    ],
)
def test_free_text_reasons_are_read_into_codes(text, code):
    assert reason_code_for_text(text) == code


def test_reason_list_keeps_other_last_and_refuses_unknown_codes_naming_the_allowed_ones():
    assert [r.code for r in reasons_from_settings(None)] == [r.code for r in DEFAULT_CLOSURE_REASONS]
    custom = reasons_from_settings([{"code": "illness", "label": "Illness"}, {"code": "other", "label": "x"}])
    assert [r.code for r in custom] == ["illness", "other"]
    assert reasons_to_settings(custom) == [{"code": "illness", "label": "Illness"}]
    problem = reason_code_problem("bored", custom)
    assert "'bored'" in problem and "illness, other" in problem
    assert reason_code_problem("illness", custom) == ""
    assert new_reason_code("Family illness", custom) == "family_illness"
    assert new_reason_code("Illness", custom) == "illness_2"


def test_closures_by_reason_counts_every_listed_reason_then_retired_codes():
    counts = closures_by_reason(["moved_away", "moved_away", None, "", "retired_code", "safeguarding"])
    by_code = {c.code: c.count for c in counts}
    assert by_code["moved_away"] == 2 and by_code["safeguarding"] == 1 and by_code["other"] == 2
    assert by_code["scheduling"] == 0  # zero rows kept, so a report shows every reason
    assert counts[-1].code == "retired_code" and counts[-1].label == "Retired code"
    assert [c.code for c in counts[:7]] == [r.code for r in DEFAULT_CLOSURE_REASONS]
    assert sum(c.count for c in counts) == 6


def test_check_type_keys_names_and_cycles():
    assert check_type_key("Driving record") == "driving_record"
    greek = check_type_key("Έλεγχος μητρώου")
    assert greek.startswith("check_") and greek == check_type_key("Έλεγχος μητρώου")
    types = CheckTypes().with_added(CheckType("", "Driving record", drivers=True, renewal_months=12))
    assert types.custom[0].key == "driving_record" and types.label("driving_record") == "Driving record"
    assert types.cycle("background_check") == 36 and types.cycle("driving_record") == 12
    assert check_type_problems("driving RECORD", None, types)["name"].startswith("Name: there is already")
    assert "name" in check_type_problems("Background check", None, types)
    assert "name" in check_type_problems("  ", None, types)
    assert "renewal_months" in check_type_problems("Insurance", 0, types)
    with pytest.raises(Invalid, match="Renewal cycle"):
        types.with_cycle("background_check", 500)
    with pytest.raises(Invalid, match="No check type"):
        types.with_cycle("astrology", 12)
    assert types.with_cycle("background_check", None).cycle("background_check") is None
    assert CheckTypes.from_settings(types.to_settings()) == types
    assert CheckTypes.from_settings({"custom": [{"name": "broken"}], "renewal_months": {}}).custom == ()


def test_renewal_dates_and_the_renewals_due():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 15), 36) == date(2026, 11, 15)
    assert renewal_due(date(2023, 1, 1), date(2025, 5, 5), 36) == date(2025, 5, 5)  # its own expiry wins
    assert renewal_due(date(2023, 1, 1), None, 36) == date(2026, 1, 1)
    assert renewal_due(date(2023, 1, 1), None, None) is None
    checks = [
        (1, "background_check", date(2023, 7, 1), None),  # due 2026-07-01: in the window
        (2, "background_check", date(2023, 1, 1), None),  # lapsed 2026-01-01
        (2, "background_check", date(2026, 1, 5), None),  # ... but renewed: not due
        (3, "background_check", date(2024, 1, 1), None),  # due 2027: not yet
        (4, "training", date(2020, 1, 1), None),  # no cycle: never due
    ]
    due = renewals_due(checks, CheckTypes(), ON)
    assert [(r.participant_id, r.due_on) for r in due] == [(1, date(2026, 7, 1))]
    lapsed = renewals_due([(2, "background_check", date(2023, 1, 1), None)], CheckTypes(), ON)
    assert lapsed[0].days_left(ON) < 0


def _mentor_facts(*extra: CheckFact, drives: bool = False, role: str = "mentor") -> PersonFacts:
    base = (
        CheckFact("interview", "passed", ON),
        CheckFact("reference", "passed", ON),
        CheckFact("reference", "passed", ON),
        CheckFact("background_check", "passed", date(2025, 1, 1)),
        CheckFact("training", "passed", ON, hours=3),
        CheckFact("code_of_conduct", "passed", ON),
    )
    return PersonFacts(role, date(1980, 1, 1), checks=base + extra, drives=drives)


def test_clearance_explains_a_missing_check_of_the_programmes_own_type():
    types = CheckTypes().with_added(CheckType("", "Driving record", drivers=True, renewal_months=12))
    types = types.with_added(CheckType("", "Registry check", mentors=True))
    rules = ClearanceRules(check_types=types)
    result = evaluate_clearance(_mentor_facts(), rules, ON)
    assert result.reasons == ("no Registry check recorded",)  # not a driver: the driving record is not asked
    driver = evaluate_clearance(_mentor_facts(drives=True), rules, ON)
    assert driver.reasons == ("no Driving record recorded", "no Registry check recorded")
    old = CheckFact("driving_record", "passed", date(2025, 1, 1))
    registry = CheckFact("registry_check", "pending")
    later = evaluate_clearance(_mentor_facts(old, registry, drives=True), rules, ON)
    assert later.reasons == ("Driving record expired on 2026-01-01", "Registry check pending")
    fresh = CheckFact("driving_record", "passed", date(2025, 6, 20))
    done = CheckFact("registry_check", "passed", date(2026, 5, 1))
    ok = evaluate_clearance(_mentor_facts(fresh, done, drives=True), rules, ON)
    assert ok.cleared and ok.warnings == ("Driving record expires on 2026-06-20",)
    assert ok.expires_on == date(2026, 6, 20)
    # A check type for mentees is asked of mentees and peers only.
    mentee_rules = ClearanceRules(check_types=CheckTypes().with_added(CheckType("", "School ID", mentees=True)))
    assert evaluate_clearance(_mentor_facts(), mentee_rules, ON).cleared
    child = PersonFacts("peer", date(1990, 1, 1))
    assert evaluate_clearance(child, mentee_rules, ON).reasons == ("no School ID recorded",)
    assert ClearanceRules(check_types=types) == ClearanceRules()  # stored apart: the rules compare alone


def test_background_check_lapses_by_its_renewal_cycle():
    old = PersonFacts(
        "mentor",
        checks=tuple(c for c in _mentor_facts().checks if c.kind != "background_check")
        + (CheckFact("background_check", "passed", date(2023, 1, 1)),),
    )
    assert evaluate_clearance(old, ClearanceRules(), ON).reasons == ("background check expired on 2026-01-01",)
    never = ClearanceRules(check_types=CheckTypes(renewal=()))
    assert evaluate_clearance(old, never, ON).cleared


def test_signatories_include_a_guardian_only_for_a_minor():
    members = [
        Member(2, "Ana", "mentee", True),
        Member(1, "Xia", "mentor", False),
        Member(3, "Ben", "mentee", None),
    ]
    required = required_signatories(members, "Alex Morgan")
    assert [s.key for s in required] == [
        ("mentor", 1),
        ("mentee", 2),
        ("mentee", 3),
        ("guardian", 2),
        ("coordinator", None),
    ]
    assert required[3].name == "Ana's guardian" and required[-1].described == "Alex Morgan"
    signed = {("mentor", 1): date(2026, 5, 1), ("mentee", 2): date(2026, 5, 2)}
    assert [s.key for s in missing_signatures(required, signed)] == [("mentee", 3), ("guardian", 2), ("coordinator", None)]
    assert completed_on(required, signed) is None
    everyone = {s.key: date(2026, 5, 3) for s in required} | {("mentor", 1): date(2026, 5, 9)}
    assert completed_on(required, everyone) == date(2026, 5, 9)
    assert "in the future" in signature_problem("mentor", 1, date(2026, 6, 2), ON)
    assert signature_problem("coordinator", 4, ON, ON).startswith("Signatory")
    assert signature_problem("teacher", 1, ON, ON).startswith("Signatory")
    assert signature_problem("guardian", 2, ON, ON) == ""
    assert ClosureReason("a", "A") in [ClosureReason("a", "A")]
