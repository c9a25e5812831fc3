"""Issue 19: an application-form custom field as a pairing criterion (same answer, different answers,
a must-match), scored, explained and kept in the settings, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from mentordesk.core.pairing import CriterionSetting, Importance, custom_criterion
from mentordesk.core.participants import FieldDraft
from mentordesk.services import participants
from mentordesk.services.pairing import criterion_fields, manual, read_settings, review, run, write_settings
from mentordesk.store.models import CustomField, Programme
from tests.pairing_fixtures import drafts, make_programme, mentee, mentor

pytestmark = pytest.mark.both_backends


@pytest.fixture
def houses(db, backend):
    """Two mentees and two mentors whose interests pull one way and whose school house the other."""
    programme = make_programme("Häuser Ωμέγα")
    house = participants.define_field(
        programme.id, FieldDraft("School house", kind="choice", choices=["Red", "Blue"])
    )
    clubs = participants.define_field(
        programme.id, FieldDraft("After-school clubs", kind="multiple", choices=["Chess", "Drama", "Coding"])
    )
    step_free = participants.define_field(programme.id, FieldDraft("Needs step-free rooms", kind="yes_no"))
    participants.define_field(programme.id, FieldDraft("Favourite food", kind="text"))
    ana = mentee(programme, "Ana", interests=["chess"])
    ben = mentee(programme, "Ben", interests=["art"])
    xia = mentor(programme, "Xia", interests=["chess"])
    yan = mentor(programme, "Yan", interests=["art"])
    for person, answers in (
        (ana, {house: "Blue", clubs: ["Drama"], step_free: True}),
        (ben, {house: "Red", clubs: ["Chess", "Coding"]}),
        (xia, {house: "Red", clubs: ["Chess"], step_free: False}),
        (yan, {house: "Blue", clubs: ["Drama", "Coding"], step_free: True}),
    ):
        participants.save_answers(person.id, programme.id, answers)
    return programme, {"house": house, "clubs": clubs, "step_free": step_free}, (ana, ben, xia, yan)


def with_criterion(programme, field_id: int, importance: Importance, option: str = "same") -> None:
    config = read_settings(programme).config.with_setting(
        custom_criterion(field_id), CriterionSetting(importance, option)
    )
    write_settings(programme.id, config=config)


def test_only_choice_multiple_and_yes_no_fields_can_be_criteria(houses):
    programme, fields, _people = houses
    assert [(f.label, f.kind) for f in criterion_fields(programme.id)] == [
        ("School house", "choice"),
        ("After-school clubs", "multiple"),
        ("Needs step-free rooms", "yes_no"),
    ]
    assert criterion_fields(programme.id)[0].criterion == f"field:{fields['house']}"


def test_interests_pair_them_until_the_house_must_match(houses):
    programme, fields, (ana, ben, xia, yan) = houses
    run.run_matcher(programme.id)
    assert drafts(programme.id) == {ana.id: xia.id, ben.id: yan.id}  # by interests
    with_criterion(programme, fields["house"], Importance.MUST)
    settings = read_settings(Programme.get_by_id(programme.id))
    name = custom_criterion(fields["house"])
    assert settings.config.setting(name) == CriterionSetting(Importance.MUST, "same", "School house")
    assert settings.config.musts() == [name]
    result = run.run_matcher(programme.id)  # unreviewed drafts are proposed afresh
    assert {p.mentee_id: p.mentor_id for p in result.pairs} == {ana.id: yan.id, ben.id: xia.id}
    row = next(r for r in review.list_drafts(programme.id) if r.mentee_id == ana.id)
    house = next(item for item in row.breakdown if item["criterion"] == name)
    assert house["reason"] == "same answer to “School house”: Blue"
    assert house["label"] == "School house" and float(house["points"]) > 0
    # the explanation of a pair the must-match forbids says which answers differ
    ranking = {c.participant_id: c for c in manual.rank_candidates(programme.id, ana.id)}
    assert ranking[xia.id].reasons == ["must: answers to “School house” differ"]


def test_different_answers_and_overlapping_choices(houses):
    programme, fields, (ana, ben, xia, yan) = houses
    clubs = custom_criterion(fields["clubs"])
    with_criterion(programme, fields["clubs"], Importance.VERY, "same")
    ranking = {c.participant_id: c.explanation for c in manual.rank_candidates(programme.id, ben.id)}
    lines = {m: next(r for r in e.reasons if r.criterion == clubs) for m, e in ranking.items()}
    # Ben (Chess, Coding) shares Chess with Xia and Coding with Yan: an overlap of choices fits
    assert lines[xia.id].text == "same answer to “After-school clubs”: Chess" and lines[xia.id].points > 0
    assert lines[yan.id].text == "same answer to “After-school clubs”: Coding"
    ranking = {c.participant_id: c.explanation for c in manual.rank_candidates(programme.id, ana.id)}
    line = next(r for r in ranking[xia.id].reasons if r.criterion == clubs)
    assert line.text == "different answers to “After-school clubs”: Drama / Chess" and line.points < 0
    with_criterion(programme, fields["clubs"], Importance.VERY, "different")
    ranking = {c.participant_id: c.explanation for c in manual.rank_candidates(programme.id, ana.id)}
    line = next(r for r in ranking[xia.id].reasons if r.criterion == clubs)
    assert line.points > 0  # now wanted: Ana and Xia have no club in common
    flipped = next(r for r in ranking[yan.id].reasons if r.criterion == clubs)
    assert flipped.text == "same answer to “After-school clubs”: Drama" and flipped.points < 0


def test_an_unanswered_field_is_neutral_and_a_deleted_field_drops_out(houses):
    programme, fields, (ana, ben, xia, yan) = houses
    step_free = custom_criterion(fields["step_free"])
    with_criterion(programme, fields["step_free"], Importance.MUST)
    ranking = {c.participant_id: c for c in manual.rank_candidates(programme.id, ben.id)}
    # Ben did not answer: neither mentor is ruled out, and the line says so, with no points
    assert all(c.eligible and c.reasons == [] for c in ranking.values())
    line = next(r for r in ranking[yan.id].explanation.reasons if r.criterion == step_free)
    assert (line.text, line.points) == ("“Needs step-free rooms” not answered by the mentee", 0)
    ranking = {c.participant_id: c for c in manual.rank_candidates(programme.id, ana.id)}
    assert ranking[xia.id].reasons == ["must: answers to “Needs step-free rooms” differ"]  # yes vs no
    assert ranking[yan.id].eligible
    stored = Programme.get_by_id(programme.id).settings["pairing"]["criteria"]
    assert stored[step_free] == {"importance": "must", "option": "same"}
    participants.delete_field(fields["step_free"])
    assert step_free not in read_settings(Programme.get_by_id(programme.id)).config.criteria
    assert CustomField.get_or_none(CustomField.id == fields["step_free"]) is None
    run.run_matcher(programme.id)  # the stale setting never stops a run
    assert drafts(programme.id)
