"""IT-managed settings: precedence, locks, broken files reported and ignored."""

from __future__ import annotations

import os

import pytest

from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.common.settings import (
    Settings,
    load_managed,
    load_settings,
    managed_config_path,
    save_settings,
)
from kyoso_desktop.core.common.store import config_dir


def write_managed(text: str):
    path = managed_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    default_policy.cache_clear()
    return path


def test_managed_wins_and_locks():
    save_settings(Settings(offline=False, japanese_era=True, imap_host="user.example"))
    write_managed('offline = true\norganization_code = "012025"\nproxy = "http://p.lg.jp:8080"\n'
                  'imap_host = "imap.city.hakodate.lg.jp"\ntrusted_authserv = ["mx.lg.jp"]\n')
    settings, _problem = load_settings()
    assert settings.offline is True and settings.japanese_era is True
    assert settings.organization_code == "012025" and settings.proxy == "http://p.lg.jp:8080"
    assert settings.imap_host == "imap.city.hakodate.lg.jp"
    assert settings.trusted_authserv == ("mx.lg.jp",)
    assert settings.is_locked("offline") and not settings.is_locked("japanese_era")
    save_settings(settings.with_changes(japanese_era=False))
    stored = (config_dir() / "settings.json").read_text(encoding="utf-8")
    assert "p.lg.jp" not in stored and "012025" not in stored  # IT's values stay IT's


def test_policy_values_from_it():
    write_managed('secretariat_email = "kyoso@pref.example.lg.jp"\n')
    assert default_policy().secretariat_email == "kyoso@pref.example.lg.jp"


def test_broken_file_is_reported_with_its_line_and_ignored():
    path = write_managed('offline = true\nproxy = "unterminated\n')
    values, problems = load_managed()
    assert values == {} and problems[0].line == 2 and str(path) in str(problems[0])
    assert load_settings()[0].offline is False


def test_bad_keys_are_reported_and_the_rest_applies():
    write_managed('offline = true\ncolour = "red"\norganization_code = "012026"\n'
                  'imap_port = 99999\n')
    values, problems = load_managed()
    assert values == {"offline": True}
    assert [p.line for p in problems] == [2, 3, 4]
    assert "colour" in str(problems[0]) and "organization_code" in str(problems[1])


def test_default_path_per_platform(monkeypatch):
    monkeypatch.delenv("KYOSO_MANAGED_CONFIG")
    if os.name == "nt":  # pragma: no cover - the Windows path is checked on Windows
        assert managed_config_path().parts[-2:] == ("KyosoDesktop", "managed.toml")
    else:
        assert str(managed_config_path()) == "/etc/kyoso-desktop/managed.toml"


def test_a_dns_server_that_is_not_an_address_is_reported_and_ignored():
    path = write_managed('dns_server = "dns.city.example"\nproxy = "http://p.lg.jp:8080"\n')
    values, problems = load_managed()
    assert "dns_server" not in values and values["proxy"] == "http://p.lg.jp:8080"
    assert len(problems) == 1 and problems[0].line == 1 and "dns.city.example" in str(problems[0])
    assert str(path) in str(problems[0])
    assert load_settings()[0].dns_server is None


def test_good_dns_servers_are_kept():
    for value in ("10.0.0.53", "10.0.0.53:5353", "[::1]:53", "::1"):
        write_managed(f'dns_server = "{value}"\n')
        assert load_managed()[0]["dns_server"] == value


def test_a_managed_file_saved_by_notepad_is_read():
    path = managed_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\ufeff# 情報政策課\noffline = true\n".encode())  # UTF-8 with BOM
    assert load_managed()[0] == {"offline": True}
    path.write_bytes("# 情報政策課が設定\noffline = true\n".encode("cp932"))  # Shift_JIS
    assert load_managed()[0] == {"offline": True}


def test_a_managed_file_that_cannot_be_read_fails_closed():
    path = managed_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"offline = false\n\x80\x81\xff\xfe\x00")
    values, problems = load_managed()
    assert values == {"offline": True} and problems[0].code == "unreadable"
    settings = load_settings()[0]
    assert settings.offline and settings.is_locked("offline")


def test_many_unknown_keys_are_reported_in_linear_time():
    import time

    write_managed("".join(f"key{n} = {n}\n" for n in range(3000)))
    started = time.monotonic()
    _values, problems = load_managed()
    assert len(problems) == 3000 and problems[-1].line == 3000
    assert time.monotonic() - started < 2
    write_managed("x" * (70 * 1024))
    assert load_managed()[0] == {"offline": True}  # over the size cap: not read, fail closed


def test_deeply_nested_files_are_reported_not_fatal(tmp_path):
    from kyoso_desktop.core.common.store import DocumentStore
    from kyoso_desktop.core.netdiag.profile import ProfileError, load_profile

    write_managed("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert load_managed()[0] == {}
    (tmp_path / "applications.json").write_text('{"format": 1, "x": ' + "[" * 100000
                                                + "]" * 100000 + "}")
    data, problem = DocumentStore(tmp_path).load("applications", 1)
    assert data is None and problem is not None and problem.moved_to is not None
    profile = tmp_path / "p.json"
    profile.write_text("[" * 100000 + "]" * 100000)
    with pytest.raises(ProfileError):
        load_profile(profile)
