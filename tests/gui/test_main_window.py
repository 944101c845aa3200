"""The window and its live email check, driven like a user would (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from kyoso_desktop.core import i18n
from kyoso_desktop.core.settings import Settings, load_settings
from kyoso_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    win = MainWindow(Settings(offline=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.email_check.ready, timeout=10_000)
    return win


def verdict_of(win):
    result = win.email_check.last_result
    return result.verdict if result else None


def test_checks_as_you_type_and_applies_a_suggestion(qtbot, window):
    check = window.email_check
    qtbot.keyClicks(check.field, "taro@city.hakodate.lg.jo")
    qtbot.waitUntil(lambda: verdict_of(window) == "rejected", timeout=5000)
    assert "登録できません" in check.verdict.text()
    assert [b.text() for b in check.suggestion_buttons] == ["taro@city.hakodate.lg.jp"]
    qtbot.mouseClick(check.suggestion_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: verdict_of(window) == "accepted", timeout=5000)
    assert check.field.text() == "taro@city.hakodate.lg.jp"
    assert "函館市" in check.organization.text()
    assert check.suggestion_buttons == []


def test_japanese_ime_input_is_normalised(qtbot, window):
    check = window.email_check
    check.field.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("ｔａｒｏ＠ｃｉｔｙ．ｙｏｋｏｈａｍａ．ｊｐ")
    QApplication.sendEvent(check.field, event)
    qtbot.waitUntil(lambda: verdict_of(window) == "review", timeout=5000)
    assert check.warnings.isVisibleTo(window) and "補正" in check.warnings.text()
    assert "横浜市" in check.organization.text()


def test_warnings_and_reasons_are_shown(qtbot, window):
    window.email_check.set_address("soumu@city.hakodate.lg.jp")
    assert "共有アドレス" in window.email_check.warnings.text()
    assert window.email_check.reasons.text()


def test_offline_window_starts_no_dns_lookup(qtbot, window):
    window.email_check.set_address("taro@city.hakodate.lg.jp")
    assert window.email_check._online_checker is None
    assert window.email_check._background.pending == 0


def test_other_areas_say_they_come_later(window):
    for row in (1, 2):
        window.navigation.setCurrentRow(row)
        page = window.pages.currentWidget()
        notices = [w for w in page.findChildren(QLabel) if w.objectName() == "comingLater"]
        assert notices and "今後の版" in notices[0].text()
    window.navigation.setCurrentRow(3)
    assert "co-creation-platform@digital.go.jp" in " ".join(
        w.text() for w in window.pages.currentWidget().findChildren(QLabel))


def test_language_switch_keeps_input_and_is_saved(qtbot, window):
    window.email_check.set_address("taro@gmail.com")
    window.set_language("en")
    try:
        qtbot.waitUntil(lambda: window.email_check.ready, timeout=10_000)
        window.email_check.run_check()
        assert window.email_check.field.text() == "taro@gmail.com"
        assert "Cannot be registered" in window.email_check.verdict.text()
        assert "Registration" in window.navigation.text(0)
        assert load_settings()[0].language == "en"
    finally:
        i18n.set_language("ja")


def test_inputs_have_accessible_names(window):
    for field in window.findChildren(QLineEdit):
        assert field.accessibleName()
    for label in window.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None
