"""The saved-mail check on the corpus: genuine, sanitised, forwarded, phishing, hostile."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso_desktop.core.invitation.mailcheck import check_bytes, check_file
from tests import mailcorpus as corpus

TRUSTED = frozenset({"mx.city.example.lg.jp"})


def check(data, trusted=TRUSTED, lang="en"):
    return check_bytes(data, trusted_authserv=trusted, lang=lang)


def codes(result):
    return [r.code for r in result.reasons]


def test_genuine_with_trusted_authentication():
    result = check(corpus.invitation())
    assert result.verdict == "genuine"
    assert (result.sender, result.workspace, result.join_url) == (
        "feedback@slack.com", "kyoso-pf", corpus.JOIN)
    assert result.received_at == "2026-11-30T10:15:00+09:00"
    assert "invited you" in result.subject


def test_without_trusted_authentication_it_is_only_likely():
    assert check(corpus.invitation(), trusted=frozenset()).verdict == "likely_genuine"
    assert check(corpus.invitation(auth=None)).verdict == "likely_genuine"


@pytest.mark.parametrize("variant", [
    {"charset": "iso-2022-jp"}, {"charset": "shift_jis"}, {"transfer": "qp"},
    {"transfer": "b64"}, {"text": None}, {"html": None},
])
def test_encodings_and_layouts(variant):
    assert check(corpus.invitation(**variant)).verdict == "genuine"


def test_sanitised_mail_is_never_called_phishing():
    result = check(corpus.sanitized())
    assert result.verdict == "sanitized" and result.join_url is None
    assert "sanitized" in codes(result)
    assert "無害化" in check(corpus.sanitized(), lang="ja").reasons[-1].message


def test_defanged_link_is_restored():
    result = check(corpus.defanged())
    assert result.verdict == "sanitized" and result.join_url == corpus.JOIN


@pytest.mark.parametrize("data", [corpus.forwarded_as_attachment(), corpus.forwarded_inline()])
def test_forwarded_invitations_say_so(data):
    result = check(data)
    assert result.verdict == "likely_genuine" and "forwarded" in codes(result)
    assert result.join_url == corpus.JOIN


@pytest.mark.parametrize(("kind", "flag"), [
    ("lookalike_sender", "sender_not_slack"), ("display_name", "display_name_spoof"),
    ("reply_to", "reply_to_outside"), ("link_mismatch", "link_text_mismatch"),
    ("outside_link", "link_outside_slack"), ("punycode", "punycode_host"),
    ("auth_fail", "auth_fail"), ("form", "form"), ("http_link", "insecure_link"),
    ("cyrillic_sender", "punycode_host"),
])
def test_every_phishing_pattern_is_flagged(kind, flag):
    result = check(corpus.phishing(kind))
    assert result.verdict == "suspicious" and flag in codes(result)


def test_attachment_and_header_injection_are_flagged():
    assert "attachment" in codes(check(corpus.with_attachment()))
    assert "multiple_senders" in codes(check(corpus.header_injection()))


def test_other_mail():
    assert check(corpus.other_slack_mail()).verdict == "not_invitation"
    assert check(corpus.unrelated()).verdict == "not_invitation"


@pytest.mark.parametrize("data", [
    corpus.nested_multiparts(10_000), bytes(range(256)) * 400, b"", b"\x00" * 5000,
    b"From: x\r\nContent-Type: multipart/mixed; boundary=\"\r\n\r\n--\r\n--\r\n",
    b"Content-Type: text/plain; charset=unknown-8bit\r\nSubject: =?bogus?q?x?=\r\n\r\nhi",
])
def test_hostile_input_is_answered_quickly(data):
    started = time.monotonic()
    result = check(data)
    assert result.verdict in ("unreadable", "suspicious", "not_invitation")
    assert time.monotonic() - started < 2


def test_a_gigabyte_file_is_not_read(tmp_path):
    big = tmp_path / "big.eml"
    with open(big, "wb") as fh:
        fh.seek(1024**3)
        fh.write(b"\0")
    started = time.monotonic()
    result = check_file(big, lang="en")
    assert result.verdict == "unreadable" and codes(result) == ["too_large"]
    assert time.monotonic() - started < 2


def test_missing_file(tmp_path):
    assert check_file(tmp_path / "nope.eml").verdict == "unreadable"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000) | st.builds(
    lambda prefix, mail, cut: prefix + mail[:cut], st.binary(max_size=40),
    st.sampled_from([corpus.invitation(), corpus.sanitized(), corpus.phishing("reply_to")]),
    st.integers(0, 4000)))
def test_fuzz_never_crashes(data):
    result = check(data)
    assert result.verdict in ("genuine", "likely_genuine", "sanitized", "suspicious",
                              "not_invitation", "unreadable")
    assert result.reasons


def _msg(transport_headers):
    from tests.msgfile import outlook_msg

    return outlook_msg(subject="山田 花子 has invited you to work with them in Slack",
                       sender_name="Slack", sender="feedback@slack.com", body=corpus.TEXT,
                       html=corpus.HTML, transport_headers=transport_headers)


def test_outlook_msg_with_transport_headers():
    headers = ("Authentication-Results: " + corpus.AUTH_PASS + "\r\nFrom: Slack "
               "<feedback@slack.com>\r\nReply-To: no-reply@slack.com\r\nSubject: invited\r\n"
               "Date: Mon, 30 Nov 2026 10:15:00 +0900\r\n\r\n")
    result = check(_msg(headers))
    assert result.verdict == "genuine" and result.join_url == corpus.JOIN


def test_outlook_msg_without_transport_headers_says_so():
    result = check(_msg(None))
    assert result.verdict == "likely_genuine"
    assert "transport_headers_missing" in codes(result)


def test_broken_outlook_file_is_unreadable():
    data = _msg(None)
    assert check(data[:700]).verdict == "unreadable"


def test_the_addressee_is_read_from_the_headers():
    from kyoso_desktop.core.invitation.mailbox import Found, newest_invitation

    mine = check_bytes(corpus.invitation())
    theirs = check_bytes(corpus.invitation().replace(b"To: taro@", b"To: hanako@"))
    assert mine.addressed_to("Taro@City.Hakodate.lg.jp") is True
    assert theirs.addressed_to("taro@city.hakodate.lg.jp") is False
    assert "recipients" not in mine.to_dict()  # not part of the JSON contract
    found = [Found("INBOX", "1", mine), Found("INBOX", "2", theirs)]
    assert newest_invitation(found, "taro@city.hakodate.lg.jp").uid == "1"
    assert newest_invitation(found, "hanako@city.hakodate.lg.jp").uid == "2"


def test_a_non_ascii_byte_in_the_date_does_not_stop_the_batch(tmp_path):
    odd = tmp_path / "odd.eml"
    odd.write_bytes(corpus.invitation().replace(b"Date: ", b"Date: \xff\xfe ", 1))
    good = tmp_path / "good.eml"
    good.write_bytes(corpus.invitation())
    results = [check_file(odd), check_file(good)]
    assert results[0].verdict in ("genuine", "likely_genuine", "unreadable")
    assert results[1].verdict in ("genuine", "likely_genuine")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX only")
def test_devices_and_pipes_are_refused_at_once(tmp_path):
    import os

    zero = tmp_path / "zero.eml"
    zero.symlink_to("/dev/zero")
    pipe = tmp_path / "pipe.eml"
    os.mkfifo(pipe)
    started = time.monotonic()
    for path in (zero, pipe, tmp_path):
        result = check_file(path)
        assert result.verdict == "unreadable" and result.reasons[0].code == "not_a_file"
    assert time.monotonic() - started < 2


def test_the_isolated_check_answers_like_the_check_and_is_bounded(tmp_path):
    from kyoso_desktop.core.invitation.mailcheck import check_file_isolated

    mail = tmp_path / "invite.eml"
    mail.write_bytes(corpus.invitation())
    trusted = frozenset({"mx.city.example.lg.jp"})
    isolated = check_file_isolated(mail, trusted_authserv=trusted)
    direct = check_file(mail, trusted_authserv=trusted)
    assert isolated == direct and isolated.recipients == direct.recipients
    started = time.monotonic()
    late = check_file_isolated(mail, trusted_authserv=trusted, timeout=0.01)  # killed
    assert late.verdict == "unreadable" and time.monotonic() - started < 5
