"""Bulk reads pause the cyclic garbage collector and always give it back, however they end or overlap."""

from __future__ import annotations

import gc
import threading

import pytest

from mentordesk.store.rows import in_bulk


@pytest.fixture(autouse=True)
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_given_back_after_even_on_error():
    seen = []

    @in_bulk
    def read(fail: bool) -> int:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("the database went away")
        return 7

    assert read(False) == 7 and gc.isenabled()
    with pytest.raises(ValueError):
        read(True)
    assert seen == [False, False] and gc.isenabled()


def test_overlapping_reads_on_two_threads_resume_it_only_when_the_last_ends():
    first_in, release = threading.Event(), threading.Event()

    @in_bulk
    def slow() -> None:
        first_in.set()
        release.wait(10)

    @in_bulk
    def quick() -> None:
        pass

    worker = threading.Thread(target=slow)
    worker.start()
    assert first_in.wait(10)
    quick()  # ends while the slow read still runs
    assert not gc.isenabled()
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    in_bulk(lambda: None)()
    assert not gc.isenabled()
