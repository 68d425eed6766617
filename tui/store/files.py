"""File primitives for the store: durable atomic writes, group-only permissions, retries.

Every file is written to a temporary name in the same folder, flushed to disk and renamed into
place, so a reader never sees half a file and a crash leaves at most a temporary file behind.
Files are created group-writable and never world-writable (umask 007; setgid folders); folders
are created with the mode their caller asks, and a parent created on the way is never
group-writable.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

UMASK = 0o007
FILE_MODE = 0o660
DIR_MODE = 0o2770  # setgid: files inherit the folder's group
PRIVATE_DIR_MODE = 0o700  # a user's own folder (the local folder, a private tree's parents)
PARENT_MODE = 0o755  # a parent make_dirs creates: readable, writable by its owner only
PARENT_BITS = 0o777 & ~(stat.S_IWGRP | stat.S_IWOTH)  # what parent_mode may grant
TEMP_PREFIX = ".tmp-"

T = TypeVar("T")


@contextlib.contextmanager
def group_umask() -> Iterator[None]:
    previous = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def make_dirs(path: Path, mode: int = DIR_MODE, parent_mode: int = PARENT_MODE) -> None:
    """Create the folder ``path`` and its missing parents; change nothing that exists.

    ``path`` itself, when this call creates it, gets exactly ``mode`` whatever the umask:
    ``DIR_MODE`` (2770, group-writable, setgid) for a store's folders on the share,
    ``PRIVATE_DIR_MODE`` (0700) for a user's own folder such as the local folder. A parent it
    creates gets ``parent_mode`` less the process umask, and never setgid (Linux would pass a
    setgid parent's bit on): ``PARENT_MODE`` (0755, as ``mkdir -p`` with the usual umask, but
    never group- or world-writable even with umask 000), or ``PRIVATE_DIR_MODE`` for a private
    tree (XDG asks 0700 for the data folders it creates). ``~/.local`` made group-writable
    would let a colleague in the same primary group plant ``~/.local/bin/ls``.

    A folder that exists already, or that another process creates at the same moment, is never
    chmod-ed: its owner chose its mode.
    """
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        leaf = folder == path
        try:
            if leaf:  # under umask 007, so a file system that ignores chmod still shares it
                with group_umask():
                    folder.mkdir(mode=mode & 0o777)
            else:
                folder.mkdir(mode=parent_mode & PARENT_BITS)
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs, left as it is
        if leaf:
            with contextlib.suppress(OSError):  # some network file systems refuse chmod
                folder.chmod(mode)
        else:
            with contextlib.suppress(OSError):
                inherited = folder.stat().st_mode
                if inherited & stat.S_ISGID:
                    folder.chmod(stat.S_IMODE(inherited) & ~stat.S_ISGID)


def fsync_dir(path: Path) -> None:
    """Make a rename in the folder durable (not possible on every file system: then skipped)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write data (bytes, or chunks of them) to path via a temporary file and a rename; fsync
    file and folder if durable."""
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}.{secrets.token_hex(4)}")
    with group_umask():
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in (data,) if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def sweep_temporaries(folder: Path, stem: str = "") -> int:
    """Remove temporary files left in folder by a writer that died mid-write. Only call it while
    holding the lock that every writer of these files holds while writing them."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(f"{TEMP_PREFIX}{stem}"):
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
                removed += 1
    return removed


def read_bytes(path: Path) -> bytes:
    """Open and read the file (never trusting a cached stat on a network file system)."""
    with path.open("rb") as handle:
        return handle.read()


def read_head(path: Path, size: int) -> bytes:
    """At most ``size`` bytes from the start of the file."""
    with path.open("rb") as handle:
        return handle.read(size)


def retry(action: Callable[[], T], *, attempts: int = 3, delay: float = 0.05) -> T:
    """Run action, retrying OSErrors that a network file system reports transiently (stale
    handles, busy files); FileNotFoundError is final and raised at once."""
    for attempt in range(attempts):
        try:
            return action()
        except FileNotFoundError:
            raise
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * (attempt + 1))
    raise AssertionError("unreachable")


def world_writable(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & stat.S_IWOTH)
    except OSError:
        return False
