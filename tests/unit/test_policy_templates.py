"""The ADMX/ADML templates are generated from the settings schema and cannot drift from it."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kyoso_desktop.core.common.setting_schema import MANAGED_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import policy_templates  # noqa: E402

NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def test_committed_templates_equal_what_the_schema_generates():
    for name, text in policy_templates.rendered().items():
        committed = (policy_templates.FOLDER / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python installer/policy_templates.py"


def test_every_setting_has_an_enforced_and_a_preset_policy():
    admx = ET.fromstring(policy_templates.render_admx())
    policies = {p.get("name"): p for p in admx.iter(f"{{{NS['p']}}}policy")}
    for spec in MANAGED_SETTINGS:
        enforced, preset = policies[spec.key], policies[f"{spec.key}_Default"]
        assert enforced.get("key") == r"SOFTWARE\Policies\KyosoDesktop"
        assert preset.get("key") == r"SOFTWARE\Policies\KyosoDesktop\Defaults"
        names = {e.get("valueName") for e in enforced.iter() if e.get("valueName")}
        assert names == {spec.key}  # the value name is the managed key the app reads


def test_every_reference_resolves_in_both_languages():
    admx = policy_templates.render_admx()
    strings = set(re.findall(r"\$\(string\.([^)]+)\)", admx))
    presentations = set(re.findall(r"\$\(presentation\.([^)]+)\)", admx))
    for folder in policy_templates.LANGUAGES:
        adml = ET.fromstring(policy_templates.rendered()[f"{folder}/KyosoDesktop.adml"])
        ids = {s.get("id") for s in adml.iter(f"{{{NS['p']}}}string")}
        shown = {p.get("id") for p in adml.iter(f"{{{NS['p']}}}presentation")}
        assert strings <= ids and presentations <= shown, folder
    ja = policy_templates.render_adml("ja")
    assert "オフラインモード" in ja and "団体コード" in ja  # the app's own words
