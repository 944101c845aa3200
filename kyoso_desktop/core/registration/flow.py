"""The registration flow, as data: which step follows which and what each step needs.

The Qt wizard only renders these steps; tests drive the flow with plain `Draft` objects.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from kyoso_desktop.core.common.codes import is_valid_lg_code
from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.common.notes import Note

if TYPE_CHECKING:  # loaded on first use: step 1 needs neither (a fast start)
    from collections.abc import Iterable

    from kyoso_desktop.core.common.policy import Policy
    from kyoso_desktop.core.eligibility.directory import Directory
    from kyoso_desktop.core.eligibility.engine import EmailCheck, PriorUse

STEPS = ("eligibility", "organization", "applicant", "email", "review", "apply")
ELIGIBILITY_CHOICES = ("local_government", "union", "agency", "other")
MAX_NAME_LENGTH = 50
MAX_DEPARTMENT_LENGTH = 100
MAX_ORGANIZATION_LENGTH = 100

STEP_TITLES = {
    "eligibility": N_("Who can join"),
    "organization": N_("Organisation"),
    "applicant": N_("Applicant"),
    "email": N_("Email address"),
    "review": N_("Review"),
    "apply": N_("Apply"),
}

PROBLEM_TEXTS = {
    "choose_eligibility": N_("Choose who you are, so that the next steps fit."),
    "not_eligible": N_("The platform is only for staff of local governments (including unions "
                       "with a 全国地方公共団体コード) and of government agencies. Thank you for "
                       "your interest; nothing has been sent anywhere."),
    "organization_required": N_("Choose your organisation from the list, or enter its "
                                "全国地方公共団体コード."),
    "code_invalid": N_("{code} is not a valid 全国地方公共団体コード: it has 6 digits and the last "
                       "one is a check digit. Check the number on your organisation's "
                       "documents."),
    "code_unknown": N_("No local government has the code {code}. If it is a union's code, "
                       "choose “union” in step 1."),
    "code_not_union": N_("{code} is the code of {name}, not of a union. Enter the union's own "
                         "code."),
    "agency_required": N_("Choose your government agency from the list."),
    "required": N_("This field is required."),
    "name_required": N_("Enter your own family and given name: every account belongs to one "
                        "person, even when the address is a shared mailbox."),
    "too_long": N_("Too long: {length} characters; at most {limit}."),
    "line_break": N_("Line breaks and control characters are not allowed; enter a single line."),
    "symbols": N_("Emoji and symbols are not allowed here ({chars})."),
    "kana_only": N_("Use kana only (hiragana or katakana), for example ヤマダ."),
    "email_rejected": N_("This address cannot be registered: see the reason below and correct "
                         "it."),
    "rules_unconfirmed": N_("Confirm each rule by ticking it."),
}

# the step where each field is entered: form fields (review's "Change") and problem fields
FIELD_STEPS = {
    "eligibility": "eligibility",
    "organization_code": "organization", "organization_name": "organization",
    "department": "organization",
    "name": "applicant", "family_name": "applicant", "given_name": "applicant",
    "kana": "applicant", "family_kana": "applicant", "given_kana": "applicant",
    "display_name": "applicant",
    "email": "email",
    "rules_confirmed": "review",
}

FORM_FIELD_LABELS = {
    "email": N_("Email address"),
    "organization_code": N_("Local government code (全国地方公共団体コード)"),
    "name": N_("Name"),
    "department": N_("Department"),
    "organization_name": N_("Organisation"),
    "kana": N_("Furigana"),
    "display_name": N_("Display name"),
}


@dataclass(frozen=True)
class Draft:
    """Everything the applicant entered so far; saved on every change, resumed after restart."""

    step: str = "eligibility"
    eligibility: str = ""
    organization_code: str = ""
    organization_name: str = ""
    prefecture: str = ""
    department: str = ""
    family_name: str = ""
    given_name: str = ""
    family_kana: str = ""
    given_kana: str = ""
    email: str = ""
    rules_confirmed: bool = False

    def with_changes(self, **changes: Any) -> Draft:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        """Tolerant: unknown keys are ignored, wrongly typed values fall back to defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name)
            if isinstance(value, type(f.default)):
                values[f.name] = value
        if values.get("step") not in STEPS:
            values["step"] = "eligibility"
        return cls(**values)

    @property
    def full_name(self) -> str:
        return f"{self.family_name.strip()} {self.given_name.strip()}".strip()


@dataclass(frozen=True)
class Problem(Note):
    """Why a step cannot be left yet: a note about one field of the draft."""

    field: str = ""


class RegistrationFlow:
    """Step order and validation, over the bundled directory and policy."""

    def __init__(self, directory: Directory | None = None, policy: Policy | None = None):
        self._directory = directory
        self._policy = policy

    @property
    def directory(self) -> Directory:
        """Loaded on first use (step 1 does not need it: a fast start)."""
        if self._directory is None:
            from kyoso_desktop.core.eligibility.directory import default_directory

            self._directory = default_directory()
        return self._directory

    @property
    def policy(self) -> Policy:
        if self._policy is None:
            from kyoso_desktop.core.common.policy import default_policy

            self._policy = default_policy()
        return self._policy

    # -- navigation ----------------------------------------------------------------------------
    @staticmethod
    def number(step: str) -> int:
        return STEPS.index(step) + 1

    def next_step(self, draft: Draft, lang: str = "ja") -> str | None:
        """The step after the current one, or None while the current one has problems."""
        if self.problems(draft.step, draft, lang):
            return None
        index = STEPS.index(draft.step)
        return STEPS[index + 1] if index + 1 < len(STEPS) else None

    @staticmethod
    def previous_step(step: str) -> str | None:
        index = STEPS.index(step)
        return STEPS[index - 1] if index > 0 else None

    def first_incomplete_step(self, draft: Draft, lang: str = "ja") -> str | None:
        """The first step before `apply` that still has problems (None: all complete)."""
        return next((s for s in STEPS[:-1] if self.problems(s, draft, lang)), None)

    # -- validation ----------------------------------------------------------------------------
    def problems(self, step: str, draft: Draft, lang: str = "ja") -> list[Problem]:
        """What keeps this step from being complete, in the user's language."""
        checks = {
            "eligibility": self._eligibility,
            "organization": self._organization,
            "applicant": self._applicant,
            "email": self._email,
            "review": self._review,
            "apply": lambda _draft: [],
        }
        gettext = translator(lang)
        return [Problem(code, gettext(PROBLEM_TEXTS[code]).format(**params), field=f)
                for f, code, params in checks[step](draft)]

    @staticmethod
    def _eligibility(draft: Draft) -> list[tuple[str, str, dict]]:
        if draft.eligibility not in ELIGIBILITY_CHOICES:
            return [("eligibility", "choose_eligibility", {})]
        if draft.eligibility == "other":
            return [("eligibility", "not_eligible", {})]
        return []

    def _organization(self, draft: Draft) -> list[tuple[str, str, dict]]:
        found: list[tuple[str, str, dict]] = []
        code = draft.organization_code.strip()
        if draft.eligibility == "agency":
            body = self.directory.by_code(code) if code else None
            if body is None or not body.is_agency:
                found.append(("organization_code", "agency_required", {}))
        elif draft.eligibility == "union":
            found += _text_problems("organization_name", draft.organization_name,
                                    MAX_ORGANIZATION_LENGTH, "required")
            found += self._code_problems(code, union=True)
        else:
            found += self._code_problems(code, union=False)
        found += _text_problems("department", draft.department, MAX_DEPARTMENT_LENGTH,
                                "required")
        return found

    def _code_problems(self, code: str, union: bool) -> list[tuple[str, str, dict]]:
        if not code:
            return [("organization_code", "organization_required", {})]
        if not is_valid_lg_code(code):
            return [("organization_code", "code_invalid", {"code": code})]
        body = self.directory.bodies.get(code)
        if union and body is not None:
            return [("organization_code", "code_not_union", {"code": code, "name": body.name})]
        if not union and (body is None or body.kind == "ward"):
            return [("organization_code", "code_unknown", {"code": code})]
        return []

    @staticmethod
    def _applicant(draft: Draft) -> list[tuple[str, str, dict]]:
        found = _text_problems("family_name", draft.family_name, MAX_NAME_LENGTH,
                               "name_required")
        found += _text_problems("given_name", draft.given_name, MAX_NAME_LENGTH, "name_required")
        for name in ("family_kana", "given_kana"):
            value = getattr(draft, name)
            if value.strip():
                problems = _text_problems(name, value, MAX_NAME_LENGTH, "required")
                if not problems and not _is_kana(value):
                    problems = [(name, "kana_only", {})]
                found += problems
        return found

    def _email(self, draft: Draft) -> list[tuple[str, str, dict]]:
        if not draft.email.strip():
            return [("email", "required", {})]
        if self.check_email(draft).verdict == "rejected":
            return [("email", "email_rejected", {})]
        return []

    @staticmethod
    def _review(draft: Draft) -> list[tuple[str, str, dict]]:
        return [] if draft.rules_confirmed else [("rules_confirmed", "rules_unconfirmed", {})]

    # -- what the steps show ---------------------------------------------------------------------
    def check_email(self, draft: Draft, lang: str = "ja",
                    previous: Iterable[PriorUse] = ()) -> EmailCheck:
        """The engine's verdict for the draft's address, with the chosen organisation."""
        from kyoso_desktop.core.eligibility.engine import default_engine

        org = draft.organization_code.strip() if draft.eligibility != "union" else None
        return default_engine().check(draft.email, lang=lang, org_code=org or None,
                                      previous=previous)

    def organization_name(self, draft: Draft) -> str:
        """The chosen organisation's name as the form and display name use it."""
        if draft.eligibility == "union":
            return draft.organization_name.strip()
        body = self.directory.by_code(draft.organization_code.strip())
        if body is None:
            return ""
        if body.kind in ("city", "town", "vill", "special_ward") and body.prefecture:
            return f"{body.prefecture}{body.name}"
        return body.name

    def display_name(self, draft: Draft) -> str:
        """The account's display name, from the policy's template."""
        name = self.policy.display_name_template.format(
            family_name=draft.family_name.strip(), given_name=draft.given_name.strip(),
            organization=self.organization_name(draft),
        )
        return " ".join(name.split())

    def form_fields(self, draft: Draft, lang: str = "ja") -> list[tuple[str, str, str]]:
        """(key, label, value) in the order the official form asks for them."""
        gettext = translator(lang)
        email = self.check_email(draft, lang).address or draft.email.strip()
        kana = full_width_katakana(
            f"{draft.family_kana.strip()} {draft.given_kana.strip()}".strip())
        code = "" if draft.eligibility == "agency" else draft.organization_code.strip()
        rows = [
            ("email", email),
            ("organization_code", code),
            ("name", draft.full_name),
            ("department", draft.department.strip()),
            ("organization_name", self.organization_name(draft)),
            ("kana", kana),
            ("display_name", self.display_name(draft)),
        ]
        return [(key, gettext(FORM_FIELD_LABELS[key]), value) for key, value in rows if value]

    def summary_text(self, draft: Draft, lang: str = "ja") -> str:
        """Every field on its own line, for the clipboard ("copy all") and the summary."""
        return "\n".join(f"{label}: {value}" for _key, label, value in
                         self.form_fields(draft, lang))


def _text_problems(field: str, value: str, limit: int, empty_code: str) -> list[
        tuple[str, str, dict]]:
    text = value.strip()
    if not text:
        return [(field, empty_code, {})]
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        return [(field, "line_break", {})]
    symbols = sorted({c for c in text if unicodedata.category(c) in ("So", "Sk", "Cs", "Co")})
    if symbols:
        return [(field, "symbols", {"chars": " ".join(symbols[:5])})]
    if len(text) > limit:
        return [(field, "too_long", {"length": str(len(text)), "limit": str(limit)})]
    return []


def full_width_katakana(text: str) -> str:
    """ﾔﾏﾀﾞ, やまだ → ヤマダ: furigana as the form expects it (full-width katakana)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in folded)


def _is_kana(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text)
    return all(c in " 　ー・" or "ぁ" <= c <= "ゖ" or "ァ" <= c <= "ヺ" for c in folded)
