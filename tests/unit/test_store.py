"""Atomic documents, corrupt files moved aside, settings and application history."""

from __future__ import annotations

import json

from kyoso_desktop.core.common.settings import Settings, load_settings, save_settings
from kyoso_desktop.core.common.store import DocumentStore, data_dir
from kyoso_desktop.core.registration.records import load_applications


def test_save_and_load_roundtrip(tmp_path):
    store = DocumentStore(tmp_path / "docs")
    store.save("x", {"format": 1, "text": "函館"})
    data, problem = store.load("x", 1)
    assert problem is None and data["text"] == "函館"
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["x.json"]  # no temp file left


def test_corrupt_document_is_moved_aside_not_lost(tmp_path):
    store = DocumentStore(tmp_path)
    (tmp_path / "x.json").write_bytes(b"{not json")
    data, problem = store.load("x", 1)
    assert data is None and problem is not None
    assert problem.moved_to.read_bytes() == b"{not json"
    assert not (tmp_path / "x.json").exists()


def test_newer_format_is_not_overwritten_silently(tmp_path):
    store = DocumentStore(tmp_path)
    store.save("x", {"format": 99})
    data, problem = store.load("x", 1)
    assert data is None and problem.moved_to.exists()


def test_settings_roundtrip_and_defaults():
    assert load_settings() == (Settings(), None)
    save_settings(Settings(language="en", offline=True, dns_server="127.0.0.1:5353"))
    assert load_settings()[0] == Settings("en", True, "127.0.0.1:5353")


def test_application_history_is_read():
    folder = data_dir()
    folder.mkdir(parents=True)
    (folder / "applications.json").write_text(json.dumps({"format": 1, "applications": [
        {"id": "a1", "created_at": "2026-05-01T09:00:00", "applied_at": "2026-05-01",
         "email": "taro@city.hakodate.lg.jp", "organization_code": "012025",
         "name": "函館 太郎", "state": "applied"},
        "garbage",
    ]}), encoding="utf-8")
    records, problem = load_applications()
    assert problem is None and [r.email for r in records] == ["taro@city.hakodate.lg.jp"]
