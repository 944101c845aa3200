"""The eligibility engine on the cases the platform's users actually produce."""

from __future__ import annotations

import pytest

from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.eligibility.engine import EligibilityEngine, PriorUse, check_email


def codes(notes):
    return [n.code for n in notes]


@pytest.mark.parametrize(
    ("raw", "verdict", "category", "org_code"),
    [
        ("taro@city.hakodate.lg.jp", "accepted", "lg_jp", "012025"),
        ("taro@section.city.hakodate.lg.jp", "accepted", "lg_jp", "012025"),
        ("taro@metro.tokyo.lg.jp", "accepted", "lg_jp", "130001"),
        ("taro@pref.hokkaido.lg.jp", "accepted", "lg_jp", "010006"),
        ("taro@city.tokyo-nakano.lg.jp", "accepted", "lg_jp", "131148"),
        ("taro@town.mikata-kami.lg.jp", "accepted", "lg_jp", "285854"),
        ("taro@city.nakano.lg.jp", "accepted", "lg_jp", "202118"),
        ("taro@union.example.lg.jp", "accepted", "lg_jp_union", None),
        ("taro@mhlw.go.jp", "accepted", "go_jp", None),
        ("taro@xx.mlit.go.jp", "accepted", "go_jp", None),
        # regional-type JP domains of an identified body: accepted since 2025-06-18
        ("taro@member.metro.tokyo.jp", "accepted", "geo_municipal", "130001"),
        ("taro@pref.kanagawa.jp", "accepted", "geo_municipal", "140007"),
        ("taro@city.yokohama.jp", "accepted", "geo_municipal", "141003"),
        ("taro@city.sapporo.jp", "accepted", "geo_municipal", "011002"),
        ("taro@city.kyoto.jp", "accepted", "geo_municipal", "261009"),
        ("taro@city.hakodate.hokkaido.jp", "accepted", "geo_municipal", "012025"),
        ("taro@mail.city.minato.tokyo.jp", "accepted", "geo_municipal", "131032"),
        ("taro@city.nowhere.hokkaido.jp", "review", "geo_municipal", None),  # not identified
        ("taro@e-rumoi.jp", "review", "known_municipal", "012122"),
        ("taro@shinsei-xx.lg.jp", "review", "lg_jp_service", None),
        ("taro@lg.jp", "rejected", "bare_suffix", None),
        ("taro@go.jp", "rejected", "bare_suffix", None),
        ("taro@city.lg.jp", "rejected", "bare_suffix", None),
        ("taro@pref.hakodate.jp", "rejected", "geo_layout", None),
        ("taro@city.aomori.jp", "rejected", "geo_layout", None),
        ("taro@example.tokyo.jp", "rejected", "prefecture_type", None),
        ("taro@foo.yokohama.jp", "rejected", "not_government", None),
        ("taro@evil-lg.jp", "rejected", "fake_suffix", None),
        ("taro@lg.jp.example.com", "rejected", "fake_suffix", None),
        ("taro@go.jp.evil.example", "rejected", "fake_suffix", None),
        ("taro@example.co.jp", "rejected", "other_organization", None),
        ("taro@school.ed.jp", "rejected", "other_organization", None),
        ("taro@u-tokyo.ac.jp", "rejected", "other_organization", None),
        ("taro@example.com", "rejected", "not_government", None),
    ],
)
def test_classification(raw, verdict, category, org_code):
    result = check_email(raw, lang="en")
    assert (result.verdict, result.category) == (verdict, category), result
    if org_code:
        assert result.organization is not None and result.organization.code == org_code
    assert result.reasons and all(n.message for n in result.reasons)


@pytest.mark.parametrize("domain", [
    "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp", "yahoo.co.jp",
    "nifty.com", "biglobe.ne.jp", "ocn.ne.jp", "gmail.com", "outlook.jp", "icloud.com",
])
def test_free_mail_is_named_as_such(domain):
    result = check_email(f"taro@{domain}")
    assert result.verdict == "rejected"
    assert codes(result.reasons) == ["free_mail"]
    assert "個人向け" in result.reasons[0].message


@pytest.mark.parametrize(("raw", "change"), [
    ("ｔａｒｏ@ｃｉｔｙ.ｈａｋｏｄａｔｅ.ｌｇ.ｊｐ", "width_normalized"),
    ("taro@city。hakodate。lg。jp", "dots_replaced"),
    ("taro＠city.hakodate.lg.jp", "width_normalized"),
    ("taro@city.hakodate.lg.jp.", "trailing_dot_removed"),
    ("  taro@city.hakodate.lg.jp\u3000", "trimmed"),
    ("\u00a0taro@city.hakodate.lg.jp", "trimmed"),
    ("taro@city.hakodate.lg.jp\u200b", "trimmed"),
    ("mailto:taro@city.hakodate.lg.jp", "mailto_removed"),
    ("山田 太郎 <taro@city.hakodate.lg.jp>", "display_name_removed"),
    ("taro@CITY.Hakodate.LG.JP", "domain_lowercased"),
])
def test_normalisation_is_reported(raw, change):
    result = check_email(raw, lang="en")
    assert result.address == "taro@city.hakodate.lg.jp"
    assert result.verdict == "accepted"
    assert "normalized" in codes(result.warnings)
    from kyoso_desktop.core.eligibility.addresses import normalize

    assert change in normalize(raw).changes


def test_local_part_case_is_kept():
    assert check_email("Taro.Yamada@CITY.hakodate.lg.jp").address == \
        "Taro.Yamada@city.hakodate.lg.jp"


@pytest.mark.parametrize(("raw", "suggestion"), [
    ("taro@city.hakodate.lg.jo", "taro@city.hakodate.lg.jp"),
    ("taro@city.hakodate.ig.jp", "taro@city.hakodate.lg.jp"),
    ("taro@city.hakodate.lg,jp", "taro@city.hakodate.lg.jp"),
    ("taro@city.hakodate.1g.jp", "taro@city.hakodate.lg.jp"),
    ("taro@city.hakodate.lgjp", "taro@city.hakodate.lg.jp"),
    ("taro@soumu.go.jo", "taro@soumu.go.jp"),
    ("taro@ctiy.hakodate.lg.jp", "taro@city.hakodate.lg.jp"),
    ("taro@hakodate.lg.jp", "taro@city.hakodate.lg.jp"),
    ("taro@city.hakodata.lg.jp", "taro@city.hakodate.lg.jp"),
    ("taro@сity.hakodate.lg.jp", "taro@city.hakodate.lg.jp"),  # Cyrillic с
    ("taro@mhwl.go.jp", "taro@mhlw.go.jp"),
    ("taro@hakodate.hokkaido.jp", "taro@city.hakodate.hokkaido.jp"),
])
def test_suggestions_are_full_corrected_addresses(raw, suggestion):
    result = check_email(raw)
    assert suggestion in result.suggestions
    fixed = check_email(suggestion)
    assert fixed.verdict in ("accepted", "review")
    assert not fixed.suggestions or suggestion not in fixed.suggestions


def test_company_domain_is_explained_not_corrected():
    result = check_email("taro@example.co.jp")
    assert result.suggestions == []
    assert "企業" in result.reasons[0].message


def test_lookalike_domain_is_rejected_with_reason():
    result = check_email("taro@сity.hakodate.lg.jp", lang="en")
    assert result.verdict == "rejected"
    assert codes(result.reasons) == ["mixed_script_domain"]
    assert "U+0441" in result.reasons[0].message


def test_japanese_domain_is_rejected():
    result = check_email("taro@函館市.jp")
    assert codes(result.reasons) == ["non_ascii_domain"]


@pytest.mark.parametrize("local", ["info", "soumu", "johoseisaku", "joho-ka", "kikaku_ka2"])
def test_organisational_mailbox_warning(local):
    result = check_email(f"{local}@city.hakodate.lg.jp")
    assert result.verdict == "accepted"
    assert "organizational_mailbox" in codes(result.warnings)


@pytest.mark.parametrize("local", ["taro", "tanaka", "t-yamada", "kaoru"])
def test_personal_addresses_get_no_mailbox_warning(local):
    assert "organizational_mailbox" not in codes(check_email(f"{local}@city.hakodate.lg.jp")
                                                 .warnings)


def test_mismatch_with_chosen_organisation():
    result = check_email("taro@city.hakodate.lg.jp", org_code="011002", lang="en")
    assert "organization_mismatch" in codes(result.warnings)
    assert "函館市" in result.warnings[-1].message and "札幌市" in result.warnings[-1].message
    assert "organization_mismatch" not in codes(
        check_email("taro@city.hakodate.lg.jp", org_code="012025").warnings)


def test_chosen_organisation_resolves_an_ambiguous_label():
    plain = check_email("taro@town.shimizu.lg.jp")
    assert "organization_ambiguous" in codes(plain.warnings) and plain.organization is None
    code = plain_code("清水町", "静岡県")
    chosen = check_email("taro@town.shimizu.lg.jp", org_code=code)
    assert "organization_ambiguous" not in codes(chosen.warnings)
    assert chosen.organization and chosen.organization.code == code


def test_a_known_label_is_not_matched_by_romaji():
    # 北海道森町 is known as town.hokkaido-mori.lg.jp, so town.mori.lg.jp is 静岡県森町
    result = check_email("taro@town.mori.lg.jp")
    assert result.organization and result.organization.prefecture == "静岡県"


def plain_code(name: str, prefecture: str) -> str:
    from kyoso_desktop.core.eligibility.directory import default_directory

    return next(b.code for b in default_directory().bodies.values()
                if b.name == name and b.prefecture == prefecture)


def test_agency_choice_matches_go_jp():
    assert "organization_mismatch" in codes(
        check_email("taro@mhlw.go.jp", org_code="soumu").warnings)
    assert "organization_mismatch" not in codes(
        check_email("taro@xx.mhlw.go.jp", org_code="mhlw").warnings)


def test_duplicate_application_case_insensitive():
    previous = [PriorUse("Taro@City.Hakodate.LG.jp", "2026-05-01")]
    result = check_email("taro@city.hakodate.lg.jp", previous=previous, lang="en")
    assert "already_applied" in codes(result.warnings)
    assert "2026-05-01" in result.warnings[-1].message
    other = check_email("taro+x@city.hakodate.lg.jp", previous=previous)
    assert "already_applied" not in codes(other.warnings)


def test_online_outcome_never_rejects():
    result = check_email("taro@city.hakodate.lg.jp", online=lambda d: "dns_unavailable")
    assert (result.verdict, result.online) == ("accepted", "dns_unavailable")
    no_mx = check_email("taro@city.hakodate.lg.jp", online=lambda d: "no_mx")
    assert no_mx.verdict == "accepted" and "no_internet_mail" in codes(no_mx.warnings)


def test_messages_in_both_languages():
    ja = check_email("taro@gmail.com", lang="ja").reasons[0].message
    en = check_email("taro@gmail.com", lang="en").reasons[0].message
    assert ja != en and "gmail.com" in ja and "personal" in en


@pytest.mark.parametrize("raw", [
    "", "   ", "\u3000", "a" * 10_000_000, "taro\x00@city.hakodate.lg.jp",
    "taro@city.hakodate\u202e.lg.jp", "😀@city.hakodate.lg.jp", "taro@😀.lg.jp",
    "\ud800@city.hakodate.lg.jp", "@" * 5000, "taro@@city.hakodate.lg.jp", "taro",
    "taro@", "@city.hakodate.lg.jp", "taro..x@city.hakodate.lg.jp", ".taro@city.x.lg.jp",
    "taro@localhost", "taro@city..hakodate.lg.jp", '"taro"@city.hakodate.lg.jp',
    "山田@city.hakodate.lg.jp", "taro@-city.hakodate.lg.jp", "x" * 300 + "@mhlw.go.jp",
])
def test_bad_input_is_rejected_with_a_reason(raw):
    result = check_email(raw)
    assert result.verdict == "rejected"
    assert result.reasons and result.reasons[0].message
    assert result.input == raw


def test_the_regional_type_rule_is_data_with_date_and_source():
    from kyoso_desktop.core.common.paths import resource

    policy = default_policy()
    assert (policy.regional_verdict, policy.regional_since) == ("accepted", "2025-06-18")
    text = resource("policy.toml").read_text(encoding="utf-8")
    assert "co-creation-platform/register" in text.split("\n[domains.regional]")[1][:200]
    result = EligibilityEngine().check("taro@city.hakodate.hokkaido.jp", lang="ja")
    assert "2025-06-18" in result.reasons[0].message and "地域型" in result.reasons[0].message


def test_kutchan_is_recognised_and_never_corrected():
    """倶知安町: its website shows "kutchan"; the kana's romaji guess is "kucchan"."""
    for org in (None, "014001"):
        result = check_email("taro@town.kutchan.lg.jp", org_code=org)
        assert result.verdict == "accepted" and result.organization.name == "倶知安町"
        assert result.suggestions == [] and result.warnings == []


@pytest.mark.parametrize("label", ["kutchan", "kucchan"])
def test_hepburn_variants_of_a_label_find_the_same_body(label):
    assert check_email(f"taro@town.{label}.lg.jp").organization.code == "014001"


def test_every_label_the_data_shows_is_recognised_without_a_suggestion():
    """For each body, the labels the data set shows (its lg.jp label, or the label of its own
    website host) give that body and no "did you mean" — unless the label is another body's
    lg.jp label (中央市's "chuo" is 中央区's city.chuo.lg.jp)."""
    from kyoso_desktop.core.eligibility.directory import default_directory

    directory = default_directory()
    taken = {(b.attribute, b.lg_label): b.code for b in directory.bodies.values() if b.lg_label}
    engine = EligibilityEngine(directory)
    wrong = []
    for body in directory.bodies.values():
        if body.attribute in (None, "pref", "metro") or body.kind == "ward":
            continue
        for label in {body.geo_label, body.lg_label} - {None}:
            if taken.get((body.attribute, label), body.code) != body.code:
                continue
            result = engine.check(f"taro@{body.attribute}.{label}.lg.jp", org_code=body.code)
            if result.suggestions or result.verdict != "accepted" or \
                    any(w.code in ("organization_unknown", "organization_mismatch")
                        for w in result.warnings):
                wrong.append((body.name, label, result.suggestions))
    assert wrong == []


def test_a_local_part_over_64_characters_is_refused():
    result = check_email("a" * 65 + "@city.hakodate.lg.jp")
    assert result.verdict == "rejected" and result.category == "syntax"
    assert check_email("a" * 64 + "@city.hakodate.lg.jp").verdict == "accepted"


@pytest.mark.parametrize("raw", [":@аcity.sapporo.go.jp", "a b@city.hakodate.lg.jo",
                                 "x" * 70 + "@city.hakodate.lg.jo"])
def test_a_suggestion_is_always_an_address_the_engine_accepts(raw):
    for suggestion in check_email(raw).suggestions:
        assert check_email(suggestion).verdict != "rejected", suggestion
