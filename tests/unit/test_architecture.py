"""The architecture in pyproject.toml ([tool.importlinter]) holds: the core is pure, the layers
import downwards only, the dashboard never imports the command line, and the dashboard's
modules import each other in no circle. A broken contract fails here with import-linter's
report of the offending import chain."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # import-linter reads pyproject.toml in the working folder
    with contextlib.redirect_stdout(io.StringIO()) as report:
        code = lint_imports(no_cache=True, no_logo=True)
    assert code == 0, report.getvalue()
    assert "Contracts: 6 kept, 0 broken." in report.getvalue()  # every contract was checked
