"""Agreements for many matches at once: one PDF each, or one combined PDF; with progress and cancel.

Runs in any thread (the GUI's worker calls it with plain ids): it loads facts in
chunks, reports ``progress(done, total)`` after each match and stops between
matches once the user cancelled, keeping the files already written (the result says
how many). In combined mode a cancel aborts the build and no half-written file is left.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mentordesk.core.documents import safe_filename
from mentordesk.core.progress import QUIET, Cancelled, Progress
from mentordesk.core.vocab import DocumentKind
from mentordesk.services.documents import facts as f
from mentordesk.services.documents.builder import Section, build_pdf
from mentordesk.services.documents.generation import file_name, free_path, output_dir, record, render_sections
from mentordesk.services.documents.templates import template_text

log = logging.getLogger(__name__)
CHUNK = 50
AGREEMENT = DocumentKind.AGREEMENT.value


@dataclass
class BatchResult:
    total: int
    paths: list[Path] = field(default_factory=list)
    done: int = 0
    cancelled: bool = False
    skipped: list[str] = field(default_factory=list)  # why a match was left out (no personal data)

    @property
    def summary(self) -> str:
        files = f"{len(self.paths)} file{'s' if len(self.paths) != 1 else ''}"
        text = f"{self.done} of {self.total} agreements written ({files})."
        if self.cancelled:
            text = "Cancelled: " + text
        if self.skipped:
            text += f" {len(self.skipped)} skipped: " + "; ".join(self.skipped[:3])
        return text


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def generate_agreements(
    match_ids: list[int],
    out_dir: Path | str | None = None,
    combined: bool = False,
    progress: Progress = QUIET,
    today: date | None = None,
) -> BatchResult:
    today = today or date.today()
    folder = output_dir(out_dir)
    head = f.letterhead()
    result = BatchResult(total=len(match_ids))
    templates: dict[int, str] = {}
    progress.report(0, result.total)
    combined_sections: list[Section] = []
    combined_ids: list[int] = []
    programme: f.ProgrammeFacts | None = None
    for chunk in _chunks(list(match_ids)):
        loaded = f.load_matches(chunk, today)
        for match_id in chunk:
            if progress.cancelled:  # stop between matches; the files written so far stay
                result.cancelled = True
                break
            match = loaded.get(match_id)
            if match is None:
                result.skipped.append(f"match {match_id} no longer exists")
                continue
            programme = match.programme
            if programme.id not in templates:
                templates[programme.id] = template_text(programme.id, AGREEMENT)
            sections = render_sections(AGREEMENT, templates[programme.id], programme, head, match, [], today)
            if combined:
                combined_sections += sections
                combined_ids.append(match.id)
                continue
            name = file_name(AGREEMENT, programme, [m.name for m in match.members], today)
            path = build_pdf(
                free_path(folder, name), sections, head, programme.name, f"Mentoring agreement – {name}"
            )
            record(AGREEMENT, path, programme.id, match.id, [None])
            result.paths.append(path)
            result.done += 1
            progress.report(result.done, result.total)
        if result.cancelled:
            break
    if combined and combined_sections and not result.cancelled and programme is not None:
        _build_combined(
            result, combined_sections, combined_ids, programme, head, folder, today, progress
        )
    log.info(
        "batch of agreements: %d of %d written, cancelled=%s", result.done, result.total, result.cancelled
    )
    return result


def _build_combined(
    result: BatchResult,
    sections: list[Section],
    match_ids: list[int],
    programme: f.ProgrammeFacts,
    head: f.Letterhead,
    folder: Path,
    today: date,
    progress: Progress,
) -> None:
    count = len(sections)

    def on_section(index: int) -> None:
        # Laying out section i means sections before it are done; raises Cancelled once cancelled.
        progress(min(index, count), result.total)

    name = safe_filename([programme.name, "Mentoring agreements", f"{count} matches", today.isoformat()])
    try:
        path = build_pdf(
            free_path(folder, name),
            sections,
            head,
            programme.name,
            f"Mentoring agreements – {programme.name}",
            on_section=on_section,
        )
    except Cancelled:
        result.cancelled = True
        return
    for match_id in match_ids:
        record(AGREEMENT, path, programme.id, match_id, [None])
    result.paths.append(path)
    result.done = count
    progress.report(result.done, result.total)
