"""Nothing GPL-only ships with the app (read from the installed distributions' metadata)."""

from __future__ import annotations

from kyoso_desktop.core.helpdesk.licences import Component, bundled_components


def test_no_gpl_only_component_in_the_runtime_closure():
    components = bundled_components()
    names = {c.name.lower() for c in components}
    assert {"kyoso-desktop", "pyside6-essentials", "httpx", "keyring"} <= names
    assert [c for c in components if c.gpl_only] == []
    assert "pytest" not in names and "hypothesis" not in names  # test tools are not shipped


def test_the_gpl_check_can_fail():
    assert Component("x", "1", "GPL-3.0-only").gpl_only
    assert Component("x", "1", "GNU General Public License v3 (GPLv3)").gpl_only
    assert not Component("x", "1", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only").gpl_only
    assert not Component("x", "1", "MIT").gpl_only
