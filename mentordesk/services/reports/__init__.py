"""Programme reports: the figures of core.reports for a programme and a period, as CSV and as PDF.

    programme_report(programme_id, period, appendix=False) -> ProgrammeReport (current and previous period)
    write_report_csv(report, path), write_report_pdf(report, path, progress=None)
    load_rows(programme_id, since, until, today) -> core.reports.ReportRows (the bulk queries)

Modules: loading (queries -> plain rows), building (the report), csv_report, pdf_report, charts
(reportlab.graphics drawings).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
