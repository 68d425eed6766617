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
