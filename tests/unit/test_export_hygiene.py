"""The export package (calendar, spreadsheet, report) never loads Textual, and the command line
loads ``icalendar`` only for the command that writes a calendar."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import tui.export
for module in pkgutil.walk_packages(tui.export.__path__, "tui.export."):
    importlib.import_module(module.name)
print(json.dumps(sorted(sys.modules)))
"""

CLI_PROBE = """
import json, sys
import tui.cli.parser
print(json.dumps(sorted(sys.modules)))
"""


def top_level(probe: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return {name.split(".")[0] for name in json.loads(result.stdout)}


def test_export_does_not_import_textual() -> None:
    loaded = top_level(PROBE)
    assert "icalendar" in loaded  # the probe sees what the package imports
    assert loaded & {"textual", "rich"} == set()


def test_the_command_line_does_not_load_icalendar_up_front() -> None:
    assert "icalendar" not in top_level(CLI_PROBE)
