"""Property-based tests: the engine never fails and its outputs are self-consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso_desktop.core.eligibility.addresses import normalize
from kyoso_desktop.core.eligibility.engine import check_email

labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
domains = st.lists(labels, min_size=1, max_size=5).map(".".join) | st.sampled_from(
    ["city.hakodate.lg.jp", "mhlw.go.jp", "pref.kanagawa.jp", "lg.jp", "gmail.com"])
addresses = st.builds(lambda local, domain: f"{local}@{domain}",
                      st.from_regex(r"[a-z0-9._+-]{1,12}", fullmatch=True), domains)
anything = st.text(max_size=300) | addresses | st.binary(max_size=200).map(
    lambda b: b.decode("utf-8", "surrogateescape"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_any_input_gets_a_verdict_and_a_reason(raw):
    result = check_email(raw)
    assert result.verdict in ("accepted", "review", "rejected")
    assert len(result.reasons) == 1 and result.reasons[0].message
    assert (result.address is None) == (result.category in ("syntax", "lookalike"))
    assert result.to_dict()["input"] == raw


@settings(max_examples=200, deadline=None)
@given(addresses)
def test_suggestions_are_never_rejected(raw):
    for suggestion in check_email(raw).suggestions:
        assert check_email(suggestion).verdict != "rejected"


@settings(max_examples=300, deadline=None)
@given(anything)
def test_normalisation_is_idempotent(raw):
    first = normalize(raw)
    if first.problem is None:
        assert normalize(first.address).address == first.address


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcXYZ019.-_+!#'@\"", max_size=30), domains)
def test_cached_syntax_check_agrees_with_email_validator(local, domain):
    from email_validator import EmailNotValidError, validate_email

    from kyoso_desktop.core.eligibility.engine import default_engine

    address = f"{local}@{domain}"
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
        expected = True
    except EmailNotValidError:
        expected = False
    engine = default_engine()
    assert engine._valid_syntax(address) == expected
    assert engine._valid_syntax(address) == expected  # again, from the cache
