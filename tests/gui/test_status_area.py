"""The invitation-status area: cards, saved-mail check, link aid, inquiry, mailbox (Dovecot)."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.invitation import timeline as tl
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.invitation.inquiry import InquiryDialog
from kyoso_desktop.ui.invitation.link_aid import LinkAidDialog
from kyoso_desktop.ui.invitation.status import StatusPage
from tests import mailcorpus as corpus

DRAFT = Draft(eligibility="local_government", organization_code="012025",
              department="総務部 情報政策課", family_name="函館", given_name="太郎")


def add_record(days_ago: int = 10):
    store = ApplicationStore()
    return store, store.add(DRAFT, date.today() - timedelta(days=days_ago),
                            email="taro@city.hakodate.lg.jp", organization_name="北海道函館市")


@pytest.fixture
def page(qtbot):
    def make(settings=None, store=None):
        widget = StatusPage("2.", settings or Settings(offline=True,
                                                     trusted_authserv=("mx.city.example.lg.jp",)),
                            store or ApplicationStore())
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitUntil(lambda: bool(widget.card_widgets()) or widget.message.isVisibleTo(widget),
                        timeout=5000)
        return widget
    return make


def test_overdue_card_says_what_to_do(page):
    store, _record = add_record(days_ago=14)
    status = page(store=store)
    card = status.card_widgets()[0]
    assert "招待メールの期限超過" in card.state.text()
    assert "事務局" in card.next_step.text() and "開庁日" in card.timeline.text()
    assert not card.inquiry.isHidden()


def test_check_a_saved_mail_and_record_the_invitation(qtbot, page, tmp_path):
    store, record = add_record()
    status = page(store=store)
    card = status.card_widgets()[0]
    mail = tmp_path / "invite.eml"
    mail.write_bytes(corpus.invitation())
    card.check_file(str(mail))
    qtbot.waitUntil(lambda: card.last_check is not None, timeout=5000)
    assert card.last_check.verdict == "genuine" and "正規" in card.mail_result.text()
    assert corpus.JOIN in card.link_text.text().replace("\u200b", "")
    button = card.findChild(type(card.check_mail), "recordInvitation")
    button.click()
    assert store.find(record.id).state == "invitation_received"
    assert store.find(record.id).invitation.verdict == "genuine"
    expected = tl.timeline(store.find(record.id), date.today(), default_policy(), "ja")
    assert expected.state in ("invitation_received", "expired")  # the corpus mail's date
    assert expected.state_text in card.state.text()


def test_sanitised_mail_offers_typing_instead_of_a_link(qtbot, page, tmp_path):
    store, _record = add_record()
    status = page(store=store)
    card = status.card_widgets()[0]
    mail = tmp_path / "sanitized.eml"
    mail.write_bytes(corpus.sanitized())
    card.check_file(str(mail))
    qtbot.waitUntil(lambda: card.last_check is not None, timeout=5000)
    assert card.last_check.verdict == "sanitized" and "無害化" in card.mail_result.text()
    assert card.findChild(type(card.check_mail), "linkAidButton") is not None


def test_phishing_is_shown_as_such(qtbot, page, tmp_path):
    store, _record = add_record()
    status = page(store=store)
    card = status.card_widgets()[0]
    mail = tmp_path / "phish.eml"
    mail.write_bytes(corpus.phishing("reply_to"))
    card.check_file(str(mail))
    qtbot.waitUntil(lambda: card.last_check is not None, timeout=5000)
    assert "不審" in card.mail_result.text()
    assert card.findChild(type(card.check_mail), "recordInvitation") is None
    # a warning, not plain text: mark, colour, and what to do
    assert "⚠" in card.mail_result.text() and "#9b1c1c" in card.mail_result.text()
    assert "情報政策担当課" in card.mail_result.text() or "IT" in card.mail_result.text()


def test_an_invitation_for_another_address_is_not_offered_for_this_card(qtbot, page, tmp_path):
    store, record = add_record()
    status = page(store=store)
    card = status.card_widgets()[0]
    mail = tmp_path / "other.eml"
    mail.write_bytes(corpus.invitation().replace(b"To: taro@city.hakodate.lg.jp",
                                                 b"To: hanako@city.hakodate.lg.jp"))
    card.check_file(str(mail))
    qtbot.waitUntil(lambda: card.last_check is not None, timeout=5000)
    assert card.last_check.is_invitation
    assert "hanako@city.hakodate.lg.jp" in card.mail_result.text()
    assert card.findChild(type(card.check_mail), "recordInvitation") is None
    assert store.find(record.id).state == "applied"


def test_joined_and_withdraw(qtbot, page, monkeypatch):
    store, record = add_record()
    status = page(store=store)
    card = status.card_widgets()[0]
    card.joined.click()
    assert store.find(record.id).state == "joined" and "参加済み" in card.state.text()
    _store, _other = add_record()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    status2 = page(store=store)
    second = status2.card_widgets()[0]
    second.withdraw.click()
    assert store.find(second.record.id).state == "withdrawn"


def test_link_aid_checks_each_group(qtbot):
    dialog = LinkAidDialog(corpus.JOIN)
    qtbot.addWidget(dialog)
    # the spoken names in Japanese
    assert "underline" in dialog.chunks.text() and "0 = ゼロ（数字）" in dialog.legend.text()
    assert not dialog.qr.pixmap().isNull()
    dialog.typed.setText(corpus.JOIN.replace("0Ol1I", "O0lI1"))
    assert "✖" in dialog.feedback.text()
    dialog.typed.setText(corpus.JOIN)
    assert "✔" in dialog.feedback.text()


def test_link_aid_for_a_sanitised_mail_checks_the_form(qtbot):
    dialog = LinkAidDialog(None)
    qtbot.addWidget(dialog)
    dialog.typed.setText("https://join.slack.com/t/kyoso")
    assert "✔" not in dialog.feedback.text()
    dialog.typed.setText(corpus.JOIN)
    assert "✔" in dialog.feedback.text() and not dialog.qr.pixmap().isNull()


def test_inquiry_dialog(qtbot, tmp_path, monkeypatch):
    _store, record = add_record(days_ago=14)
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toString(
                            url.ComponentFormattingOption.FullyEncoded)) or True)
    dialog = InquiryDialog(record)
    qtbot.addWidget(dialog)
    assert dialog.to.text() == "co-creation-platform@digital.go.jp"
    assert "函館 太郎" in dialog.subject.text() and "012025" in dialog.body.toPlainText()
    dialog.open_mail.click()
    assert opened and opened[0].startswith("mailto:") and len(opened[0]) <= 1900
    draft = tmp_path / "inquiry.eml"
    dialog.save_draft_to(str(draft))
    mail = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert mail["X-Unsent"] == "1"
    copy = next(b for b in dialog.findChildren(type(dialog.open_mail)) if b.text() == "コピー")
    copy.click()
    assert QApplication.clipboard().text() == "co-creation-platform@digital.go.jp"
    assert dialog.findChild(QLabel, "inquiryNotDue") is None  # 14 days: overdue, due
    assert "迷惑メール" not in dialog.body.toPlainText()  # nothing claimed until ticked
    dialog.checks["junk_folder"].setChecked(True)
    assert "迷惑メールフォルダーを確認しました" in dialog.body.toPlainText()
    assert "迷惑メールフォルダーを確認しました" in dialog.inquiry.body  # what is copied and sent


def test_an_inquiry_before_the_expected_date_says_it_is_not_due(qtbot):
    _store, record = add_record(days_ago=0)
    dialog = InquiryDialog(record)
    qtbot.addWidget(dialog)
    notice = dialog.findChild(QLabel, "inquiryNotDue")
    assert notice is not None and "まだ" in notice.text()


def test_state_after_the_policy_delay_is_computed_not_stored(page):
    store, record = add_record(days_ago=0)
    assert tl.current_state(record, date.today(), default_policy()) == "applied"
    status = page(store=store)
    card = status.card_widgets()[0]
    assert "本日申請" in card.state.text()


def test_dropping_a_mail_on_the_card_checks_it(qtbot, page, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    store, _record = add_record()
    status = page(store=store)
    card = status.card_widgets()[0]
    mail = tmp_path / "invite.eml"
    mail.write_bytes(corpus.invitation())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(mail))])
    enter = QDragEnterEvent(card.rect().center(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    card.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(card.rect().center()), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    card.dropEvent(drop)
    qtbot.waitUntil(lambda: card.last_check is not None, timeout=5000)
    assert card.last_check.verdict == "genuine"
