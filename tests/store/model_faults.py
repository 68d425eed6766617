"""Disk faults for the store's model-based test, injected in-process, keyed by path prefix.

One object, ``FAULTS``, replaces the ``os`` functions (and ``open``) the store uses to change
files, while ``installed()``. It does nothing unless ``armed``: the test arms it only around a
call into the store, so the test's own file moves (renaming the share away, copying a backup)
never see a fault.

- A path fault: every mutating call under a prefix fails with an errno. EROFS (read-only) hits
  every change; ENOSPC (full) hits writes and new folders, optionally only after ``allow`` more
  of them have succeeded (a nearly full disk: the first file fits, the second does not).
- A crash: the k-th mutating call under the test's folder raises ``SimulatedCrash`` (a
  BaseException, so no ``except OSError`` or ``except Exception`` in the store catches it), and so
  does every one after it in that call: a dead process's clean-up handlers never run. The test
  then discards the process object (never closing it) and opens a fresh one.

Mutating calls: os.open with O_CREAT, O_WRONLY or O_RDWR; a write through such a descriptor
(os.write or a file from os.fdopen); os.replace, os.rename, os.unlink, os.remove, os.mkdir,
os.rmdir, os.fsync, os.utime, os.chmod; open() for writing. pathlib's Path.mkdir, replace,
rename, unlink, rmdir, chmod and open go through these.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

StrPath = str | os.PathLike[str]


class SimulatedCrash(BaseException):
    """The process died here (kill -9 between two disk steps)."""


@dataclass
class PathFault:
    prefix: str
    error: int  # errno.EROFS or errno.ENOSPC
    allow: int = 0  # calls it would hit that still succeed first

    def hits(self, kind: str) -> bool:
        if self.error == errno.ENOSPC:
            return kind in ("write", "mkdir")
        return kind not in ("fsync",)


def _absolute(path: Any) -> str:
    if isinstance(path, int):
        return ""
    return os.path.abspath(os.fsdecode(path))  # noqa: PTH100 - no symlink resolution


def _under(path: str, prefix: str) -> bool:
    return bool(path) and (path == prefix or path.startswith(prefix.rstrip(os.sep) + os.sep))


class _File:
    """A file from os.fdopen whose writes are mutating calls. Each write is flushed at once, so
    a crash never leaves buffered bytes that a later close would still write."""

    def __init__(self, inner: Any, path: str, faults: FaultInjector) -> None:
        self._inner = inner
        self._path = path
        self._faults = faults

    def write(self, data: Any) -> int:
        self._faults.check("write", self._path)
        written: int = self._inner.write(data)
        self._inner.flush()
        return written

    def __enter__(self) -> _File:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@dataclass
class FaultInjector:
    armed: bool = False
    scope: str = ""  # only calls under this folder count (the test's temporary folder)
    faults: dict[str, PathFault] = field(default_factory=dict)
    crash_at: int | None = None
    calls: int = 0
    crashed: bool = False
    trace: list[str] = field(default_factory=list)  # mutating calls of the armed call so far
    _fd_paths: dict[int, str] = field(default_factory=dict)
    _real: dict[str, Any] = field(default_factory=dict)

    # --- what the test sets -------------------------------------------------------------------

    def set_fault(self, name: str, prefix: StrPath, error: int, allow: int = 0) -> None:
        self.faults[name] = PathFault(_absolute(prefix), error, allow)

    def clear_fault(self, name: str) -> None:
        self.faults.pop(name, None)

    def fault_on(self, path: StrPath) -> PathFault | None:
        """The fault that covers this path, if any."""
        target = _absolute(path)
        return next((f for f in self.faults.values() if _under(target, f.prefix)), None)

    @contextlib.contextmanager
    def arm(self, scope: StrPath, crash_at: int | None = None) -> Iterator[None]:
        """Faults (and the crash at the crash_at-th mutating call) apply inside this block."""
        self.armed, self.scope, self.crash_at = True, _absolute(scope), crash_at
        self.calls, self.crashed, self.trace = 0, False, []
        try:
            yield
        finally:
            self.armed, self.crash_at = False, None

    # --- the check every patched call makes ---------------------------------------------------

    def check(self, kind: str, *paths: str) -> None:
        if not self.armed or not any(_under(path, self.scope) for path in paths):
            return
        if self.crashed:
            raise SimulatedCrash(f"already dead: {kind} {paths[0]}")
        if self.crash_at is not None:
            self.calls += 1
            self.trace.append(f"{kind} {paths[0]}")
            if self.calls >= self.crash_at:
                self.crashed = True
                raise SimulatedCrash(f"died before {kind} {paths[0]}")
        for fault in self.faults.values():
            if fault.hits(kind) and any(_under(path, fault.prefix) for path in paths):
                if fault.allow > 0:
                    fault.allow -= 1
                    continue
                raise OSError(fault.error, os.strerror(fault.error), paths[0])

    # --- the patched functions ----------------------------------------------------------------

    def _open(self, path: StrPath, flags: int, mode: int = 0o777, *a: Any, **k: Any) -> int:
        target = _absolute(path)
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
            self.check("open", target)
        fd: int = self._real["open"](path, flags, mode, *a, **k)
        self._fd_paths[fd] = target
        return fd

    def _close(self, fd: int) -> None:
        self._fd_paths.pop(fd, None)
        self._real["close"](fd)

    def _write(self, fd: int, data: bytes) -> int:
        self.check("write", self._fd_paths.get(fd, ""))
        written: int = self._real["write"](fd, data)
        return written

    def _fsync(self, fd: Any) -> None:
        number = fd if isinstance(fd, int) else fd.fileno()
        self.check("fsync", self._fd_paths.get(number, ""))
        self._real["fsync"](fd)

    def _fdopen(self, fd: int, *args: Any, **kwargs: Any) -> Any:
        inner = self._real["fdopen"](fd, *args, **kwargs)
        path = self._fd_paths.get(fd, "")
        mode = str(args[0] if args else kwargs.get("mode", "r"))
        if any(char in mode for char in "wax+"):
            return _File(inner, path, self)
        return inner

    def _io_open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int) and any(char in mode for char in "wax+"):
            self.check("open", _absolute(file))
        return self._real["io_open"](file, mode, *args, **kwargs)

    def _two(self, name: str, kind: str) -> Any:
        real = self._real[name]

        def call(src: StrPath, dst: StrPath, *args: Any, **kwargs: Any) -> Any:
            self.check(kind, _absolute(src), _absolute(dst))
            return real(src, dst, *args, **kwargs)

        return call

    def _one(self, name: str, kind: str) -> Any:
        real = self._real[name]

        def call(path: StrPath, *args: Any, **kwargs: Any) -> Any:
            self.check(kind, _absolute(path))
            return real(path, *args, **kwargs)

        return call

    @contextlib.contextmanager
    def installed(self) -> Iterator[FaultInjector]:
        names = ("open", "close", "write", "fsync", "fdopen", "replace", "rename", "unlink")
        names += ("remove", "mkdir", "rmdir", "utime", "chmod")
        self._real = {name: getattr(os, name) for name in names}
        self._real["io_open"] = io.open
        patched = {
            "open": self._open,
            "close": self._close,
            "write": self._write,
            "fsync": self._fsync,
            "fdopen": self._fdopen,
            "replace": self._two("replace", "rename"),
            "rename": self._two("rename", "rename"),
            "unlink": self._one("unlink", "unlink"),
            "remove": self._one("remove", "unlink"),
            "mkdir": self._one("mkdir", "mkdir"),
            "rmdir": self._one("rmdir", "rmdir"),
            "utime": self._one("utime", "utime"),
            "chmod": self._one("chmod", "chmod"),
        }
        for name, function in patched.items():
            setattr(os, name, function)
        io.open = builtins.open = self._io_open  # type: ignore[assignment]
        try:
            yield self
        finally:
            for name in names:
                setattr(os, name, self._real[name])
            io.open = builtins.open = self._real["io_open"]
            self.faults.clear()
            self.armed = False


FAULTS = FaultInjector()
