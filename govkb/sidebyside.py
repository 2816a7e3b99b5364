"""Jobs run side by side in forked processes: the site's three editions are built at once on a machine with
more than one core. A forked process starts with everything the parent has loaded and checked, so a job costs
no start-up. Where forking is unsafe or pointless (not Linux, one core, or KB_ONE_PROCESS=1), the jobs run in the
caller's process: their first parts when ``first_parts`` is called, the rest when ``wait`` is, never in the
middle of the caller's own work, whose state they share.

A job comes in two parts. Its process runs the first part at once (an edition renders its pages), reports how it
went, and waits for ``go`` before the second (the edition is written into the site folder). So the caller learns
that every first part succeeded before it lets any job write anything."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    # macOS forks unsafely once system frameworks are loaded, and Windows cannot fork.
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and os.environ.get("KB_ONE_PROCESS") != "1"


def forked_map(function: Callable[[T], R], items: Sequence[T], at_least: int) -> list[R]:
    """``function`` of each item, in order: in forked processes, one per core, from ``at_least`` items on where
    forking is possible, otherwise here. The processes find the function and the items where this process left
    them, so neither is sent to them (a function may hold a whole edition); each result comes back pickled."""
    if len(items) < at_least or not can_fork():
        return [function(item) for item in items]
    global _mapped
    workers = os.cpu_count() or 1
    _mapped = (function, items)  # before the first task forks the pool's processes
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_mapped_item, range(len(items)), chunksize=max(1, len(items) // (workers * 8))))
    finally:
        _mapped = None


_mapped: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _mapped_item(index: int) -> Any:
    assert _mapped is not None
    function, items = _mapped
    return function(items[index])


@dataclass(frozen=True)
class Job:
    first: Callable[[], None]  # raises on a problem, whose message the caller gets from first_parts
    then: Callable[[], None]


class SideBySide:
    """Named jobs, started at once. ``first_parts`` gives the problems of the first parts that failed, ``go`` lets
    the jobs on to their second parts, and ``wait`` names the jobs whose second part failed (their errors are
    already logged)."""

    def __init__(self, jobs: dict[str, Job]):
        self._processes: dict[str, multiprocessing.process.BaseProcess] = {}
        self._reports: dict[str, Connection] = {}
        self._failed_first: list[str] = []
        self._waiting = {} if can_fork() else dict(jobs)
        context = multiprocessing.get_context("fork")
        self._go: Event = context.Event()
        if self._waiting:
            return
        for name, job in jobs.items():
            report, reported = context.Pipe(duplex=False)
            process = context.Process(target=_run, args=(job, reported, self._go), name=name, daemon=True)
            process.start()
            # Only the job's process may hold the sending end: when it ends, unreported, the parent reads EOF.
            reported.close()
            self._processes[name] = process
            self._reports[name] = report

    def first_parts(self) -> dict[str, str]:
        """Wait for each job's first part; the problem of each that failed, by name."""
        problems = {name: problem for name, job in self._waiting.items() if (problem := _problem(job.first))}
        self._failed_first = list(problems)  # as a job's process ends when its first part fails, so its rest never runs
        for name, report in self._reports.items():
            try:
                problem = report.recv()
            except EOFError:
                self._processes[name].join()
                problem = f"its process ended with code {self._processes[name].exitcode} before reporting"
            report.close()
            if problem:
                problems[name] = problem
        self._reports.clear()
        return problems

    def go(self) -> None:
        self._go.set()

    def wait(self) -> list[str]:
        failed = [name for name, job in self._waiting.items()
                  if name in self._failed_first or not _succeeds(job.then)]
        for name, process in self._processes.items():
            process.join()
            if process.exitcode != 0:
                failed.append(name)
        self._waiting.clear()
        self._processes.clear()
        return failed

    def stop(self) -> None:
        """End the jobs still running (the build they belong to has failed)."""
        for process in self._processes.values():
            process.terminate()
        for process in self._processes.values():
            process.join()
        for report in self._reports.values():
            report.close()
        self._processes.clear()
        self._reports.clear()
        self._waiting.clear()


def _problem(part: Callable[[], None]) -> str | None:
    try:
        part()
    except Exception as error:  # the job's own message, not a traceback: the caller reports which job failed
        return str(error) or type(error).__name__
    return None


def _succeeds(part: Callable[[], None]) -> bool:
    problem = _problem(part)
    if problem is not None:
        log.error("%s", problem)
    return problem is None


def _run(job: Job, report: Connection, go: Event) -> None:
    problem = _problem(job.first)
    report.send(problem)
    report.close()
    if problem is not None:
        sys.exit(1)
    go.wait()
    sys.exit(0 if _succeeds(job.then) else 1)
