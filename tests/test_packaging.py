"""The packaging metadata agrees with the package: ids, the command, the icon, the version."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mentordesk import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON = ROOT / "resources" / "icons" / f"{APP_ID}.svg"


def entry_points() -> dict[str, str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["scripts"]


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in .desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_runs_the_entry_point():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "MentorDesk"
    command = entry["Exec"].split()[0]
    assert command in entry_points()
    assert entry_points()[command] == "mentordesk.__main__:main"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_metainfo_matches_the_app():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("launchable").get("type") == "desktop-id"
    assert [b.text for b in root.iter("binary")] == [desktop_entry()["Exec"].split()[0]]
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    versions = [r.get("version") for r in root.iter("release")]
    assert versions[0] == __version__  # the newest release first, and it is this version


def test_icon_is_a_square_svg():
    root = ET.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == root.get("height")


def test_spec_bundles_what_the_app_reads_at_run_time():
    spec = (PACKAGING / "mentordesk.spec").read_text(encoding="utf-8")
    assert '"mentordesk" / "__main__.py"' in spec  # the same entry point as the installed command
    assert '"mentordesk/resources"' in spec  # where config.resources_dir() looks when frozen
    assert 'collect_data_files("qtawesome")' in spec  # ui/icons.py reads the font files
    assert f'APP_ID = "{APP_ID}"' in spec
    compile(spec, "mentordesk.spec", "exec")  # at least valid Python


@pytest.mark.parametrize(
    ("tool", "args", "path"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_validators_accept_the_metadata(tool, args, path):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    done = subprocess.run([tool, *args, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
