"""The registration flow with plain data: no GUI."""

from __future__ import annotations

from datetime import date

import pytest

from kyoso_desktop.core.common.dates import format_day, format_wareki
from kyoso_desktop.core.registration.flow import STEPS, Draft, RegistrationFlow
from kyoso_desktop.core.registration.records import ApplicationStore

flow = RegistrationFlow()
COMPLETE = Draft(
    eligibility="local_government", organization_code="012025", department="総務部 情報政策課",
    family_name="函館", given_name="太郎", family_kana="ハコダテ", given_kana="たろう",
    email="taro@city.hakodate.lg.jp", rules_confirmed=True,
)


def codes(step, draft):
    return [p.code for p in flow.problems(step, draft, "en")]


def walk(draft: Draft) -> list[str]:
    """Press Next until it is refused; the steps visited."""
    visited = [draft.step]
    while (target := flow.next_step(draft)) is not None:
        draft = draft.with_changes(step=target)
        visited.append(target)
    return visited


def test_complete_draft_walks_every_step():
    assert walk(COMPLETE) == list(STEPS)
    assert flow.first_incomplete_step(COMPLETE) is None


def test_outsiders_get_a_kind_explanation_and_no_way_forward():
    draft = Draft(eligibility="other")
    assert flow.next_step(draft) is None
    problems = flow.problems("eligibility", draft, "ja")
    assert problems[0].code == "not_eligible" and "送信されていません" in problems[0].message


@pytest.mark.parametrize(("changes", "expected"), [
    ({"organization_code": ""}, ["organization_required"]),
    ({"organization_code": "012026"}, ["code_invalid"]),
    ({"organization_code": "011011"}, ["code_unknown"]),  # a ward of Sapporo, not a body
    ({"department": "  "}, ["required"]),
    ({"department": "総務\n部"}, ["line_break"]),
    ({"department": "x" * 101}, ["too_long"]),
])
def test_organization_problems(changes, expected):
    assert codes("organization", COMPLETE.with_changes(**changes)) == expected


def test_union_needs_its_own_valid_code():
    union = COMPLETE.with_changes(eligibility="union", organization_name="函館地区消防組合",
                                  organization_code="019283")
    assert _valid("019283") and "019283" not in flow.directory.bodies
    assert codes("organization", union) == []
    assert codes("organization", union.with_changes(organization_code="019284")) == [
        "code_invalid"]
    valid_union_code = next(f"01{n:03d}{c}" for n in range(900, 999) for c in range(10)
                            if _valid(f"01{n:03d}{c}") and f"01{n:03d}{c}" not in
                            flow.directory.bodies)
    union = union.with_changes(organization_code=valid_union_code)
    assert codes("organization", union) == []
    assert codes("organization", union.with_changes(organization_code="012025")) == [
        "code_not_union"]
    assert codes("organization", union.with_changes(organization_name="")) == ["required"]
    assert flow.organization_name(union) == "函館地区消防組合"


def _valid(code: str) -> bool:
    from kyoso_desktop.core.common.codes import is_valid_lg_code

    return is_valid_lg_code(code)


def test_agency_choice():
    agency = COMPLETE.with_changes(eligibility="agency", organization_code="mhlw",
                                   email="taro@mhlw.go.jp")
    assert codes("organization", agency) == []
    assert codes("organization", agency.with_changes(organization_code="012025")) == [
        "agency_required"]
    assert all(key != "organization_code" for key, _l, _v in flow.form_fields(agency))


@pytest.mark.parametrize(("changes", "expected"), [
    ({"family_name": "   "}, ["name_required"]),
    ({"given_name": ""}, ["name_required"]),
    ({"family_name": "山" * 51}, ["too_long"]),
    ({"given_name": "太郎😀"}, ["symbols"]),
    ({"family_name": "山田\r\n"}, []),  # trailing line break is trimmed
    ({"family_name": "山\n田"}, ["line_break"]),
    ({"family_kana": "yamada"}, ["kana_only"]),
    ({"family_kana": "ﾔﾏﾀﾞ"}, []),  # half-width katakana is kana too
    ({"family_kana": "", "given_kana": ""}, []),
])
def test_applicant_problems(changes, expected):
    assert codes("applicant", COMPLETE.with_changes(**changes)) == expected


def test_email_step_blocks_only_rejected_addresses():
    assert codes("email", COMPLETE.with_changes(email="taro@gmail.com")) == ["email_rejected"]
    assert codes("email", COMPLETE.with_changes(email="taro@city.hakodate.hokkaido.jp")) == []
    assert codes("email", COMPLETE.with_changes(email="")) == ["required"]


def test_review_needs_the_rules_confirmed():
    assert codes("review", COMPLETE.with_changes(rules_confirmed=False)) == ["rules_unconfirmed"]


def test_display_name_and_form_order():
    assert flow.display_name(COMPLETE) == "函館 太郎（北海道函館市）"
    keys = [key for key, _label, _value in flow.form_fields(COMPLETE, "ja")]
    assert keys[:4] == ["email", "organization_code", "name", "department"]
    text = flow.summary_text(COMPLETE, "ja")
    assert "メールアドレス: taro@city.hakodate.lg.jp" in text and "012025" in text


def test_form_uses_the_normalised_address():
    draft = COMPLETE.with_changes(email="ｔａｒｏ@ｃｉｔｙ.ｈａｋｏｄａｔｅ.ｌｇ.ｊｐ")
    assert dict((k, v) for k, _l, v in flow.form_fields(draft))["email"] == \
        "taro@city.hakodate.lg.jp"


def test_draft_from_dict_is_tolerant():
    draft = Draft.from_dict({"step": "nowhere", "family_name": 5, "email": "a@b.lg.jp",
                             "unknown": 1, "rules_confirmed": "yes"})
    assert draft == Draft(email="a@b.lg.jp")


def test_draft_and_records_roundtrip():
    store = ApplicationStore()
    assert store.load_draft() == (None, None)
    store.save_draft(COMPLETE.with_changes(step="review"))
    assert store.load_draft()[0] == COMPLETE.with_changes(step="review")
    generation = store.generation
    record = store.add(COMPLETE, date(2026, 11, 27), email="taro@city.hakodate.lg.jp",
                       organization_name="北海道函館市")
    assert store.load_draft() == (None, None)
    assert not store.save_draft(COMPLETE, generation)  # a save queued before is dropped
    records, problem = store.records()
    assert problem is None and records == [record]
    assert (record.applied_at, record.state, record.organization_code) == (
        "2026-11-27", "applied", "012025")


def test_corrupt_draft_is_moved_aside():
    store = ApplicationStore()
    store.store.directory.mkdir(parents=True)
    store.store.path("draft").write_text("{broken", encoding="utf-8")
    draft, problem = store.load_draft()
    assert draft is None and problem.moved_to.read_text() == "{broken"


@pytest.mark.parametrize(("day", "text"), [
    (date(2019, 5, 1), "令和元年5月1日"), (date(2019, 4, 30), "平成31年4月30日"),
    (date(1989, 1, 8), "平成元年1月8日"), (date(1989, 1, 7), "昭和64年1月7日"),
    (date(2026, 11, 29), "令和8年11月29日"),
])
def test_wareki(day, text):
    assert format_wareki(day) == text


def test_dates_in_both_languages():
    assert format_day(date(2026, 11, 29), "ja") == "2026年11月29日"
    assert format_day(date(2026, 11, 29), "en") == "29 November 2026"
    assert format_day(date(2026, 11, 29), "ja", japanese_era=True) == "令和8年11月29日"


def test_directory_search():
    directory = flow.directory
    for query in ("函館", "はこだて", "ハコダテ", "hakodate", "012025"):
        assert directory.search(query)[0].code == "012025", query
    assert [b.code for b in directory.search("", prefecture="北海道")][:2] == ["010006", "011002"]
    assert all(b.prefecture == "東京都" for b in directory.search("なか", prefecture="東京都"))
    assert directory.search("厚生", agencies=True)[0].code == "mhlw"
    assert all(b.kind != "ward" for b in directory.search("中央区"))
