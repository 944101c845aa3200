"""The one schema of what IT may set: read by the managed file, the registry policies, the MSI
properties and the ADMX/ADML templates (so none of them can drift from the others)."""

from __future__ import annotations

from dataclasses import dataclass

from kyoso_desktop.core.common.i18n import N_


@dataclass(frozen=True)
class ManagedSetting:
    """One setting IT may enforce or preset. `kind`: bool (REG_DWORD 0/1), int (REG_DWORD),
    text (REG_SZ), choice (REG_SZ, one of `choices`) or list (REG_MULTI_SZ)."""

    key: str
    kind: str
    label: str  # N_(): translated where shown
    explain: str  # N_(): the ADML's explanation
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 0

    @property
    def msi_property(self) -> str:
        """The MSI public property: the key in upper case (`ORGANIZATION_CODE=011002`)."""
        return self.key.upper()


MANAGED_SETTINGS: tuple[ManagedSetting, ...] = (
    ManagedSetting("offline", "bool", N_("Offline mode"),
                   N_("When enabled, the app makes no network call at all: the email check, "
                      "the guides and the saved-mail check work offline; the connection check, "
                      "the online domain check and the mailbox look-up are switched off.")),
    ManagedSetting("organization_code", "text", N_("Organisation code"),
                   N_("The 6-digit nationwide local government code (全国地方公共団体コード) of "
                      "the body this PC belongs to. The registration pre-fills it.")),
    ManagedSetting("proxy", "text", N_("Proxy for the connection check"),
                   N_("The proxy the connection check uses, e.g. http://proxy.city.example."
                      "lg.jp:8080, or DIRECT. When not set, the app discovers it (WPAD, PAC, "
                      "system settings).")),
    ManagedSetting("diagnostics_profile", "text", N_("Connection check profile"),
                   N_("A profile file (TOML) listing the hosts the connection check tries, for "
                      "networks that reach Slack through a restricted route.")),
    ManagedSetting("dns_server", "text", N_("DNS server for the online domain check"),
                   N_("An IP address, optionally with a port (192.0.2.53 or 192.0.2.53:53). "
                      "When not set, the system resolver is used.")),
    ManagedSetting("secretariat_email", "text", N_("Secretariat's address"),
                   N_("Where the inquiry about a missing invitation is sent. When not set, the "
                      "address in the app's policy file is used.")),
    ManagedSetting("application_form_url", "text", N_("Application form address"),
                   N_("The address of the application form. When not set, the address in the "
                      "app's policy file is used.")),
    ManagedSetting("imap_host", "text", N_("Mail server (IMAP)"),
                   N_("The IMAP server of the staff's mailboxes, for the optional look for the "
                      "invitation. Passwords are never set here; they stay in each user's "
                      "keyring.")),
    ManagedSetting("imap_port", "int", N_("Mail server port"),
                   N_("The IMAP port (993 for TLS, 143 for STARTTLS)."),
                   minimum=1, maximum=65535),
    ManagedSetting("imap_security", "choice", N_("Mail server security"),
                   N_("tls (port 993) or starttls (port 143). Connections are never "
                      "unencrypted."), choices=("tls", "starttls")),
    ManagedSetting("trusted_authserv", "list", N_("Own mail servers (authserv-id)"),
                   N_("The authserv-id of the organisation's own mail servers, one per line: "
                      "their Authentication-Results headers are trusted by the invitation "
                      "check.")),
    ManagedSetting("language", "choice", N_("Language"),
                   N_("ja or en. When not set, the language of Windows is used."),
                   choices=("ja", "en")),
)
MANAGED_KEYS = tuple(s.key for s in MANAGED_SETTINGS)
BY_KEY = {s.key: s for s in MANAGED_SETTINGS}
# The Group Policy templates' own texts (installer/policy_templates.py).
TEMPLATE_TEXTS = {
    "KyosoDesktop": N_("Kyoso Desktop (共創PF 参加アシスタント)"),
    "KyosoDesktopDefaults": N_("Presets (users may change them)"),
    "SUPPORTED": N_("Kyoso Desktop 0.1 and later"),
    "description": N_("Settings of Kyoso Desktop that IT enforces or presets."),
    "preset_note": N_("This is a preset: the user may change it in the app."),
}
