"""The email eligibility engine: accepted / review / rejected, with codes, reasons and fixes.

Offline by construction: the only network use is the optional `online` callable a caller passes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from email_validator import EmailNotValidError, validate_email

from kyoso_desktop.core.common.notes import Note
from kyoso_desktop.core.common.policy import Policy
from kyoso_desktop.core.eligibility.addresses import Normalized, canonical_key, normalize
from kyoso_desktop.core.eligibility.directory import (
    Body,
    Directory,
    Organization,
    default_directory,
    osa_distance,
)
from kyoso_desktop.core.eligibility.suggest import (
    closest_attribute,
    suffix_fixes,
    syntax_fixes,
    transliterate_lookalikes,
)
from kyoso_desktop.core.eligibility.texts import render

Verdict = Literal["accepted", "review", "rejected"]
Params = dict[str, str]
DOMAIN_CACHE_SIZE = 4096
MAX_ADDRESS_LENGTH = 254
MAX_LOCAL_LENGTH = 64  # RFC 5321
# A dot-atom local part of plain ASCII: always valid for email-validator (RFC 5322 atext).
ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
SIMPLE_LOCAL = re.compile(rf"{ATEXT}(?:\.{ATEXT})*\Z")
LATIN_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


@dataclass(frozen=True)
class PriorUse:
    """An address used in an earlier application on this PC."""

    address: str
    date: str | None = None


@dataclass(frozen=True)
class EmailCheck:
    """The result for one input; the CLI prints `to_dict()`, the GUI renders the same object."""

    input: str
    address: str | None
    verdict: Verdict
    category: str
    organization: Organization | None
    reasons: list[Note]
    warnings: list[Note]
    suggestions: list[str]
    online: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DomainAssessment:
    """What a domain alone says (independent of the local part), cached per domain."""

    verdict: Verdict
    category: str
    reason: str
    params: Params = field(default_factory=dict)
    bodies: tuple[Body, ...] = ()
    warnings: tuple[tuple[str, Params], ...] = ()
    fixes: tuple[str, ...] = ()  # corrected domains


def _reject(category: str, reason: str, params: Params, fixes: Iterable[str] = ()) -> \
        DomainAssessment:
    return DomainAssessment("rejected", category, reason, params, fixes=tuple(fixes))


class EligibilityEngine:
    """Checks addresses against the platform's rules, using the bundled directory."""

    def __init__(self, directory: Directory | None = None) -> None:
        self.directory = directory or default_directory()
        self.policy: Policy = self.directory.policy
        self._domain_cache: dict[str, DomainAssessment] = {}
        self._domain_syntax: dict[str, str] = {}
        suffixes = "|".join(re.escape(x) for x in self.policy.role_suffixes)
        self._role_suffix = re.compile(rf"[-_.](?:{suffixes})\d*$")

    # -- public -------------------------------------------------------------------------------
    def check(
        self,
        raw: str,
        *,
        lang: str = "ja",
        org_code: str | None = None,
        previous: Iterable[PriorUse] = (),
        online: Callable[[str], str] | None = None,
    ) -> EmailCheck:
        """Check one input. Never raises for any string."""
        norm = normalize(raw)
        warnings: list[tuple[str, Params]] = []
        if norm.changes and not norm.problem:
            warnings.append(("normalized", {"detail": ",".join(norm.changes)}))
        if norm.problem:
            return self._result(raw, None, _reject("syntax", norm.problem,
                                                   {"detail": norm.detail}), lang, warnings)
        if not norm.domain.isascii():
            assessment = self._non_ascii_domain(norm.domain)
            return self._result(raw, None, assessment, lang, warnings, local=norm.local)
        syntax = self._syntax_problem(norm)
        if syntax:
            fixes = [d for d in syntax_fixes(norm.domain, self.policy.accepted_suffixes)
                     if self._valid_syntax(f"{norm.local}@{d}")
                     and self.assess_domain(d).verdict != "rejected"]
            return self._result(raw, None, _reject("syntax", syntax[0], syntax[1], fixes),
                                lang, warnings, local=norm.local)
        assessment = self.assess_domain(norm.domain)
        organization = self._organization(assessment, org_code, warnings)
        if assessment.verdict != "rejected":
            if self._looks_organizational(norm.local):
                warnings.append(("organizational_mailbox", {"local": norm.local}))
            prior = self._prior_use(norm.address, previous)
            if prior is not None:
                warnings.append(("already_applied", {"date": prior.date or "?"}))
        online_outcome = online(norm.domain) if online else None
        if online_outcome == "no_mx" and assessment.verdict != "rejected":
            warnings.append(("no_internet_mail", {"domain": norm.domain}))
        return self._result(raw, norm.address, assessment, lang, warnings, local=norm.local,
                            organization=organization, online=online_outcome)

    def assess_domain(self, domain: str) -> DomainAssessment:
        """Classify a syntactically valid ASCII domain (cached)."""
        cached = self._domain_cache.get(domain)
        if cached is None:
            if len(self._domain_cache) >= DOMAIN_CACHE_SIZE:
                self._domain_cache.clear()
                self._domain_syntax.clear()
            cached = self._domain_cache[domain] = self._assess(domain)
        return cached

    # -- syntax ---------------------------------------------------------------------------------
    def _valid_syntax(self, address: str) -> bool:
        return self._syntax_error(address) is None

    def _syntax_error(self, address: str) -> str | None:
        """email-validator's verdict (its message, or None when valid).

        The domain's verdict is cached: a plain dot-atom local part (which email-validator
        always accepts) with a domain already validated needs no second full validation.
        """
        local, _, domain = address.rpartition("@")
        if len(address) <= MAX_ADDRESS_LENGTH and len(local) <= MAX_LOCAL_LENGTH and \
                SIMPLE_LOCAL.match(local):
            cached = self._domain_syntax.get(domain)
            if cached is None:
                cached = self._domain_syntax[domain] = _validation_error(f"x@{domain}") or ""
            return cached or None
        return _validation_error(address)

    def _syntax_problem(self, norm: Normalized) -> tuple[str, Params] | None:
        if not norm.local:
            return "local_empty", {}
        if not norm.domain:
            return "domain_empty", {}
        if len(norm.local) > MAX_LOCAL_LENGTH:  # email-validator only checks it when strict
            return "local_too_long", {"detail": str(len(norm.local))}
        error = self._syntax_error(norm.address)
        return _syntax_code(error) if error else None

    def _non_ascii_domain(self, domain: str) -> DomainAssessment:
        odd = sorted({ch for ch in domain if not ch.isascii()})
        detail = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in odd[:5])
        scripts = {_script(ch) for ch in odd}
        has_latin = any(ch.isascii() and ch.isalpha() for ch in domain)
        code = ("mixed_script_domain"
                if has_latin and scripts & set(LATIN_LOOKALIKE_SCRIPTS) else "non_ascii_domain")
        fixes = []
        ascii_domain = transliterate_lookalikes(domain)
        if (ascii_domain.isascii() and self._valid_syntax(f"x@{ascii_domain}")
                and self.assess_domain(ascii_domain).verdict != "rejected"):
            fixes.append(ascii_domain)
        return _reject("lookalike", code, {"detail": detail}, fixes)

    # -- domain classification -----------------------------------------------------------------
    def _assess(self, domain: str) -> DomainAssessment:
        labels = domain.split(".")
        if self._is_free_mail(domain):
            return _reject("free_mail", "free_mail", {"domain": domain})
        if labels[-2:] == ["lg", "jp"]:
            return self._assess_lg(domain, labels)
        if labels[-2:] == ["go", "jp"]:
            return self._assess_go(domain, labels)
        fake = self._fake_suffix(domain, labels, self.policy.accepted_suffixes)
        if fake:
            return fake
        geo = self._assess_geo(domain, labels) if labels[-1] == "jp" else None
        if geo and geo.verdict != "rejected":
            return geo
        known = self.directory.find_known_domain(domain)
        if known:
            return DomainAssessment("review", "known_municipal", "known_municipal_domain",
                                    {"domain": domain, "org": known.name}, (known,))
        if geo:
            return geo
        suffix = ".".join(labels[-2:])
        kind = self.policy.other_organization_types.get(suffix)
        if kind:
            return _reject("other_organization", "other_organization_type",
                           {"domain": domain, "type": kind, "suffix": suffix})
        if labels[-1] == "jp" and len(labels) >= 3 and \
                self.directory.is_prefecture_label(labels[-2]):
            return _reject("prefecture_type", "prefecture_type_domain",
                           {"domain": domain, "suffix": suffix},
                           self._valid_fixes(suffix_fixes(labels, self.policy.accepted_suffixes)))
        return _reject("not_government", "not_government", {"domain": domain},
                       self._valid_fixes(suffix_fixes(labels, self.policy.accepted_suffixes)))

    def _valid_fixes(self, candidates: Iterable[str]) -> list[str]:
        return [c for c in candidates if self.assess_domain(c).verdict != "rejected"]

    def _is_free_mail(self, domain: str) -> bool:
        labels = domain.split(".")
        return any(".".join(labels[i:]) in self.policy.free_mail_domains
                   for i in range(len(labels) - 1))

    @staticmethod
    def _fake_suffix(domain: str, labels: list[str],
                     accepted: tuple[str, ...]) -> DomainAssessment | None:
        """evil-lg.jp, lg.jp.example.com: lg.jp/go.jp as text, not as the last labels."""
        for suffix in accepted:
            if domain.endswith(suffix) or f".{suffix}." in f".{domain}.":
                return _reject("fake_suffix", "fake_suffix", {
                    "domain": domain, "suffix": suffix, "real": ".".join(labels[-2:])})
        return None

    def _assess_lg(self, domain: str, labels: list[str]) -> DomainAssessment:
        attributes = self.policy.lg_attributes
        if len(labels) == 2 or (len(labels) == 3 and labels[0] in attributes):
            return _reject("bare_suffix", "bare_suffix", {"domain": domain})
        if len(labels) >= 4 and labels[-4] in attributes:
            return self._lg_body(domain, labels, labels[-4], labels[-3])
        name = labels[-3]
        if len(labels) >= 4:
            attribute = closest_attribute(labels[-4], attributes)
            if attribute and self.directory.find_lg(attribute, name):
                fixed = ".".join([*labels[:-4], attribute, name, "lg", "jp"])
                return _reject("lg_layout", "lg_attribute_invalid",
                               {"domain": domain, "label": labels[-4]}, [fixed])
        fixes = [f"{a}.{name}.lg.jp" for a in self.directory.attributes_with_lg_label(name)]
        return DomainAssessment("review", "lg_jp_service", "lg_jp_service", {"domain": domain},
                                fixes=tuple(fixes))

    def _lg_body(self, domain: str, labels: list[str], attribute: str, name: str) -> \
            DomainAssessment:
        params = {"domain": domain}
        if attribute == "union":
            return DomainAssessment("accepted", "lg_jp_union", "lg_jp_union", params)
        bodies = tuple(self.directory.find_lg(attribute, name))
        warnings: list[tuple[str, Params]] = []
        fixes: list[str] = []
        if not bodies:
            warnings.append(("organization_unknown", params))
            if attribute in ("pref", "metro"):
                near = [p for p in self.directory.prefectures_by_label
                        if 0 < _distance(p, name) <= 1]
                attribute = "metro" if near == ["tokyo"] else "pref"
            else:
                near = self.directory.near_lg_labels(attribute, name)
            fixes = [".".join([*labels[:-4], attribute, n, "lg", "jp"]) for n in near[:3]]
        elif len(bodies) > 1:
            warnings.append(("organization_ambiguous",
                             {"label": name, "names": _names(bodies)}))
        return DomainAssessment("accepted", "lg_jp", "lg_jp", params, bodies,
                                tuple(warnings), tuple(fixes))

    def _assess_go(self, domain: str, labels: list[str]) -> DomainAssessment:
        params = {"domain": domain}
        if len(labels) == 2:
            return _reject("bare_suffix", "bare_suffix", params)
        agency = self.directory.find_agency(domain)
        if agency:
            return DomainAssessment("accepted", "go_jp", "go_jp", params, (agency,))
        near = sorted({d for a in self.directory.agencies for d in a.domains
                       if d.count(".") == 2 and _distance(d, ".".join(labels[-3:])) == 1})
        fixes = [".".join([*labels[:-3], d]) for d in near[:3]]
        return DomainAssessment("accepted", "go_jp", "go_jp", params, (),
                                (("organization_unknown", params),), tuple(fixes))

    def _assess_geo(self, domain: str, labels: list[str]) -> DomainAssessment | None:
        """Geographic-type (地域型) municipal layouts; None when the domain is not shaped so."""
        n, params = len(labels), {"domain": domain}
        if n < 3:
            return None
        directory = self.directory
        pref, third = labels[-2], labels[-3]
        invalid = _reject("geo_layout", "geo_layout_invalid", params)
        if directory.is_prefecture_label(pref):
            pref_body = directory.prefectures_by_label[pref]
            if (third, pref == "tokyo") in (("pref", False), ("metro", True)):
                return self._regional(params, (pref_body,))
            if third == "city" and pref in self.policy.designated_city_labels:
                body = directory.find_designated_city(pref)
                return self._regional(params, (body,) if body else ())
            if third in self.policy.lg_attributes:
                return invalid
            if n >= 4 and labels[-4] in self.policy.geo_attributes:
                return self._geo_body(domain, labels, labels[-4], third, pref)
            if n >= 4:
                attribute = closest_attribute(labels[-4], self.policy.geo_attributes)
                if attribute and directory.find_geo(attribute, third, pref):
                    fixed = ".".join([*labels[:-4], attribute, third, pref, "jp"])
                    return _reject("geo_layout", "geo_layout_invalid", params, [fixed])
            if n == 3:
                attrs = directory.attributes_with_geo_label(third, pref)
                if attrs:
                    return _reject("geo_layout", "geo_layout_invalid", params,
                                   [f"{a}.{third}.{pref}.jp" for a in attrs])
            return None
        if pref in self.policy.designated_city_labels and third == "city":
            body = directory.find_designated_city(pref)
            return self._regional(params, (body,) if body else ())
        if third in ("pref", "metro", "city", "town", "vill"):
            near = [d for d in self.policy.designated_city_labels if _distance(d, pref) == 1]
            fixes = [".".join([*labels[:-3], "city", d, "jp"]) for d in near] \
                if third == "city" else []
            return _reject("geo_layout", "geo_layout_invalid", params, fixes)
        return None

    def _geo_body(self, domain: str, labels: list[str], attribute: str, name: str,
                  pref: str) -> DomainAssessment:
        params = {"domain": domain}
        bodies = tuple(self.directory.find_geo(attribute, name, pref))
        warnings: list[tuple[str, Params]] = []
        fixes: list[str] = []
        if not bodies:
            warnings.append(("organization_unknown", params))
            near = self.directory.near_geo_labels(attribute, name, pref)
            fixes = [".".join([*labels[:-4], attribute, n, pref, "jp"]) for n in near[:3]]
        elif len(bodies) > 1:
            warnings.append(("organization_ambiguous",
                             {"label": name, "names": _names(bodies)}))
        return self._regional(params, bodies, warnings, fixes)

    def _regional(self, params: Params, bodies: tuple[Body, ...],
                  warnings: Iterable[tuple[str, Params]] = (),
                  fixes: Iterable[str] = ()) -> DomainAssessment:
        """A regional-type JP domain: the policy's verdict (accepted since 2025-06-18) when it
        identifies one body, else a manual check."""
        identified = len(bodies) == 1
        verdict: Verdict = "accepted" if identified and \
            self.policy.regional_verdict == "accepted" else "review"
        reason = "geo_municipal_accepted" if verdict == "accepted" else "geo_municipal"
        return DomainAssessment(verdict, "geo_municipal", reason,
                                {**params, "since": self.policy.regional_since}, bodies,
                                tuple(warnings), tuple(fixes))

    # -- organisation, warnings -------------------------------------------------------------------
    def _organization(self, assessment: DomainAssessment, org_code: str | None,
                      warnings: list[tuple[str, Params]]) -> Organization | None:
        bodies = assessment.bodies
        chosen = self.directory.by_code(org_code) if org_code else None
        domain_warnings = list(assessment.warnings)
        if org_code and chosen is None:
            warnings.append(("organization_code_unknown", {"code": org_code}))
        if chosen and len(bodies) > 1:
            match = next((b for b in bodies if _same_body(chosen, b)), None)
            if match:
                bodies = (match,)
                domain_warnings = [w for w in domain_warnings
                                   if w[0] != "organization_ambiguous"]
        warnings.extend(domain_warnings)
        if chosen and len(bodies) == 1 and not _same_body(chosen, bodies[0]) \
                and assessment.verdict != "rejected":
            warnings.append(("organization_mismatch",
                             {"found": _display(bodies[0]), "chosen": _display(chosen)}))
        return bodies[0].as_organization() if len(bodies) == 1 else None

    def _looks_organizational(self, local: str) -> bool:
        lowered = local.lower()
        if lowered.rstrip("0123456789") in self.policy.role_local_parts:
            return True
        match = self._role_suffix.search(lowered)
        return match is not None and match.start() > 0

    @staticmethod
    def _prior_use(address: str, previous: Iterable[PriorUse]) -> PriorUse | None:
        key = canonical_key(address)
        return next((p for p in previous if canonical_key(p.address) == key), None)

    # -- result -----------------------------------------------------------------------------------
    def _result(self, raw: str, address: str | None, assessment: DomainAssessment, lang: str,
                warnings: list[tuple[str, Params]], *, local: str = "",
                organization: Organization | None = None,
                online: str | None = None) -> EmailCheck:
        seen: set[str] = set()
        suggestions = []
        for fixed in assessment.fixes:
            candidate = f"{local}@{fixed}"
            # only what the engine itself accepts as an address (the local part too)
            if local and candidate != address and candidate not in seen and \
                    len(local) <= MAX_LOCAL_LENGTH and self._valid_syntax(candidate):
                seen.add(candidate)
                suggestions.append(candidate)
        return EmailCheck(
            input=raw,
            address=address,
            verdict=assessment.verdict,
            category=assessment.category,
            organization=organization,
            reasons=[Note(assessment.reason, render(assessment.reason, lang, assessment.params))],
            warnings=[Note(code, render(code, lang, params)) for code, params in warnings],
            suggestions=suggestions[:3],
            online=online,
        )


def _validation_error(address: str) -> str | None:
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def _syntax_code(message: str) -> tuple[str, Params]:
    """Map an email-validator message (English only) to one of our codes."""
    m = message
    if "Internationalized characters before the @-sign" in m:
        return "local_non_ascii", {}
    if m.startswith("There must be something before the @-sign"):
        return "local_empty", {}
    if m.startswith("There must be something after the @-sign"):
        return "domain_empty", {}
    if "too long" in m:
        return "address_too_long", {}
    if "Quoting" in m or "quote" in m:
        return "quoted_local", {}
    if "period" in m and ("before the @-sign" in m or "start with" in m or "two periods" in m
                          or "end with" in m):
        return "dot_position", {}
    if "should have a period" in m:
        return "domain_no_period", {}
    if "special-use or reserved" in m:
        return "special_use_domain", {}
    if "before the @-sign" in m:
        chars = m.split(":", 1)[1].strip().rstrip(".") if ":" in m else ""
        return "local_invalid_characters", {"detail": f" ({chars})" if chars else ""}
    if "after the @-sign" in m or "period" in m:
        chars = m.split(":", 1)[1].strip().rstrip(".") if ":" in m else ""
        return "domain_invalid", {"detail": f" ({chars})" if chars else ""}
    return "syntax_invalid", {"detail": m}


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ")[0]
    except ValueError:
        return "UNKNOWN"


def _distance(a: str, b: str) -> int:
    return osa_distance(a, b, 2)


def _names(bodies: Iterable[Body]) -> str:
    return "、".join(_display(b) for b in bodies)


def _display(body: Body) -> str:
    if body.prefecture and body.prefecture != body.name:
        return f"{body.prefecture}{body.name}"
    return body.name


def _same_body(chosen: Body, found: Body) -> bool:
    return found.code in (chosen.code, chosen.parent)


_default_engine: EligibilityEngine | None = None


def default_engine() -> EligibilityEngine:
    """A shared engine over the bundled directory."""
    global _default_engine
    if _default_engine is None:
        _default_engine = EligibilityEngine()
    return _default_engine


def check_email(raw: str, **options: Any) -> EmailCheck:
    """Check one address with the shared engine (see `EligibilityEngine.check`)."""
    return default_engine().check(raw, **options)
