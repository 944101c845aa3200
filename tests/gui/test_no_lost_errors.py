"""Background failures are never lost: logged, and told to the user in their language."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from PySide6.QtWidgets import QMessageBox, QWidget

from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.invitation.mailbox import MailboxDialog
from kyoso_desktop.ui.invitation.status import StatusPage
from kyoso_desktop.ui.workers import Background

BROKEN_HISTORY = {"format": 1, "applications": 5}


def test_a_failure_without_handler_is_told_and_logged(qtbot, user_folders):
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    background = Background(owner)
    done = []

    def work():
        raise ValueError("taro@city.hakodate.lg.jp could not be read")

    background.run(work, done.append)
    qtbot.waitUntil(lambda: owner.findChild(QMessageBox, "backgroundFailure") is not None,
                    timeout=5000)
    box = owner.findChild(QMessageBox, "backgroundFailure")
    assert "完了できませんでした" in box.text() and "ValueError" in box.text()
    assert done == [] and background.pending == 0
    log = (user_folders / "log" / "kyoso.log").read_text(encoding="utf-8")
    assert "ValueError" in log and "Traceback" in log
    assert "taro@" not in log  # the address is masked


def test_a_given_failure_handler_gets_the_exception(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    background, failures = Background(owner), []
    background.run(lambda: 1 / 0, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], ZeroDivisionError)
    assert owner.findChild(QMessageBox, "backgroundFailure") is None


def test_a_mistyped_ca_file_in_the_mailbox_dialog_is_told(qtbot, tmp_path):
    store = ApplicationStore()
    record = store.add(Draft(), date(2026, 11, 20), email="taro@city.hakodate.lg.jp",
                       organization_name="")
    dialog = MailboxDialog(record, Settings(), None)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    dialog.user.setText("taro")
    dialog.password.setText("secret")
    dialog.ca_file.setText(str(tmp_path / "no-such-ca.pem"))
    dialog.start_search()
    qtbot.waitUntil(lambda: bool(dialog.results.text()), timeout=10_000)
    assert "CAファイル" in dialog.results.text() and "no-such-ca.pem" in dialog.results.text()
    assert dialog.search.isEnabled() and not dialog.cancel.isVisible()


def test_a_history_of_the_wrong_shape_is_kept_aside_and_told(qtbot, user_folders):
    data = user_folders / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "applications.json").write_text(json.dumps(BROKEN_HISTORY))
    page = StatusPage("招待の状況", Settings(offline=True), ApplicationStore())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.message.isVisibleTo(page), timeout=5000)
    assert "読み込めなかった" in page.message.text() or "移動" in page.message.text()
    kept = list(data.glob("applications.corrupt-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text()) == BROKEN_HISTORY


def test_kyoso_status_with_a_history_of_the_wrong_shape(user_folders):
    data = user_folders / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "applications.json").write_text(json.dumps(BROKEN_HISTORY))
    run = subprocess.run([sys.executable, "-m", "kyoso_desktop", "status", "--json"],
                         capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr.decode()
    assert json.loads(run.stdout) == []
    assert "applications.corrupt-" in run.stderr.decode("utf-8")


def test_a_failure_is_described_in_the_users_words_never_the_os_english():
    from kyoso_desktop.core.common import i18n
    from kyoso_desktop.core.invitation.timeline import TransitionError
    from kyoso_desktop.ui.workers import describe_failure

    i18n.set_language("ja")
    assert describe_failure(PermissionError(13, "Permission denied", "x.pdf")) == "権限がない"
    assert describe_failure(TransitionError("その変更はできません")) == "その変更はできません"
    assert describe_failure(RuntimeError("boom")) == "RuntimeError: boom"
