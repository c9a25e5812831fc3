"""``make screenshots``: one PNG per area with the demo data, in a scratch home, never the user's."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from mentordesk.ui import screenshots
from mentordesk.ui.pages import AREAS


def _mean_lightness(image: QImage) -> float:
    step = 16
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


def test_every_area_is_rendered_and_the_real_home_is_untouched(qapp, tmp_path, isolated_home):
    out = tmp_path / "shots"
    before = sorted(isolated_home.rglob("*"))
    # In its own process, as `make screenshots` runs it: switching the whole application to the
    # dark palette re-polishes every widget earlier tests left behind in this one.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "mentordesk.ui.screenshots", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{a.key}.png" for a in AREAS] + ["dashboard-dark.png", "pairing-timetable.png", "pairing-board.png"])
    for path in out.iterdir():
        image = QImage(str(path))
        assert (image.width(), image.height()) == screenshots.SIZE, path.name
        colours = {
            image.pixel(x, y) for x in range(0, image.width(), 40) for y in range(0, image.height(), 40)
        }
        assert len(colours) > 3, f"{path.name} looks blank"
    light = _mean_lightness(QImage(str(out / "dashboard.png")))
    dark = _mean_lightness(QImage(str(out / "dashboard-dark.png")))
    assert light > 180 > 80 > dark
    # The scratch home was thrown away and MENTORDESK_HOME points where it pointed before.
    assert sorted(isolated_home.rglob("*")) == before
    assert os.environ["MENTORDESK_HOME"] == str(isolated_home)


def test_usage_error(capsys):
    assert screenshots.main([]) == 2
    assert "usage" in capsys.readouterr().err
