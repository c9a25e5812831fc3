"""What core.csv_files offers other areas (read by lazy_loader at run time and by mypy)."""

from .read import (
    NotCsv as NotCsv,
    Sniffed as Sniffed,
    iter_records as iter_records,
    sniff as sniff,
)
from .write import (
    write_csv as write_csv,
)
