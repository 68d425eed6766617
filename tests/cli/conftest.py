"""Helpers for the command-line tests: every test runs the real program in a subprocess.

``run(*args)`` runs ``python -m tui ARGS`` with its own case store (STANGNING_STORE under the
test's tmp_path), its own home and data folders (so no test touches the user's files or another
test's), cwd=tmp_path, and returns the CompletedProcess. Dates are relative to the real today in
Europe/Stockholm, the program's own calendar.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import arrow
import pytest

from tui.store.share import Share

TIMEOUT = 60
HSA_ID = "SE2321000016-A2G8"
OTHER_HSA_ID = "SE5565594230-YJ54"
MAILBOX = "mitra.norden@regionstockholm.se"
PREFIX = "stangning: "


def today() -> dt.date:
    """Today in Europe/Stockholm, as the program computes it."""
    return arrow.now("Europe/Stockholm").date()


def shifted(**shift: int) -> dt.date:
    """Today shifted with arrow, e.g. ``shifted(days=-10)``, ``shifted(months=-4)``."""
    return arrow.get(today()).shift(**shift).date()


def plus_three_months(day: dt.date) -> dt.date:
    return arrow.get(day).shift(months=3).date()


class Runner:
    """``run(*args, env=None)``: the program with its store and home under ``base``; the store
    made with ``stangning init`` first, as an administrator would (``init=False``: not)."""

    def __init__(self, base: Path, *, init: bool = True) -> None:
        self.base = base
        self.store = base / "store"
        self.home = base / "home"
        if init:
            base.mkdir(parents=True, exist_ok=True)
            Share(self.store).create()

    def environ(self, env: Mapping[str, str] | None = None) -> dict[str, str]:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("STANGNING_")}
        environ |= {
            "STANGNING_STORE": str(self.store),
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_STATE_HOME": str(self.home / "state"),
        }
        return environ | dict(env or {})

    def __call__(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        python_options: tuple[str, ...] = (),
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *python_options, "-m", "tui", *args],
            env=self.environ(env),
            cwd=self.base,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """The result, after checking the command succeeded."""
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def add_case(
    run: Runner,
    *,
    closing: dt.date | str,
    caregiver: str = "Region Stockholm",
    unit: str = "Vårdcentralen Exempel",
    hsa_id: str = HSA_ID,
    extra: tuple[str, ...] = (),
) -> str:
    """``case add`` a case; returns its id (stdout is the id alone on one line)."""
    closing_text = closing if isinstance(closing, str) else closing.isoformat()
    result = ok(
        run(
            "case",
            "add",
            "--caregiver",
            caregiver,
            "--unit",
            unit,
            "--hsa-id",
            hsa_id,
            "--closing",
            closing_text,
            *extra,
        )
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and result.stdout == lines[0] + "\n", result.stdout
    case_id = lines[0]
    assert case_id and case_id == case_id.strip() and " " not in case_id
    return case_id


def show_json(run: Runner, case: str, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(run("case", "show", case, "--json", *args)).stdout)
    return data


def item(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(entry for entry in data["items"] if entry["key"] == key)
    return found


def status_json(run: Runner, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(run("status", "--json", *args)).stdout)
    return data


def case_list_json(run: Runner, *args: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(ok(run("case", "list", "--json", *args)).stdout)
    return data


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (a store, or a whole test folder), by relative path, with
    its bytes."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_refused(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 2, nothing on stdout, exactly one line on stderr starting 'stangning: ', no
    traceback; every fragment in that line. Returns the line."""
    detail = (result.returncode, result.stdout, result.stderr)
    assert result.returncode == 2, detail
    assert result.stdout == "", detail
    assert "Traceback" not in result.stderr, detail
    lines = result.stderr.splitlines()
    assert len(lines) == 1, detail
    assert result.stderr == lines[0] + "\n", detail
    line = lines[0]
    assert line.startswith(PREFIX), detail
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line
