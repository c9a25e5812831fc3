"""Agreements for many matches: one file each or one combined file, progress, cancel, what counts as new."""

from __future__ import annotations

import pytest

from mentordesk.core.progress import Progress
from mentordesk.services import documents
from mentordesk.store.models import Document
from tests.documents_fixtures import make_match, make_programme, pdf_pages, person

NAMES = [
    ("Zoë", "Ó'Brien"),
    ("Łukasz", "Kowalski"),
    ("Ελένη", "Γεωργίου"),
    ("Алексей", "Смирнов"),
    ("Seán", "MacLeod"),
]


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"  # not the folder the test database lives in


@pytest.fixture
def five_matches(db):
    programme = make_programme()
    matches = []
    for n, (first, last) in enumerate(NAMES):
        mentor = person(f"Mentor{n}", "Adeyemi")
        mentee = person(first, last, minor=True, guardian=f"Guardian of {first}")
        matches.append(make_match(programme, [mentor], [mentee], [f"Goal for {first}"]))
    make_match(programme, [person("Draft", "Only")], [person("Not", "Active")], status="draft")
    return programme, matches


def test_new_matches_are_active_ones_without_an_agreement(five_matches, out):
    programme, matches = five_matches
    assert documents.matches_needing_agreements(programme.id) == [m.id for m in matches]
    documents.generate("agreement", match_id=matches[0].id, out_dir=out)
    assert documents.matches_needing_agreements(programme.id) == [m.id for m in matches[1:]]
    assert documents.matches_needing_agreements(programme.id, only_new=False) == [m.id for m in matches]


def test_one_file_per_match_with_progress(five_matches, out):
    programme, matches = five_matches
    seen = []
    result = documents.generate_agreements(
        [m.id for m in matches], out_dir=out, progress=Progress(lambda done, total, text: seen.append((done, total)))
    )
    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert result.done == 5 and not result.cancelled and len(result.paths) == 5
    for path, (first, last) in zip(result.paths, NAMES, strict=True):
        assert f"{first} {last}" in path.name
        assert f"{first} {last}" in "\n".join(pdf_pages(path))
    assert Document.select().where(Document.kind == "agreement").count() == 5
    assert documents.matches_needing_agreements(programme.id) == []
    assert "5 of 5 agreements written (5 files)" in result.summary


def test_cancel_stops_between_matches_and_keeps_what_was_written(five_matches, out):
    _programme, matches = five_matches
    seen = []
    result = documents.generate_agreements(
        [m.id for m in matches],
        out_dir=out,
        progress=Progress(lambda done, total, text: seen.append(done), lambda: len(seen) > 2),  # after 2 files
    )
    assert result.cancelled and result.done == 2
    assert len(list(out.glob("*.pdf"))) == 2
    assert Document.select().count() == 2
    assert result.summary.startswith("Cancelled: 2 of 5")


def test_one_combined_pdf_numbered_per_agreement(five_matches, out):
    _programme, matches = five_matches
    seen = []
    result = documents.generate_agreements(
        [m.id for m in matches], out_dir=out, combined=True, progress=Progress(lambda d, t, text: seen.append(d))
    )
    assert len(result.paths) == 1 and result.done == 5
    assert "5 matches" in result.paths[0].name
    assert seen[0] == 0 and seen[-1] == 5 and seen == sorted(seen)
    pages = pdf_pages(result.paths[0])
    text = "\n".join(pages)
    for first, last in NAMES:
        assert f"{first} {last}" in text
    per_document = pages[0].split("Page 1 of ")[1].split()[0]
    assert sum("Page 1 of" in p for p in pages) == 5
    assert len(pages) == 5 * int(per_document)
    rows = list(Document.select())
    assert len(rows) == 5 and {r.path for r in rows} == {str(result.paths[0].resolve())}
    assert {r.match_id for r in rows} == {m.id for m in matches}


def test_cancelling_a_combined_build_leaves_no_file(five_matches, out):
    _programme, matches = five_matches
    seen = []
    result = documents.generate_agreements(
        [m.id for m in matches],
        out_dir=out,
        combined=True,
        progress=Progress(lambda d, t, text: seen.append(d), lambda: len(seen) >= 3),
    )
    assert result.cancelled and result.paths == []
    assert list(out.iterdir()) == []  # neither the PDF nor a half-written temporary file
    assert Document.select().count() == 0


def test_a_vanished_match_is_skipped_not_fatal(five_matches, out):
    _programme, matches = five_matches
    result = documents.generate_agreements([matches[0].id, 99999], out_dir=out)
    assert result.done == 1 and result.skipped == ["match 99999 no longer exists"]


def test_worker_processes_write_the_same_files_as_one_process(five_matches, tmp_path):
    """Two worker processes (spawned, as on a user's machine) give the same names, pages and records."""
    _programme, matches = five_matches
    ids = [m.id for m in matches]
    here = documents.generate_agreements(ids, out_dir=tmp_path / "here", workers=1)
    seen = []
    pooled = documents.generate_agreements(
        ids, out_dir=tmp_path / "pool", workers=2, progress=Progress(lambda d, t, text: seen.append(d))
    )
    assert pooled.done == 5 and not pooled.cancelled
    assert seen == [0, 1, 2, 3, 4, 5]
    assert sorted(p.name for p in pooled.paths) == sorted(p.name for p in here.paths)
    for path in here.paths:
        assert pdf_pages(tmp_path / "pool" / path.name) == pdf_pages(path)
    pooled_rows = Document.select().where(Document.path.startswith(str((tmp_path / "pool").resolve())))
    assert {r.match_id for r in pooled_rows} == set(ids)
    assert all((path.stat().st_mode & 0o777) == 0o600 for path in pooled.paths)


def test_workers_give_two_matches_of_the_same_names_two_files(db, out):
    programme = make_programme()
    ids = [make_match(programme, [person("Sam", "Lee")], [person("Ana", "Silva", minor=True)], []).id for _ in range(3)]
    result = documents.generate_agreements(ids, out_dir=out, workers=2)
    assert result.done == 3 and len({p.name for p in result.paths}) == 3
    assert sorted(out.glob("*.pdf")) == sorted(result.paths)


def test_cancel_with_workers_records_every_file_it_leaves(five_matches, out):
    _programme, matches = five_matches
    seen = []
    result = documents.generate_agreements(
        [m.id for m in matches],
        out_dir=out,
        workers=2,
        progress=Progress(lambda done, total, text: seen.append(done), lambda: len(seen) > 1),
    )
    assert result.cancelled and 1 <= result.done < 5
    on_disk = sorted(out.glob("*.pdf"))
    assert on_disk == sorted(result.paths) and len(on_disk) == result.done
    assert Document.select().count() == result.done
    assert list(out.glob("*.tmp*")) == [] and all(p.suffix == ".pdf" for p in out.iterdir())
