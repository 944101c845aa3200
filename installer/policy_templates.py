"""ADMX/ADML templates for Group Policy, generated from the app's one settings schema.

    python installer/policy_templates.py          # rewrite installer/policy-templates/
    python installer/policy_templates.py --check  # exit 1 when they differ from the schema

Each managed setting becomes two policies: enforced (`SOFTWARE\\Policies\\KyosoDesktop`) and
preset (`...\\Defaults`), both for Computer and User configuration. The texts come from the
app's translation catalogs (ja-JP, en-US), so the templates say what the app says.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kyoso_desktop.core.common import i18n  # noqa: E402
from kyoso_desktop.core.common.registry_policy import POLICY_KEY  # noqa: E402
from kyoso_desktop.core.common.setting_schema import (  # noqa: E402
    MANAGED_SETTINGS,
    TEMPLATE_TEXTS,
    ManagedSetting,
)

FOLDER = ROOT / "installer" / "policy-templates"
NAME = "KyosoDesktop"
NAMESPACE = "KyosoDesktop.Policies.KyosoDesktop"
LANGUAGES = {"ja-JP": "ja", "en-US": "en"}
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'
XMLNS = ('xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" '
         'schemaVersion="1.0" '
         'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"')
TEXTS = TEMPLATE_TEXTS
TIERS = (("", POLICY_KEY, "KyosoDesktop"),
         ("_Default", POLICY_KEY + r"\Defaults", "KyosoDesktopDefaults"))


def _elements(spec: ManagedSetting) -> str:
    """The policy's value element (a bool is the policy's own enabled/disabled value)."""
    ref = f'id="{spec.key}" valueName="{spec.key}" required="true"'
    if spec.kind == "bool":
        return ('      <enabledValue><decimal value="1" /></enabledValue>\n'
                '      <disabledValue><decimal value="0" /></disabledValue>\n')
    if spec.kind == "int":
        body = (f'<decimal {ref} minValue="{spec.minimum}" maxValue="{spec.maximum}" '
                'storeAsText="false" />')
    elif spec.kind == "choice":
        items = "".join(f'<item displayName="$(string.{spec.key}_{c})"><value><string>{c}'
                        '</string></value></item>' for c in spec.choices)
        body = f"<enum {ref}>{items}</enum>"
    elif spec.kind == "list":
        body = f"<multiText {ref} />"
    else:
        body = f'<text {ref} maxLength="1024" />'
    return f"      <elements>{body}</elements>\n"


def render_admx() -> str:
    policies = []
    for suffix, key, category in TIERS:
        for spec in MANAGED_SETTINGS:
            presentation = "" if spec.kind == "bool" else \
                f' presentation="$(presentation.{spec.key})"'
            value_name = f' valueName="{spec.key}"' if spec.kind == "bool" else ""
            policies.append(
                f'    <policy name="{spec.key}{suffix}" class="Both" '
                f'displayName="$(string.{spec.key})" '
                f'explainText="$(string.{spec.key}_Explain{suffix})"{presentation} '
                f'key="{key}"{value_name}>\n'
                f'      <parentCategory ref="{category}" />\n'
                '      <supportedOn ref="SUPPORTED" />\n'
                f"{_elements(spec)}    </policy>\n")
    return (f"{HEADER}<policyDefinitions {XMLNS}>\n"
            "  <policyNamespaces>\n"
            f'    <target prefix="kyoso" namespace="{NAMESPACE}" />\n'
            '    <using prefix="windows" namespace="Microsoft.Policies.Windows" />\n'
            "  </policyNamespaces>\n"
            '  <resources minRequiredRevision="1.0" />\n'
            "  <supportedOn>\n    <definitions>\n"
            '      <definition name="SUPPORTED" displayName="$(string.SUPPORTED)" />\n'
            "    </definitions>\n  </supportedOn>\n"
            "  <categories>\n"
            '    <category name="KyosoDesktop" displayName="$(string.KyosoDesktop)" />\n'
            '    <category name="KyosoDesktopDefaults" '
            'displayName="$(string.KyosoDesktopDefaults)">\n'
            '      <parentCategory ref="KyosoDesktop" />\n    </category>\n'
            "  </categories>\n"
            f"  <policies>\n{''.join(policies)}  </policies>\n"
            "</policyDefinitions>\n")


def _presentation(spec: ManagedSetting, label: str) -> str:
    tag = {"int": "decimalTextBox", "choice": "dropdownList", "list": "multiTextBox",
           "text": "textBox"}[spec.kind]
    if spec.kind == "text":
        inner = f"<label>{escape(label)}</label>"
        return f'      <presentation id="{spec.key}"><{tag} refId="{spec.key}">{inner}' \
               f"</{tag}></presentation>\n"
    extra = ' noSort="true"' if spec.kind == "choice" else ""
    return (f'      <presentation id="{spec.key}"><{tag} refId="{spec.key}"{extra}>'
            f"{escape(label)}</{tag}></presentation>\n")


def render_adml(language: str) -> str:
    """The ADML of one language (ja or en), from the app's translation catalogs."""
    previous = i18n.get_language()
    i18n.set_language(language)
    try:
        tr = i18n._
        strings = {name: tr(text) for name, text in TEXTS.items() if name != "description"}
        presentations = []
        for spec in MANAGED_SETTINGS:
            strings[spec.key] = tr(spec.label)
            strings[f"{spec.key}_Explain"] = tr(spec.explain)
            strings[f"{spec.key}_Explain_Default"] = tr(spec.explain) + "\n\n" + \
                tr(TEXTS["preset_note"])
            for choice in spec.choices:
                strings[f"{spec.key}_{choice}"] = choice
            if spec.kind != "bool":
                presentations.append(_presentation(spec, tr(spec.label)))
        table = "".join(f"      <string id={quoteattr(k)}>{escape(v)}</string>\n"
                        for k, v in strings.items())
        return (f"{HEADER}<policyDefinitionResources {XMLNS}>\n"
                f"  <displayName>{escape(tr(TEXTS['KyosoDesktop']))}</displayName>\n"
                f"  <description>{escape(tr(TEXTS['description']))}</description>\n"
                "  <resources>\n"
                f"    <stringTable>\n{table}    </stringTable>\n"
                f"    <presentationTable>\n{''.join(presentations)}    </presentationTable>\n"
                "  </resources>\n</policyDefinitionResources>\n")
    finally:
        i18n.set_language(previous)


def rendered() -> dict[str, str]:
    """Relative path -> text of every template file."""
    files = {f"{NAME}.admx": render_admx()}
    for folder, language in LANGUAGES.items():
        files[f"{folder}/{NAME}.adml"] = render_adml(language)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for name, text in rendered().items():
        path = FOLDER / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    if stale:
        print("out of date (run python installer/policy_templates.py):", *stale)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
