"""Issue 19 benchmark: importing a folder of 500 returned fillable application forms (target < 30 s).

The forms are printed by MentorDesk and filled with pypdf's ``PdfWriter.update_page_form_field_values``,
as a person's PDF reader would, each with its own name, e-mail and custom answers (not timed). The timed
import reads every PDF, checks every row and writes people, guardians, consents and custom answers in
one transaction. Baseline: pypdf reading the same 500 files' fields and nothing else (the floor: the
import cannot read the forms with less).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.bench_onboarding import fresh_database, scratch_home
from bench.common import BenchEnv, Row

ISSUE = 19
NAMES = ["Zoë", "Ελένη", "Алексей", "美咲", "ليلى", "נועה", "Łukasz", "Amara"]


def _fill_all(blank: Path, folder: Path, count: int) -> None:
    from pypdf import PdfReader, PdfWriter

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        writer = PdfWriter(clone_from=PdfReader(blank))
        values = {
            "first_name": NAMES[i % len(NAMES)],
            "last_name": f"Surname{i}",
            "email": f"applicant{i}@example.org",
            "date_of_birth": f"{1 + i % 28:02d}/{1 + i % 12:02d}/2012",
            "organisation": f"School {i % 12}",
            "seeks": "Maths, confidence",
            "availability": "Monday, Thursday after school",
            "guardian_name": f"Parent {i}",
            "guardian_phone": "07700 900123",
            "consent": "/Yes",
            "custom_1": f"/c{i % 3}",
            "custom_2_c0": "/Yes",
        }
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
        with (folder / f"form{i:04d}.pdf").open("wb") as handle:
            writer.write(handle)


def run(env: BenchEnv) -> list[Row]:
    from pypdf import PdfReader

    from mentordesk.core.participants import FieldDraft
    from mentordesk.services.forms import print_form
    from mentordesk.services.participants import define_field, import_roster
    from mentordesk.store.db import close_database

    count = 40 if env.quick else 500
    with scratch_home(env.workdir):
        try:
            programme_id = fresh_database(env.workdir / "forms.db")
            define_field(
                programme_id, FieldDraft("Favourite subject", "choice", ["Maths", "Art", "Music"], "mentee")
            )
            define_field(programme_id, FieldDraft("Clubs", "multiple", ["Chess", "Coding"]))
            blank = print_form(programme_id, "mentee", env.workdir / "blank.pdf", fillable=True)
            folder = env.workdir / "returned"
            _fill_all(blank, folder, count)
            start = time.perf_counter()
            for path in sorted(folder.iterdir()):
                PdfReader(path).get_fields()
            baseline = time.perf_counter() - start
            start = time.perf_counter()
            summary = import_roster(folder, programme_id, backup=False)
            seconds = time.perf_counter() - start
        finally:
            close_database()
    assert summary.added == count, summary.describe()
    return [
        Row(
            ISSUE,
            f"import a folder of {count} filled PDF application forms",
            seconds,
            "pypdf reading the same forms' fields",
            baseline,
            "< 30 s",
            seconds < 30,
            f"{summary.added} people with guardians, consents and custom answers, one transaction",
            "reading each file's fields is the least an import of PDF forms can do",
        )
    ]


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for row in run(BenchEnv(Path(tmp), quick="--quick" in sys.argv)):
            print(
                f"{row.name}: {row.seconds:.2f} s (baseline {row.baseline_seconds:.2f} s) target {row.target}"
            )
