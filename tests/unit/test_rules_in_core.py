"""Rules that live once in core, used by the window and the CLI alike."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date

import pytest

from kyoso_desktop.core.common import errors
from kyoso_desktop.core.common.notes import Note
from kyoso_desktop.core.common.paths import resource
from kyoso_desktop.core.common.policy import default_policy, load_policy
from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.eligibility.directory import Directory, default_directory
from kyoso_desktop.core.eligibility.engine import EligibilityEngine
from kyoso_desktop.core.helpdesk.decode import explain
from kyoso_desktop.core.invitation import timeline as tl
from kyoso_desktop.core.invitation.mailcheck import check_bytes
from kyoso_desktop.core.netdiag import session
from kyoso_desktop.core.netdiag.model import Check, Diagnosis, Status
from kyoso_desktop.core.netdiag.profile import Endpoint, Profile, default_profile
from kyoso_desktop.core.netdiag.supportcode import decode, encode
from kyoso_desktop.core.registration.flow import FIELD_STEPS, STEPS, Draft, RegistrationFlow
from kyoso_desktop.core.registration.records import ApplicationRecord, InvitationRecord
from kyoso_desktop.core.registration.rules import rules_summary, rules_to_confirm
from tests import mailcorpus as corpus

RECORD = ApplicationRecord("r1", "2026-11-20T10:00:00", "2026-11-20", "taro@city.hakodate.lg.jp",
                           "012025", "函館 太郎", "applied")


# -- one note type, one root error ----------------------------------------------------------
def test_every_result_note_is_a_note():
    from kyoso_desktop.core.netdiag.model import Finding
    from kyoso_desktop.core.registration.flow import Problem

    assert issubclass(Problem, Note) and issubclass(Finding, Note)
    check = check_bytes(corpus.invitation(), trusted_authserv=frozenset({"mx.city.example.lg.jp"}))
    assert all(type(r) is Note for r in check.reasons)


def test_every_error_of_the_core_is_a_kyoso_error():
    import importlib
    import pkgutil

    import kyoso_desktop.core as core

    found = []
    for info in pkgutil.walk_packages(core.__path__, "kyoso_desktop.core."):
        module = importlib.import_module(info.name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Exception) and obj.__module__ == module.__name__:
                found.append(obj)
    assert len(found) >= 7
    assert [c for c in found if not issubclass(c, errors.KyosoError)] == []


# -- invitation: actions per state, typed record ----------------------------------------------
@pytest.mark.parametrize(("state", "actions"), [
    ("draft", {"mark_applied", "withdraw", "inquiry"}),
    ("applied", {"mark_applied", "receive_invitation", "mark_joined", "withdraw", "inquiry",
                 "search_mailbox", "record_invitation"}),
    ("invitation_received", {"receive_invitation", "mark_joined", "withdraw", "inquiry"}),
    ("joined", set()),
    ("withdrawn", set()),
])
def test_allowed_actions_follow_the_state(state, actions):
    record = dataclasses.replace(RECORD, state=state)
    assert tl.allowed_actions(record) == actions
    for name, change in tl.EVENTS.items():
        action = name.replace("-", "_")
        if action in actions:
            change(record, date(2026, 11, 25))
        else:
            with pytest.raises(tl.TransitionError):
                change(record, date(2026, 11, 25))


def test_the_invitation_is_a_typed_record_stored_as_the_checks_json():
    check = check_bytes(corpus.invitation(), trusted_authserv=frozenset({"mx.city.example.lg.jp"}))
    assert check.is_invitation
    record = tl.receive_invitation(RECORD, date(2026, 11, 24), check.to_record())
    assert record.to_dict()["invitation"] == check.to_dict()
    assert InvitationRecord.from_dict(check.to_dict()) == check.to_record()
    assert InvitationRecord.from_dict(["not", "a", "dict"]) is None
    assert InvitationRecord.from_dict({"verdict": 5, "reasons": "x"}) == \
        InvitationRecord("", "unreadable")


def test_newest_situation_for_the_support_code():
    policy = default_policy()
    assert tl.newest_situation([], date(2026, 11, 30), policy) == ("none", None)
    state, days = tl.newest_situation([RECORD], date(2026, 11, 30), policy)
    assert state == "overdue" and days == tl.business_days_between(
        tl.day_of(RECORD.applied_at), date(2026, 11, 30)) > 3


# -- the invitation's sender and the accepted suffixes come from the policy ---------------------
def test_the_sender_domain_comes_from_the_policy(tmp_path):
    mail = corpus.invitation()
    assert check_bytes(mail).verdict in ("genuine", "likely_genuine")
    moved = check_bytes(mail, sender_domain="slack-mail.example")
    assert moved.verdict == "suspicious"
    assert any("slack-mail.example" in r.message for r in moved.reasons)


def test_accepted_suffixes_are_read_from_the_policy(tmp_path):
    source = resource("policy.toml").read_text(encoding="utf-8")
    changed = tmp_path / "policy.toml"
    changed.write_text(source.replace('accepted_suffixes = ["lg.jp", "go.jp"]',
                                      'accepted_suffixes = ["lg.jp"]'), encoding="utf-8")
    policy = load_policy(changed)
    assert policy.accepted_suffixes == ("lg.jp",)
    directory = default_directory()
    with_go = EligibilityEngine(directory)
    without_go = EligibilityEngine(Directory(directory.bodies, directory.agencies, policy))
    assert with_go.check("a@evil-go.jp").category == "fake_suffix"
    assert without_go.check("a@evil-go.jp").category != "fake_suffix"


# -- registration: rules and where each field is entered -----------------------------------------
def test_every_field_and_problem_has_a_step():
    flow = RegistrationFlow()
    draft = Draft(eligibility="union", organization_code="019283", organization_name="組合",
                  department="総務", family_name="函館", given_name="太郎",
                  family_kana="ハコダテ", given_kana="タロウ", email="x@city.hakodate.lg.jp")
    assert {key for key, _label, _value in flow.form_fields(draft)} <= set(FIELD_STEPS)
    for step in STEPS:
        for problem in flow.problems(step, Draft(eligibility="union"), "en"):
            assert FIELD_STEPS[problem.field] == step


def test_rules_carry_the_policys_facts_in_both_languages():
    policy = default_policy()
    for lang in ("ja", "en"):
        confirm, summary = rules_to_confirm(policy, lang), rules_summary(policy, lang)
        assert len(confirm) == 4 and len(summary) == 6
        assert policy.invitation_sender_domain in confirm[3]
        assert policy.secretariat_email in "".join(summary)
        assert policy.version in summary[-1]
    assert "招待" in rules_to_confirm(policy, "ja")[3]


# -- connection check: one session, one status enum ----------------------------------------------
@pytest.mark.parametrize(("request_", "code"), [
    (session.Request(resolve=["app.slack.com:443"]), "resolve"),
    (session.Request(resolve=["app.slack.com:99999:127.0.0.1"]), "resolve"),
    (session.Request(timeout=0), "timeout"),
    (session.Request(timeout=500), "timeout"),
    (session.Request(dns_server="127.0.0.1:abc"), "dns_server"),
    (session.Request(dns_server="dns.example"), "dns_server"),
    (session.Request(profile_file="/no/such/profile.toml"), "profile"),
])
def test_a_bad_request_is_refused_before_any_probe(request_, code):
    with pytest.raises(session.SessionError) as refused:
        session.prepare(request_, Settings(), workspaces=lambda: [])
    assert refused.value.code == code and str(refused.value)


def test_offline_mode_refuses_the_check():
    with pytest.raises(session.SessionError) as refused:
        session.prepare(session.Request(), Settings(offline=True), workspaces=lambda: [])
    assert refused.value.code == "offline"


def test_the_session_uses_the_settings():
    settings = Settings(proxy="http://proxy.lg.jp:8080", dns_server="127.0.0.1:5353")
    plan = session.prepare(session.Request(), settings, workspaces=lambda: ["kyoso-pf"])
    assert plan.proxy_override == "http://proxy.lg.jp:8080"
    assert plan.options.dns_server == "127.0.0.1:5353"
    assert "kyoso-pf.slack.com" in plan.profile.hosts
    assert plan.expected_checks == 4 * len(plan.profile.endpoints) + 1
    direct = session.prepare(session.Request(no_proxy=True, dns_server="10.0.0.53"), settings,
                             workspaces=lambda: [])
    assert direct.proxy_override is None and direct.options.dns_server == "10.0.0.53"


def test_a_status_the_support_code_does_not_know_is_a_failure_not_a_crash():
    checks = [Check("tls:a", "a", 443, "tls", "quantum_blocked"),
              Check("dns:a", "a", 443, "dns", Status.OK)]
    diagnosis = Diagnosis("failed", checks, [], {"routes": {}})
    decoded = decode(encode(diagnosis))
    assert decoded.kinds["tls"] == (Status.UNKNOWN, 1)
    assert "check_failed" in explain(encode(diagnosis)).finding_codes


def test_profile_requirements_come_from_the_profile_or_the_default():
    default = default_profile()
    assert "*.slack-edge.com" in default.required_domains
    assert "wss-mobile.slack.com" in default.websocket_hosts
    own = Profile("t", (Endpoint("a.example.jp"),), required_domains=("a.example.jp",))
    assert own.requirements() == (("a.example.jp",), ())
    bare = Profile("t", (Endpoint("a.example.jp"),))
    assert bare.requirements() == (default.required_domains, default.websocket_hosts)
