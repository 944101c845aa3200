"""The window: areas, settings, language switch (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.settings import Settings, load_settings
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    win = MainWindow(Settings(offline=True), None, ApplicationStore())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def texts(widget):
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_starts_at_step_one(window):
    assert window.wizard.step == "eligibility"
    assert "1/6" in window.wizard.title.text()


def test_status_area_lists_no_application_yet(qtbot, window):
    window.navigation.setCurrentRow(1)
    qtbot.waitUntil(lambda: "まだ申請の記録がありません" in window.status_page.message.text(),
                    timeout=5000)
    assert window.status_page.message.isVisibleTo(window)


def test_connection_area_is_off_in_offline_mode(window):
    window.navigation.setCurrentRow(2)
    assert not window.connection_page.start_button.isEnabled()


def test_help_shows_the_rules_and_searches_the_guide(window):
    window.navigation.setCurrentRow(3)
    help_page = window.help_page
    assert "co-creation-platform@digital.go.jp" in help_page.view.toPlainText()
    help_page.search.setText("WebSocket")
    assert help_page.topics.count() >= 1
    assert "wss-primary.slack.com" in help_page.view.toPlainText()
    help_page.search.setText("存在しない言葉")
    assert help_page.topics.count() == 0 and "見つかりません" in help_page.view.toPlainText()


def test_language_switch_keeps_the_draft_and_is_saved(qtbot, window):
    window.wizard.draft = Draft(step="applicant", eligibility="local_government",
                                organization_code="012025", family_name="函館")
    window.set_language("en")
    try:
        assert window.wizard.step == "applicant"
        assert "Step 3 of 6" in window.wizard.title.text()
        assert "Registration" in window.navigation.text(0)
        assert window.wizard.pages["applicant"].inputs["family_name"].text() == "函館"
        assert load_settings()[0].language == "en"
    finally:
        i18n.set_language("ja")


def test_japanese_era_setting(qtbot, window):
    window.set_japanese_era(True)
    assert load_settings()[0].japanese_era is True
    window.wizard.draft = Draft(step="apply")
    window.wizard._show_step("apply")
    assert window.wizard.pages["apply"].date_text.text().startswith("令和")


def test_settings_locked_by_it_are_greyed(qtbot, user_folders):
    from kyoso_desktop.core.common.settings import managed_config_path

    path = managed_config_path()
    path.parent.mkdir(parents=True)
    path.write_text('offline = true\norganization_code = "012025"\n', encoding="utf-8")
    settings = load_settings()[0]
    win = MainWindow(settings, None, ApplicationStore())
    qtbot.addWidget(win)
    assert not win.offline_action.isEnabled() and "IT" in win.offline_action.text()
    assert win.wizard.draft.organization_code == "012025"
    win.wizard.draft = win.wizard.draft.with_changes(department="総務課")
    win.wizard._show_step("organization")
    page = win.wizard.pages["organization"]
    assert not page.search.isEnabled() and "函館市" in page.selected.text()


def _applied(email="taro@city.hakodate.lg.jp"):
    from datetime import date, timedelta

    store = ApplicationStore()
    store.add(Draft(eligibility="local_government", organization_code="012025",
                    family_name="函館", given_name="太郎", department="総務部"),
              date.today() - timedelta(days=2), email=email, organization_name="北海道函館市")
    return store


def test_opens_on_the_invitation_status_when_an_application_is_waiting(qtbot):
    win = MainWindow(Settings(offline=True), None, _applied())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.navigation.currentRow() == 1, timeout=5000)
    qtbot.waitUntil(lambda: len(win.status_page.card_widgets()) == 1, timeout=5000)


def test_a_draft_in_progress_keeps_the_wizard(qtbot):
    store = _applied()
    draft = Draft(step="applicant", eligibility="local_government", organization_code="012025")
    win = MainWindow(Settings(offline=True), draft, store)
    qtbot.addWidget(win)
    win.show()
    qtbot.wait(600)  # the history is read after the first paint
    assert win.navigation.currentRow() == 0 and win.wizard.step == "applicant"


def test_an_address_already_applied_for_is_a_warning_with_a_way_to_its_card(qtbot):
    store = _applied()
    draft = Draft(step="email", eligibility="local_government", organization_code="012025",
                  department="総務部", family_name="函館", given_name="太郎")
    win = MainWindow(Settings(offline=True), draft, store)
    qtbot.addWidget(win)
    win.show()
    check = win.wizard.pages["email"].check
    qtbot.waitUntil(lambda: check.ready, timeout=10_000)
    check.set_address("Taro@City.Hakodate.lg.jp")
    assert check.applied_row.isVisibleTo(win) and "1つのアドレス" in check.applied_notice.text()
    assert "申請" not in check.warnings.text() or not check.warnings.isVisibleTo(win)
    check.applied_button.click()
    assert win.navigation.currentRow() == 1
    qtbot.waitUntil(lambda: bool(win.status_page.card_widgets()) and
                    win.status_page.card_widgets()[0].check_mail.hasFocus(), timeout=5000)


def test_settings_sources_dialog_names_each_source(qtbot, window, user_folders):
    managed = user_folders / "managed" / "managed.toml"
    managed.parent.mkdir()
    managed.write_text('proxy = "http://proxy.city.example.lg.jp:8080"\n', encoding="utf-8")
    window._show_sources()
    qtbot.waitUntil(lambda: getattr(window, "sources_dialog", None) is not None, timeout=5000)
    table = window.sources_dialog.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in (1, 2, 3)]
            for r in range(table.rowCount())}
    assert rows["プロキシ（接続チェック用）"] == ["http://proxy.city.example.lg.jp:8080",
                                              "IT部門の設定ファイル", "はい"]
    assert rows["和暦で表示"][1:] == ["既定値", "いいえ"]
    window.sources_dialog.close()


def test_forget_removes_the_users_records_after_a_confirmation(qtbot, monkeypatch,
                                                               user_folders):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kyoso_desktop.ui import dialogs

    store = ApplicationStore()
    win = MainWindow(Settings(offline=True), Draft(email="taro@city.hakodate.lg.jp"), store)
    qtbot.addWidget(win)
    win.wizard.save_now()
    qtbot.waitUntil(lambda: (user_folders / "data" / "draft.json").exists(), timeout=5000)
    asked = []
    monkeypatch.setattr(dialogs, "confirm_destructive",
                        lambda parent, title, question: asked.append(question) or False)
    win._forget()
    assert asked and (user_folders / "data" / "draft.json").exists()  # "No": nothing goes
    monkeypatch.setattr(dialogs, "confirm_destructive", lambda *a: True)
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    win._forget()
    qtbot.waitUntil(lambda: getattr(win, "forgotten_box", None) is not None, timeout=5000)
    assert "削除しました" in win.forgotten_box.text()
    assert not (user_folders / "data" / "draft.json").exists()
    assert win.wizard.draft.email == ""
    win.forgotten_box.done(QMessageBox.StandardButton.Ok)
    assert quits == [True]  # the window closes: nothing of the user is written again


def test_the_status_bar_says_where_the_user_is(qtbot, window):
    """One spoken name per place: the areas carry no numbers that clash with the steps, and
    the status bar names the place (and, after a check, the support code)."""
    assert [window.navigation.text(r) for r in range(4)] == ["登録", "招待の状況", "接続チェック",
                                                             "ヘルプ"]
    assert window.place.text().startswith("いまの場所: 登録 › ステップ 1/6")
    window.wizard.go_next()  # nothing chosen: stays, and the place says so
    assert "ステップ 1/6" in window.place.text()
    window.navigation.setCurrentRow(3)
    assert window.place.text().startswith("いまの場所: ヘルプ   サポートコード: ")
    assert window.windowTitle() == "ヘルプ"  # Qt adds the app's name once


def test_the_support_code_is_always_in_the_status_bar_and_says_where(qtbot, window):
    """Before any check the code already carries the place and the email's verdict; the
    helpdesk console reads them back."""
    from kyoso_desktop.core.eligibility.engine import default_engine
    from kyoso_desktop.core.netdiag.supportcode import decode

    code = window.place.text().rsplit(" ", 1)[-1]
    assert decode(code).place == "step_eligibility" and not decode(code).connection_checked
    window.wizard.email_checked.emit(default_engine().check("taro@gmail.com"))
    window.navigation.setCurrentRow(2)
    decoded = decode(window.support_code())
    assert (decoded.place, decoded.email_verdict, decoded.email_category) == (
        "area_connection", "rejected", "free_mail")
    assert window.support_code() in window.place.text()
    window.wizard.email_checked.emit(None)  # the field emptied: no verdict any more
    assert decode(window.support_code()).email_verdict == "none"


def test_the_help_area_reads_a_support_code_out_as_what_to_say(window):
    window.navigation.setCurrentRow(3)
    window.help_page._decode("2400MC0-C20488T")
    shown = window.help_page.view.toPlainText()
    assert "相談者に伝える内容" in shown and "本日申請済み" in shown
    assert "情報政策担当課" in shown  # whom to contact: IT, for the network findings


def test_help_opens_the_manual_the_installer_carries_else_makes_it(qtbot, window, tmp_path,
                                                                    monkeypatch):
    """Help → Manual: the bundled PDF when there is one; else made from the screens in a
    helper process (offline), kept in the user's data folder, and opened."""
    from PySide6.QtGui import QDesktopServices

    from kyoso_desktop.core.helpdesk import manual

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    bundled = tmp_path / "manual-ja.pdf"
    bundled.write_bytes(b"%PDF-1.4 sample")
    monkeypatch.setattr(manual, "bundled_manual", lambda lang: bundled)
    window.manual_action.trigger()
    assert opened == [str(bundled)]
    monkeypatch.setattr(manual, "bundled_manual", lambda lang: None)
    window.manual_action.trigger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=120_000)
    made = manual.made_manual("ja")
    assert opened[1] == str(made) and made.read_bytes().startswith(b"%PDF")
    assert window.manual_action.isEnabled()


def test_making_the_manual_shows_progress_and_can_be_cancelled(qtbot, window, monkeypatch):
    """Making the manual takes seconds: a busy dialog says so; its Cancel stops the helper
    process, nothing is opened or kept, and the status bar says it was cancelled."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QPushButton

    from kyoso_desktop.core.helpdesk import manual

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    monkeypatch.setattr(manual, "bundled_manual", lambda lang: None)
    made = manual.made_manual("ja")
    made.unlink(missing_ok=True)
    window.manual_action.trigger()
    progress = window.manual_progress
    assert progress is not None and progress.isVisible() and not window.manual_action.isEnabled()
    assert "マニュアル" in progress.labelText()
    qtbot.mouseClick(progress.findChild(QPushButton, "cancelManual"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.manual_action.isEnabled, timeout=20_000)
    assert window.manual_progress is None and opened == [] and not made.exists()
    assert "中止" in window.statusBar().currentMessage()
    window.manual_action.trigger()  # with the keyboard: Esc cancels as well
    progress = window.manual_progress
    progress.activateWindow()
    qtbot.waitUntil(progress.isActiveWindow)
    qtbot.keyClick(progress.findChild(QPushButton, "cancelManual"), Qt.Key.Key_Escape)
    qtbot.waitUntil(window.manual_action.isEnabled, timeout=20_000)
    assert window.manual_progress is None and opened == [] and not made.exists()
