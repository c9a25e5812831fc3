"""The single-document rows of the documents benchmark: one row per kind, against the same words
written by reportlab directly."""

from __future__ import annotations

from bench import bench_documents
from mentordesk.services.documents import fonts
from mentordesk.store.db import close_database


def test_single_document_rows(tmp_path):
    work = tmp_path / "documents-bench"
    work.mkdir()
    match_ids = bench_documents.build_database(work / "documents.db", 2)
    fonts.ensure_fonts()
    try:
        rows = bench_documents.single_document_rows(match_ids, work, 1)
    finally:
        close_database()
    assert len(rows) == len(bench_documents.SINGLE_KINDS)
    for row, (_kind, label) in zip(rows, bench_documents.SINGLE_KINDS, strict=True):
        assert row.name.startswith(f"one {label} (")
    for row in rows:
        assert row.issue == 22 and row.target == "< 0.3 s"
        assert row.seconds > 0 and row.baseline_seconds > 0
        assert "the first document of an app run takes" in row.note


def test_baseline_writes_the_same_words(tmp_path):
    """The baseline's file holds the text it was given, page for page, in our embedded font."""
    fonts.ensure_fonts()
    pages = [["Mentoring agreement", "Zoë Ó'Brien & Łukasz 李"], ["Signed: ____"]]
    target = tmp_path / "direct.pdf"
    bench_documents.same_text_directly(pages, target)
    assert bench_documents.text_by_page(target) == pages
