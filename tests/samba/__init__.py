"""A real SMB share for tests: Samba's smbd on 127.0.0.1 serving a temporary folder, mounted with
smbnetfs (FUSE) once per simulated host, each mount with its own HOME and configuration.

    with samba_share(tmp_path, clients=2) as smb:
        smb.clients[0], smb.clients[1]   # the same share as two hosts see it
        smb.folder                       # the served folder on the file server's disk

smbd listens on a free port on loopback only (no NetBIOS); smbnetfs reaches it through the path
MOUNT/127.0.0.1:PORT/SHARE. Everything is torn down at the end: mounts, smbnetfs, smbd and the
served folder. Needs root (smbd, useradd, smbpasswd) and FUSE; missing tools fail the test unless
STANGNING_SKIP_FUSE=1.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.faultfs.tools import missing, mounted, require_programs, stop, unmount, wait_for

USER = "stangning-smb"
SHARE = "stangning"
READY_SECONDS = 30.0


@dataclass
class SambaShare:
    folder: Path  # the served folder, on the server's disk
    port: int
    clients: list[Path] = field(default_factory=list)  # the share as each client mount shows it


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ensure_user(programs: dict[str, str]) -> None:
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(
            [
                programs["useradd"],
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                USER,
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )


def server_config(base: Path, port: int) -> str:
    dirs = {name: base / name for name in ("state", "lock", "private", "cache", "pid", "rpc")}
    for folder in dirs.values():
        folder.mkdir()
    return f"""[global]
  workgroup = WORKGROUP
  server role = standalone server
  interfaces = lo
  bind interfaces only = yes
  disable netbios = yes
  server services = -nbt
  smb ports = {port}
  state directory = {dirs["state"]}
  lock directory = {dirs["lock"]}
  private dir = {dirs["private"]}
  cache directory = {dirs["cache"]}
  pid directory = {dirs["pid"]}
  ncalrpc dir = {dirs["rpc"]}
  passdb backend = tdbsam:{dirs["private"]}/passdb.tdb
  log file = {base}/log.%m
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes

[{SHARE}]
  path = {base}/share
  read only = no
  valid users = {USER}
  create mask = 0660
  directory mask = 2770
"""


def accepts(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def listable(path: Path) -> bool:
    """Whether the share answers through this mount (asked by a child process: a stuck mount
    must not hold the test process)."""
    try:
        result = subprocess.run(["ls", "-a", str(path)], capture_output=True, timeout=15)
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0


def check_alive(process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    if process.poll() is not None:
        raise AssertionError(
            f"{what} exited {process.returncode}: {log.read_text(errors='replace')[-3000:]}"
        )


def client_ready(client: subprocess.Popen[bytes], log: Path, mount: Path, share: Path) -> bool:
    check_alive(client, log, "smbnetfs")
    return mounted(mount) and listable(share)


@contextlib.contextmanager
def samba_share(root: Path, clients: int = 2) -> Iterator[SambaShare]:
    programs = require_programs("smbd", "smbpasswd", "smbnetfs", "useradd")
    if not Path("/dev/fuse").exists():
        missing("/dev/fuse is missing (modprobe fuse)")
    if os.geteuid() != 0:
        missing("the Samba tests run smbd and useradd, so they need root")
    ensure_user(programs)
    user = pwd.getpwnam(USER)
    password = secrets.token_urlsafe(12)
    # The served folder lies outside pytest's (root-only) temporary folders: smbd opens files as
    # the share's user, who must be able to reach it.
    base = Path(tempfile.mkdtemp(prefix="stangning-smb-"))
    base.chmod(0o711)
    served = base / "share"
    served.mkdir()
    os.chown(served, user.pw_uid, user.pw_gid)
    served.chmod(0o2770)
    port = free_port()
    config = base / "smb.conf"
    config.write_text(server_config(base, port), encoding="utf-8")
    subprocess.run(
        [programs["smbpasswd"], "-c", str(config), "-a", "-s", USER],
        input=f"{password}\n{password}\n".encode(),
        check=True,
        capture_output=True,
        timeout=30,
    )
    processes: list[subprocess.Popen[bytes]] = []
    mounts: list[Path] = []
    smb = SambaShare(served, port)
    try:
        server_log = root / "smbd.log"
        with server_log.open("wb") as output:
            smbd = subprocess.Popen(
                [
                    programs["smbd"],
                    "--foreground",
                    "--no-process-group",
                    "--debug-stdout",
                    "--debuglevel=1",
                    "-s",
                    str(config),
                ],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        processes.append(smbd)

        def serving() -> bool:
            check_alive(smbd, server_log, "smbd")
            return accepts(port)

        wait_for(serving, READY_SECONDS, "smbd to listen")
        for number in range(clients):
            home = root / f"smb-home-{number}"
            (home / ".smb").mkdir(parents=True)
            (home / ".smb" / "smbnetfs.conf").write_text(
                f'auth "127.0.0.1" "{USER}" "{password}"\nhost 127.0.0.1 WORKGROUP visible=true\n',
                encoding="utf-8",
            )
            (home / ".smb" / "smbnetfs.conf").chmod(0o600)
            (home / ".smb" / "smb.conf").write_text(
                "[global]\n  workgroup = WORKGROUP\n  client min protocol = SMB2\n",
                encoding="utf-8",
            )
            mount = root / f"smb-mount-{number}"
            mount.mkdir()
            client_log = root / f"smbnetfs-{number}.log"
            with client_log.open("wb") as output:
                client = subprocess.Popen(
                    [programs["smbnetfs"], str(mount), "-f"],
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    env={**os.environ, "HOME": str(home)},
                    start_new_session=True,
                )
            processes.append(client)
            mounts.append(mount)
            path = mount / f"127.0.0.1:{port}" / SHARE

            wait_for(
                lambda: client_ready(client, client_log, mount, path),  # noqa: B023 (called here)
                READY_SECONDS,
                f"smbnetfs to mount the share at {mount}",
            )
            smb.clients.append(path)
        yield smb
    finally:
        for mount in mounts:
            unmount(mount)
        for process in reversed(processes):
            stop(process)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # smbd's own children, if any remain
        for mount in mounts:
            unmount(mount)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                shutil.rmtree(base)
                break
            except OSError:
                time.sleep(0.1)
