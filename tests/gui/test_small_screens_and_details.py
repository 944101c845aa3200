"""Small screens (1366×768 at 125 %) and details: everything fits or scrolls, destructive
confirmations default to No, one Alt key per control on each screen, save dialogs in Documents,
help keeps its bullets, furigana as full-width katakana, agencies in the display language."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QGroupBox, QLabel, QMessageBox

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.eligibility.directory import default_directory
from kyoso_desktop.core.registration.flow import STEPS, Draft, RegistrationFlow
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.main_window import MainWindow

# 1366×768 at 125 %, less a taskbar (48 px) and a title bar (31 px), in logical pixels
SMALL = (1366 / 1.25, (768 - 48 - 31) / 1.25)
MNEMONIC = re.compile(r"&([^&])")


@pytest.fixture(params=["ja", "en"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("ja")


def window_at(qtbot, lang, eligibility="local_government"):
    draft = Draft(eligibility=eligibility, organization_code="012025", department="総務部",
                  family_name="函館", given_name="太郎", email="taro@city.hakodate.lg.jp",
                  rules_confirmed=True, organization_name="渡島西部広域事務組合")
    win = MainWindow(Settings(offline=True, language=lang), draft, ApplicationStore())
    qtbot.addWidget(win)
    win.show()
    return win


def fits(widget) -> bool:
    hint = widget.minimumSizeHint()
    return hint.width() <= SMALL[0] and hint.height() <= SMALL[1]


def duplicate_mnemonics(root) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    widgets = root.findChildren(QAbstractButton) + root.findChildren(QLabel) + \
        root.findChildren(QGroupBox)
    texts = [w.title() if isinstance(w, QGroupBox) else w.text()
             for w in widgets if w.isVisibleTo(root)]
    if hasattr(root, "menuBar"):
        texts += [a.text() for a in root.menuBar().actions()]
    for text in texts:
        for key in MNEMONIC.findall(text.replace("&&", "")):
            found.setdefault(key.lower(), []).append(text)
    return {k: v for k, v in found.items() if len(v) > 1}


@pytest.mark.parametrize("eligibility", ["local_government", "union", "agency"])
def test_every_step_and_area_fits_and_has_unique_alt_keys(qtbot, lang, eligibility):
    win = window_at(qtbot, lang, eligibility)
    for step in STEPS:
        win.wizard._show_step(step)
        assert fits(win), (step, win.minimumSizeHint())
        assert duplicate_mnemonics(win) == {}, step
    for row in (1, 2, 3):
        win.navigation.setCurrentRow(row)
        assert fits(win), row
        assert duplicate_mnemonics(win) == {}, row


def test_dialogs_fit(qtbot, lang):
    from kyoso_desktop.ui.invitation.inquiry import InquiryDialog
    from kyoso_desktop.ui.invitation.link_aid import LinkAidDialog
    from kyoso_desktop.ui.invitation.mailbox import MailboxDialog

    record = ApplicationStore().add(Draft(family_name="函館", given_name="太郎"),
                                    date(2026, 11, 20), email="taro@city.hakodate.lg.jp",
                                    organization_name="北海道函館市")
    dialogs = [LinkAidDialog("https://join.slack.com/t/kyoso-pf/shared_invite/"
                             "zt-1abc2def3-0Ol1IxYz9AbCdEfGhIjKlMnOpQrStUv"),
               LinkAidDialog(None), InquiryDialog(record), MailboxDialog(record, Settings())]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert fits(dialog), (type(dialog).__name__, dialog.minimumSizeHint())
        assert duplicate_mnemonics(dialog) == {}, type(dialog).__name__


def test_destructive_confirmations_default_to_no(qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args) or QMessageBox.StandardButton.No)
    win = window_at(qtbot, "ja")
    win.wizard._start_over()
    assert asked and asked[-1][-1] == QMessageBox.StandardButton.No  # the default button
    assert win.wizard.draft.family_name == "函館"  # nothing discarded


def test_save_dialogs_open_in_documents_with_a_title_and_filter(qtbot, monkeypatch):
    from kyoso_desktop.ui.dialogs import documents_folder

    calls = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: calls.append(args) or ("", ""))
    win = window_at(qtbot, "ja")
    win.wizard._show_step("apply")
    win.wizard.pages["apply"]._save_pdf()
    _parent, title, start, file_filter = calls[-1]
    assert title and start.startswith(str(documents_folder())) and "PDF" in file_filter
    assert "(*.pdf)" in file_filter and start.endswith(".pdf")


def test_help_articles_keep_their_bullets(qtbot):
    win = window_at(qtbot, "ja")
    win.navigation.setCurrentRow(3)
    help_page = win.help_page
    help_page.search.setText("無害化")
    text = help_page.view.toPlainText()
    bullet_lines = [line for line in text.splitlines() if line.startswith("・")]
    assert len(bullet_lines) >= 3


def test_furigana_becomes_full_width_katakana():
    flow = RegistrationFlow()
    draft = Draft(eligibility="local_government", organization_code="012025",
                  family_name="函館", given_name="太郎", family_kana="はこだて",
                  given_kana="ﾀﾛｳ", email="taro@city.hakodate.lg.jp", department="総務部")
    fields = {key: value for key, _label, value in flow.form_fields(draft)}
    assert fields["kana"] == "ハコダテ タロウ"


def test_agencies_in_the_display_language():
    directory = default_directory()
    ja = [b.name for b in directory.search("", agencies=True, lang="ja", limit=5)]
    assert ja[:2] == ["内閣官房", "内閣府"]  # the government's own order
    en = [b.display_name("en") for b in directory.search("", agencies=True, lang="en",
                                                         limit=100)]
    assert en == sorted(en, key=str.casefold)


def test_department_is_marked_required(qtbot, lang):
    win = window_at(qtbot, lang)
    win.wizard._show_step("organization")
    labels = [label.text() for label in win.wizard.pages["organization"].findChildren(QLabel)]
    assert any(("必須" if lang == "ja" else "required") in t for t in labels)


def test_fields_do_not_jump_when_a_hint_appears(qtbot):
    win = window_at(qtbot, "ja")
    win.wizard._show_step("applicant")
    applicant = win.wizard.pages["applicant"]
    below = applicant.inputs["family_kana"]
    before = below.mapTo(win, below.rect().topLeft()).y()
    applicant.inputs["given_name"].setText("")
    applicant.inputs["family_name"].setText("")
    win.wizard.go_next()  # shows every problem of the step
    qtbot.wait(50)
    error = applicant.findChild(QLabel, "error_family_name")
    assert error.text()
    assert below.mapTo(win, below.rect().topLeft()).y() == before


# 1920×1080 at 200 % (a common laptop), less the taskbar and title bar, in logical pixels
DOUBLE = (1920 / 2, (1080 - 48 * 2 - 31 * 2) / 2)


def test_every_step_and_area_fits_at_200_percent(qtbot, lang):
    win = window_at(qtbot, lang)
    for row in (0, 1, 2, 3):
        win.navigation.setCurrentRow(row)
        steps = STEPS if row == 0 else ["-"]
        for step in steps:
            if row == 0:
                win.wizard._show_step(step)
            hint = win.minimumSizeHint()
            assert hint.width() <= DOUBLE[0] and hint.height() <= DOUBLE[1], (row, step, hint)


def test_the_window_renders_at_200_percent(tmp_path):
    """Qt's own scaling at 200 %: the window comes up and draws at twice the pixels."""
    picture = tmp_path / "double.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    run = subprocess.run([sys.executable, "-m", "kyoso_desktop", "--offline", "--screenshot",
                          str(picture)], env=env, capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    assert image.width() >= 2 * 900  # the 960-pixel-wide window, drawn at twice the pixels
