"""Two processes writing the application history at once lose nothing (real processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

ADD = """
import sys
from datetime import date
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
store = ApplicationStore()
for n in range(int(sys.argv[1])):
    store.add(Draft(family_name=sys.argv[2], given_name=str(n)), date(2026, 11, 20),
              email=f"{sys.argv[2]}{n}@city.hakodate.lg.jp", organization_name="函館市")
"""


def test_two_processes_adding_records_at_once_lose_none(user_folders):
    env = {**os.environ}
    writers = [subprocess.Popen([sys.executable, "-c", ADD, "40", name], env=env)
               for name in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    data = json.loads((user_folders / "data" / "applications.json").read_text())
    emails = {r["email"] for r in data["applications"]}
    assert len(emails) == 80


def test_two_processes_changing_states_at_once_lose_none(user_folders):
    subprocess.run([sys.executable, "-c", ADD, "2", "x"], check=True, timeout=60)
    ids = [r["id"] for r in json.loads(
        (user_folders / "data" / "applications.json").read_text())["applications"]]
    changes = [subprocess.Popen([sys.executable, "-m", "kyoso_desktop", "status", action, id_],
                                stdout=subprocess.DEVNULL)
               for action, id_ in (("mark-joined", ids[0]), ("withdraw", ids[1]))]
    assert [c.wait(timeout=120) for c in changes] == [0, 0]
    states = {r["id"]: r["state"] for r in json.loads(
        (user_folders / "data" / "applications.json").read_text())["applications"]}
    assert states == {ids[0]: "joined", ids[1]: "withdrawn"}
