"""Property-based tests of the readers of untrusted input, each example with a deadline: the
mail check, the profile reader and the managed-settings reader never raise anything but their
own error, and never take long."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso_desktop.core.common.settings import load_managed
from kyoso_desktop.core.invitation.mailcheck import check_bytes
from kyoso_desktop.core.netdiag.profile import ProfileError, load_profile
from tests import mailcorpus as corpus

HEADERS = st.sampled_from([b"From: ", b"To: ", b"Subject: ", b"Date: ", b"Reply-To: ",
                           b"Authentication-Results: ", b"Content-Type: multipart/mixed; "
                           b"boundary=x\r\n", b"\r\n--x\r\n", b"<a href=", b"https://",
                           b"join.slack.com/t/", b"-----", b"\r\n\r\n", b"\xff\xfe", b"=?utf-8?"])
MAILS = st.lists(HEADERS | st.binary(max_size=60), max_size=60).map(b"".join) | \
    st.binary(max_size=3000) | st.just(corpus.invitation())
FAST = settings(max_examples=150, deadline=timedelta(seconds=2),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TOML_PIECES = st.sampled_from(['[[endpoints]]\n', 'host = "app.slack.com"\n', 'port = 443\n',
                               'kind = "websocket"\n', 'timeout = 1e400\n', 'a = [[[[\n',
                               '"\\u0000" = 1\n', 'offline = true\n', 'proxy = ""\n',
                               'dns_server = "x"\n', '\ufeff', '\x00', '= = =\n'])
TOML_TEXT = st.lists(TOML_PIECES | st.text(max_size=20), max_size=30).map("".join)


@FAST
@given(MAILS)
def test_any_mail_gets_a_verdict_quickly(data):
    result = check_bytes(data, trusted_authserv=frozenset({"mx.city.example.lg.jp"}))
    assert result.verdict in ("genuine", "likely_genuine", "sanitized", "suspicious",
                              "not_invitation", "unreadable")
    assert result.reasons


@FAST
@given(TOML_TEXT, st.sampled_from([".toml", ".json"]))
def test_any_profile_is_read_or_refused_with_its_error(tmp_path_factory, text, suffix):
    path = tmp_path_factory.mktemp("p") / f"profile{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    try:
        load_profile(path)
    except ProfileError as exc:
        assert str(exc)


@FAST
@given(TOML_TEXT | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_any_managed_file_is_read_or_reported(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("m") / "managed.toml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    values, problems = load_managed(path)
    assert isinstance(values, dict)
    for problem in problems:
        assert str(problem)


pytestmark = pytest.mark.filterwarnings("ignore")
