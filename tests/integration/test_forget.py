"""`kyoso forget` and Settings → Remove my records: a shared PC keeps nothing of the user."""

from __future__ import annotations

import json

from tests.integration.test_about import keyring_env
from tests.integration.test_cli import kyoso


def users_traces(user_folders, tmp_path) -> dict:
    """A draft and records, settings, a log, and a saved IMAP password; plus a file of the
    user's own in the data folder, which is not the app's to remove."""
    for name in ("data", "config", "log"):
        (user_folders / name).mkdir(exist_ok=True)
    (user_folders / "data" / "applications.json").write_text(
        '{"format": 1, "applications": []}', encoding="utf-8")
    (user_folders / "data" / "draft.json").write_text('{"format": 1}', encoding="utf-8")
    (user_folders / "data" / "applications.lock").write_text("", encoding="utf-8")
    (user_folders / "config" / "settings.json").write_text(
        '{"format": 1, "imap_host": "imap.example.lg.jp", "imap_user": "tanaka"}',
        encoding="utf-8")
    (user_folders / "log" / "kyoso.log").write_text("taro@… checked\n", encoding="utf-8")
    (user_folders / "log" / "kyoso.log.1").write_text("older\n", encoding="utf-8")
    own = user_folders / "data" / "my-notes.txt"
    own.write_text("mine", encoding="utf-8")
    env = keyring_env(tmp_path)
    (tmp_path / "keyring.json").write_text(json.dumps({
        "KyosoDesktop/IMAP\ntanaka@imap.example.lg.jp": "secret",
        "Other/app\nsomebody": "not ours"}))
    return {"env": env, "own": own}


def test_forget_removes_only_the_apps_files_and_the_saved_password(user_folders, tmp_path):
    traces = users_traces(user_folders, tmp_path)
    run = kyoso("forget", "--yes", "--lang", "en", env=traces["env"])
    assert run.returncode == 0, run.stderr
    assert b"Removed: 6 files, 1 saved passwords." in run.stdout
    left = sorted(p.name for p in user_folders.rglob("*") if p.is_file())
    assert "applications.json" not in left and "kyoso.log" not in left
    assert "settings.json" not in left and "draft.json" not in left
    assert traces["own"].read_text(encoding="utf-8") == "mine"  # not the app's: kept
    assert not (user_folders / "log").exists()  # empty folders go
    assert json.loads((tmp_path / "keyring.json").read_text()) == {
        "Other/app\nsomebody": "not ours"}


def test_forget_asks_first_and_no_answer_means_no(user_folders, tmp_path):
    traces = users_traces(user_folders, tmp_path)
    run = kyoso("forget", "--lang", "ja", env=traces["env"])  # no terminal: not confirmed
    assert run.returncode == 1
    assert "何も削除していません" in run.stdout.decode()
    assert (user_folders / "data" / "applications.json").exists()
    assert "secret" in (tmp_path / "keyring.json").read_text()


def test_nothing_to_forget(user_folders):
    run = kyoso("forget", "--yes", "--lang", "en")
    assert run.returncode == 0 and b"Nothing to remove" in run.stdout


def test_an_account_without_a_saved_password_is_not_counted(user_folders, tmp_path):
    (user_folders / "config").mkdir()
    (user_folders / "config" / "settings.json").write_text(
        '{"format": 1, "imap_host": "imap.example.lg.jp", "imap_user": "tanaka"}',
        encoding="utf-8")
    run = kyoso("forget", "--yes", "--lang", "en", env=keyring_env(tmp_path))
    assert run.returncode == 0 and b"1 files, 0 saved passwords" in run.stdout
