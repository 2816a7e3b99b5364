"""Jobs run side by side in forked processes: the site's three editions are built at once on a machine with
more than one core. A forked process starts with everything the parent has loaded and checked, so a job costs
no start-up. Where forking is unsafe or pointless (not Linux, one core, or KB_ONE_PROCESS=1), the jobs run one
after the other when ``wait`` is called: never in the middle of the caller's own work, whose state they share."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)


def can_fork() -> bool:
    # macOS forks unsafely once system frameworks are loaded, and Windows cannot fork.
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and os.environ.get("KB_ONE_PROCESS") != "1"


class SideBySide:
    """Named jobs, started at once; ``wait`` names those that failed (their errors are already logged)."""

    def __init__(self, jobs: dict[str, Callable[[], None]]):
        self._processes: dict[str, multiprocessing.process.BaseProcess] = {}
        self._waiting = {} if can_fork() else dict(jobs)
        if self._waiting:
            return
        context = multiprocessing.get_context("fork")
        for name, job in jobs.items():
            process = context.Process(target=_run, args=(job,), name=name, daemon=True)
            process.start()
            self._processes[name] = process

    def wait(self) -> list[str]:
        failed = [name for name, job in self._waiting.items() if not _succeeds(job)]
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
        self._processes.clear()
        self._waiting.clear()


def _succeeds(job: Callable[[], None]) -> bool:
    try:
        job()
    except Exception as error:  # the job's own message, not a traceback: the caller reports which job failed
        log.error("%s", error)
        return False
    return True


def _run(job: Callable[[], None]) -> None:
    sys.exit(0 if _succeeds(job) else 1)
