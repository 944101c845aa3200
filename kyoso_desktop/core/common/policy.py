"""The platform's rules, loaded from the versioned resources/policy.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from kyoso_desktop.core.common.paths import resource
from kyoso_desktop.core.common.settings import load_managed


@dataclass(frozen=True)
class Policy:
    """The rules the checks apply; see resources/policy.toml for their sources."""

    version: str
    updated: str
    secretariat_email: str
    application_form_url: str
    invitation_sender_domain: str
    invitation_delay_business_days: int
    invitation_validity_days: int
    display_name_template: str
    accepted_suffixes: tuple[str, ...]
    lg_attributes: frozenset[str]
    geo_attributes: frozenset[str]
    designated_city_labels: frozenset[str]
    shared_hosting_domains: frozenset[str]
    other_organization_types: dict[str, str]
    free_mail_domains: frozenset[str]
    role_local_parts: frozenset[str]
    role_suffixes: tuple[str, ...]
    online_control_names: tuple[str, ...]
    regional_verdict: str  # for a regional-type JP domain of an identified body
    regional_since: str


def load_policy(path: Path | None = None) -> Policy:
    """Read a policy file (default: the bundled one)."""
    with open(path or resource("policy.toml"), "rb") as fh:
        data = tomllib.load(fh)
    platform, domains, mail = data["platform"], data["domains"], data["mail"]
    return Policy(
        version=data["meta"]["version"],
        updated=str(data["meta"]["updated"]),
        secretariat_email=platform["secretariat_email"],
        application_form_url=platform["application_form_url"],
        invitation_sender_domain=platform["invitation_sender_domain"],
        invitation_delay_business_days=int(platform["invitation_delay_business_days"]),
        invitation_validity_days=int(platform["invitation_validity_days"]),
        display_name_template=platform["display_name_template"],
        accepted_suffixes=tuple(domains["accepted_suffixes"]),
        lg_attributes=frozenset(domains["lg_attributes"]),
        geo_attributes=frozenset(domains["geo_attributes"]),
        designated_city_labels=frozenset(domains["designated_city_labels"]),
        shared_hosting_domains=frozenset(domains["shared_hosting_domains"]),
        other_organization_types=dict(domains["other_organization_types"]),
        free_mail_domains=frozenset(d.lower() for d in mail["free_mail_domains"]),
        role_local_parts=frozenset(mail["role_local_parts"]),
        role_suffixes=tuple(mail["role_suffixes"]),
        online_control_names=tuple(data["online"]["control_names"]),
        regional_verdict=_verdict(domains["regional"]["verdict"]),
        regional_since=str(domains["regional"]["since"]),
    )


def _verdict(value: str) -> str:
    if value not in ("accepted", "review"):
        raise ValueError(f"policy: a regional-type verdict must be accepted or review: {value}")
    return value


@cache
def default_policy() -> Policy:
    """The bundled policy, with what IT set in the managed file (secretariat, form URL)."""
    policy = load_policy()
    managed, _problems = load_managed()
    overrides = {k: managed[k] for k in ("secretariat_email", "application_form_url")
                 if managed.get(k)}
    return replace(policy, **overrides) if overrides else policy
