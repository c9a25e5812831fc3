"""Locale for tests that type dates: day-first, as the reported faults were (an en_GB laptop).

Bind it in a test module (``british_dates = locale_fixtures.british_dates``): it applies to every
test there, and the previous default locale comes back afterwards.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale


@pytest.fixture(autouse=True)
def british_dates():
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)
