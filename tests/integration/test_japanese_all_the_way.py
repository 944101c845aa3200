"""Every human surface speaks Japanese when the language is Japanese: the connection check's
table, `kyoso diagnose`, the IT request sheet; codes stay in the JSON only. An LGWAN-side PC
gets one consistent answer, and the sheet asks for what is possible and names the requester."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import pytest

from kyoso_desktop.core.common.settings import Settings
from kyoso_desktop.core.netdiag import session
from kyoso_desktop.core.netdiag.model import Requester
from kyoso_desktop.core.netdiag.profile import Endpoint, Profile
from kyoso_desktop.core.netdiag.report import report_html
from kyoso_desktop.core.netdiag.texts import describe, status_text
from kyoso_desktop.core.registration.flow import Draft
from kyoso_desktop.core.registration.records import ApplicationStore
from tests.integration.dns_server import LoopbackDns
from tests.integration.slack_servers import SlackStandIn, free_port
from tests.integration.tls_ca import CertificateAuthority

pytestmark = pytest.mark.network

# what may stand in Latin letters inside Japanese text: names of things, not sentences
NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w.-]+|\b[\w-]+(?:\.[\w-]+)+\b|--[\w-]+|\b\w+_\w+\b|"
    r"\b[A-Z][A-Z0-9_:]+\b|"  # metavariables and constants: HOST:PORT:ADDR, ECONNREFUSED
    r"\b(?:TLS|HTTPS?|WebSocket|Slack|DNS|PAC|OK|CONNECT|LGWAN|IT|PDF|HTML|JSON|CA|TCP|"
    r"SNI|MX|ID|TLSv\d\.\d|Kyoso Desktop|Let's Encrypt|DigiCert|ISRG|Test CA|Kyoso Test CA|"
    r"Example Proxy Inspection CA|Evil Inspect CA|Linux|Windows|Darwin|x86_64|DIRECT)\b")
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}\b")


def english_in(text: str) -> list[str]:
    """Runs of three or more English words, outside host names, addresses and identifiers."""
    return ENGLISH_SENTENCE.findall(NOT_WORDS.sub(" ", text))


def test_the_detector_finds_english_and_spares_names():
    assert english_in("結果: not checked: an earlier step failed") != []
    assert english_in("wss-primary.slack.com への WebSocket、taro@city.hakodate.lg.jp、"
                      "--resolve HOST:PORT:ADDR、tls_intercepted") == []


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(re.sub(r"<style.*?</style>", "", html, flags=re.S))
    return " ".join(parser.parts)


@pytest.fixture
def lgwan_side():
    """A run where nothing resolves (an LGWAN-side PC's DNS)."""
    with LoopbackDns(rcode="NXDOMAIN") as dns:
        request = session.Request(
            profile=Profile("t", (Endpoint("app.slack.com"),
                                  Endpoint("wss-primary.slack.com", kind="websocket")), (), 2.0),
            no_proxy=True, dns_server=dns.address)
        plan = session.prepare(request, Settings(), workspaces=lambda: [])
        return session.run(plan, lang="ja", requester=Requester(
            "函館 太郎", "北海道函館市", "総務部 情報政策課", "taro@city.hakodate.lg.jp"))


def test_an_lgwan_side_pc_gets_one_answer_and_a_sheet_that_asks_what_is_possible(lgwan_side):
    assert [f.code for f in lgwan_side.findings] == ["lgwan_side"]
    assert lgwan_side.lgwan_side
    html = report_html(lgwan_side, "ja")
    text = visible(html)
    assert "画面転送" in text and "ローカルブレイクアウト" in text
    assert "許可をお願いします" not in text  # no "please allow …" to a PC that cannot connect
    assert "函館 太郎" in text and "総務部 情報政策課" in text and "電話" in text
    assert "2023年3月7日" in text and "調査・照会" in text
    assert "wss-primary.slack.com" in text and "*.slack-edge.com" in text
    assert english_in(text) == []
    assert "dns_failed" not in text and "failed" not in text


def test_check_details_and_statuses_are_in_japanese(lgwan_side):
    for check in lgwan_side.checks:
        words = f"{status_text(check.status, 'ja')} {describe(check, 'ja')}"
        assert english_in(words) == [], words
    english = [describe(c, "en") for c in lgwan_side.checks]
    assert any("not found" in d or "Not checked" in d for d in english)  # en stays complete


def kyoso(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kyoso_desktop", *args], capture_output=True,
                          timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture
def loopback_run(tmp_path):
    """A profile on a Slack stand-in (test CA) and a closed port, as CLI options."""
    ca = CertificateAuthority(tmp_path / "ca")
    closed = free_port()
    with SlackStandIn(ca) as slack:
        profile = tmp_path / "profile.toml"
        profile.write_text(f'[[endpoints]]\nhost = "app.slack.com"\nport = {slack.port}\n'
                           f'[[endpoints]]\nhost = "files.slack.com"\nport = {closed}\n')
        yield ["--profile", str(profile), "--ca-file", str(ca.ca_file), "--no-proxy",
               "--timeout", "3", "--resolve", f"app.slack.com:{slack.port}:127.0.0.1",
               "--resolve", f"files.slack.com:{closed}:127.0.0.1"]


def test_kyoso_diagnose_speaks_japanese_and_writes_the_sheet(loopback_run, tmp_path):
    store = ApplicationStore()
    store.add(Draft(family_name="函館", given_name="太郎", department="総務部"),
              date(2026, 11, 20), email="taro@city.hakodate.lg.jp",
              organization_name="北海道函館市")
    html, data = tmp_path / "sheet.html", tmp_path / "sheet.json"
    run = kyoso("diagnose", *loopback_run, "--report", str(html))
    out = run.stdout.decode("utf-8")
    assert run.returncode == 3, run.stderr.decode()
    assert "接続を拒否" in out or "拒否" in out
    assert english_in(out.replace("[OK]", "").replace("[!!]", "").replace("[--]", "")) == []
    sheet = visible(html.read_text(encoding="utf-8"))
    assert "函館 太郎" in sheet and english_in(sheet) == []
    assert kyoso("diagnose", *loopback_run, "--report", str(data)).returncode == 3
    saved = json.loads(data.read_text(encoding="utf-8"))
    assert saved["requester"]["name"] == "函館 太郎"
    assert {c["status"] for c in saved["checks"]} >= {"ok", "tcp_refused"}  # codes in JSON


def test_kyoso_diagnose_report_as_pdf(loopback_run, tmp_path):
    pytest.importorskip("PySide6")
    pdf = tmp_path / "sheet.pdf"
    run = kyoso("diagnose", *loopback_run, "--report", str(pdf))
    assert run.returncode == 3, run.stderr.decode()
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000


def test_a_report_name_that_cannot_be_written_is_a_usage_error(loopback_run, tmp_path):
    for name, words in (("sheet.docx", ".pdf"), ("missing-folder/sheet.html", "フォルダー")):
        run = kyoso("diagnose", *loopback_run, "--report", str(tmp_path / name))
        assert run.returncode == 2 and words in run.stderr.decode("utf-8")
        assert run.stdout == b""  # refused before any probe


def test_every_subcommand_speaks_japanese(tmp_path):
    mail = tmp_path / "invite.eml"
    from tests import mailcorpus as corpus

    mail.write_bytes(corpus.invitation())
    ApplicationStore().add(Draft(family_name="函館", given_name="太郎"), date(2026, 11, 20),
                           email="taro@city.hakodate.lg.jp", organization_name="北海道函館市")
    commands = [
        ["check-email", "--offline", "taro@city.hakodate.lg.jp", "x@gmail.com",
         "ｔａｒｏ＠city.hakodate.lg.jo", "soumu@city.hakodate.hokkaido.jp"],
        ["status"], ["check-invitation", str(mail)], ["diagnose", "--decode", "2400MC0-C20488T"],
        ["about"], ["--help"], ["check-email", "--help"], ["status", "--help"],
        ["diagnose", "--help"], ["check-invitation", "--help"], ["about", "--help"],
        ["check-email", "--org", "999999", "x@y.lg.jp"],
    ]
    for command in commands:
        run = kyoso(*command)
        for line in (run.stdout + run.stderr).decode("utf-8").splitlines():
            if command == ["about"] and line.startswith("  "):
                continue  # the shipped components' licence names
            assert english_in(line) == [], (command, line)


def test_every_area_speaks_japanese(qtbot):
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTextBrowser

    from kyoso_desktop.core.registration.flow import STEPS
    from kyoso_desktop.ui.main_window import MainWindow

    store = ApplicationStore()
    store.add(Draft(family_name="函館", given_name="太郎"), date(2026, 11, 20),
              email="taro@city.hakodate.lg.jp", organization_name="北海道函館市")
    draft = Draft(eligibility="local_government", organization_code="012025",
                  department="総務部", family_name="函館", given_name="太郎",
                  email="taro@city.hakodate.lg.jo", rules_confirmed=True)
    window = MainWindow(Settings(offline=True, language="ja"), draft, store)
    qtbot.addWidget(window)
    window.show()

    def words() -> list[str]:
        found = [w.text() for w in window.findChildren(QLabel) + window.findChildren(
            QAbstractButton) if w.isVisibleTo(window)]
        found += [w.toolTip() for w in window.findChildren(QAbstractButton)]
        found += [w.placeholderText() for w in window.findChildren(QLineEdit)]
        found += [w.toPlainText() for w in window.findChildren(QTextBrowser)]
        return found

    for step in STEPS:
        window.wizard._show_step(step)
        qtbot.wait(50)
        assert [t for t in words() if english_in(visible(t))] == [], step
    for row in (1, 2, 3):
        window.navigation.setCurrentRow(row)
        qtbot.wait(200)
        assert [t for t in words() if english_in(visible(t))] == [], row


def test_a_sheet_that_cannot_be_written_is_told_in_japanese(loopback_run, tmp_path):
    folder = tmp_path / "sheet.html"
    folder.mkdir()  # a folder where the sheet should go
    run = kyoso("diagnose", *loopback_run, "--report", str(folder))
    told = run.stderr.decode("utf-8")
    assert run.returncode != 0 and "ファイルではなくフォルダー" in told, told
    assert "Errno" not in told and "directory" not in told
