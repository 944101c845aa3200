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
    # read-only and told, kept where it is (a newer app still finds it), never moved aside
    assert data is None and problem.moved_to is None and store.path("x").exists()


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


def test_rewriting_the_history_keeps_what_this_version_does_not_know(tmp_path):
    import json
    from datetime import date

    from kyoso_desktop.core.registration.flow import Draft
    from kyoso_desktop.core.registration.records import ApplicationStore

    (tmp_path / "applications.json").write_text(json.dumps({
        "format": 1, "note": "from a newer minor version", "applications": [
            {"id": "a1", "email": "a@city.hakodate.lg.jp", "state": "applied",
             "applied_at": "2026-11-20", "phone": "0138-21-3111"},
            {"id": "broken", "email": 42}]}))
    store = ApplicationStore(DocumentStore(tmp_path))
    record = store.find("a1")
    store.update(record.__class__(**{**record.to_dict(), "invitation": None,
                                     "state": "joined"}))
    store.add(Draft(family_name="函館"), date(2026, 11, 21), email="b@city.hakodate.lg.jp",
              organization_name="")
    saved = json.loads((tmp_path / "applications.json").read_text())
    assert saved["note"] == "from a newer minor version"
    first = saved["applications"][0]
    assert first["phone"] == "0138-21-3111" and first["state"] == "joined"
    assert {"id": "broken", "email": 42} in saved["applications"]
    assert len(saved["applications"]) == 3


def test_a_newer_format_is_read_only_and_never_overwritten(tmp_path):
    import json

    import pytest

    from kyoso_desktop.core.common.store import NewerDocumentError

    newer = {"format": 99, "applications": []}
    (tmp_path / "applications.json").write_text(json.dumps(newer))
    store = DocumentStore(tmp_path)
    data, problem = store.load("applications", 1)
    assert data is None and problem.moved_to is None and "99" in problem.error
    with pytest.raises(NewerDocumentError):
        store.save("applications", {"format": 1, "applications": []})
    assert json.loads((tmp_path / "applications.json").read_text()) == newer
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_two_files_set_aside_in_one_second_are_both_kept(tmp_path):
    store = DocumentStore(tmp_path)
    for text in ("{first", "{second"):
        (tmp_path / "draft.json").write_text(text)
        store.load("draft", 1)
    kept = sorted(p.read_text() for p in tmp_path.glob("draft.corrupt-*.json"))
    assert kept == ["{first", "{second"]


def test_stale_temporary_files_of_a_killed_write_are_removed(tmp_path):
    import os
    import time

    stale = tmp_path / ".applications.abc123.tmp"
    stale.write_bytes(b"x" * 1000)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".applications.def456.tmp"  # another writer may be using it
    fresh.write_bytes(b"y")
    other = tmp_path / "notes.tmp"  # not ours: never touched
    other.write_bytes(b"z")
    os.utime(other, (old, old))
    DocumentStore(tmp_path).save("applications", {"format": 1, "applications": []})
    assert not stale.exists() and fresh.exists() and other.exists()
