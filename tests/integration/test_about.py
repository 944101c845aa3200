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
