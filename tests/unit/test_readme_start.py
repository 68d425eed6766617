"""The README's first two commands, as a newcomer reads them: where to run them is said right
below them, and the commands themselves stay as CI runs them (``.ci/run`` greps the second)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
COMMANDS = ["pip install . && stangning demo", "pip install '.[test]' && python -m pytest"]


def first_block_and_what_follows(text: str) -> tuple[list[str], str]:
    _, block, rest = text.split("```", 2)
    commands = block.removeprefix("sh").strip().splitlines()
    paragraph = rest.strip().split("\n\n", 1)[0]
    return commands, " ".join(paragraph.split())


def test_the_first_commands_say_they_run_in_a_clone() -> None:
    commands, after = first_block_and_what_follows(README.read_text(encoding="utf-8"))
    assert commands == COMMANDS
    assert "in a clone of this repository" in after
    assert "outside one, pytest finds nothing to run" in after
