"""Human words for settings and their sources (About, Settings, `kyoso about`)."""

from __future__ import annotations

from typing import Any

from kyoso_desktop.core.common.i18n import N_, _
from kyoso_desktop.core.common.setting_schema import BY_KEY

SOURCE_TEXTS = {
    "policy": N_("Group Policy (enforced)"), "managed_file": N_("IT department's file"),
    "user": N_("this user"), "policy_default": N_("Group Policy (preset)"),
    "default": N_("built-in default"),
}
# The settings only a user sets (IT cannot): their names.
USER_ONLY_LABELS = {"japanese_era": N_("Dates in the Japanese era"),
                    "phone_mode": N_("Phone mode"),
                    "imap_user": N_("Mail user name")}


def setting_label(key: str) -> str:
    spec = BY_KEY.get(key)
    return _(spec.label if spec else USER_ONLY_LABELS.get(key, key))


def source_text(source: str) -> str:
    return _(SOURCE_TEXTS[source])


def value_text(value: Any) -> str:
    """A value as a person reads it: yes/no, a list joined, "(not set)"."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value in (None, "", [], ()):
        return _("(not set)")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
