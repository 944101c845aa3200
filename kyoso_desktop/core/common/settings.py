"""Settings: defaults < user file < managed file (IT-deployed, read-only, locks what it sets).

The managed file is `%ProgramData%\\KyosoDesktop\\managed.toml` on Windows and
`/etc/kyoso-desktop/managed.toml` elsewhere (KYOSO_MANAGED_CONFIG overrides the path). A
malformed managed file is reported with its file and line and ignored, never fatal.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.codes import is_valid_lg_code
from kyoso_desktop.core.common.i18n import N_
from kyoso_desktop.core.common.store import DocumentStore, StoreProblem, config_dir

FORMAT = 1
# What IT may set (and so lock) in managed.toml, and the setting each key fills.
MANAGED_KEYS = ("offline", "proxy", "diagnostics_profile", "organization_code",
                "secretariat_email", "application_form_url", "imap_host", "imap_port",
                "imap_security", "trusted_authserv", "language", "dns_server")


@dataclass(frozen=True)
class Settings:
    """What a user can change (unless IT locked it). `offline`: no network call at all."""

    language: str | None = None  # None: from the OS
    offline: bool = False
    dns_server: str | None = None  # "ADDR" or "ADDR:PORT"; None: the OS resolver
    japanese_era: bool = False  # show dates as 令和8年… in Japanese
    trusted_authserv: tuple[str, ...] = ()  # own mail servers' authserv-ids (invitation check)
    imap_host: str = ""  # the mailbox look-up (the password is only ever in the OS keyring)
    imap_user: str = ""
    imap_port: int = 993
    imap_security: str = "tls"
    proxy: str | None = None  # for the connection check; None: discover
    diagnostics_profile: str | None = None  # a profile file for the connection check
    organization_code: str | None = None  # the body this PC belongs to (pre-filled)
    secretariat_email: str | None = None  # overrides the policy file
    application_form_url: str | None = None  # overrides the policy file
    locked: frozenset[str] = field(default=frozenset(), compare=False)  # set by IT

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def is_locked(self, name: str) -> bool:
        return name in self.locked


PROBLEM_TEXTS = {
    "unreadable": N_("the file cannot be read ({error}); until it can, the app stays offline"),
    "not_toml": N_("not valid TOML; the whole file is ignored"),
    "unknown_key": N_("unknown setting “{key}” (ignored)"),
    "bad_value": N_("“{value}” is not a usable value for “{key}” (ignored)"),
}


@dataclass(frozen=True)
class ManagedProblem:
    """A managed file that could not be used (or a key in it), with its line when known;
    `str()` words it in the current language."""

    path: Path
    line: int | None
    code: str  # unreadable, not_toml, unknown_key, bad_value
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        from kyoso_desktop.core.common.oserrors import code_text

        values = dict(self.values)
        if "error" in values:
            values["error"] = code_text(values["error"], i18n.get_language())
        text = i18n._(PROBLEM_TEXTS[self.code]).format(**values)
        return f"{self.path}:{self.line}: {text}" if self.line else f"{self.path}: {text}"


def parse_dns_server(server: str) -> tuple[str, int]:
    """"127.0.0.1", "127.0.0.1:5353" or "[::1]:53" → (address, port); ValueError otherwise."""
    import ipaddress

    text = server.strip()
    if text.startswith("["):
        address, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else "53"
        if rest and not rest.startswith(":"):
            raise ValueError(f"not an address: {server!r}")
    elif text.count(":") == 1:
        address, port_text = text.split(":")
    else:
        address, port_text = text, "53"
    try:
        ipaddress.ip_address(address)
    except ValueError:
        raise ValueError(f"not an IP address: {server!r}") from None
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValueError(f"not a port: {server!r}")
    return address, int(port_text)


def managed_config_path() -> Path:
    override = os.environ.get("KYOSO_MANAGED_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "KyosoDesktop" / "managed.toml"
    return Path("/etc/kyoso-desktop/managed.toml")


def _valid(name: str, value: Any) -> Any:
    """The value converted to the setting's type, or raises ValueError."""
    if name in ("offline", "japanese_era"):
        if isinstance(value, bool):
            return value
    elif name == "imap_port":
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535:
            return value
    elif name == "imap_security":
        if value in ("tls", "starttls"):
            return value
    elif name == "language":
        if value in ("ja", "en", None):
            return value
    elif name == "trusted_authserv":
        if isinstance(value, list | tuple) and all(isinstance(x, str) for x in value):
            return tuple(value)
    elif name == "organization_code":
        if isinstance(value, str) and is_valid_lg_code(value):
            return value
    elif name == "dns_server":
        if value is None or value == "":
            return None
        if isinstance(value, str):
            parse_dns_server(value)  # raises ValueError with the reason
            return value.strip()
    elif isinstance(value, str):
        return value or (None if name not in ("imap_host", "imap_user") else "")
    elif value is None:
        return None
    raise ValueError(f"unsuitable value for {name}: {value!r}")


def _store() -> DocumentStore:
    return DocumentStore(config_dir())


def _user_values() -> tuple[dict[str, Any], StoreProblem | None]:
    data, problem = _store().load("settings", FORMAT)
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name == "locked" or not data or f.name not in data:
            continue
        try:
            values[f.name] = _valid(f.name, data[f.name])
        except ValueError:
            continue  # a wrongly typed user value falls back to the default
    return values, problem


MAX_MANAGED_BYTES = 64 * 1024  # a real managed.toml is a few hundred bytes


def _decode_managed(raw: bytes) -> str:
    """UTF-8 (with or without the BOM Windows Notepad writes), else Shift_JIS (CP932)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp932")


def load_managed(path: Path | None = None) -> tuple[dict[str, Any], list[ManagedProblem]]:
    """What IT set: the values, and the problems. A file that exists but cannot be read fails
    closed (offline, locked); a file with a syntax error is ignored as a whole."""
    path = path or managed_config_path()
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_MANAGED_BYTES + 1)
        if len(raw) > MAX_MANAGED_BYTES:
            raise ValueError("too large")
        text = _decode_managed(raw)
    except FileNotFoundError:
        return {}, []
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        from kyoso_desktop.core.common.oserrors import error_code

        # IT placed a file we cannot read: it may say offline, so be offline (and say so)
        return {"offline": True}, [ManagedProblem(path, None, "unreadable",
                                                  (("error", error_code(exc)),))]
    import tomllib  # only when IT placed a file: not on every start-up

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        where = re.search(r"line (\d+)", str(exc))
        return {}, [ManagedProblem(path, int(where.group(1)) if where else None, "not_toml")]
    lines: dict[str, int] = {}  # the first line of each key, in one pass
    for number, source_line in enumerate(text.splitlines(), 1):
        lines.setdefault(source_line.split("=", 1)[0].strip().strip('"'), number)
    values: dict[str, Any] = {}
    problems: list[ManagedProblem] = []
    for key, value in data.items():
        line = lines.get(key)
        if key not in MANAGED_KEYS:
            problems.append(ManagedProblem(path, line, "unknown_key", (("key", key),)))
            continue
        try:
            values[key] = _valid(key, value)
        except ValueError:
            problems.append(ManagedProblem(path, line, "bad_value",
                                           (("key", key), ("value", str(value)[:80]))))
    return values, problems


def load_settings() -> tuple[Settings, StoreProblem | None]:
    """The effective settings: defaults < user < managed; managed keys are locked."""
    user, problem = _user_values()
    managed, _problems = load_managed()
    return Settings(**{**user, **managed}, locked=frozenset(managed)), problem


def managed_problems() -> list[ManagedProblem]:
    """Problems of the managed file, for the app to report."""
    return load_managed()[1]


def save_settings(settings: Settings) -> None:
    """Persist what the user chose (never the values IT set)."""
    values = {k: v for k, v in asdict(settings).items()
              if k != "locked" and k not in settings.locked}
    values["trusted_authserv"] = list(values.get("trusted_authserv", ()))
    _store().save("settings", {"format": FORMAT, **values})


def choose_language(requested: str | None = None, settings: Settings | None = None) -> str:
    """--lang if given, else the user's setting, else the OS language."""
    if requested in i18n.LANGUAGES:
        return requested
    if settings is None:
        settings, _problem = load_settings()
    return settings.language or i18n.detect_language()
