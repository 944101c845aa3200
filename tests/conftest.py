"""Every test runs with its own user folders (never the real ones) and offscreen Qt."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Isolated data, config and log folders; English OS locale is not assumed."""
    for name in ("DATA", "CONFIG", "LOG"):
        folder = tmp_path / name.lower()
        monkeypatch.setenv(f"KYOSO_{name}_DIR", str(folder))
    monkeypatch.setenv("KYOSO_MANAGED_CONFIG", str(tmp_path / "managed" / "managed.toml"))
    from kyoso_desktop.core.common.policy import default_policy

    default_policy.cache_clear()
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    from kyoso_desktop.core.common import i18n

    i18n.set_language("ja")
    return tmp_path
