"""Writing a programme's responses to a CSV file (or .xlsx): one row per response, one column per
question (``survey.question``), the scale scores after them."""

from __future__ import annotations

from pathlib import Path

from mentordesk.core import surveys as rules
from mentordesk.core.csv_files import write_table
from mentordesk.services.surveys.responses import list_responses, programme_people
from mentordesk.services.surveys.templates import list_templates

FIXED = ["survey", "person", "role", "match_id", "answered_on", "source"]


def export_responses(programme_id: int, path: Path) -> int:
    templates = list_templates(programme_id)
    columns: list[tuple[int, str, str]] = []  # (template id, kind "q"/"scale", id)
    for t in templates:
        columns += [(t.id, "q", q.id) for q in t.questions]
        columns += [(t.id, "scale", s) for s in rules.scales(t.questions)]
    by_id = {t.id: t for t in templates}
    header = FIXED + [
        f"{by_id[t].key or by_id[t].id}.{'scale.' if kind == 'scale' else ''}{name}"
        for t, kind, name in columns
    ]
    people = programme_people(programme_id)
    rows = []
    for r in list_responses(programme_id):
        template = by_id.get(r.template_id)
        if template is None:
            continue
        questions = {q.id: q for q in template.questions}
        scores = rules.scale_scores(template.questions, r.answers)
        row: list[object] = [
            r.template_name,
            r.person,
            people[r.participant_id].role if r.participant_id in people else "",
            r.match_id or "",
            r.answered_on.isoformat(),
            r.source,
        ]
        for owner, kind, name in columns:
            if owner != r.template_id:
                row.append("")
            elif kind == "scale":
                score = scores.get(name)
                row.append("" if score is None else f"{score:.2f}")
            else:
                value = r.answers.get(name)
                row.append(
                    ""
                    if value is None
                    else rules.show_answer(questions[name], value)
                    if not isinstance(value, int) or isinstance(value, bool)
                    else value
                )
        rows.append(row)
    return write_table(path, header, rows)
