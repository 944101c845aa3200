"""Nothing GPL-only ships with the app (read from the installed distributions' metadata)."""

from __future__ import annotations

import importlib.util

from kyoso_desktop.core.helpdesk.licences import Component, bundled_components

# Qt is part of every installation but the CLI-only test environment (CI runs one)
QT = {"pyside6-essentials"} if importlib.util.find_spec("PySide6") else set()


def test_no_gpl_only_component_in_the_runtime_closure():
    components = bundled_components()
    names = {c.name.lower() for c in components}
    assert {"kyoso-desktop", "httpx", "keyring", *QT} <= names
    assert [c for c in components if c.gpl_only] == []
    assert "pytest" not in names and "hypothesis" not in names  # test tools are not shipped


def test_the_gpl_check_can_fail():
    assert Component("x", "1", "GPL-3.0-only").gpl_only
    assert Component("x", "1", "GNU General Public License v3 (GPLv3)").gpl_only
    assert not Component("x", "1", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only").gpl_only
    assert not Component("x", "1", "MIT").gpl_only
