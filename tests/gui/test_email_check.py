"""The live email check widget on its own (pytest-qt)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from kyoso_desktop.ui.registration.email_check import EmailCheckWidget
from tests.gui.helpers import type_text


@pytest.fixture
def check(qtbot):
    widget = EmailCheckWidget(offline=True)
    qtbot.addWidget(widget)
    widget.show()
    widget.start()
    qtbot.waitUntil(lambda: widget.ready, timeout=10_000)
    return widget


def verdict(widget):
    return widget.last_result.verdict if widget.last_result else None


def test_checks_as_you_type_and_applies_a_suggestion(qtbot, check):
    qtbot.keyClicks(check.field, "taro@city.hakodate.lg.jo")
    qtbot.waitUntil(lambda: verdict(check) == "rejected", timeout=5000)
    assert "登録できません" in check.verdict.text() and "✖" in check.verdict.text()
    assert [b.text() for b in check.suggestion_buttons] == ["taro@city.hakodate.lg.jp"]
    qtbot.mouseClick(check.suggestion_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: verdict(check) == "accepted", timeout=5000)
    assert check.field.text() == "taro@city.hakodate.lg.jp"
    assert "函館市" in check.organization.text()
    assert check.suggestion_buttons == []


def test_japanese_ime_input_is_normalised(qtbot, check):
    type_text(check.field, "ｔａｒｏ＠ｃｉｔｙ．ｙｏｋｏｈａｍａ．ｊｐ")
    qtbot.waitUntil(lambda: verdict(check) == "accepted", timeout=5000)
    assert "補正" in check.warnings.text()
    assert "横浜市" in check.organization.text()
    assert "taro@city.yokohama.jp" in check.corrected.text()  # what was read, shown
    check.set_address("taro@city.yokohama.jp")
    assert not check.corrected.isVisible()


def test_warnings_and_mismatch_with_the_chosen_organisation(check):
    check.org_code = "011002"  # 札幌市
    check.set_address("soumu@city.hakodate.lg.jp")
    assert "共有アドレス" in check.warnings.text()
    assert "札幌市" in check.warnings.text() and "函館市" in check.warnings.text()


def test_emptying_the_field_says_nothing_is_checked_any_more(qtbot, check):
    """The support code must not keep a verdict for an address no longer in the field."""
    shown = []
    check.checked.connect(shown.append)
    check.set_address("taro@gmail.com")
    check.field.clear()
    qtbot.waitUntil(lambda: check.last_result is None, timeout=5000)
    assert [r.verdict if r else None for r in shown] == ["rejected", None]
    assert "入力" in check.verdict.text()


SOCKETS_SEEN = textwrap.dedent("""
    import sys
    events = []
    sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.")
                     else None)
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication
    from kyoso_desktop.ui.registration.email_check import EmailCheckWidget
    app = QApplication(["x", "-platform", "offscreen"])
    dns = sys.argv[2] if len(sys.argv) > 2 else None
    widget = EmailCheckWidget(offline=sys.argv[1] == "offline", dns_server=dns)
    widget.show()
    widget.start()
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < 10_000 and not widget.ready:
        app.processEvents()
    widget.set_address("taro@city.hakodate.lg.jp")
    clock.restart()  # offline: two seconds for anything that might still start a look-up
    while clock.elapsed() < (2_000 if sys.argv[1] == "offline" else 10_000) and not (
            widget.last_result and widget.last_result.online):
        app.processEvents()
    print("RESULT", widget.last_result.verdict, widget.last_result.online)
    print("SOCKETS", ",".join(sorted(set(events))))
""")


def sockets_seen(*args: str) -> tuple[str, str]:
    run = subprocess.run([sys.executable, "-c", SOCKETS_SEEN, *args], capture_output=True,
                         text=True, timeout=60)
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if " " in line)
    assert "RESULT" in lines, run.stdout + run.stderr
    return lines["RESULT"], lines.get("SOCKETS", "").strip()


def test_offline_widget_opens_no_socket():
    result, sockets = sockets_seen("offline")
    assert result == "accepted None" and sockets == ""


def test_online_widget_does_open_sockets():
    """Guard: the audit hook sees the online look-up (against a loopback DNS server)."""
    from tests.integration.dns_server import LoopbackDns

    with LoopbackDns() as server:
        result, sockets = sockets_seen("online", server.address)
    assert result == "accepted mx_found" and "socket" in sockets


def test_a_pasted_megabyte_is_refused_calmly(check):
    check.set_address("a" * 1_000_000)
    assert len(check.field.text()) == 1000  # the field's limit
    assert verdict(check) == "rejected"


def test_a_full_width_at_sign_is_looked_up_once_and_settles(qtbot):
    """The online answer is kept for the normalised address's domain: no endless re-checks."""
    from tests.integration.dns_server import LoopbackDns

    with LoopbackDns() as server:
        widget = EmailCheckWidget(offline=False, dns_server=server.address)
        qtbot.addWidget(widget)
        widget.show()
        widget.start()
        qtbot.waitUntil(lambda: widget.ready, timeout=10_000)
        widget.set_address("ｔａｒｏ＠city.hakodate.lg.jp")
        qtbot.waitUntil(lambda: verdict(widget) and widget.last_result.online == "mx_found",
                        timeout=10_000)
        qtbot.wait(500)
        assert server.queries == ["city.hakodate.lg.jp. MX"]
        assert widget.last_result.address == "taro@city.hakodate.lg.jp"


def test_an_lgwan_side_resolver_is_could_not_be_checked_not_no_mail(qtbot):
    from tests.integration.dns_server import LoopbackDns

    with LoopbackDns(rcode="NXDOMAIN") as server:
        widget = EmailCheckWidget(offline=False, dns_server=server.address)
        qtbot.addWidget(widget)
        widget.show()
        widget.start()
        qtbot.waitUntil(lambda: widget.ready, timeout=10_000)
        widget.set_address("taro@city.sapporo.lg.jp")
        qtbot.waitUntil(lambda: verdict(widget) and widget.last_result.online is not None,
                        timeout=10_000)
    assert widget.last_result.online == "dns_unavailable"
    assert "確認できません" in widget.online.text()
    assert not any(w.code == "no_internet_mail" for w in widget.last_result.warnings)
