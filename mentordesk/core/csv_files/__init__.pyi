"""What core.csv_files offers other areas (read by lazy_loader at run time and by mypy)."""

from .read import (
    NotCsv as NotCsv,
    SheetNeeded as SheetNeeded,
    Sniffed as Sniffed,
    iter_records as iter_records,
    sniff as sniff,
)
from .write import (
    looks_like_formula as looks_like_formula,
    neutralise as neutralise,
    unguard as unguard,
    write_csv as write_csv,
    write_table as write_table,
)
from .xlsx import (
    write_xlsx as write_xlsx,
)
