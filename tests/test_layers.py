"""Imports flow one way: core <- store <- services <- ui <- app/cli. core stays free of Qt and peewee."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mentordesk"
RANK = {"core": 0, "store": 1, "services": 2, "ui": 3, "cli": 4, "app": 4}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "mentordesk" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in RANK else None


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_respect_layers(path):
    module = "mentordesk." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    own = layer_of(module)
    if own is None:
        return
    for imported in imports_of(path):
        other = layer_of(imported)
        if other is not None and other != own:
            assert RANK[other] < RANK[own], f"{module} imports {imported}: {own} may not depend on {other}"
        if own == "core":
            assert imported.split(".")[0] not in {"PySide6", "peewee", "playhouse"}, f"{module}: {imported}"
        if own in ("core", "store", "services"):
            assert not imported.startswith("PySide6"), f"{module} imports Qt: keep Qt in ui/"


def test_the_check_notices_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from mentordesk.ui.main_window import MainWindow\n")
    assert layer_of(imports_of(bad)[0]) == "ui"
    assert RANK["ui"] > RANK["services"]
