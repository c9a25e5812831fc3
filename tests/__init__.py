"""MentorDesk's tests, laid out like the package: core/, services/<area>/, ui/<area>/, store/, cli/, bench/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
