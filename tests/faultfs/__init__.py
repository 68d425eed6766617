"""A share that misbehaves on purpose: a FUSE passthrough in its own process (server.py), switched
at run time through a control socket.

    with fault_share(tmp_path) as share:   # share.backing mirrored at share.mount
        share.hang(); ...; share.release()
        share.fail("ENOSPC"); share.negative_cache(30); share.list_cache(5)
        share.delay_rename(0.5); share.normal()

The FUSE process is never the test process: a hung share blocks only the programs using it, and
teardown (release, unmount, lazily if busy, then stop the process) always runs.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.faultfs.tools import mounted, require_fuse, stop, unmount, wait_for

SERVER = Path(__file__).with_name("server.py")
START_SECONDS = 15.0


class ControlError(RuntimeError):
    pass


@dataclass
class FaultShare:
    backing: Path  # the real folder (what the file server holds)
    mount: Path  # the same folder as clients see it, faults and all
    address: str
    process: subprocess.Popen[bytes]
    log: Path

    def send(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as control:
            control.settimeout(10)
            control.connect("\0" + self.address)
            control.sendall(command.encode() + b"\n")
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = control.recv(1024)
                if not chunk:
                    break
                reply += chunk
        text = reply.decode().strip()
        if not text.startswith("ok"):
            raise ControlError(f"{command!r}: {text or 'no reply'}")
        return text.removeprefix("ok").strip()

    def hang(self, *, hard: bool = False) -> None:
        """Every call blocks until release(). A process killed meanwhile ends, as on a kernel
        NFS or CIFS mount; with hard=True it cannot end until then (smbnetfs, sshfs)."""
        self.send("hang hard" if hard else "hang")

    def release(self) -> None:
        self.send("release")

    def fail(self, error: str) -> None:
        """EIO (everything fails), ENOSPC (full), EROFS (read-only)."""
        self.send(f"fail {error}")

    def negative_cache(self, seconds: float) -> None:
        self.send(f"negative-cache {seconds}")

    def list_cache(self, seconds: float) -> None:
        self.send(f"list-cache {seconds}")

    def delay_rename(self, seconds: float) -> None:
        self.send(f"delay-rename {seconds}")

    def normal(self) -> None:
        self.send("normal")

    def blocked(self) -> int:
        """How many file system calls are blocked in a hang right now."""
        return int(self.send("blocked"))


def _control_ready(share: FaultShare) -> bool:
    if share.process.poll() is not None:
        raise AssertionError(
            f"the fault file system exited {share.process.returncode}: "
            + share.log.read_text(errors="replace")
        )
    try:
        share.send("ping")
    except OSError:
        return False
    return mounted(share.mount)


@contextlib.contextmanager
def fault_share(root: Path) -> Iterator[FaultShare]:
    """Mount a fault share: root/backing mirrored at root/mount. Fails when FUSE is missing."""
    require_fuse()
    backing, mount = root / "backing", root / "mount"
    backing.mkdir(parents=True)
    mount.mkdir()
    log = root / "faultfs.log"
    address = f"stangning-faultfs-{os.getpid()}-{secrets.token_hex(6)}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, str(SERVER), str(backing), str(mount), address],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    share = FaultShare(backing, mount, address, process, log)
    try:
        wait_for(lambda: _control_ready(share), START_SECONDS, "the fault share to mount")
        yield share
    finally:
        with contextlib.suppress(OSError, ControlError):
            share.normal()  # let every blocked call finish, so the unmount is clean
        unmount(mount)
        stop(process)
        unmount(mount)  # the process died before unmounting (killed): clear its mount
