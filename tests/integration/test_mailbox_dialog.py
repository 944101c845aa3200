"""The mailbox dialog against a real Dovecot: progress, result, the card records it."""

from __future__ import annotations

from datetime import date

import pytest

from kyoso_desktop.core.common.settings import Settings, load_settings
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from kyoso_desktop.ui.invitation.mailbox import MailboxDialog
from kyoso_desktop.ui.invitation.status import ApplicationCard
from tests import mailcorpus as corpus
from tests.integration.imap_server import PASSWORD, USER, Dovecot
from tests.integration.tls_ca import CertificateAuthority

pytestmark = pytest.mark.network


@pytest.fixture
def dovecot(tmp_path):
    ca = CertificateAuthority(tmp_path / "ca")
    server = Dovecot(tmp_path / "dovecot", ca)
    server.deliver(corpus.invitation())
    server.start()
    yield server, ca
    server.stop()


def test_search_finds_and_records_the_invitation(qtbot, dovecot):
    server, ca = dovecot
    store = ApplicationStore()
    record = store.add(Draft(family_name="函館", given_name="太郎"), date(2026, 11, 20),
                       email="taro@city.hakodate.lg.jp", organization_name="北海道函館市")
    settings = Settings(trusted_authserv=("mx.city.example.lg.jp",))
    card = ApplicationCard(record, settings, store)
    qtbot.addWidget(card)
    dialog = MailboxDialog(record, settings, card)
    dialog.found_invitation.connect(card.record_invitation)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(server.port)
    dialog.user.setText(USER)
    dialog.password.setText(PASSWORD)
    dialog.ca_file.setText(str(ca.ca_file))
    dialog.start_search()
    assert dialog.cancel.isVisibleTo(dialog) or dialog.results.text()
    qtbot.waitUntil(lambda: bool(dialog.results.text()), timeout=15_000)
    assert "正規" in dialog.results.text()
    assert store.find(record.id).state == "invitation_received"
    saved = load_settings()[0]
    assert (saved.imap_host, saved.imap_port, saved.imap_user) == ("127.0.0.1", server.port, USER)


def test_wrong_password_is_told_and_nothing_changes(qtbot, dovecot):
    server, ca = dovecot
    store = ApplicationStore()
    record = store.add(Draft(), date(2026, 11, 20), email="taro@city.hakodate.lg.jp",
                       organization_name="")
    dialog = MailboxDialog(record, Settings(), None)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(server.port)
    dialog.user.setText(USER)
    dialog.password.setText("wrong")
    dialog.ca_file.setText(str(ca.ca_file))
    dialog.start_search()
    qtbot.waitUntil(lambda: bool(dialog.results.text()), timeout=15_000)
    assert "✖" in dialog.results.text() and "パスワード" in dialog.results.text()
    assert store.find(record.id).state == "applied"


def test_microsoft_host_disables_search(qtbot):
    store = ApplicationStore()
    record = store.add(Draft(), date(2026, 11, 20), email="a@b.lg.jp", organization_name="")
    dialog = MailboxDialog(record, Settings(), None)
    qtbot.addWidget(dialog)
    dialog.host.setText("outlook.office365.com")
    assert not dialog.search.isEnabled() and "OAuth" in dialog.notice.text()
