"""Group Policy in the Windows registry, as Slack and Firefox read it.

`HKLM\\SOFTWARE\\Policies\\KyosoDesktop` holds enforced values (shown locked), its `Defaults`
sub-key preset values the user may change; then the same under HKCU (HKLM wins over HKCU).
Value names are the managed keys (setting_schema). Elsewhere than Windows there is no registry:
the managed file is the machine's source there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kyoso_desktop.core.common.setting_schema import BY_KEY

POLICY_KEY = r"SOFTWARE\Policies\KyosoDesktop"
# Registry value types (winreg's constants, here so the module reads the same everywhere).
REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ = 1, 2, 4, 7
HIVES = ("HKLM", "HKCU")
TIERS = ("policy", "policy_default")  # the key itself, and its Defaults sub-key

RawValue = tuple[str, Any, int]  # (value name, data, registry type)
Reader = Callable[[str, str], Iterable[RawValue]]  # (hive, key path) -> its values


@dataclass(frozen=True)
class RegistryProblem:
    """A policy value that could not be used; `where` is the registry key, for IT."""

    where: str
    code: str  # unknown_key, bad_value
    key: str
    value: str = ""


@dataclass
class RegistryPolicies:
    """What Group Policy set: enforced values, preset values, and problems (ignored values)."""

    enforced: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    problems: list[RegistryProblem] = field(default_factory=list)


def key_path(tier: str) -> str:
    return POLICY_KEY if tier == "policy" else POLICY_KEY + r"\Defaults"


def read_windows_registry(hive: str, path: str) -> list[RawValue]:
    """The values of one key in the 64-bit view; none when the key does not exist."""
    if sys.platform != "win32":  # also tells the type checker the module below exists
        return []
    import winreg

    root = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[hive]
    try:
        key = winreg.OpenKey(root, path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    except OSError:
        return []
    values: list[RawValue] = []
    with key:
        index = 0
        while index < 256:  # a policy key holds a dozen values; never loop without end
            try:
                values.append(winreg.EnumValue(key, index))
            except OSError:
                break
            index += 1
    return values


def _converted(key: str, data: Any, kind: int) -> Any:
    """Registry data as the managed value of `key`, before the setting's own validation."""
    spec = BY_KEY[key]
    if spec.kind == "bool":
        if kind == REG_DWORD and data in (0, 1):
            return bool(data)
        if kind in (REG_SZ, REG_EXPAND_SZ) and str(data).strip() in ("0", "1"):
            return str(data).strip() == "1"
    elif spec.kind == "int":
        if kind == REG_DWORD:
            return data
        if kind in (REG_SZ, REG_EXPAND_SZ) and str(data).strip().isdigit():
            return int(str(data).strip())
    elif spec.kind == "list":
        if kind == REG_MULTI_SZ:
            return [str(x).strip() for x in data if str(x).strip()]
        if kind in (REG_SZ, REG_EXPAND_SZ):
            return [x.strip() for x in str(data).replace(";", ",").split(",") if x.strip()]
    elif kind in (REG_SZ, REG_EXPAND_SZ):
        return str(data).strip()
    raise ValueError(f"registry type {kind} does not suit {key}")


def read_policies(reader: Reader | None = None,
                  validate: Callable[[str, Any], Any] | None = None) -> RegistryPolicies:
    """Enforced and preset values from HKLM, then HKCU (the first found wins).

    `reader` defaults to the Windows registry (nothing elsewhere); `validate` is the settings'
    own check (raises ValueError). Bad or unknown values are reported and ignored."""
    if reader is None:
        if sys.platform != "win32":
            return RegistryPolicies()
        reader = read_windows_registry
    result = RegistryPolicies()
    for hive in HIVES:
        for tier in TIERS:
            where = f"{hive}\\{key_path(tier)}"
            target = result.enforced if tier == "policy" else result.defaults
            for name, data, kind in reader(hive, key_path(tier)):
                if name not in BY_KEY:
                    result.problems.append(RegistryProblem(where, "unknown_key", name))
                    continue
                try:
                    value = _converted(name, data, kind)
                    if validate is not None:
                        value = validate(name, value)
                except ValueError:
                    result.problems.append(
                        RegistryProblem(where, "bad_value", name, str(data)[:80]))
                    continue
                target.setdefault(name, value)
    return result
