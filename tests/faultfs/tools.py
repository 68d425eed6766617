"""What the FUSE and Samba tests need from the machine, and what happens when it is missing.

A missing tool FAILS the test (CI installs them: see .ci/run). A developer without them may set
STANGNING_SKIP_FUSE=1 to skip those tests instead; CI never sets it.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib.util
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

SKIP_ENV = "STANGNING_SKIP_FUSE"


def missing(what: str) -> None:
    """Fail (or, with STANGNING_SKIP_FUSE=1, skip) the test: the machine lacks something."""
    message = f"{what} (install fuse3, samba, smbnetfs: see .ci/run; or set {SKIP_ENV}=1)"
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(message)
    pytest.fail(message, pytrace=False)


def require_fuse() -> None:
    if not Path("/dev/fuse").exists():
        missing("/dev/fuse is missing (modprobe fuse)")
    if shutil.which("fusermount3") is None:
        missing("fusermount3 is missing")
    if ctypes.util.find_library("fuse3") is None:
        missing("libfuse3 is missing")
    if importlib.util.find_spec("mfusepy") is None:
        missing("the Python package mfusepy is missing (pip install '.[test]')")


def require_programs(*names: str) -> dict[str, str]:
    found = {}
    for name in names:
        path = shutil.which(name) or next(
            (f"{d}/{name}" for d in ("/usr/sbin", "/sbin") if Path(f"{d}/{name}").exists()), None
        )
        if path is None:
            missing(f"{name} is missing")
            raise AssertionError("unreachable")
        found[name] = path
    return found


def mounted(mountpoint: Path) -> bool:
    """Whether something is mounted there, read from /proc (never touching the mount itself,
    which may be hung)."""
    target = os.path.realpath(mountpoint)
    with Path("/proc/self/mountinfo").open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if len(fields) > 4 and unescape(fields[4]) == target:
                return True
    return False


def unescape(field: str) -> str:
    for code in ("040", "011", "012", "134"):
        field = field.replace(f"\\{code}", chr(int(code, 8)))
    return field


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def unmount(mountpoint: Path) -> None:
    """Unmount a FUSE mount, lazily when it is busy; never blocks for long."""
    if not mounted(mountpoint):
        return
    for args in (["-u"], ["-uz"]):
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                ["fusermount3", *args, str(mountpoint)],
                capture_output=True,
                timeout=10,
                check=False,
            )
        if not mounted(mountpoint):
            return
    with contextlib.suppress(subprocess.TimeoutExpired):  # a libfuse 2 mount, or no fusermount3
        subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True, timeout=10)


def stop(process: subprocess.Popen[bytes], *, grace: float = 5.0) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)
