"""Where bundled resources and compiled catalogs live (source tree, wheel or frozen bundle)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2]


@cache
def resource_dir() -> Path:
    """The `resources/` folder: inside the package when installed or frozen, else the repo's."""
    candidates = [PACKAGE_DIR / "resources", PACKAGE_DIR.parent / "resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "kyoso_desktop" / "resources")
    for candidate in candidates:
        if (candidate / "policy.toml").is_file():
            return candidate
    raise FileNotFoundError("resources/policy.toml not found next to the kyoso_desktop package")


def resource(*parts: str) -> Path:
    """Path of a bundled resource file."""
    return resource_dir().joinpath(*parts)


def locale_dir() -> Path:
    """Compiled catalogs (<lang>/LC_MESSAGES/kyoso.mo), built from i18n/*.po."""
    return PACKAGE_DIR / "locale"


def catalog_source_dir() -> Path | None:
    """The i18n/ folder with the .po sources, when running from a source checkout."""
    candidate = PACKAGE_DIR.parent / "i18n"
    return candidate if candidate.is_dir() else None
