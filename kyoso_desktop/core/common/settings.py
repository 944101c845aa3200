"""Settings, from five sources: enforced policy > managed file > user > policy default >
built-in default. Enforced policy and the managed file lock what they set.

Policies are registry values (registry_policy, Windows only). The managed file is
`%ProgramData%\\KyosoDesktop\\managed.toml` on Windows and `/etc/kyoso-desktop/managed.toml`
elsewhere; it counts only when owned by Administrators/SYSTEM (root), so a standard user cannot
plant one. KYOSO_MANAGED_CONFIG replaces its path only when running from source (tests); an
installed build ignores it. Malformed values are reported with where they are, and ignored.
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
from kyoso_desktop.core.common.registry_policy import RegistryPolicies, read_policies
from kyoso_desktop.core.common.setting_schema import MANAGED_KEYS
from kyoso_desktop.core.common.store import DocumentStore, StoreProblem, config_dir

FORMAT = 1
SOURCES = ("policy", "managed_file", "user", "policy_default", "default")  # strongest first


@dataclass(frozen=True)
class Settings:
    """What a user can change (unless IT locked it). `offline`: no network call at all."""

    language: str | None = None  # None: from the OS
    offline: bool = False
    dns_server: str | None = None  # "ADDR" or "ADDR:PORT"; None: the OS resolver
    japanese_era: bool = False  # show dates as 令和8年… in Japanese
    phone_mode: bool = False  # 電話案内モード: larger place and code, guide numbers on
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
    "untrusted": N_("not owned by Administrators or SYSTEM, so anybody could have written it; "
                    "ignored"),
}


@dataclass(frozen=True)
class ManagedProblem:
    """A managed file that could not be used (or a key in it), with its line when known;
    `str()` words it in the current language."""

    path: Path | str  # the file, or the registry key
    line: int | None
    code: str  # unreadable, not_toml, unknown_key, bad_value, untrusted
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


def _test_override() -> str | None:
    """KYOSO_MANAGED_CONFIG, honoured only when running from source: in an installed build a
    user's environment variable must not replace the machine's settings."""
    if getattr(sys, "frozen", False):
        return None
    return os.environ.get("KYOSO_MANAGED_CONFIG") or None


def managed_config_path() -> Path:
    """The machine's managed file (or, from source only, KYOSO_MANAGED_CONFIG)."""
    override = _test_override()
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / "KyosoDesktop" / "managed.toml"
    return Path("/etc/kyoso-desktop/managed.toml")


def _valid(name: str, value: Any) -> Any:
    """The value converted to the setting's type, or raises ValueError."""
    if name in ("offline", "japanese_era", "phone_mode"):
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
    closed (offline, locked); a file with a syntax error is ignored as a whole. The machine's
    file counts only when an administrator owns it; a `path` given is read to validate it."""
    check_owner = path is None and _test_override() is None
    path = path or managed_config_path()
    if check_owner and path.exists() and not _owned_by_administrators(path):
        return {}, [ManagedProblem(path, None, "untrusted")]
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


def _owned_by_administrators(path: Path) -> bool:
    from kyoso_desktop.core.common.file_owner import owned_by_administrators

    return owned_by_administrators(path)


def registry_policies() -> RegistryPolicies:
    """Group Policy values (Windows registry; none elsewhere), validated like the file's."""
    return read_policies(validate=_valid)


@dataclass(frozen=True)
class ResolvedSettings:
    """The effective settings, where each value came from, and what IT set that was ignored."""

    settings: Settings
    sources: dict[str, str]  # every setting -> one of SOURCES
    problems: list[ManagedProblem]
    user_problem: StoreProblem | None


def resolve_settings() -> ResolvedSettings:
    """enforced policy > managed file > user > policy default > built-in default."""
    user, user_problem = _user_values()
    managed, problems = load_managed()
    policies = registry_policies()
    problems = problems + [
        ManagedProblem(p.where, None, p.code, (("key", p.key), ("value", p.value)))
        for p in policies.problems]
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for source in reversed(SOURCES):  # weakest first, each stronger one overwrites
        layer = {"policy": policies.enforced, "managed_file": managed, "user": user,
                 "policy_default": policies.defaults, "default": {}}[source]
        for key, value in layer.items():
            values[key], sources[key] = value, source
    locked = frozenset(k for k, s in sources.items() if s in ("policy", "managed_file"))
    every = {f.name: sources.get(f.name, "default") for f in fields(Settings) if f.name != "locked"}
    return ResolvedSettings(Settings(**values, locked=locked), every, problems, user_problem)


def load_settings() -> tuple[Settings, StoreProblem | None]:
    """The effective settings (see resolve_settings); what IT enforced is locked."""
    resolved = resolve_settings()
    return resolved.settings, resolved.user_problem


def managed_problems() -> list[ManagedProblem]:
    """Problems of the managed file and the registry policies, for the app to report."""
    return resolve_settings().problems


def save_settings(settings: Settings) -> None:
    """Persist what the user chose: never the values IT enforced, and only values that differ
    from what would apply without them (IT's preset, else the built-in default), so a preset
    IT changes later still reaches users who never changed that setting."""
    presets = registry_policies().defaults
    builtin = asdict(Settings())
    values = {k: v for k, v in asdict(settings).items()
              if k != "locked" and k not in settings.locked and v != presets.get(k, builtin[k])}
    if "trusted_authserv" in values:
        values["trusted_authserv"] = list(values["trusted_authserv"])
    _store().save("settings", {"format": FORMAT, **values})


def choose_language(requested: str | None = None, settings: Settings | None = None) -> str:
    """--lang if given, else the user's setting, else the OS language."""
    if requested in i18n.LANGUAGES:
        return requested
    if settings is None:
        settings, _problem = load_settings()
    return settings.language or i18n.detect_language()
