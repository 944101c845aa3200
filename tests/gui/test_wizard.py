"""The whole registration wizard, walked like a user would, in both languages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
)

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.codes import is_valid_lg_code
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.main_window import MainWindow
from tests.gui.helpers import type_text


@pytest.fixture(params=["ja", "en"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("ja")


def open_window(qtbot, draft=None):
    store = ApplicationStore()
    window = MainWindow(Settings(offline=True), draft, store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def page(window, step):
    return window.wizard.pages[step]


def press_next(qtbot, window, expected_step):
    wizard = window.wizard
    qtbot.waitUntil(lambda: wizard.step_complete, timeout=10_000)
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.step == expected_step


def fill_to_email(qtbot, window, eligibility="local_government"):
    wizard = window.wizard
    assert wizard.step == "eligibility" and not wizard.step_complete
    page(window, "eligibility").buttons[eligibility].click()
    press_next(qtbot, window, "organization")
    org = page(window, "organization")
    if eligibility == "union":
        type_text(org.union_name, "渡島西部広域事務組合")
        org.union_code.setText(union_code())
    else:
        type_text(org.search, "函館")
        qtbot.waitUntil(lambda: org.results.count() > 0, timeout=5000)
        org.results.setCurrentRow(0)
    type_text(org.department, "総務部 情報政策課")
    press_next(qtbot, window, "applicant")
    applicant = page(window, "applicant")
    type_text(applicant.inputs["family_name"], "函館")
    type_text(applicant.inputs["given_name"], "太郎")
    type_text(applicant.inputs["family_kana"], "ハコダテ")
    assert "函館 太郎" in applicant.preview.text()
    press_next(qtbot, window, "email")
    check = page(window, "email").check
    qtbot.waitUntil(lambda: check.ready, timeout=10_000)
    return check


def union_code():
    from kyoso_desktop.core.eligibility.directory import default_directory

    bodies = default_directory().bodies
    return next(c for n in range(900, 1000) for d in range(10)
                if is_valid_lg_code(c := f"01{n:03d}{d}") and c not in bodies)


def test_happy_path_to_a_recorded_application(qtbot, lang, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toString()) or True)
    window = open_window(qtbot)
    check = fill_to_email(qtbot, window)
    qtbot.keyClicks(check.field, "taro@city.hakodate.lg.jp")
    press_next(qtbot, window, "review")
    review = page(window, "review")
    texts = " ".join(w.text() for w in review.findChildren(QLabel))
    assert "taro@city.hakodate.lg.jp" in texts and "012025" in texts and "函館 太郎" in texts
    assert not window.wizard.step_complete
    for box in review.rules:
        box.click()
    press_next(qtbot, window, "apply")
    apply = page(window, "apply")
    qtbot.mouseClick(apply.open_form, Qt.MouseButton.LeftButton)
    assert opened == ["https://www.digital.go.jp/get-involved/co-creation-platform/register"]
    qtbot.mouseClick(apply.findChild(type(apply.copy_all), "copy_email"),
                     Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "taro@city.hakodate.lg.jp"
    qtbot.mouseClick(apply.copy_all, Qt.MouseButton.LeftButton)
    assert "012025" in QApplication.clipboard().text()
    pdf = tmp_path / "summary.pdf"
    apply.save_pdf_to(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(window.wizard.applied, timeout=5000) as applied:
        qtbot.mouseClick(apply.confirm, Qt.MouseButton.LeftButton)
    record = applied.args[0]
    assert (record.email, record.organization_code, record.state) == (
        "taro@city.hakodate.lg.jp", "012025", "applied")
    assert window.navigation.currentRow() == 1
    status = window.status_page
    qtbot.waitUntil(lambda: len(status.card_widgets()) == 1, timeout=5000)
    assert "taro@city.hakodate.lg.jp" in status.card_widgets()[0].title.text()
    assert window.wizard.step == "eligibility"
    assert ApplicationStore().load_draft() == (None, None)


def test_rejected_email_blocks_next_with_the_reason(qtbot, lang):
    window = open_window(qtbot)
    check = fill_to_email(qtbot, window)
    qtbot.keyClicks(check.field, "taro@gmail.com")
    qtbot.waitUntil(lambda: check.last_result is not None, timeout=5000)
    assert not window.wizard.step_complete
    error = page(window, "email").findChild(QLabel, "error_email")
    assert error.isVisibleTo(window) and error.text()
    assert "gmail.com" in check.reasons.text()


def test_review_domain_explains_the_manual_check(qtbot, lang):
    window = open_window(qtbot)
    check = fill_to_email(qtbot, window)
    qtbot.keyClicks(check.field, "taro@city.hakodatex.hokkaido.jp")
    qtbot.waitUntil(lambda: check.last_result is not None, timeout=5000)
    assert check.last_result.verdict == "review"
    assert ("事務局の確認" if lang == "ja" else "manual check") in check.reasons.text()
    press_next(qtbot, window, "review")


def test_union_with_its_code(qtbot, lang):
    window = open_window(qtbot)
    check = fill_to_email(qtbot, window, eligibility="union")
    assert window.wizard.draft.organization_name == "渡島西部広域事務組合"
    qtbot.keyClicks(check.field, "taro@union.oshima-seibu.lg.jp")
    press_next(qtbot, window, "review")


def test_outsider_gets_no_way_forward(qtbot, lang):
    window = open_window(qtbot)
    page(window, "eligibility").buttons["other"].click()
    assert not window.wizard.step_complete
    assert window.wizard.blocked.text()


def test_bad_names_get_inline_messages(qtbot):
    window = open_window(qtbot)
    check = fill_to_email(qtbot, window)
    assert check  # reached step 4; go back to the applicant
    qtbot.mouseClick(window.wizard.back, Qt.MouseButton.LeftButton)
    applicant = page(window, "applicant")
    type_text(applicant.inputs["family_name"], "   ")
    type_text(applicant.inputs["given_name"], "太郎😀")
    assert not window.wizard.step_complete
    family_error = applicant.findChild(QLabel, "error_family_name")
    given_error = applicant.findChild(QLabel, "error_given_name")
    assert "姓と名" in family_error.text() and "絵文字" in given_error.text()


def test_invalid_code_typed_in_search(qtbot):
    window = open_window(qtbot)
    page(window, "eligibility").buttons["local_government"].click()
    press_next(qtbot, window, "organization")
    org = page(window, "organization")
    type_text(org.department, "総務課")
    org.search.setText("012026")
    error = org.findChild(QLabel, "error_organization_code")
    assert "012026" in error.text() and not window.wizard.step_complete
    org.search.setText("012025")
    assert window.wizard.step_complete


def test_resume_after_the_app_was_killed(qtbot):
    window = open_window(qtbot)
    fill_to_email(qtbot, window)
    qtbot.mouseClick(window.wizard.back, Qt.MouseButton.LeftButton)  # back to step 3
    type_text(page(window, "applicant").inputs["given_name"], "次郎")
    # no close, no goodbye: the next start reads what was saved (within the save delay)
    qtbot.waitUntil(lambda: (ApplicationStore().load_draft()[0] or Draft()).given_name == "次郎",
                    timeout=5000)
    draft, problem = ApplicationStore().load_draft()
    assert problem is None
    again = open_window(qtbot, draft)
    assert again.wizard.step == "applicant"
    assert page(again, "applicant").inputs["given_name"].text() == "次郎"
    assert again.wizard.draft.organization_code == "012025"


def test_corrupt_draft_is_moved_aside_and_the_app_starts(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "draft.json").write_bytes(b"\xff\xfe garbage")
    env = {**os.environ, "KYOSO_DATA_DIR": str(data), "KYOSO_CONFIG_DIR": str(tmp_path / "c"),
           "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "kyoso_desktop", "--quit-after-show",
                          "--offline"], env=env, capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert any(p.name.startswith("draft.corrupt-") for p in data.iterdir())


def test_corrupt_record_file_is_moved_aside_and_told(qtbot, user_folders):
    from kyoso_desktop.core.common.store import data_dir

    data_dir().mkdir(parents=True)
    (data_dir() / "applications.json").write_text("{not json", encoding="utf-8")
    window = open_window(qtbot)
    with qtbot.waitSignal(window.history_problem, timeout=10_000) as told:
        pass
    assert told.args[0].moved_to.read_text() == "{not json"
    assert ApplicationStore().records() == ([], None)
    env = {**os.environ, "KYOSO_DATA_DIR": str(data_dir())}
    status = subprocess.run([sys.executable, "-m", "kyoso_desktop", "status", "--json"],
                            env=env, capture_output=True, timeout=60)
    assert status.returncode == 0 and json.loads(status.stdout) == []


def test_every_input_has_an_accessible_name_and_labels_have_buddies(qtbot):
    window = open_window(qtbot)
    fill_to_email(qtbot, window)
    wizard = window.wizard
    wizard.draft = wizard.draft.with_changes(email="taro@city.hakodate.lg.jp",
                                             rules_confirmed=True)
    for step in ("review", "apply"):
        wizard._show_step(step)
    for step_page in wizard.pages.values():
        for kind in (QLineEdit, QComboBox, QListWidget, QDateEdit):
            for widget in step_page.findChildren(kind):
                if widget.parent() is not None and widget.parent().inherits("QDateEdit"):
                    continue  # the date edit's inner line edit
                assert widget.accessibleName(), (step_page.objectName(), widget.objectName())
        for label in step_page.findChildren(QLabel):
            if "&" in label.text() and "&&" not in label.text():
                assert label.buddy() is not None, label.text()
        for kind in (QCheckBox, QRadioButton):
            for box in step_page.findChildren(kind):
                assert box.text() or box.accessibleName()


def test_keyboard_only(qtbot):
    """Every control takes keys; Next has a mnemonic (Alt+N); Enter on a complete step moves
    on, and Next stays reachable (enabled) on an incomplete one, where it says why."""
    window = open_window(qtbot)
    radio = page(window, "eligibility").buttons["local_government"]
    nxt = window.wizard.next
    assert nxt.isEnabled() and nxt.accessibleDescription().startswith("まだ")  # says why
    qtbot.keyClick(radio, Qt.Key.Key_Space)
    assert radio.isChecked() and nxt.accessibleDescription() == ""
    assert "&N" in nxt.text() and not nxt.isDefault()  # a default frame would look like focus
    assert nxt.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert nxt.accessibleName() == "次へ"  # no "(N)" or arrow read aloud
    radio.setFocus()
    qtbot.keyClick(radio, Qt.Key.Key_Return)
    assert window.wizard.step == "organization"
    org = page(window, "organization")
    chain, widget = [], org.search
    for _ in range(12):  # the tab order follows the layout: search, filter, results, …
        chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
    assert chain.index("organizationSearch") < chain.index("prefectureFilter") < \
        chain.index("organizationResults")


def test_kyoso_with_screenshot_option_opens_the_window_and_saves_a_picture(tmp_path):
    """`kyoso --screenshot x.png` (as IT runs it to check an install) is the window's option."""
    picture = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "kyoso_desktop", "--offline", "--screenshot",
                          str(picture)], env=env, capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_what_the_platform_is_from_step_one_and_help(qtbot, lang):
    window = open_window(qtbot)
    box = page(window, "eligibility").show_about()
    words = ("個人のご意見", "14,700") if lang == "ja" else ("personal opinions", "14,700")
    assert all(w in box.text() for w in words)
    window.navigation.setCurrentRow(3)
    titles = [window.help_page.topics.item(i).text()
              for i in range(window.help_page.topics.count())]
    assert ("共創PFとは" if lang == "ja" else "What the co-creation platform is") in titles
