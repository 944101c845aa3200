"""Typing aid for the join link, QR code, and the inquiry to the secretariat."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy
from urllib.parse import parse_qs, unquote, urlsplit

from kyoso_desktop.core.invitation.inquiry import build_inquiry
from kyoso_desktop.core.invitation.linkaid import check_typed, chunks, qr_png, text_chunks

URL = "https://join.slack.com/t/kyoso-pf/invite/zt-2abcDEF123-xYz0Ol1I?x=x-p123"


def test_chunks_mark_lookalikes():
    groups = chunks(URL)
    assert "".join(c.text for c in groups) == URL
    assert all(len(c.text) <= 4 for c in groups)
    marked = {c.text[p] for c in groups for p in c.ambiguous}
    assert {"0", "O", "l", "1", "I"} <= marked
    assert "0 = zero (digit)" in text_chunks(URL) and "l = small L" in text_chunks(URL)
    assert "0 = ゼロ（数字）" in text_chunks(URL, lang="ja")


def test_typed_back_is_checked_chunk_by_chunk():
    assert check_typed(URL, "")[0] is None
    assert check_typed(URL, "http s://")[:2] == [True, True]
    assert check_typed(URL, "htp")[0] is False
    assert all(check_typed(URL, " ".join(c.text for c in chunks(URL))))
    wrong = URL.replace("0Ol1I", "O0lI1")
    assert False in check_typed(URL, wrong)


def test_qr_code_is_a_png():
    assert qr_png(URL).startswith(b"\x89PNG")


def inquiry(checks=()):
    return build_inquiry(to="co-creation-platform@digital.go.jp", name="函館 太郎",
                         organization="北海道函館市", code="012025", department="総務部 情報政策課",
                         email="taro@city.hakodate.lg.jp", applied_at=date(2026, 11, 20),
                         waited=6, checks=checks)


def test_inquiry_text():
    item = inquiry(checks=("junk_folder", "allowlist"))
    assert "函館 太郎" in item.subject
    for part in ("012025", "taro@city.hakodate.lg.jp", "2026-11-20", "6開庁日", "迷惑メール",
                 "slack.com からのメール"):
        assert part in item.body
    assert "無害化" not in item.body  # not ticked: not claimed


def test_an_inquiry_claims_nothing_that_was_not_ticked():
    body = inquiry().body
    assert "確認したこと" not in body and "迷惑メール" not in body
    assert "\n\n\n" not in body


def test_mailto_is_valid_utf8_and_short():
    link = inquiry().mailto()
    assert len(link) <= 1900 and link.startswith("mailto:co-creation-platform@digital.go.jp?")
    query = parse_qs(urlsplit(link).query)
    assert query["subject"][0] == inquiry().subject
    assert "+" not in link and "%20" in link
    short = inquiry().mailto(limit=600)
    assert len(short) <= 600
    assert "%" not in short[-2:] and unquote(short)  # never cut inside an escape
    assert inquiry().body.startswith(parse_qs(urlsplit(short).query).get(
        "body", [""])[0].replace("\r\n", "\n"))


def test_eml_draft():
    mail = message_from_bytes(inquiry().eml(), policy=policy.default)
    assert mail["To"] == "co-creation-platform@digital.go.jp"
    assert mail["X-Unsent"] == "1" and "函館" in mail["Subject"]
    assert "012025" in mail.get_content()


def test_an_agency_application_has_no_organisation_code(tmp_path):
    from datetime import date

    from kyoso_desktop.core.common.store import DocumentStore
    from kyoso_desktop.core.registration.flow import Draft
    from kyoso_desktop.core.registration.records import ApplicationStore

    store = ApplicationStore(DocumentStore(tmp_path))
    record = store.add(Draft(eligibility="agency", organization_code="digital",
                             family_name="霞", given_name="太郎"), date(2026, 11, 20),
                       email="taro@digital.go.jp", organization_name="デジタル庁")
    assert (record.organization_code, record.agency_id) == (None, "digital")
    assert store.records()[0][0] == record
    inquiry = build_inquiry(to="x@digital.go.jp", name=record.name,
                            organization=record.organization_name, code=record.organization_code,
                            department="", email=record.email, applied_at=date(2026, 11, 20),
                            waited=5)
    assert "全国地方公共団体コード" not in inquiry.body and "デジタル庁" in inquiry.body
    assert "digital\n" not in inquiry.body


def test_an_earlier_record_of_an_agency_is_read_with_its_id_apart(tmp_path):
    import json

    from kyoso_desktop.core.common.store import DocumentStore
    from kyoso_desktop.core.registration.records import ApplicationStore

    (tmp_path / "applications.json").write_text(json.dumps({"format": 1, "applications": [
        {"id": "a1", "email": "taro@digital.go.jp", "organization_code": "digital",
         "name": "霞 太郎", "state": "applied", "applied_at": "2026-11-20"}]}))
    record = ApplicationStore(DocumentStore(tmp_path)).records()[0][0]
    assert (record.organization_code, record.agency_id) == (None, "digital")
