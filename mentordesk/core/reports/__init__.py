"""Programme figures for the dashboard, the PDF report and the CSV: pure functions over plain rows.

    compute(ReportRows, Period) -> Report   every figure of FIGURES, with the lists behind them
    FIGURES / FIGURE_KEYS                   the stable keys, labels and formulas (the README lists them)
    *_sentence(report)                      one plain sentence per report section

Modules: rows (the plain rows), figures (the definitions), narrative (sentences).
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
