"""Hatch build hook: compile the gettext catalogs into the package (wheel and editable)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        spec = importlib.util.spec_from_file_location(
            "kyoso_i18n", Path(self.root) / "scripts" / "i18n.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.compile_catalogs()
