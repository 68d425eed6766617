"""The dashboard (Textual). Only ``stangning`` without a subcommand imports this package."""

from tui.app.app import StangningApp, make_app

__all__ = ["StangningApp", "make_app"]
