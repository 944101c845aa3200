"""Connection-check pieces without a network: profiles, support codes, knowledge base, guide."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyoso_desktop.core.helpdesk import guide
from kyoso_desktop.core.netdiag.findings import NOTE_FINDING, STATUS_FINDING, knowledge_base, text
from kyoso_desktop.core.netdiag.model import Check, Diagnosis, Finding
from kyoso_desktop.core.netdiag.profile import (
    ProfileError,
    default_profile,
    load_profile,
    with_workspace_hosts,
)
from kyoso_desktop.core.netdiag.proxy import discover
from kyoso_desktop.core.netdiag.supportcode import (
    EMAIL_CATEGORIES,
    EMAIL_VERDICTS,
    INVITATION_STATES,
    KINDS,
    PLACES,
    STATUSES,
    Situation,
    SupportCodeError,
    decode,
    encode,
    with_situation,
)


def test_default_profile_has_the_slack_hosts():
    profile = default_profile()
    assert {"slack.com", "app.slack.com", "wss-primary.slack.com"} <= set(profile.hosts)
    assert {e.kind for e in profile.endpoints} == {"https", "websocket"}
    assert "DigiCert" in profile.expected_issuers


def test_workspace_host_is_added_once():
    profile = with_workspace_hosts(default_profile(), ["kyoso-pf", "kyoso-pf", "bad name!"])
    assert profile.hosts.count("kyoso-pf.slack.com") == 1
    assert "bad name!.slack.com" not in profile.hosts


@pytest.mark.parametrize(("content", "suffix", "line", "words"), [
    ('name = "x"\n[[endpoints]]\nhost = "a.slack.com"\nport = 70000\n', ".toml", 3, "port"),
    ('name = "x"\n[[endpoints]]\nhost = "bad host"\n', ".toml", 3, "host"),
    ('name = "x"\nendpoints = []\n', ".toml", 2, "endpoints"),
    ('name = "x"\nbogus = 1\n[[endpoints]]\nhost = "a.slack.com"\n', ".toml", 2, "bogus"),
    ('{"endpoints": [{"host": "a.slack.com",}]}', ".json", 1, "JSON"),
    ('name = "x"\n[[endpoints]\n', ".toml", 2, "TOML"),
])
def test_profile_errors_name_file_and_line(tmp_path, content, suffix, line, words):
    path = tmp_path / f"profile{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(path)
    assert error.value.line == line and words in str(error.value)
    assert str(error.value).startswith(f"{path}:{line}")


def test_json_profile(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"endpoints": [{"host": "wss-primary.slack.com",
                                               "kind": "websocket"}], "timeout": 2}))
    profile = load_profile(path)
    assert profile.endpoints[0].kind == "websocket" and profile.timeout == 2


def _Diagnosis(checks, proxy_used=False, lgwan=False):
    return Diagnosis("ok", checks, [Finding("lgwan_side", "t")] if lgwan else [],
                     {"routes": {"a": {"proxy": "http://p:1" if proxy_used else None}}})


situations = st.builds(
    Situation, st.sampled_from(PLACES), st.sampled_from(EMAIL_VERDICTS),
    st.sampled_from(EMAIL_CATEGORIES), st.sampled_from(INVITATION_STATES),
    st.none() | st.integers(min_value=0, max_value=400))


@given(st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(STATUSES)), max_size=40),
       st.booleans(), st.booleans(), situations)
def test_support_code_round_trip(pairs, proxy_used, lgwan, situation):
    checks = [Check(f"{k}:h{i}", f"h{i}", 443, k, s) for i, (k, s) in enumerate(pairs)]
    code = encode(_Diagnosis(checks, proxy_used, lgwan), situation)
    assert len(code) == 15 and code[7] == "-" and len(code) <= 16
    assert not set(code) & set("ILOU")
    decoded = decode(code)
    assert decoded.version == 2
    assert (decoded.proxy_used, decoded.lgwan_side) == (proxy_used, lgwan)
    days = situation.business_days_waited
    assert decoded.situation() == Situation(
        situation.place, situation.email_verdict, situation.email_category,
        situation.invitation_state, None if days is None else min(days, 14))
    for kind in KINDS:
        statuses = [s for k, s in pairs if k == kind]
        bad = sum(1 for s in statuses if s not in ("ok", "skipped"))
        assert decoded.kinds[kind][1] == min(bad, 1 if kind == "clock" else 3)
        if statuses:
            assert decoded.kinds[kind][0] in statuses
    # the window re-stamps the runner's code with where the user is: the checks stay
    moved = decode(with_situation(code, Situation(place="area_help")))
    assert moved.kinds == decoded.kinds and moved.place == "area_help"


def test_a_code_without_a_check_carries_the_situation_alone():
    decoded = decode(encode(None, Situation("step_email", "rejected", "free_mail")))
    assert not decoded.connection_checked and decoded.email_category == "free_mail"
    unknown = decode(encode(None, Situation(email_verdict="review", email_category="new_kind")))
    assert unknown.email_category == "other"


def test_version_1_codes_still_decode():
    """2400MC0-C20488T was made by version 1 (2026-12): applied today, TLS inspected on the
    way, WebSocket blocked; it carries no place or email."""
    decoded = decode("2400MC0-C20488T")
    assert decoded.version == 1 and decoded.invitation_state == "applied"
    assert decoded.kinds["tls"][0] == "tls_intercepted"
    assert decoded.kinds["websocket"][0] == "websocket_blocked"
    assert decoded.place is None and decoded.email_verdict is None
    upgraded = decode(with_situation("2400MC0-C20488T", Situation(place="area_connection")))
    assert upgraded.version == 2 and upgraded.kinds["tls"] == decoded.kinds["tls"]


def test_support_code_tolerates_phone_mishearing_but_not_typos():
    code = encode(_Diagnosis([Check("dns:a", "a", 443, "dns", "dns_failed")]),
                  Situation(invitation_state="overdue"))
    assert decode(code.lower().replace("-", " ")) == decode(code)
    assert decode(code.replace("1", "I")) == decode(code)
    wrong = code[:3] + ("Z" if code[3] != "Z" else "Y") + code[4:]
    with pytest.raises(SupportCodeError):
        decode(wrong)
    with pytest.raises(SupportCodeError):
        decode("hello")
    joined = decode(with_situation(code, Situation(invitation_state="joined")))
    assert joined.invitation_state == "joined"


def test_every_finding_has_both_languages_for_staff_and_it():
    codes = set(STATUS_FINDING.values()) | set(NOTE_FINDING.values()) | {"lgwan_side",
                                                                         "pac_error"}
    base = knowledge_base()
    assert codes <= set(base)
    for code in codes:
        for part in ("title", "remedy", "it"):
            assert base[code][part]["ja"] and base[code][part]["en"], (code, part)
    assert "情報政策担当課" in text("websocket_blocked", "remedy", "ja", hosts="wss")


def test_guide_search_in_both_languages():
    assert guide.search("無害化", "ja")[0].id == "invitation"
    assert guide.search("websocket", "en")[0].id == "websocket"
    assert guide.search("ｐｒｏｘｙ", "en")[0].id == "proxy"  # full-width input folds
    assert guide.search("no such thing at all", "en") == []
    assert {a.id for a in guide.articles("ja")} == {a.id for a in guide.articles("en")}


def test_environment_proxy_and_no_proxy(monkeypatch):
    monkeypatch.setenv("https_proxy", "http://proxy.example.lg.jp:8080")
    monkeypatch.setenv("no_proxy", "internal.example.lg.jp,.lan")
    config = discover()
    assert config.for_url("https://app.slack.com/").url == "http://proxy.example.lg.jp:8080"
    assert config.for_url("https://internal.example.lg.jp/").url is None
    assert config.for_url("https://x.lan/").url is None
    assert discover(disabled=True).for_url("https://app.slack.com/").url is None
    assert discover(override="http://p:1").for_url("https://a/").source == "override"


def test_guide_search_folds_kana_and_width():
    found = [a.id for a in guide.search("ぷろきし", "ja")]
    assert found and found == [a.id for a in guide.search("ﾌﾟﾛｷｼ", "ja")]
    assert "proxy" in found


@pytest.mark.parametrize("endpoint", [
    'host = "a.test\\n"', 'host = "app.slack.com"\nport = true',
    'host = "app.slack.com"\npath = "/x\\r\\nX-Evil: 1"', 'host = "app.slack.com"\npath = "/a b"',
])
def test_profile_values_that_would_inject_are_refused(tmp_path, endpoint):
    path = tmp_path / "p.toml"
    path.write_text(f"[[endpoints]]\n{endpoint}\n", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(path)
