"""Group Policy (registry) values, their precedence, and what a standard user cannot override.

The registry itself is read by the installed app under Wine in the installer's smoke test
(installer/build.py); here the reader is given the values a registry would return.
"""

from __future__ import annotations

import os
import sys

import pytest

from kyoso_desktop.core.common import settings as settings_module
from kyoso_desktop.core.common.file_owner import owned_by_administrators
from kyoso_desktop.core.common.registry_policy import (
    POLICY_KEY,
    REG_DWORD,
    REG_MULTI_SZ,
    REG_SZ,
    read_policies,
)
from kyoso_desktop.core.common.settings import (
    load_managed,
    managed_config_path,
    resolve_settings,
    save_settings,
)
from kyoso_desktop.core.common.store import config_dir

DEFAULTS_KEY = POLICY_KEY + r"\Defaults"


def registry(values: dict[tuple[str, str], list]):
    """A reader over {(hive, key path): [(name, data, type)]} — what winreg would list."""
    return lambda hive, path: values.get((hive, path), [])


def use_registry(monkeypatch, values) -> None:
    monkeypatch.setattr(settings_module, "registry_policies", lambda: read_policies(
        registry(values), validate=settings_module._valid))


def write_managed(text: str) -> None:
    path = managed_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_precedence_enforced_file_user_preset_default(monkeypatch):
    use_registry(monkeypatch, {
        ("HKLM", POLICY_KEY): [("offline", 1, REG_DWORD), ("imap_port", 1143, REG_DWORD)],
        ("HKCU", POLICY_KEY): [("offline", 0, REG_DWORD), ("language", "en", REG_SZ)],
        ("HKLM", DEFAULTS_KEY): [("imap_host", "imap.city.example.lg.jp", REG_SZ),
                                 ("dns_server", "192.0.2.53", REG_SZ),
                                 ("trusted_authserv", ["mx1.lg.jp", "mx2.lg.jp"],
                                  REG_MULTI_SZ)],
        ("HKCU", DEFAULTS_KEY): [("imap_host", "hkcu.example", REG_SZ)],
    })
    # what the user changed in the app, on top of what applied then
    save_settings(resolve_settings().settings.with_changes(
        imap_host="mine.example", proxy="http://user.example:3128"))
    write_managed('proxy = "http://proxy.city.example.lg.jp:8080"\nimap_port = 143\n')
    resolved = resolve_settings()
    settings, sources = resolved.settings, resolved.sources
    assert (settings.offline, sources["offline"]) == (True, "policy")  # HKLM beats HKCU
    assert (settings.imap_port, sources["imap_port"]) == (1143, "policy")  # policy > file
    assert (settings.language, sources["language"]) == ("en", "policy")  # HKCU enforced
    assert sources["proxy"] == "managed_file"  # file > user
    assert (settings.imap_host, sources["imap_host"]) == ("mine.example", "user")  # > preset
    assert (settings.dns_server, sources["dns_server"]) == ("192.0.2.53", "policy_default")
    assert settings.trusted_authserv == ("mx1.lg.jp", "mx2.lg.jp")
    assert sources["japanese_era"] == "default"
    assert settings.locked == {"offline", "imap_port", "language", "proxy"}
    assert not settings.is_locked("dns_server")  # a preset may be changed
    assert resolved.problems == []


def test_a_preset_is_saved_as_the_users_only_once_changed(monkeypatch):
    use_registry(monkeypatch, {("HKLM", DEFAULTS_KEY): [("dns_server", "192.0.2.53", REG_SZ)]})
    settings = resolve_settings().settings
    save_settings(settings.with_changes(japanese_era=True))
    stored = (config_dir() / "settings.json").read_text(encoding="utf-8")
    assert "192.0.2.53" not in stored  # IT may change the preset later: it follows
    save_settings(settings.with_changes(dns_server="198.51.100.1"))
    assert resolve_settings().sources["dns_server"] == "user"


def test_bad_registry_values_are_reported_with_key_and_value_and_ignored(monkeypatch):
    use_registry(monkeypatch, {("HKLM", POLICY_KEY): [
        ("offline", 7, REG_DWORD), ("imap_port", "abc", REG_SZ),
        ("organization_code", "012026", REG_SZ), ("colour", "red", REG_SZ),
        ("proxy", 5, REG_DWORD), ("imap_host", "imap.example.lg.jp", REG_SZ)]})
    resolved = resolve_settings()
    assert resolved.settings.imap_host == "imap.example.lg.jp"  # the good value applies
    assert resolved.settings.offline is False and resolved.sources["offline"] == "default"
    texts = [str(p) for p in resolved.problems]
    assert len(texts) == 5
    assert all(t.startswith(f"HKLM\\{POLICY_KEY}") for t in texts)
    assert any("offline" in t and "7" in t for t in texts)
    assert any("imap_port" in t and "abc" in t for t in texts)
    assert any("012026" in t for t in texts)  # a code whose check digit is wrong
    assert any("colour" in t for t in texts)


def test_no_registry_outside_windows():
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("reads the real registry on Windows")
    assert read_policies().enforced == {} and read_policies().problems == []


def test_an_installed_build_ignores_the_environment_variable(monkeypatch, tmp_path):
    planted = tmp_path / "mine.toml"
    planted.write_text("offline = false\n", encoding="utf-8")
    monkeypatch.setenv("KYOSO_MANAGED_CONFIG", str(planted))
    assert managed_config_path() == planted  # from source: the tests' own file
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert managed_config_path() != planted
    if sys.platform != "win32":
        assert str(managed_config_path()) == "/etc/kyoso-desktop/managed.toml"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0,
                    reason="changes a file's owner (root on Linux; CI runs as root)")
def test_a_managed_file_a_standard_user_planted_is_ignored(monkeypatch, tmp_path):
    machine_file = tmp_path / "managed.toml"
    machine_file.write_text('offline = true\nproxy = "http://evil.example:8080"\n',
                            encoding="utf-8")
    monkeypatch.delenv("KYOSO_MANAGED_CONFIG")
    monkeypatch.setattr(settings_module, "managed_config_path", lambda: machine_file)
    assert owned_by_administrators(machine_file)
    assert load_managed()[0]["offline"] is True  # root's file counts
    os.chown(machine_file, 65534, 65534)  # nobody's
    assert not owned_by_administrators(machine_file)
    values, problems = load_managed()
    assert values == {} and problems[0].code == "untrusted"
    assert str(machine_file) in str(problems[0])
    assert resolve_settings().settings.proxy is None
    # `kyoso about --managed-config FILE` still reads it, to validate it before deploying
    assert load_managed(machine_file)[0]["proxy"] == "http://evil.example:8080"
