"""案内番号: every interactive control of every screen carries a number from the data file,
unique on the screen, the same in Japanese and English; badges never take focus or clicks and
leave the control's text readable."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QToolButton,
)

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.registration.flow import STEPS, Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.main_window import MainWindow

DRAFT = Draft(eligibility="local_government", organization_code="012025", department="総務部",
              family_name="函館", given_name="太郎", family_kana="ハコダテ", given_kana="タロウ",
              email="taro@city.hakodate.lg.jp", rules_confirmed=True)


def interactive(window) -> list:
    """The enabled controls a user can operate on the screen shown (not a line edit's own
    clear button, a spin box's inner field, a table's headers: parts of their control)."""
    found = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox):
        for widget in window.centralWidget().findChildren(kind):
            parent = widget.parentWidget()
            if isinstance(widget, QToolButton) and isinstance(parent, QLineEdit):
                continue
            if isinstance(parent, QAbstractSpinBox | QComboBox | QAbstractItemView):
                continue
            if widget.isVisible() and widget.isEnabled():
                found.append(widget)
    return found


def screens(qtbot, lang: str) -> dict[str, dict[str, str]]:
    """screen id -> {control's object name: its number} with the badges shown."""
    i18n.set_language(lang)
    store = ApplicationStore()
    if not store.records()[0]:
        store.add(DRAFT, date.today() - timedelta(days=5), email=DRAFT.email,
                  organization_name="函館市")
    win = MainWindow(Settings(offline=True, language=lang), DRAFT, store)
    qtbot.addWidget(win)
    win.show()
    win.set_guide_numbers(True)
    seen: dict[str, dict[str, str]] = {}
    places = [(0, step) for step in STEPS] + [(1, None), (2, None), (3, None)]
    for row, step in places:
        win.navigation.setCurrentRow(row)
        if step:
            win.wizard._show_step(step)
        if row == 1:
            qtbot.waitUntil(lambda: any(card.isVisible() for card
                                        in win.status_page.card_widgets()), timeout=5000)
        win.guide.refresh()
        controls = interactive(win)
        missing = [w.objectName() or type(w).__name__ for w in controls
                   if w not in win.guide.badges]
        assert missing == [], (win.screen_id(), missing)
        numbers = {w.objectName(): win.guide.badges[w].text() for w in controls}
        assert len(set(numbers.values())) == len(numbers), (win.screen_id(), numbers)
        for widget in controls:
            badge = win.guide.badges[widget]
            assert badge.focusPolicy() == Qt.FocusPolicy.NoFocus
            assert badge.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            centre = widget.mapTo(win, widget.rect().center())
            assert not badge.geometry().contains(centre), widget.objectName()
        seen[win.screen_id()] = numbers
    win.set_guide_numbers(False)
    assert win.guide.badges == {}
    return seen


def test_every_control_has_a_number_the_same_in_both_languages(qtbot):
    japanese = screens(qtbot, "ja")
    english = screens(qtbot, "en")
    i18n.set_language("ja")
    assert japanese == english
    assert japanese["step_eligibility"]["nextButton"] == "9"
    assert japanese["area_status"]["inquiryButton"] == "1-3"  # the first card's inquiry


@pytest.mark.parametrize("args, on", [([], False), (["--guide-numbers"], True),
                                      (["--phone-mode"], True)])
def test_guide_numbers_from_the_command_line_and_phone_mode(args, on):
    from kyoso_desktop.window_args import parse_gui_args

    parsed, _qt = parse_gui_args(args)
    assert (parsed.guide_numbers or parsed.phone_mode) is on


def test_phone_mode_turns_the_numbers_on_and_enlarges_the_place(qtbot):
    plain = MainWindow(Settings(offline=True), None, ApplicationStore())
    phone = MainWindow(Settings(offline=True, phone_mode=True), None, ApplicationStore())
    for win in (plain, phone):
        qtbot.addWidget(win)
        win.show()
    assert phone.guide.on and not plain.guide.on
    assert phone.place.font().pointSizeF() > plain.place.font().pointSizeF()
    assert phone.phone_action.isChecked()


def dialogs(qtbot, lang: str) -> dict[str, dict[str, str]]:
    """dialog -> {control's name: its number}, each dialog opened over the window with the
    numbers on (they follow into the dialog by themselves)."""
    from PySide6.QtWidgets import QDialog, QMessageBox, QPlainTextEdit

    from kyoso_desktop.ui.guide_numbers import control_name
    from kyoso_desktop.ui.invitation.inquiry import InquiryDialog
    from kyoso_desktop.ui.invitation.link_aid import LinkAidDialog
    from kyoso_desktop.ui.invitation.mailbox import MailboxDialog
    from kyoso_desktop.ui.main_window import _manual_progress
    from kyoso_desktop.ui.proxy_account import ProxyAccountDialog
    from kyoso_desktop.ui.settings_sources import SettingsSourcesDialog

    i18n.set_language(lang)
    store = ApplicationStore()
    record = store.add(DRAFT, date.today() - timedelta(days=9), email=DRAFT.email,
                       organization_name="函館市")
    win = MainWindow(Settings(offline=True, language=lang), DRAFT, store)
    qtbot.addWidget(win)
    win.show()
    win.set_guide_numbers(True)
    opened: list[QDialog] = [
        InquiryDialog(record, win), MailboxDialog(record, Settings(), win),
        LinkAidDialog("https://join.slack.com/t/kyoso-pf/shared_invite/zt-1abc", win),
        ProxyAccountDialog(None, win),
        SettingsSourcesDialog({"language": {"value": "ja", "source": "default",
                                            "locked": False}}, [], win)]
    win._about()
    opened.append(win.findChild(QMessageBox, "about"))
    opened.append(_manual_progress(win, threading.Event()))
    seen: dict[str, dict[str, str]] = {}
    for dialog in opened:
        dialog.show()
        guide = None

        def followed(dialog=dialog) -> bool:
            nonlocal guide
            guide = next((g for g in win.guide.dialogs if g.window is dialog and g.badges), None)
            return guide is not None

        qtbot.waitUntil(followed, timeout=3000)
        guide.refresh()
        controls = [w for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView,
                                   QAbstractSpinBox, QPlainTextEdit)
                    for w in dialog.findChildren(kind)
                    if w.isVisible() and w.isEnabled() and w.window() is dialog
                    and not isinstance(w.parentWidget(), QLineEdit | QAbstractSpinBox |
                                       QComboBox | QAbstractItemView)]
        missing = [control_name(w) or type(w).__name__ for w in controls
                   if w not in guide.badges]
        assert missing == [], (dialog.objectName(), missing)
        numbers = {control_name(w): guide.badges[w].text() for w in controls}
        assert len(set(numbers.values())) == len(numbers), (dialog.objectName(), numbers)
        for badge in guide.badges.values():
            assert badge.focusPolicy() == Qt.FocusPolicy.NoFocus
        seen[dialog.objectName()] = numbers
        dialog.hide()
    win.set_guide_numbers(False)
    assert win.guide.dialogs == []
    return seen


def test_every_dialog_has_numbers_the_same_in_both_languages(qtbot):
    japanese = dialogs(qtbot, "ja")
    english = dialogs(qtbot, "en")
    i18n.set_language("ja")
    assert japanese == english
    assert set(japanese) == {"inquiry", "mailbox", "link_aid", "proxy_account",
                             "settings_sources", "about", "manual_progress"}
    assert japanese["inquiry"]["box_Close"] == "12" and japanese["link_aid"]["typedLink"] == "1"


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_badges_leave_their_controls_readable_with_large_text(qtbot, scale):
    """At 150 % and 200 % text the badge still sits beside its control's centre, never on it."""
    from PySide6.QtGui import QFont

    i18n.set_language("ja")
    win = MainWindow(Settings(offline=True), DRAFT, ApplicationStore())
    qtbot.addWidget(win)
    font = QFont(win.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    win.setFont(font)
    win.resize(int(1000 * scale), int(700 * scale))
    win.show()
    win.set_guide_numbers(True)
    for step in STEPS:
        win.wizard._show_step(step)
        qtbot.wait(10)
        win.guide.refresh()
        controls = interactive(win)
        assert controls and all(w in win.guide.badges for w in controls), step
        for widget in controls:
            badge = win.guide.badges[widget]
            centre = widget.mapTo(win, widget.rect().center())
            assert not badge.geometry().contains(centre), (step, widget.objectName())
