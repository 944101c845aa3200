"""The platform's rules in words: the ones the applicant confirms in step 5, and the summary the
help area shows. Their facts (sender domain, days, secretariat, version) come from the policy."""

from __future__ import annotations

from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.common.policy import Policy

CONFIRMATIONS = (
    N_("One email address holds one account; do not apply twice with the same address."),
    N_("The platform is free of charge, and there is no limit on members per organisation."),
    N_("The account carries your own name, also when the address is a shared mailbox."),
    N_("The invitation comes from Slack (an address at {domain}) within about {days} business "
       "days: let it through spam and sanitising (無害化) filters."),
)
SUMMARY = (
    N_("Who can join: staff of local governments (including unions with a local government "
       "code) and of government agencies."),
    N_("One account per email address; register with your own name, even from a shared "
       "mailbox. Free of charge, no limit per organisation."),
    N_("The invitation comes from Slack (an address at {domain}) within about {days} business "
       "days. Let it through spam and sanitising filters."),
    N_("No invitation after that? Write to the secretariat: {email}"),
    N_("Using the platform from LGWAN needs network settings on your organisation's side: ask "
       "your information policy department (情報政策担当課)."),
    N_("Rules version {version} (updated {updated})."),
)


def _facts(policy: Policy) -> dict[str, str]:
    return {"domain": policy.invitation_sender_domain,
            "days": str(policy.invitation_delay_business_days),
            "email": policy.secretariat_email, "version": policy.version,
            "updated": policy.updated}


def rules_to_confirm(policy: Policy, lang: str) -> list[str]:
    """What the applicant ticks in step 5, one rule per box."""
    gettext = translator(lang)
    return [gettext(rule).format(**_facts(policy)) for rule in CONFIRMATIONS]


def rules_summary(policy: Policy, lang: str) -> list[str]:
    """The rules of the platform, for the help area."""
    gettext = translator(lang)
    return [gettext(rule).format(**_facts(policy)) for rule in SUMMARY]
