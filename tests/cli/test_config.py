"""``stangning config init|path|show``: a commented settings file in the user's language that
reads back as the defaults, never written over by accident."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.cli.conftest import PREFIX, Runner, ok


def config_file(run: Runner) -> Path:
    return run.home / "config" / "stangning" / "config.toml"


def test_path_is_under_the_config_dir_unless_named(run: Runner, tmp_path: Path) -> None:
    assert ok(run("config", "path")).stdout.strip() == str(config_file(run))
    named = tmp_path / "annan.toml"
    assert ok(run("--config", str(named), "config", "path")).stdout.strip() == str(named)
    env = {"STANGNING_CONFIG": str(named)}
    assert ok(run("config", "path", env=env)).stdout.strip() == str(named)


def test_init_writes_swedish_comments_that_read_back_as_the_defaults(run: Runner) -> None:
    result = ok(run("config", "init"))
    path = config_file(run)
    assert str(path) in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "# Inställningar för stangning." in text
    assert "# Hur ofta de två bevakningspunkterna ska kontrolleras, i dagar." in text
    assert '# store = "/mnt/delad/stangning"' in text  # unset: shown as an example, commented
    assert tomllib.loads(text)["check_cadence_days"] == 7
    shown = tomllib.loads(ok(run("config", "show")).stdout)
    assert shown["language"] == "sv" and shown["warn_days"] == 14 and "store" not in shown
    assert oct(path.stat().st_mode & 0o777) == "0o660"  # group-writable, not for all


def test_init_in_english_writes_english_and_chooses_english(run: Runner) -> None:
    ok(run("--lang", "en", "config", "init"))
    text = config_file(run).read_text(encoding="utf-8")
    assert "# stangning settings. Delete a line to use its default." in text
    assert "Inställningar" not in text
    assert tomllib.loads(text)["language"] == "en"
    assert "Changes published" in ok(run("sync")).stdout  # the file alone makes it English


def test_init_does_not_write_over_a_file_unless_forced(run: Runner) -> None:
    ok(run("config", "init"))
    path = config_file(run)
    path.write_text('language = "en"\n# mine\n', encoding="utf-8")
    result = run("config", "init")
    assert result.returncode == 2
    assert result.stderr.startswith(PREFIX) and len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == 'language = "en"\n# mine\n'
    ok(run("config", "init", "--force"))
    assert "# mine" not in path.read_text(encoding="utf-8")


def test_a_bad_setting_is_one_line_and_nothing_runs(run: Runner) -> None:
    path = config_file(run)
    path.parent.mkdir(parents=True)
    path.write_text('language = "fi"\n', encoding="utf-8")
    result = run("case", "list")
    assert result.returncode == 2
    assert result.stderr.startswith(PREFIX) and len(result.stderr.splitlines()) == 1
    assert "language" in result.stderr and "Traceback" not in result.stderr
    assert not any((run.store / "ops").iterdir())  # nothing written


def test_init_suggests_a_private_local_folder_as_the_readme_advises(run: Runner) -> None:
    # The README: the local folder is on local disk, only you can read it, and it is backed up
    # like the home folder. /var/tmp is none of these (shared by all users, cleaned by the OS).
    ok(run("config", "init"))
    path = config_file(run)
    text = path.read_text(encoding="utf-8")
    assert "/var/tmp/stangning" not in text
    example = next(line for line in text.splitlines() if line.startswith("# local = "))
    assert example == '# local = "~/.local/share/stangning/this-host"'
    assert "bara läsbar för dig" in text
    # Uncommented as it stands, the example is a folder in the user's own home.
    path.write_text(text.replace(example, example[2:]), encoding="utf-8")
    doctor = run("doctor")
    local = run.home / ".local" / "share" / "stangning" / "this-host"
    assert f"den lokala mappen {local} ligger på lokal disk" in doctor.stdout, doctor.stdout
