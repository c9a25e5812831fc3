"""A programme's report for a period: the figures now, the same for the period before, and (only when
asked for) an appendix of matches by initials."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.reports import FIGURE_KEYS, Period, Report, compute
from mentordesk.services.reports.loading import load_rows
from mentordesk.store.models import Match, MatchMember, Participant, Programme
from mentordesk.store.rows import as_date, in_bulk, raw_rows


@dataclass(frozen=True)
class AppendixRow:
    match_id: int
    initials: str  # "Z.Ó. & Ł.K."
    status: str
    started_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class ProgrammeReport:
    programme_id: int
    programme: str
    current: Report
    previous: Report | None = None
    appendix: tuple[AppendixRow, ...] = field(default_factory=tuple)
    # Before-and-after survey measures: {scale: {outcome_pairs, outcome_mean_change, outcome_improved_pct}}
    outcomes: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    # A shadow board's sessions and recommendations (core/board defines them); {} for other programmes.
    board: dict[str, float | int | None] = field(default_factory=dict)
    kind: str = ""

    @property
    def period(self) -> Period:
        return self.current.period

    def csv_rows(self) -> list[tuple[str, str, str, str]]:
        """(figure, value, period_start, period_end), one per figure key, in the documented order;
        then each outcome scale's three figures as ``outcome_pairs.<scale>`` and so on."""
        start, end = self.period.start.isoformat(), self.period.end.isoformat()
        rows = [(key, format_value(self.current.figures[key]), start, end) for key in FIGURE_KEYS]
        for scale, figures in sorted(self.outcomes.items()):
            for key in OUTCOME_KEYS:
                rows.append((f"{key}.{scale}", format_value(figures.get(key)), start, end))
        rows += [(key, format_value(value), start, end) for key, value in self.board.items()]
        return rows


OUTCOME_KEYS = ("outcome_pairs", "outcome_mean_change", "outcome_improved_pct")


def format_value(value: float | int | None) -> str:
    """ "" for no value, whole numbers without a decimal point, others to one decimal."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def initials(name: str) -> str:
    """ "Zoë Ó'Brien" -> "Z.Ó."; each word's first letter."""
    return "".join(f"{word[0]}." for word in name.split() if word)


def _appendix(programme_id: int, report: Report) -> tuple[AppendixRow, ...]:
    from mentordesk.core.participants import display_name

    ids = set(report.lists.get("matches_active", ())) | set(report.lists.get("matches_paused", ()))
    ids |= set(report.lists.get("matches_started", ())) | set(report.lists.get("matches_closed", ()))
    if not ids:
        return ()
    matches = Match.select(Match.id, Match.status, Match.started_on, Match.closed_on).where(
        (Match.programme == programme_id) & Match.id.in_(sorted(ids))
    )
    people = (
        MatchMember.select(
            MatchMember.match,
            MatchMember.role,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
        )
        .join(Participant)
        .where(MatchMember.match.in_(sorted(ids)))
        .order_by(MatchMember.match, MatchMember.role.desc(), Participant.id)
    )
    names: dict[int, list[str]] = {}
    for mid, _role, first, last, preferred in raw_rows(people):
        names.setdefault(mid, []).append(initials(display_name(first, last or "", preferred or "")))
    rows = [
        AppendixRow(mid, " & ".join(names.get(mid, [])) or "—", status, as_date(started), as_date(closed))
        for mid, status, started, closed in raw_rows(matches)
    ]
    return tuple(sorted(rows, key=lambda r: (r.started_on or date.min, r.match_id)))


@in_bulk
def programme_report(
    programme_id: int,
    period: Period,
    *,
    today: date | None = None,
    compare: bool = True,
    appendix: bool = False,
) -> ProgrammeReport:
    """The report of ``period``; with ``compare``, also the period of the same length just before it."""
    today = today or date.today()
    programme = Programme.get_by_id(programme_id)
    previous_period = period.previous() if compare else None
    since = previous_period.start if previous_period else period.start
    rows = load_rows(programme_id, since, period.end, today)
    current = compute(rows, period)
    previous = compute(rows, previous_period) if previous_period else None
    return ProgrammeReport(
        programme_id,
        programme.name,
        current,
        previous,
        _appendix(programme_id, current) if appendix else (),
        _outcomes(programme_id),
        _board(programme_id, period, today),
        programme.kind,
    )


def _board(programme_id: int, period: Period, today: date) -> dict[str, float | int | None]:
    """A shadow board's figures of the period (board area); {} for a programme with no board."""
    from mentordesk.services import board

    return board.report_figures(programme_id, period.start, period.end, today)


def _outcomes(programme_id: int) -> dict[str, dict[str, float | int | None]]:
    """The programme's before-and-after measures (surveys area), every pair answered so far."""
    from mentordesk.services import surveys

    return surveys.outcome_figures(programme_id)
