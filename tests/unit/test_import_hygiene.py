"""The layers import only downwards: the core never loads Textual or TinyDB, the store never
loads Textual. Checked in a fresh interpreter, so nothing imported by other tests can hide it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module({package!r})
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(module.name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_modules(package: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(package=package)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(json.loads(result.stdout))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("tui.core", {"textual", "tinydb", "rich"}),
        ("tui.store", {"textual", "rich"}),
    ],
)
def test_layer_does_not_import_upper_layers(package: str, forbidden: set[str]) -> None:
    assert top_level(loaded_modules(package)) & forbidden == set()


def test_the_probe_sees_what_a_package_imports() -> None:
    # Guards the test above against passing vacuously: the store does load TinyDB.
    assert "tinydb" in top_level(loaded_modules("tui.store"))


STARTUP_PROBE = """
import json, sys
import tui.cli.main, tui.app
print(json.dumps(sorted(sys.modules)))
"""


def test_the_dashboard_starts_without_the_store_arrow_or_the_commands() -> None:
    # The store (and TinyDB) load in the background after the first frame, and a command's
    # module only when that command runs: what the first frame waits for stays small.
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = set(json.loads(result.stdout))
    assert "textual" in top_level(loaded)  # the probe sees what the dashboard imports
    assert top_level(loaded) & {"tinydb", "arrow", "dateutil", "icalendar"} == set()
    assert {name for name in loaded if name.startswith("tui.store.")} == {"tui.store.identity"}
    assert not {name for name in loaded if name.endswith("_commands")}
