"""User settings: defaults < user file. (IT-managed settings come with the deployment work.)"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from kyoso_desktop.core.store import DocumentStore, StoreProblem, config_dir

FORMAT = 1


@dataclass(frozen=True)
class Settings:
    """What a user can change. `offline` guarantees that no network call is made."""

    language: str | None = None  # None: from the OS
    offline: bool = False
    dns_server: str | None = None  # "ADDR" or "ADDR:PORT"; None: the OS resolver
    japanese_era: bool = False  # show dates as 令和8年… in Japanese
    trusted_authserv: tuple[str, ...] = ()  # own mail servers' authserv-ids (invitation check)
    imap_host: str = ""  # the mailbox look-up (the password is only ever in the OS keyring)
    imap_user: str = ""
    imap_port: int = 993
    imap_security: str = "tls"

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _store() -> DocumentStore:
    return DocumentStore(config_dir())


def load_settings() -> tuple[Settings, StoreProblem | None]:
    """The user's settings; unknown or wrongly typed values fall back to defaults."""
    data, problem = _store().load("settings", FORMAT)
    if not data:
        return Settings(), problem
    defaults = Settings()
    language = data.get("language")
    dns_server = data.get("dns_server")
    return (
        Settings(
            language=language if language in ("ja", "en") else defaults.language,
            offline=data["offline"] if isinstance(data.get("offline"), bool) else defaults.offline,
            dns_server=dns_server if isinstance(dns_server, str) and dns_server else None,
            japanese_era=data["japanese_era"] if isinstance(data.get("japanese_era"), bool)
            else defaults.japanese_era,
            imap_host=_text(data, "imap_host"),
            imap_user=_text(data, "imap_user"),
            imap_port=data["imap_port"] if isinstance(data.get("imap_port"), int) else 993,
            imap_security="starttls" if data.get("imap_security") == "starttls" else "tls",
            trusted_authserv=tuple(x for x in data.get("trusted_authserv", ())
                                   if isinstance(x, str)) if isinstance(
                data.get("trusted_authserv"), list) else defaults.trusted_authserv,
        ),
        problem,
    )


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def save_settings(settings: Settings) -> None:
    """Persist the user's settings."""
    _store().save("settings", {"format": FORMAT, **asdict(settings)})


def choose_language(requested: str | None = None, settings: Settings | None = None) -> str:
    """--lang if given, else the user's setting, else the OS language."""
    from kyoso_desktop.core import i18n

    if requested in i18n.LANGUAGES:
        return requested
    if settings is None:
        settings, _problem = load_settings()
    return settings.language or i18n.detect_language()
