"""The `kyoso` command line over the same core as the window (no Qt needed)."""

from kyoso_desktop.cli.main import main

__all__ = ["main"]
