"""Agreements for many matches at once: one PDF each, or one combined PDF; with progress and cancel.

Runs in any thread (the GUI's worker calls it with plain ids): it loads facts in
chunks, reports ``progress(done, total)`` after each match and stops between
matches once the user cancelled, keeping the files already written (the result says
how many). In combined mode a cancel aborts the build and no half-written file is left.

Laying out PDFs is CPU-bound and reportlab holds the interpreter lock, so a batch of
separate files is laid out in worker processes, one per core: this process reads the
facts, names the files and records each one as it arrives; the workers only turn plain
facts into a PDF (no database, no personal data in their logs). They are started with
"spawn", which is safe beside Qt's threads. Small batches, one-core machines and a pool
that cannot start fall back to laying out here, one file after another, with the same files.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mentordesk.core.documents import numbered, safe_filename
from mentordesk.core.progress import QUIET, Cancelled, Progress
from mentordesk.core.vocab import DocumentKind
from mentordesk.services.documents import facts as f
from mentordesk.services.documents.builder import Section, build_pdf
from mentordesk.services.documents.generation import file_name, free_path, output_dir, record, render_sections
from mentordesk.services.documents.templates import template_text

log = logging.getLogger(__name__)
CHUNK = 50
AGREEMENT = DocumentKind.AGREEMENT.value
POOL_FROM = 120  # below this, starting workers (about 0.8 s) costs more than the second core saves
# Two logical CPUs are enough: on this 2-CPU machine, quiet, two workers laid out 500 agreements
# 1.72x as fast as one process (4.9 s against 8.4 s); a pure-Python burn ran 2.14x. Only a machine
# already busy with other work (measured: 1.24x for the burn) makes the pool no faster.
POOL_CPUS = 2


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
    workers: int | None = None,
) -> BatchResult:
    """Agreements for ``match_ids``; ``workers`` processes lay them out (None: one per core, 1: here)."""
    today = today or date.today()
    folder = output_dir(out_dir)
    result = BatchResult(total=len(match_ids))
    progress.report(0, result.total)
    if workers is None:
        cpus = os.cpu_count() or 1
        workers = min(cpus, 4) if len(match_ids) >= POOL_FROM and cpus >= POOL_CPUS else 1
    batch = _Batch(folder, today, result, progress)
    if combined:
        batch.combined(list(match_ids))
    elif workers > 1:
        batch.in_workers(list(match_ids), workers)
    else:
        batch.here(list(match_ids))
    log.info(
        "batch of agreements: %d of %d written, cancelled=%s", result.done, result.total, result.cancelled
    )
    return result


@dataclass(frozen=True)
class _Job:
    """All a worker needs to lay out one agreement: plain facts, no database."""

    match: f.MatchFacts
    template: str
    head: f.Letterhead
    today: date
    path: Path
    title: str


def _lay_out(job: _Job) -> Path:
    """Write one agreement's PDF (in a worker process, or here)."""
    sections = render_sections(AGREEMENT, job.template, job.match.programme, job.head, job.match, [], job.today)
    return build_pdf(job.path, sections, job.head, job.match.programme.name, job.title)


class _Batch:
    def __init__(self, folder: Path, today: date, result: BatchResult, progress: Progress) -> None:
        self.folder = folder
        self.today = today
        self.result = result
        self.progress = progress
        self.head = f.letterhead()
        self.templates: dict[int, str] = {}
        self.taken: set[Path] = set()  # names given to files of this batch not written yet

    def jobs(self, match_ids: list[int]):
        """The matches' jobs in order, facts read a chunk at a time; stops once cancelled."""
        for chunk in _chunks(match_ids):
            loaded = f.load_matches(chunk, self.today)
            for match_id in chunk:
                if self.progress.cancelled:  # stop between matches; the files written so far stay
                    self.result.cancelled = True
                    return
                match = loaded.get(match_id)
                if match is None:
                    self.result.skipped.append(f"match {match_id} no longer exists")
                    continue
                yield self.job(match)

    def job(self, match: f.MatchFacts) -> _Job:
        programme = match.programme
        if programme.id not in self.templates:
            self.templates[programme.id] = template_text(programme.id, AGREEMENT)
        name = file_name(AGREEMENT, programme, [m.name for m in match.members], self.today)
        path = free_path(self.folder, name)
        number = 2
        while path in self.taken:
            path = free_path(self.folder, numbered(name, number))
            number += 1
        self.taken.add(path)
        return _Job(match, self.templates[programme.id], self.head, self.today, path, f"Mentoring agreement – {name}")

    def written(self, job: _Job, path: Path) -> None:
        record(AGREEMENT, path, job.match.programme.id, job.match.id, [None])
        self.taken.discard(job.path)
        self.result.paths.append(path)
        self.result.done += 1
        self.progress.report(self.result.done, self.result.total)

    def here(self, match_ids: list[int]) -> None:
        for job in self.jobs(match_ids):
            self.written(job, _lay_out(job))

    def in_workers(self, match_ids: list[int], workers: int) -> None:
        """Lay out in ``workers`` processes, keeping at most two jobs per worker in flight.

        Files are recorded in the order they finish. On cancel no new job starts, the ones
        already running finish and are recorded (their files exist), the rest are dropped.
        """
        pending: dict[Future, _Job] = {}
        jobs = self.jobs(match_ids)
        try:
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        except (OSError, NotImplementedError) as exc:  # no processes here (a sandbox): lay out here
            log.warning("agreements laid out in one process: workers unavailable (%s)", type(exc).__name__)
            self.here(match_ids)
            return
        try:
            with pool:
                for job in jobs:
                    pending[pool.submit(_lay_out, job)] = job
                    while len(pending) >= 2 * workers:
                        self._collect(pending, wait(pending, return_when=FIRST_COMPLETED).done)
                    if self.progress.cancelled:
                        break
                if self.progress.cancelled:
                    self.result.cancelled = True
                    pool.shutdown(wait=True, cancel_futures=True)
                self._collect(pending, wait(pending).done)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): what it had not finished is laid out here.
            log.warning("an agreement worker stopped; the rest are laid out in this process")
            for job in pending.values():  # a finished file is whole (written aside, then moved in)
                self.written(job, job.path if job.path.exists() else _lay_out(job))
            for job in jobs:
                self.written(job, _lay_out(job))

    def _collect(self, pending: dict[Future, _Job], done) -> None:
        for future in list(done):
            job = pending.pop(future)
            if future.cancelled():
                continue
            self.written(job, future.result())

    def combined(self, match_ids: list[int]) -> None:
        sections: list[Section] = []
        ids: list[int] = []
        programme: f.ProgrammeFacts | None = None
        for job in self.jobs(match_ids):
            self.taken.discard(job.path)
            programme = job.match.programme
            sections += render_sections(AGREEMENT, job.template, programme, self.head, job.match, [], self.today)
            ids.append(job.match.id)
        if sections and not self.result.cancelled and programme is not None:
            _build_combined(self.result, sections, ids, programme, self.head, self.folder, self.today, self.progress)


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
