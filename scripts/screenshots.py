"""Render the window at every wizard step, in Japanese and English, into docs/screenshots/.

    python scripts/screenshots.py      (offscreen; needs a CJK font, e.g. Debian's fonts-noto-cjk)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test corpus supplies the sample mails
OUT = ROOT / "docs" / "screenshots"
DRAFT = dict(eligibility="local_government", organization_code="012025",
             department="総務部 情報政策課", family_name="函館", given_name="太郎",
             family_kana="ハコダテ", given_kana="タロウ")
EMAILS = {"ja": "taro@city.hakodate.lg.jo", "en": "soumu@city.hakodate.hokkaido.jp"}


def main() -> None:
    os.environ.setdefault("KYOSO_DATA_DIR", tempfile.mkdtemp())  # never the real history
    os.environ.setdefault("KYOSO_CONFIG_DIR", tempfile.mkdtemp())
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from kyoso_desktop.core.common import i18n
    from kyoso_desktop.core.common.settings import Settings
    from kyoso_desktop.core.registration.flow import STEPS, Draft
    from kyoso_desktop.core.registration.records import ApplicationStore
    from kyoso_desktop.ui.app import use_language_font, use_qt_translations
    from kyoso_desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    default_font = app.font()
    qt_translator = QTranslator(app)
    OUT.mkdir(parents=True, exist_ok=True)

    def settle(window) -> None:
        for _ in range(30):
            app.processEvents()

    for lang in ("ja", "en"):
        i18n.set_language(lang)
        use_qt_translations(app, qt_translator, lang)
        use_language_font(app, default_font, lang)
        for number, step in enumerate(STEPS, 1):
            draft = Draft(step=step, **DRAFT, email="taro@city.hakodate.lg.jp",
                          rules_confirmed=step == "apply")
            if step == "eligibility":
                draft = Draft()
            window = MainWindow(Settings(language=lang, offline=True), draft, ApplicationStore())
            window.show()
            settle(window)
            if step == "email":
                check = window.wizard.pages["email"].check
                check.start()
                while not check.ready:
                    app.processEvents()
                check.set_address(EMAILS[lang])
            settle(window)
            target = OUT / f"{lang}-{number}-{step}.png"
            window.grab().save(str(target))
            print(target)
            window.close()
        store = ApplicationStore()
        if not store.records()[0]:
            from datetime import date

            store.add(Draft(**DRAFT), date.today(), email="taro@city.hakodate.lg.jp",
                      organization_name="北海道函館市")
        window = MainWindow(Settings(language=lang, offline=True), Draft(), store)
        window.show()
        window.navigation.setCurrentRow(1)
        settle(window)
        while not window.status_page.card_widgets():
            app.processEvents()
        card = window.status_page.card_widgets()[0]
        sample = Path(tempfile.mkdtemp()) / "invitation.eml"
        from tests import mailcorpus

        sample.write_bytes(mailcorpus.invitation() if lang == "en" else mailcorpus.sanitized())
        card.check_file(str(sample))
        while card.last_check is None:
            app.processEvents()
        settle(window)
        window.grab().save(str(OUT / f"{lang}-status.png"))
        from kyoso_desktop.ui.invitation.inquiry import InquiryDialog
        from kyoso_desktop.ui.invitation.link_aid import LinkAidDialog
        from kyoso_desktop.ui.invitation.mailbox import MailboxDialog

        for name, dialog in (("inquiry", InquiryDialog(card.record)),
                             ("link-aid", LinkAidDialog(mailcorpus.JOIN)),
                             ("mailbox", MailboxDialog(card.record, window.settings))):
            dialog.show()
            settle(dialog)
            dialog.grab().save(str(OUT / f"{lang}-{name}.png"))
            dialog.close()
        window.close()
        _connection_and_help(app, lang, settle)


def _connection_and_help(app, lang: str, settle) -> None:
    """The connection check against loopback stand-ins (a TLS-inspecting proxy that breaks
    WebSockets), the IT request sheet, and the help area with the guide and the decoder."""
    from PySide6.QtWidgets import QTextBrowser

    from kyoso_desktop.core.common.settings import Settings
    from kyoso_desktop.core.netdiag.profile import Endpoint, Profile
    from kyoso_desktop.core.netdiag.report import report_html
    from kyoso_desktop.core.registration.flow import Draft
    from kyoso_desktop.ui.main_window import MainWindow
    from tests.integration.slack_servers import InterceptingProxy, SlackStandIn
    from tests.integration.tls_ca import CertificateAuthority

    folder = Path(tempfile.mkdtemp())
    slack_ca = CertificateAuthority(folder / "ca")
    inspect_ca = CertificateAuthority(folder / "inspect", name="Example Proxy Inspection CA")
    window = MainWindow(Settings(language=lang), Draft())
    window.resize(1100, 760)
    window.show()
    window.navigation.setCurrentRow(2)
    settle(window)
    page = window.connection_page
    with SlackStandIn(slack_ca) as slack, InterceptingProxy(
            inspect_ca, slack.port, slack_ca.ca_file, block_websocket=True) as proxy:
        profile = Profile("demo", (Endpoint("slack.com", slack.port),
                                   Endpoint("app.slack.com", slack.port),
                                   Endpoint("wss-primary.slack.com", slack.port, "websocket")),
                          ("DigiCert", "Let's Encrypt"), 3.0)
        page.start(profile, ca_file=str(inspect_ca.ca_file),
                   proxy=f"http://127.0.0.1:{proxy.port}")
        while page.diagnosis is None:
            app.processEvents()
    settle(window)
    window.grab().save(str(OUT / f"{lang}-connection.png"))
    sheet = QTextBrowser()
    sheet.resize(900, 1000)
    sheet.setHtml(report_html(page.diagnosis, lang))
    sheet.show()
    settle(sheet)
    sheet.grab().save(str(OUT / f"{lang}-it-request.png"))
    sheet.close()
    window.navigation.setCurrentRow(3)
    settle(window)
    window.help_page.search.setText("WebSocket")
    settle(window)
    window.grab().save(str(OUT / f"{lang}-help.png"))
    window.help_page.code.setText(page.diagnosis.support_code)
    settle(window)
    window.grab().save(str(OUT / f"{lang}-helpdesk.png"))
    window.close()


def manual_pages() -> None:
    """A page of the manual in each language (the email step), as `kyoso manual` makes it."""
    import subprocess

    from pypdf import PdfReader

    from kyoso_desktop.core.helpdesk.manual import screen_title

    for lang in ("ja", "en"):
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "manual.pdf"
            subprocess.run([sys.executable, "-m", "kyoso_desktop", "--lang", lang, "manual",
                            "--out", str(pdf)], check=True, timeout=600)
            reader = PdfReader(pdf)
            pages = {item.title: reader.get_destination_page_number(item) + 1
                     for item in reader.outline}
            page = pages[screen_title("step_email", lang)]
            stem = OUT / f"{lang}-manual-email"
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page),
                            "-l", str(page), str(pdf), str(stem)], check=True, timeout=120)
            print(f"{stem}.png")


if __name__ == "__main__":
    main()
    manual_pages()
