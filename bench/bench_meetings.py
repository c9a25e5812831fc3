"""Issue 5: the calendar month view and the overdue list under 100 ms; issue 22: the .ics export under 3 s.

Measured on the generated 5,000-participant database with two years of meetings.

- Month view refresh: what the Meetings page does when the month changes: load the
  six visible weeks of meetings with who meets (``meeting_queries.calendar_rows``),
  hand them to the table model and its filter, and lay out the month widget.
  Baseline: a bare SQL SELECT of the same meeting rows, in the same run.
- Overdue list: ``cadence.overdue_items`` for the programme (every active match
  checked against the cadence rules, plus open follow-ups). Baseline: a bare SELECT
  of the meeting and check-in rows of the active matches it judges.
- Calendar export: ``export_ics`` of the whole programme (about 30,000 events). Baseline:
  a bare SELECT of the same meeting rows plus writing the same number of bytes, the least
  any export of them could do.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from bench.common import BenchEnv, Row, best_of, median_of

ISSUE = 5
TARGET_SECONDS = 0.100


def _month_range(today: date) -> tuple[datetime, datetime]:
    first = today.replace(day=1)
    start = first - timedelta(days=first.weekday())  # the grid starts on a Monday
    return datetime.combine(start, time.min), datetime.combine(start + timedelta(days=42), time.min)


def _qt_month_view():
    """The page's model, filter and month widget, offscreen; None when Qt cannot start here."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from mentordesk.ui.meetings.models import MeetingTableModel, RowFilter
        from mentordesk.ui.meetings.month_view import MonthView
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    model = MeetingTableModel()
    proxy = RowFilter()
    proxy.setSourceModel(model)
    view = MonthView()
    view.resize(1000, 620)
    view.set_source(proxy)
    return app, model, proxy, view


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.services.meetings import cadence, export_ics, queries
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Programme

    db = open_database(env.database(), backup=False)
    try:
        programme_id = Programme.select(Programme.id).order_by(Programme.id).first().id
        today = date.today()
        start, end = _month_range(today)
        qt = _qt_month_view()

        def month_refresh() -> int:
            rows = queries.calendar_rows(programme_id, start, end)
            if qt is not None:
                _app, model, _proxy, view = qt
                model.set_rows(rows)  # the proxy and the month widget follow through their signals
                view.set_anchor(today)
            return len(rows)

        def month_baseline() -> int:
            cursor = db.execute_sql(
                "SELECT m.id, m.match_id, m.series_id, m.starts_at, m.duration_minutes, m.mode, m.place, "
                "m.link, m.status, m.original_starts_at FROM meeting m JOIN match x ON x.id = m.match_id "
                "WHERE x.programme_id = ? AND m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at, m.id",
                (programme_id, start.isoformat(sep=" "), end.isoformat(sep=" ")),
            )
            return len(cursor.fetchall())

        def overdue() -> int:
            return len(cadence.overdue_items(programme_id, today=today))

        def overdue_baseline() -> int:
            meetings = db.execute_sql(
                "SELECT m.match_id, m.starts_at, m.status FROM meeting m JOIN match x ON x.id = m.match_id "
                "WHERE x.programme_id = ? AND x.status = 'active'",
                (programme_id,),
            ).fetchall()
            checkins = db.execute_sql(
                "SELECT c.match_id, c.contacted_at FROM contact_log c JOIN match x ON x.id = c.match_id "
                "WHERE x.programme_id = ? AND x.status = 'active'",
                (programme_id,),
            ).fetchall()
            return len(meetings) + len(checkins)

        export_path = env.workdir / "programme.ics"

        def export() -> int:
            return export_ics(export_path, programme_id=programme_id)

        def export_baseline() -> None:
            """The floor: the same meeting rows as bare tuples, and the file's bytes written out."""
            db.execute_sql(
                "SELECT m.id, m.match_id, m.series_id, m.starts_at, m.duration_minutes, m.mode, m.place, "
                "m.link, m.agenda, m.status, m.sequence, m.modified_at, m.created_at FROM meeting m "
                "JOIN match x ON x.id = m.match_id WHERE x.programme_id = ? ORDER BY m.starts_at, m.id",
                (programme_id,),
            ).fetchall()
            (env.workdir / "copy.ics").write_bytes(export_path.read_bytes())

        shown = month_refresh()  # warm the page cache and Qt before timing
        items = overdue()
        month = median_of(month_refresh, repeat=7)
        month_base = median_of(month_baseline, repeat=7)
        late = median_of(overdue, repeat=7)
        late_base = median_of(overdue_baseline, repeat=7)
        events = export()
        exported = best_of(export, repeat=1 if env.quick else 3)
        export_base = best_of(export_baseline, repeat=3)
        size_mb = export_path.stat().st_size / 1e6
        total = db.execute_sql("SELECT count(*) FROM meeting").fetchone()[0]
        what = "service + model + month widget" if qt is not None else "service only (no Qt here)"
        return [
            Row(
                ISSUE,
                "meetings: calendar month view refresh",
                month,
                "bare SELECT of the same rows",
                month_base,
                "< 100 ms",
                month < TARGET_SECONDS,
                f"{shown} meetings in the 6 visible weeks of {total:,}; {what}",
                floor="a bare SELECT of the same meeting rows: no model, no widget",
            ),
            Row(
                ISSUE,
                "meetings: overdue list",
                late,
                "bare SELECT of the rows it judges",
                late_base,
                "< 100 ms",
                late < TARGET_SECONDS,
                f"{items} overdue items; {overdue_baseline():,} meeting and check-in rows of active matches",
                floor="a bare SELECT of the meeting and check-in rows the rules judge",
            ),
            Row(
                22,
                "meetings: calendar export of a whole programme (.ics)",
                exported,
                "bare SELECT of the same meetings + writing the same bytes",
                export_base,
                "< 3 s",
                exported < 3.0,
                f"{events:,} events, {size_mb:.1f} MB; plain events written as text, series through icalendar",
                floor="a bare SELECT of the same meetings plus writing the same number of bytes",
            ),
        ]
    finally:
        close_database()
