from tui.cli.main import run

raise SystemExit(run())
