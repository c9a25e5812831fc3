"""Each area package is its one way in: code outside an area imports the area, never its modules.

An area is a package under mentordesk/services or mentordesk/core with an ``__init__.pyi`` listing what it
offers (loaded lazily by lazy_loader). Tests may reach into an area's modules; the app's code may not.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests import ROOT

PACKAGE = ROOT / "mentordesk"
AREAS = sorted(
    "mentordesk." + ".".join(stub.parent.relative_to(PACKAGE).parts)
    for stub in PACKAGE.glob("*/*/__init__.pyi")
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def area_of(module: str) -> str | None:
    return next((a for a in AREAS if module == a or module.startswith(a + ".")), None)


def reaches_inside(source: str, own_area: str | None) -> list[str]:
    """Imports in ``source`` that reach past another area's package into its modules."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            area = area_of(target)
            if area is None or area == own_area or target == area:
                continue
            if target.count(".") > area.count(".") and _is_module(target):
                found.append(f"line {node.lineno}: {target}")
    return found


def _is_module(name: str) -> bool:
    base = ROOT / name.replace(".", "/")
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def test_there_are_areas():
    assert {"mentordesk.services.pairing", "mentordesk.core.pairing", "mentordesk.services.protection"} <= set(
        AREAS
    )


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_code_outside_an_area_imports_only_the_area_package(path):
    own = area_of(module_name(path))
    assert reaches_inside(path.read_text(encoding="utf-8"), own) == []


def test_the_check_notices_a_reach_inside():
    bad = "from mentordesk.services.pairing.review import swap\nfrom mentordesk.services.pairing import review\n"
    assert len(reaches_inside(bad, "mentordesk.services.meetings")) == 2
    assert reaches_inside(bad, "mentordesk.services.pairing") == []  # inside its own area it may
    assert reaches_inside("from mentordesk.services.pairing import swap\n", None) == []


@pytest.mark.parametrize("area", AREAS)
def test_every_name_an_area_offers_exists(area):
    package = importlib.import_module(area)
    assert package.__doc__, f"{area} says what it offers in its docstring"
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert missing == []
