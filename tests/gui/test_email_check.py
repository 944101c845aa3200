"""The live email check widget on its own (pytest-qt)."""

from __future__ import annotations

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
    qtbot.waitUntil(lambda: verdict(check) == "review", timeout=5000)
    assert "補正" in check.warnings.text()
    assert "横浜市" in check.organization.text()


def test_warnings_and_mismatch_with_the_chosen_organisation(check):
    check.org_code = "011002"  # 札幌市
    check.set_address("soumu@city.hakodate.lg.jp")
    assert "共有アドレス" in check.warnings.text()
    assert "札幌市" in check.warnings.text() and "函館市" in check.warnings.text()


def test_offline_widget_starts_no_dns_lookup(check):
    check.set_address("taro@city.hakodate.lg.jp")
    assert check._online_checker is None
    assert check._background.pending == 0


def test_a_pasted_megabyte_is_refused_calmly(check):
    check.set_address("a" * 1_000_000)
    assert len(check.field.text()) == 1000  # the field's limit
    assert verdict(check) == "rejected"
