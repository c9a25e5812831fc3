"""What services.reports offers other areas (read by lazy_loader at run time and by mypy)."""

from .building import (
    AppendixRow as AppendixRow,
    ProgrammeReport as ProgrammeReport,
    format_value as format_value,
    programme_report as programme_report,
)
from .csv_report import (
    CSV_HEADER as CSV_HEADER,
    write_report_csv as write_report_csv,
)
from .files import (
    WrittenReport as WrittenReport,
    report_file_name as report_file_name,
    write_report_files as write_report_files,
)
from .loading import (
    load_rows as load_rows,
)
from .pdf_report import (
    write_report_pdf as write_report_pdf,
)
from .terms import (
    save_school_terms as save_school_terms,
    school_terms as school_terms,
)
