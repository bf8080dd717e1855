"""Worker processes, made one way for every parallel step of the build."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable


#: How much lower a background worker's priority is (see `pool`).
BACKGROUND_NICENESS = 5


def pool(jobs: int, initializer: Callable | None = None, initargs: tuple = (), background: bool = False):
    """A pool of worker processes, forked where the platform can: they start
    with this process's modules (and the caches they hold) already loaded.

    Workers ignore Ctrl-C: the main process gets it, stops the pool and
    removes the unfinished folder.  `background` workers run at a lower
    priority, for work done beside the main process while the main process's
    own work is what the rest waits for.
    """
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # Ctrl-C is held back while the workers are forked: a child that got it
    # before it could ignore it would die printing a traceback from
    # threading's after-fork hook.  The parent gets it right after.
    masked = hasattr(signal, "pthread_sigmask")
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masked else None
    workers = None
    try:
        workers = ctx.Pool(jobs, initializer=_start_worker, initargs=(initializer, initargs, background))
    finally:
        try:
            if masked:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)
        except KeyboardInterrupt:
            if workers is not None:
                workers.terminate()
            raise
    return workers


def _start_worker(initializer: Callable | None, initargs: tuple, background: bool = False) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # ignored from now on
    if background and hasattr(os, "nice"):
        os.nice(BACKGROUND_NICENESS)
    if initializer is not None:
        initializer(*initargs)
