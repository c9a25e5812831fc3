"""One matcher run (or publish) per programme at a time; the second person is told who runs it."""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, ParamSpec, TypeVar

from mentordesk.store.job_locks import JobBusy, JobHolder, job_holder, job_lock
from mentordesk.store.models import Programme

P = ParamSpec("P")
R = TypeVar("R")

JOB_LABELS = {"matcher": "running the matcher", "publish": "publishing matches"}


class JobRunning(ValueError):
    """Someone else is running this job for this programme; the message says who and since when."""


@lru_cache(maxsize=1)
def person_name() -> str:
    """This computer user's full name when the system knows it, else their login name."""
    try:
        login = getpass.getuser()
    except Exception:  # no login name (some containers)
        return "A coordinator"
    try:
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        full = ""
    return full or login


def describe(holder: JobHolder | None, job: str, programme_id: int) -> str:
    programme = Programme.get_or_none(Programme.id == programme_id)
    where = f" for {programme.name}" if programme is not None else ""
    doing = JOB_LABELS.get(job, job)
    if holder is None:
        return f"Someone else is {doing}{where}: try again when they have finished."
    who = holder.name
    if holder.db_user and holder.db_user != holder.name:
        who = f"{holder.name} (database user {holder.db_user})"
    elif holder.db_user is None:
        who = f"{holder.name}, in this window,"
    return f"{who} is {doing}{where} since {holder.since:%H:%M}: try again when they have finished."


@contextmanager
def exclusive(job: str, programme_id: int) -> Iterator[None]:
    """Hold the job lock of ``programme_id`` for the block; ``JobRunning`` at once when someone else has it."""
    try:
        with job_lock(job, programme_id, person_name()):
            yield
    except JobBusy as exc:
        raise JobRunning(describe(exc.holder, exc.job, exc.programme_id)) from None


def running(job: str, programme_id: int) -> str | None:
    """Who runs ``job`` for the programme now, as a sentence; None when nobody does."""
    holder = job_holder(job, programme_id)
    return None if holder is None else describe(holder, job, programme_id)


def one_per_programme(
    job: str, error: type[Exception] = JobRunning
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A use case taking the programme id first runs under its job lock; ``error`` says who holds it."""

    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            programme_id: Any = args[0] if args else kwargs["programme_id"]
            try:
                with exclusive(job, int(programme_id)):
                    return func(*args, **kwargs)
            except JobRunning as exc:
                if error is JobRunning:
                    raise
                raise error(str(exc)) from None

        return run

    return wrap
