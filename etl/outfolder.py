"""The output folder: replaced in one step, recovered after a killed run.

A build writes everything into a temporary folder beside `out` and only then
puts it in place of `out`, so that readers (Datasette, a download) see either
the old build or the new one, never half of one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

#: Files a build writes; a folder holding anything else is not replaced.
OWN_SUFFIXES = (".csv", ".json", ".db", ".zip")


class FolderError(Exception):
    """`out` cannot be used as an output folder."""


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


def replace_dir(tmp: Path, out: Path) -> None:
    """Put the finished folder in place of `out`, so that `out` is at every
    instant either the old build or the new one (never missing, never half).

    On Linux both folders are exchanged atomically; elsewhere `out` is
    renamed aside first, and `recover` puts it back if the run dies in
    between.
    """
    if out.exists() and _exchange(tmp, out):
        shutil.rmtree(tmp)  # now the old build
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    try:
        tmp.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)
        raise
    if old.exists():
        shutil.rmtree(old)


def recover(out: Path) -> None:
    """Clean up after a run that was killed: restore `out` if it was left
    renamed aside, and remove unfinished temporary folders."""
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{out.name}.old-*"))
    if olds and not out.exists():
        olds[-1].rename(out)
        olds = olds[:-1]
    for stale in [*olds, *parent.glob(f".{out.name}.tmp-*")]:
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another build is running right now
        shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise FolderError(f"{out}: exists and is not a folder")
    if out.is_dir():
        foreign = [p.name for p in out.iterdir() if not p.name.startswith(".") and p.suffix not in OWN_SUFFIXES]
        if foreign:
            raise FolderError(f"{out}: holds files a build did not write ({', '.join(sorted(foreign)[:3])}); choose another --out")
