"""PySide6's check of every later import reads the module's bytes, and answers as PySide6 would."""

from __future__ import annotations

import sys

import pytest

from mentordesk.ui.pyside_imports import read_sources_directly

feature = pytest.importorskip("shibokensupport.feature")


@pytest.fixture
def modules(tmp_path, monkeypatch):
    (tmp_path / "md_uses_qt.py").write_text("from PySide6.QtCore import QObject\n\nVALUE = 1\n", encoding="utf-8")
    (tmp_path / "md_plain.py").write_text("VALUE = 2  # no Qt here\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in ("md_uses_qt", "md_plain"):
        sys.modules.pop(name, None)
        feature.pyside_feature_dict.pop(name, None)


def test_every_later_import_is_judged_from_its_bytes_as_pyside_judges_it(modules, monkeypatch):
    original = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", original)  # put PySide6's own back afterwards
    assert read_sources_directly()
    assert feature._mod_uses_pyside is not original
    assert read_sources_directly()  # a second call keeps the one check
    import md_plain  # type: ignore[import-not-found]  # an import statement: PySide6 hooks __import__
    import md_uses_qt  # type: ignore[import-not-found]

    uses_qt, plain = md_uses_qt, md_plain
    # The hook ran for both (PySide6 records every module it was asked about) ...
    assert feature.pyside_feature_dict["md_uses_qt"] == 0
    assert feature.pyside_feature_dict["md_plain"] == -1
    # ... and the answers are PySide6's own.
    assert feature._mod_uses_pyside(uses_qt) is original(uses_qt) is True
    assert feature._mod_uses_pyside(plain) is original(plain) is False


def test_a_module_without_a_source_file_is_left_to_pyside(monkeypatch):
    asked = []
    monkeypatch.setattr(feature, "_mod_uses_pyside", lambda module: asked.append(module) or False)
    assert read_sources_directly()
    builtin = sys.modules["sys"]  # no __file__
    assert feature._mod_uses_pyside(builtin) is False
    assert asked == [builtin]
