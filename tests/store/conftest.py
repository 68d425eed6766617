"""Store tests: real folders in tmp_path stand for the share and each host's local disk, and
real processes stand for the administrators."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tui.store.case_store import CaseStore
from tui.store.identity import Identity
from tui.store.share import Share
from tui.store.shared_log import SharedDriveLog

WRITER = Path(__file__).with_name("writer_process.py")
TODAY = "2026-11-25"


@dataclass
class Host:
    """One jump host: its own local folder, sharing the store folder with the others."""

    store: Path
    local: Path

    def command(self, *args: str) -> list[str]:
        """The command line of ``stangning ARGS`` on this host."""
        return [
            sys.executable,
            "-m",
            "tui",
            *("--store", str(self.store), "--local", str(self.local)),
            *args,
        ]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            self.command(*args),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            env=os.environ.copy(),
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)

    def add_case(
        self, unit: str, closing: str = "2026-06-30", hsa: str = "SE2321000016-A2G8"
    ) -> str:
        result = self.run(
            "case",
            "add",
            "--caregiver",
            "Region Stockholm",
            "--unit",
            unit,
            "--hsa-id",
            hsa,
            "--closing",
            closing,
        )
        return result.stdout.strip()

    def writer(self, seed: int, changes: int, ack: Path, *extra: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                "--store",
                str(self.store),
                "--local",
                str(self.local),
                "--seed",
                str(seed),
                "--changes",
                str(changes),
                "--ack",
                str(ack),
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "share" / "stangning"


@pytest.fixture
def make_host(tmp_path: Path, store_dir: Path) -> Iterator[Callable[[str], Host]]:
    (tmp_path / "share").mkdir()
    Share(store_dir).create()  # stangning init, once, as the README's set-up says

    def make(name: str) -> Host:
        return Host(store_dir, tmp_path / f"host-{name}")

    yield make


def acknowledged(ack: Path) -> list[dict[str, Any]]:
    """Every operation a writer reported durable (a torn last line from a kill is ignored)."""
    ops = []
    if not ack.exists():
        return ops
    for line in ack.read_text(encoding="utf-8").splitlines():
        try:
            ops.extend(json.loads(line))
        except json.JSONDecodeError:
            continue
    return ops


def store_at(tmp_path: Path, name: str) -> CaseStore:
    """An in-process host: its own local folder ``tmp_path/name``, the share
    ``tmp_path/share/stangning`` (made on first use; ``tmp_path/share`` must exist)."""
    log = SharedDriveLog(
        tmp_path / "share" / "stangning",
        tmp_path / name,
        identity=Identity(actor=name, host=name),
        create=True,
    )
    return CaseStore(log)
