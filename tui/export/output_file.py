"""Writing a file the user named (``-o FILE``, the dashboard's report and mailbox saves) safely.

The rules, in one place:

- ``-`` means standard output (the caller checks ``is_stdout``).
- The name is followed through symlinks: the link stays a link and its target gets the content.
- Only a regular file (or a name not yet taken) is written. A folder, a device, a pipe, a socket
  or a symlink loop is refused, and so is anything in a system folder (``/etc``, ``/usr``, …):
  run as root, a typo must not replace ``/etc/passwd`` or ``/dev/sda``. (A file whose name is
  stangning's own, ``metrics --textfile``'s ``stangning.prom``, may be in one: no typo makes it.)
- The folder must exist; it is never created.
- The content goes to a temporary file in the target's real folder, is flushed to disk and then
  renamed onto the target's real path: a crash leaves the old file or the new one, never half
  of one. An existing file keeps its permission bits (a 0600 file stays 0600) and, when root
  writes, its owner and group; a new file gets the usual mode (0666 less the umask).

A refusal raises ``OutputRefused`` (an ``OSError``, so callers that handle write errors handle
it too) with a message key in ``error.output``; other write errors raise the ``OSError`` itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

STDOUT = "-"
NEW_FILE_MODE = 0o666  # less the umask, as for any file a program creates
PRIVATE_MODE = 0o600  # the temporary file until it has the existing file's mode
PERMISSION_BITS = 0o777  # what an existing file's mode passes on (never setuid, setgid, sticky)
TEMP_PREFIX = ".stangning-tmp-"

# Folders whose files a report or an export never replaces, whoever runs the command.
SYSTEM_FOLDERS = tuple(
    Path(folder)
    for folder in (
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/lib",
        "/lib32",
        "/lib64",
        "/libx32",
        "/proc",
        "/run",
        "/sbin",
        "/sys",
        "/usr",
        "/var/cache",
        "/var/lib",
        "/var/log",
        "/var/mail",
        "/var/spool",
    )
)


class OutputRefused(OSError):
    """The target is not a file that may be written; ``code`` is a key under ``error.output``
    and ``params`` the message's values (``path``, ``folder``)."""

    def __init__(self, code: str, error_number: int, path: Path, **params: object) -> None:
        super().__init__(error_number, os.strerror(error_number), str(path))
        self.code = code
        self.params: dict[str, object] = {"path": path, **params}


def is_stdout(target: str | None) -> bool:
    """Whether the output goes to standard output: no ``-o``, or ``-o -``."""
    return target is None or target == STDOUT


def real_target(path: Path, *, own_name: bool = False) -> Path:
    """The file that writing to ``path`` changes: absolute, every symlink followed (a dangling
    one to the file it names); raises OutputRefused when that is not a file that may be
    written. ``own_name``: the file's name is stangning's own (``stangning.prom``), not typed,
    so a system folder may hold it (``/var/lib/node_exporter/textfile_collector``), but only
    in the folder named: a symlink of that name that leads elsewhere meets the usual rules."""
    real = Path(os.path.realpath(path))
    in_place = own_name and real.parent == Path(os.path.realpath(path.parent))
    for folder in () if in_place else SYSTEM_FOLDERS:
        if real.is_relative_to(folder):
            raise OutputRefused("system", errno.EPERM, path, folder=folder)
    try:
        mode = real.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise OutputRefused("not_folder", errno.ENOTDIR, path, folder=real.parent) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputRefused("folder", errno.EISDIR, path)
        if not stat.S_ISREG(mode):  # a device, pipe, socket, or a symlink that loops
            raise OutputRefused("not_regular", errno.EPERM, path)
    try:
        parent_mode = real.parent.stat().st_mode
    except FileNotFoundError:
        raise OutputRefused("no_folder", errno.ENOENT, path, folder=real.parent) from None
    except NotADirectoryError:
        raise OutputRefused("not_folder", errno.ENOTDIR, path, folder=real.parent) from None
    if not stat.S_ISDIR(parent_mode):
        raise OutputRefused("not_folder", errno.ENOTDIR, path, folder=real.parent)
    return real


def write_file(path: Path, data: bytes | Iterable[bytes], *, own_name: bool = False) -> Path:
    """Write ``data`` (bytes, or chunks of them) to the file ``path`` names, whole or not at
    all (see the module's rules and ``real_target`` for ``own_name``); returns the real path
    written."""
    real = real_target(path, own_name=own_name)
    try:
        existing: os.stat_result | None = real.stat()
    except FileNotFoundError:
        existing = None
    temp = real.with_name(f"{TEMP_PREFIX}{real.name}.{secrets.token_hex(4)}")
    create = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(temp, create, NEW_FILE_MODE if existing is None else PRIVATE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            if existing is not None:
                _take_over(handle.fileno(), existing)
            for chunk in (data,) if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(real)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(real.parent)
    return real


def _take_over(fd: int, existing: os.stat_result) -> None:
    """Give the new file the existing one's owner and group (when permitted: root may give any
    owner, a user any group of theirs) and its permission bits (not setuid/setgid)."""
    if os.geteuid() == 0:
        os.fchown(fd, existing.st_uid, existing.st_gid)
    elif existing.st_gid != os.getegid():
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, existing.st_gid)
    os.fchmod(fd, stat.S_IMODE(existing.st_mode) & PERMISSION_BITS)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (not every file system can: then skipped)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
