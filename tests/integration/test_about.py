"""`kyoso about`: what a helpdesk asks first, and the keyring round trip IT can run."""

from __future__ import annotations

import importlib.util
import json

from tests.integration.test_cli import kyoso

# Qt is part of every installation but the CLI-only test environment (CI runs one)
QT = {"pyside6-essentials"} if importlib.util.find_spec("PySide6") else set()


def keyring_env(tmp_path, backend: str = "FileKeyring") -> dict[str, str]:
    return {"PYTHON_KEYRING_BACKEND": f"tests.keyring_backend.{backend}",
            "KYOSO_TEST_KEYRING": str(tmp_path / "keyring.json")}


def test_json_names_the_folders_and_the_managed_settings(user_folders):
    managed = user_folders / "managed" / "managed.toml"
    managed.parent.mkdir()
    managed.write_text('offline = true\norganization_code = "012025"\n', encoding="utf-8")
    run = kyoso("about", "--json")
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    assert facts["config_dir"] == str(user_folders / "config")
    assert facts["log_dir"] == str(user_folders / "log")
    assert facts["managed_config"] == str(managed) and facts["managed_config_present"]
    assert facts["managed_keys"] == ["offline", "organization_code"]
    assert facts["offline"] is True and facts["frozen"] is False
    assert facts["keyring"]["check"] == "not_run"
    names = {c["name"] for c in facts["components"]}
    assert {"kyoso-desktop", "httpx", "keyring", "jpholiday", *QT} <= names
    assert all(c["licence"] and c["version"] for c in facts["components"])


def test_a_broken_managed_file_is_reported_with_its_line(user_folders):
    managed = user_folders / "managed" / "managed.toml"
    managed.parent.mkdir()
    managed.write_text("offline = true\nproxy = \n", encoding="utf-8")
    facts = json.loads(kyoso("about", "--json").stdout)
    assert facts["managed_keys"] == [] and facts["offline"] is False
    assert facts["managed_problems"][0].startswith(f"{managed}:2:")


def test_keyring_round_trip_leaves_nothing_behind(tmp_path):
    env = keyring_env(tmp_path)
    run = kyoso("about", "--json", "--check-keyring", env=env)
    assert run.returncode == 0, run.stderr
    state = json.loads(run.stdout)["keyring"]
    assert state == {"backend": "tests.keyring_backend.FileKeyring", "available": True,
                     "check": "ok"}
    assert json.loads((tmp_path / "keyring.json").read_text()) == {}


def test_a_keyring_that_keeps_deleted_secrets_fails_the_check(tmp_path):
    run = kyoso("about", "--json", "--check-keyring", env=keyring_env(tmp_path,
                                                                       "BrokenDeleteKeyring"))
    assert run.returncode == 1
    assert json.loads(run.stdout)["keyring"]["check"] == "failed: the secret was not deleted"


def test_without_a_keyring_the_text_says_passwords_are_not_saved():
    run = kyoso("about", "--check-keyring", env={"PYTHON_KEYRING_BACKEND":
                                                  "keyring.backends.fail.Keyring"})
    text = run.stdout.decode("utf-8")
    assert run.returncode == 0
    assert "キーリング" in text and "保存しません" in text and "設定フォルダー" in text
    assert "同梱している部品とライセンス:" in text and "  httpx " in text


def test_json_tells_each_settings_value_source_and_lock(user_folders):
    managed = user_folders / "managed" / "managed.toml"
    managed.parent.mkdir()
    managed.write_text('proxy = "http://tanaka:secret@proxy.city.example.lg.jp:8080"\n',
                       encoding="utf-8")
    (user_folders / "config").mkdir()
    (user_folders / "config" / "settings.json").write_text(
        '{"format": 1, "japanese_era": true}', encoding="utf-8")
    facts = json.loads(kyoso("about", "--json").stdout)
    settings = facts["settings"]
    assert settings["proxy"] == {"value": "http://***@proxy.city.example.lg.jp:8080",
                                 "source": "managed_file", "locked": True}
    assert settings["japanese_era"] == {"value": True, "source": "user", "locked": False}
    assert settings["imap_port"] == {"value": 993, "source": "default", "locked": False}
    assert set(settings) >= {"offline", "language", "trusted_authserv", "organization_code"}
    text = kyoso("about", "--lang", "ja").stdout.decode()
    assert "IT部門の設定ファイル" in text and "tanaka:secret" not in text
    assert "proxy_auth" not in text and "managed_file" not in text  # words, not codes


def test_managed_config_validates_a_file_and_changes_nothing(user_folders, tmp_path):
    candidate = tmp_path / "candidate.toml"
    candidate.write_text('offline = true\ncolour = "red"\n', encoding="utf-8")
    run = kyoso("about", "--managed-config", str(candidate), "--json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["values"] == {"offline": True} and "colour" in report["problems"][0]
    facts = json.loads(kyoso("about", "--json").stdout)  # the machine's settings: unchanged
    assert facts["settings"]["offline"]["source"] == "default"


def test_out_writes_utf8_json_for_powershell(user_folders, tmp_path):
    out = tmp_path / "about.json"
    run = kyoso("check-email", "--json", "--offline", "--out", str(out), "田中@city.example.jp")
    assert run.stdout == b"" and out.read_bytes()[:1] == b"["  # UTF-8 without a BOM
    report = json.loads(out.read_text(encoding="utf-8"))[0]
    assert report["input"] == "田中@city.example.jp" and "全角" in report["reasons"][0]["message"]
    run = kyoso("about", "--json", "--out", str(tmp_path / "no" / "such" / "folder.json"))
    assert run.returncode == 2 and b"folder.json" in run.stderr and b"Traceback" not in run.stderr
