"""A FUSE passthrough that misbehaves on request: the fault share's own process.

    python server.py BACKING MOUNTPOINT CONTROL_ADDRESS

It mirrors BACKING at MOUNTPOINT (libfuse 3 through mfusepy) and listens on CONTROL_ADDRESS, a
Linux abstract unix socket name, for one-line commands; each gets one line back ("ok ..." or
"error ..."):

    hang [hard]          every file system call blocks until ``release`` (or ``normal``); a
                         process killed meanwhile ends (its call fails with EINTR), unless hard
    release              blocked calls go on; calls no longer block
    fail EIO             every call fails with EIO (a share that is broken)
    fail ENOSPC          creating, writing, renaming and making folders fail (a full share)
    fail EROFS           every change fails; reading works (a share mounted read-only)
    negative-cache N     a name whose lookup failed stays invisible for N seconds, even once it
                         exists in BACKING (NFS lookupcache=all, SMB clients); the kernel is told
                         the same through libfuse's negative_timeout
    list-cache N         a folder's listing is served from a copy up to N seconds old
    delay-rename S       each rename waits S seconds first
    normal               all of the above off
    blocked              how many calls are blocked right now ("ok 3")
    ping                 "ok"

It runs in its own process so that a hang never holds the test process; this file imports only
the standard library and mfusepy (the project is not importable from here on purpose).
"""

# The passthrough mirrors system calls on raw path strings: os functions, not pathlib.
# ruff: noqa: PTH101, PTH102, PTH104, PTH106, PTH108, PTH115, PTH120, PTH208, PTH211

from __future__ import annotations

import contextlib
import ctypes.util
import errno
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

if "FUSE_LIBRARY_PATH" not in os.environ:
    # mfusepy prefers libfuse 2 when both are installed (smbnetfs needs libfuse 2); the faults
    # here need libfuse 3's run-time config (negative_timeout).
    found = ctypes.util.find_library("fuse3")
    if found:
        os.environ["FUSE_LIBRARY_PATH"] = found

import mfusepy

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_APPEND | os.O_CREAT


def interrupted() -> bool:
    """Whether the kernel asked to interrupt the request this thread is serving."""
    return bool(mfusepy._libfuse.fuse_interrupted())


class Faults:
    """The switchable behaviour, shared by the FUSE threads and the control thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.released = threading.Event()
        self.released.set()
        self.hanging = False
        self.hard = False
        self.blocked = 0
        self.fail: int | None = None
        self.negative_seconds = 0.0
        self.list_seconds = 0.0
        self.rename_delay = 0.0
        self.negatives: dict[str, float] = {}  # path -> until (monotonic)
        self.listings: dict[str, tuple[float, list[str]]] = {}
        self.config: Any = None  # libfuse's struct fuse_config, kept from init

    def gate(self) -> None:
        """Block while hanging; called first by every file system call.

        A blocked call of a process that gets a fatal signal (SIGKILL, or its own exit while
        another of its threads waits here) fails with EINTR, as on a kernel NFS or CIFS mount
        (TASK_KILLABLE); ``hang hard`` ignores that, as smbnetfs or sshfs do: then the process
        cannot end until the share is released.
        """
        if not self.hanging:
            return
        with self.lock:
            self.blocked += 1
        try:
            while not self.released.wait(0.05):
                if not self.hard and interrupted():
                    raise mfusepy.FuseOSError(errno.EINTR)
        finally:
            with self.lock:
                self.blocked -= 1

    def set_negative_timeout(self, seconds: float) -> None:
        if self.config is not None:
            self.config.negative_timeout = seconds

    def command(self, line: str) -> str:
        words = line.split()
        if not words:
            return "error empty command"
        name, args = words[0], words[1:]
        try:
            if name == "hang":
                self.hard = args == ["hard"]
                self.released.clear()
                self.hanging = True
            elif name == "release":
                self.hanging = False
                self.released.set()
            elif name == "fail":
                code = getattr(errno, args[0])
                if code not in (errno.EIO, errno.ENOSPC, errno.EROFS):
                    return f"error cannot fail with {args[0]}"
                self.fail = code
            elif name == "negative-cache":
                self.negative_seconds = float(args[0])
                self.negatives.clear()
                self.set_negative_timeout(self.negative_seconds)
            elif name == "list-cache":
                self.list_seconds = float(args[0])
                self.listings.clear()
            elif name == "delay-rename":
                self.rename_delay = float(args[0])
            elif name == "normal":
                self.fail = None
                self.negative_seconds = self.list_seconds = self.rename_delay = 0.0
                self.negatives.clear()
                self.listings.clear()
                self.set_negative_timeout(0.0)
                self.hanging = False
                self.released.set()
            elif name == "blocked":
                return f"ok {self.blocked}"
            elif name != "ping":
                return f"error unknown command {name}"
        except (IndexError, ValueError, AttributeError) as error:
            return f"error {line!r}: {error}"
        return "ok"


def serve_control(address: str, faults: Faults) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind("\0" + address)
    server.listen(8)
    while True:
        connection, _ = server.accept()
        with connection:
            data = b""
            while not data.endswith(b"\n"):
                chunk = connection.recv(1024)
                if not chunk:
                    break
                data += chunk
            reply = faults.command(data.decode("utf-8", "replace").strip())
            with contextlib.suppress(OSError):
                connection.sendall(reply.encode() + b"\n")


def fails(faults: Faults, *, change: bool = False, grows: bool = False) -> None:
    """Raise the configured error for this kind of call.

    EIO: every call. EROFS: every change. ENOSPC: changes that take space (create, write, rename,
    mkdir); removing still works, as on a full disk.
    """
    code = faults.fail
    if code is None:
        return
    if code == errno.EIO or (code == errno.EROFS and change) or (code == errno.ENOSPC and grows):
        raise mfusepy.FuseOSError(code)


class FaultFS(mfusepy.Operations):  # type: ignore[misc]
    use_ns = True

    def __init__(self, backing: Path, faults: Faults) -> None:
        self.backing = str(backing)
        self.faults = faults

    def real(self, path: str) -> str:
        return self.backing + path

    def _enter(self, *, change: bool = False, grows: bool = False) -> None:
        self.faults.gate()
        fails(self.faults, change=change, grows=grows)

    def _created(self, path: str) -> None:
        """A name made through this mount is visible to it at once, as on a real client."""
        self.faults.negatives.pop(path, None)
        self.faults.listings.pop(os.path.dirname(path) or "/", None)

    # --- init -------------------------------------------------------------------------------

    def init_with_config(self, conn_info: Any, config_3: Any) -> None:
        if config_3 is not None:
            self.faults.config = config_3
            config_3.entry_timeout = 0.0  # every lookup reaches this process
            config_3.attr_timeout = 0.0
            config_3.negative_timeout = 0.0

    # --- reading ----------------------------------------------------------------------------

    def getattr(self, path: str, fh: int | None = None) -> dict[str, Any]:
        self._enter()
        faults = self.faults
        if fh is None and faults.negative_seconds:
            until = faults.negatives.get(path)
            if until is not None:
                if time.monotonic() < until:
                    raise mfusepy.FuseOSError(errno.ENOENT)
                del faults.negatives[path]
        try:
            st = os.fstat(fh) if fh is not None else os.lstat(self.real(path))
        except FileNotFoundError:
            if fh is None and faults.negative_seconds:
                faults.negatives[path] = time.monotonic() + faults.negative_seconds
            raise
        keys = (
            "st_mode",
            "st_nlink",
            "st_uid",
            "st_gid",
            "st_size",
            "st_atime_ns",
            "st_mtime_ns",
            "st_ctime_ns",
        )
        attrs = {key.removesuffix("_ns"): getattr(st, key) for key in keys}
        attrs["st_ino"] = st.st_ino
        return attrs

    def access(self, path: str, amode: int) -> int:
        self._enter(change=bool(amode & os.W_OK))
        os.access(self.real(path), amode)
        return 0

    def readdir(self, path: str, fh: int) -> list[str]:
        self._enter()
        faults = self.faults
        if faults.list_seconds:
            cached = faults.listings.get(path)
            if cached is not None and time.monotonic() < cached[0]:
                return [".", "..", *cached[1]]
        names = os.listdir(self.real(path))
        if faults.list_seconds:
            faults.listings[path] = (time.monotonic() + faults.list_seconds, names)
        return [".", "..", *names]

    def readlink(self, path: str) -> str:
        self._enter()
        return os.readlink(self.real(path))

    def statfs(self, path: str) -> dict[str, int]:
        self._enter()
        st = os.statvfs(self.real(path))
        keys = ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree", "f_files")
        found = {key: getattr(st, key) for key in keys}
        found |= {"f_flag": st.f_flag, "f_frsize": st.f_frsize, "f_namemax": st.f_namemax}
        if self.faults.fail == errno.ENOSPC:
            found |= {"f_bavail": 0, "f_bfree": 0}
        return found

    def open(self, path: str, flags: int) -> int:
        self._enter(change=bool(flags & WRITE_FLAGS))
        return os.open(self.real(path), flags)

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        self._enter()
        return os.pread(fh, size, offset)

    # --- changing ---------------------------------------------------------------------------

    def create(self, path: str, mode: int, fi: Any = None) -> int:
        self._enter(change=True, grows=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        if isinstance(fi, int):
            flags = fi | os.O_CREAT
        fd = os.open(self.real(path), flags, mode)
        self._created(path)
        return fd

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        self._enter(change=True, grows=True)
        return os.pwrite(fh, data, offset)

    def truncate(self, path: str, length: int, fh: int | None = None) -> int:
        self._enter(change=True, grows=length > 0)
        if fh is not None:
            os.ftruncate(fh, length)
        else:
            os.truncate(self.real(path), length)
        return 0

    def flush(self, path: str, fh: int) -> int:
        self.faults.gate()
        if self.faults.fail == errno.EIO:
            raise mfusepy.FuseOSError(errno.EIO)
        return 0

    def fsync(self, path: str, datasync: int, fh: int) -> int:
        self._enter()
        if datasync:
            os.fdatasync(fh)
        else:
            os.fsync(fh)
        return 0

    def fsyncdir(self, path: str, datasync: int, fh: int) -> int:
        self._enter()
        return 0

    def release(self, path: str, fh: int) -> int:
        # Never blocked or failed: the kernel does not wait for it, and a lost close leaks fds.
        os.close(fh)
        return 0

    def mkdir(self, path: str, mode: int) -> int:
        self._enter(change=True, grows=True)
        os.mkdir(self.real(path), mode)
        self._created(path)
        return 0

    def rmdir(self, path: str) -> int:
        self._enter(change=True)
        os.rmdir(self.real(path))
        self.faults.listings.pop(os.path.dirname(path) or "/", None)
        return 0

    def unlink(self, path: str) -> int:
        self._enter(change=True)
        os.unlink(self.real(path))
        self.faults.listings.pop(os.path.dirname(path) or "/", None)
        return 0

    def rename(self, old: str, new: str) -> int:
        self._enter(change=True, grows=True)
        if self.faults.rename_delay:
            time.sleep(self.faults.rename_delay)
        os.rename(self.real(old), self.real(new))
        self._created(new)
        self.faults.listings.pop(os.path.dirname(old) or "/", None)
        return 0

    def link(self, target: str, source: str) -> int:
        self._enter(change=True, grows=True)
        os.link(self.real(source), self.real(target))
        self._created(target)
        return 0

    def symlink(self, target: str, source: str) -> int:
        self._enter(change=True, grows=True)
        os.symlink(source, self.real(target))
        self._created(target)
        return 0

    def chmod(self, path: str, mode: int) -> int:
        self._enter(change=True)
        os.chmod(self.real(path), mode)
        return 0

    def chown(self, path: str, uid: int, gid: int) -> int:
        self._enter(change=True)
        os.lchown(self.real(path), uid, gid)
        return 0

    def utimens(self, path: str, times: tuple[int, int] | None = None) -> int:
        self._enter(change=True)
        if times is None:
            os.utime(self.real(path))
        else:
            os.utime(self.real(path), ns=times)
        return 0


def main(argv: list[str]) -> int:
    backing, mountpoint, address = Path(argv[1]), argv[2], argv[3]
    faults = Faults()
    control = threading.Thread(target=serve_control, args=(address, faults), daemon=True)
    control.start()
    operations = FaultFS(backing, faults)
    # default_permissions off: permission errors (EROFS above all) come from this process.
    mfusepy.FUSE(operations, mountpoint, foreground=True, fsname="faultfs", subtype="faultfs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
