"""newscrawler/workers.py: the pool runs pure functions in other processes, inline without one,
and survives a worker that dies."""

import asyncio
import os
import signal

import pytest

from newscrawler.workers import PageWorkers, WorkerLost, worker_count


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def _die(_: int) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("value, expected", [("0", 0), (3, 3), ("2", 2)])
def test_worker_count(value, expected):
    assert worker_count(value) == expected


def test_auto_is_one_worker_per_core_and_none_on_one_core():
    cores = len(os.sched_getaffinity(0))
    assert worker_count("auto") == worker_count(None) == (cores if cores > 1 else 0)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="NEWSCRAWLER_WORKERS"):
        worker_count("-1")


def test_without_workers_the_work_runs_in_this_process():
    workers = PageWorkers(0)
    assert asyncio.run(workers.run(_pid_and_square, 7)) == (os.getpid(), 49)


def test_with_workers_the_work_runs_elsewhere_and_a_dead_worker_restarts_the_pool():
    workers = PageWorkers(2)

    async def scenario():
        pid, square = await workers.run(_pid_and_square, 9)
        assert square == 81 and pid != os.getpid()
        with pytest.raises(WorkerLost):
            await workers.run(_die, 0)
        assert workers.restarts == 1
        return await workers.run(_pid_and_square, 4)   # the restarted pool works

    try:
        assert asyncio.run(scenario())[1] == 16
    finally:
        workers.close()
    assert workers.pool is None
