"""Worker processes, made one way for every parallel step of the build."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable


def pool(jobs: int, initializer: Callable | None = None, initargs: tuple = ()):
    """A pool of worker processes, forked where the platform can: they start
    with this process's modules (and the caches they hold) already loaded.

    Workers ignore Ctrl-C: the main process gets it, stops the pool and
    removes the unfinished folder.
    """
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    return ctx.Pool(jobs, initializer=_start_worker, initargs=(initializer, initargs))


def _start_worker(initializer: Callable | None, initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
