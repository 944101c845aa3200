"""Texts of the email check, by stable code. Codes are the contract; texts may be improved."""

from __future__ import annotations

from collections.abc import Mapping

from kyoso_desktop.core.common.i18n import N_, translator

TEXTS: dict[str, str] = {
    # --- rejected: input and syntax -------------------------------------------------------
    "empty": N_("Nothing was entered. Enter your work email address, "
                "for example taro@city.example.lg.jp."),
    "too_long": N_("The input has {detail} characters: too long to be an email address "
                   "(at most 254). Paste only the address."),
    "control_characters": N_("The input contains invisible or control characters ({detail}). "
                             "Type the address by hand instead of pasting it."),
    "contains_space": N_("The address contains a space. Remove it, or paste only the address."),
    "no_at_sign": N_("There is no @ in the input. An address looks like "
                     "name@city.example.lg.jp."),
    "multiple_at_signs": N_("The input contains {detail} @ signs; an address has exactly one."),
    "local_empty": N_("There is nothing before the @. Enter the whole address."),
    "domain_empty": N_("There is nothing after the @. Enter the whole address."),
    "local_too_long": N_("The part before the @ has {detail} characters; an address allows at "
                         "most 64 there."),
    "local_non_ascii": N_("The part before the @ contains Japanese or other non-ASCII "
                          "characters. Switch the input mode to half-width alphanumerics and "
                          "type it again."),
    "local_invalid_characters": N_("The part before the @ contains characters an address "
                                   "cannot have{detail}."),
    "dot_position": N_("A period cannot stand at the start or end of the part before the @, "
                       "and two periods cannot follow each other."),
    "domain_no_period": N_("The part after the @ has no period. A work address ends in "
                           "something like .lg.jp or .go.jp."),
    "domain_invalid": N_("The part after the @ is not a valid domain name{detail}."),
    "special_use_domain": N_("The part after the @ is a reserved name that cannot receive "
                             "mail."),
    "address_too_long": N_("The address is too long."),
    "quoted_local": N_("Quotation marks are not allowed in the address."),
    "syntax_invalid": N_("The address is not in a valid format ({detail})."),
    "non_ascii_domain": N_("The part after the @ contains non-ASCII characters ({detail}). "
                           "lg.jp and go.jp domains use only the letters a–z, digits and "
                           "hyphens; check that the domain was not typed in Japanese input "
                           "mode."),
    "mixed_script_domain": N_("The part after the @ mixes Latin letters with look-alike "
                              "letters of another script ({detail}). Fake addresses use this "
                              "trick; type the domain again by hand."),
    # --- rejected: domain -------------------------------------------------------------------
    "free_mail": N_("{domain} is a personal, internet-provider or mobile mail service. Only "
                    "an address of your organisation can be registered."),
    "other_organization_type": N_("{domain} is the domain of {type} ({suffix}), not of a local "
                                  "government or a government agency."),
    "bare_suffix": N_("{domain} has no organisation part. Use your organisation's domain, for "
                      "example city.example.lg.jp."),
    "fake_suffix": N_("{domain} only looks like a {suffix} domain: it ends in {real}. Only "
                      "domains that end in .lg.jp or .go.jp are accepted directly."),
    "lg_attribute_invalid": N_("{domain} is not a valid lg.jp layout: “{label}” is not an "
                               "attribute label (pref, metro, city, town, vill, union)."),
    "geo_layout_invalid": N_("{domain} is not a municipal domain. Municipal geographic-type "
                             "domains are pref.<prefecture>.jp, metro.tokyo.jp, "
                             "city.<designated city>.jp and city|town|vill.<name>."
                             "<prefecture>.jp."),
    "prefecture_type_domain": N_("Anyone with an address in Japan can register a name under "
                                 "{suffix}, so {domain} does not show that the address belongs "
                                 "to a local government."),
    "not_government": N_("{domain} is neither a local-government (lg.jp) nor a government "
                         "(go.jp) domain, nor a known internet domain of a local government."),
    # --- accepted -----------------------------------------------------------------------------
    "lg_jp": N_("{domain} is a local-government domain (lg.jp)."),
    "lg_jp_union": N_("{domain} is the lg.jp domain of a union (一部事務組合・広域連合). Give the "
                      "union's 全国地方公共団体コード in the application."),
    "go_jp": N_("{domain} is a government domain (go.jp)."),
    "geo_municipal_accepted": N_("{domain} is a regional-type JP domain (地域型JPドメイン) of a "
                                 "local government. Since {since} the platform accepts these "
                                 "like lg.jp."),
    # --- review -------------------------------------------------------------------------------
    "geo_municipal": N_("{domain} has the form of a regional-type JP domain (地域型), but its "
                        "local government could not be identified. It is accepted after a manual "
                        "check by the secretariat, which takes longer; check the spelling."),
    "known_municipal_domain": N_("{domain} is an internet domain of {org}, according to the "
                                 "bundled directory. It is accepted after a manual check by "
                                 "the secretariat, which takes longer."),
    "lg_jp_service": N_("{domain} is an lg.jp service domain (行政サービス用ドメイン名), not a "
                        "body's own domain. It needs a manual check; use your organisation's "
                        "own address if you have one."),
    # --- warnings -----------------------------------------------------------------------------
    "normalized": N_("The input was corrected ({detail}). Check that the address below is "
                     "still yours."),
    "organizational_mailbox": N_("“{local}” looks like a shared mailbox of a department. "
                                 "That is allowed, but the application must give a person's "
                                 "name."),
    "organization_mismatch": N_("The domain belongs to {found}, but the chosen organisation is "
                                "{chosen}. Check the address and the organisation."),
    "organization_unknown": N_("The organisation of {domain} is not in the bundled directory. "
                               "Check the spelling; if it is right, give your organisation "
                               "code in the application."),
    "organization_ambiguous": N_("“{label}” is the name of several bodies ({names}). Choose "
                                 "your organisation so that the address can be matched."),
    "organization_code_unknown": N_("The organisation code {code} is not in the directory."),
    "already_applied": N_("This address was already used in an application on this PC "
                          "({date}). One address can hold only one account."),
    "no_internet_mail": N_("{domain} has no mail (MX) or address record on the internet. It may "
                           "be a mailbox that only works inside LGWAN; the platform needs an "
                           "address that can receive mail from the internet."),
}

CHANGE_TEXTS: dict[str, str] = {
    "trimmed": N_("spaces or invisible characters at the ends removed"),
    "width_normalized": N_("full-width characters converted to half-width"),
    "dots_replaced": N_("「。」 or 「．」 replaced with a period"),
    "mailto_removed": N_("“mailto:” removed"),
    "display_name_removed": N_("name before the address removed"),
    "dashes_replaced": N_("long-vowel marks or dashes replaced with “-”"),
    "trailing_dot_removed": N_("period at the end removed"),
    "domain_lowercased": N_("domain converted to lower case"),
}

ORGANIZATION_TYPE_TEXTS: dict[str, str] = {
    "company": N_("a company"),
    "university": N_("a university or research institution"),
    "school": N_("a school"),
    "association": N_("an association or foundation"),
    "network_provider": N_("a network service provider"),
    "group": N_("a voluntary group"),
    "jp_member": N_("a JPNIC member"),
}

LIST_SEPARATOR = N_("; ")

VERDICT_TEXTS: dict[str, str] = {
    "accepted": N_("Can be registered"),
    "review": N_("Needs a manual check (takes longer)"),
    "rejected": N_("Cannot be registered"),
}

ONLINE_TEXTS: dict[str, str] = {
    "mx_found": N_("Can receive internet mail (mail record found)"),
    "no_mx": N_("No internet mail record found"),
    "dns_unavailable": N_("Could not be checked from this PC: its DNS does not see the internet "
                          "(normal on the LGWAN side). This changes nothing about the verdict."),
}


def render(code: str, lang: str, params: Mapping[str, str] | None = None) -> str:
    """The text of a code in a language, with its parameters filled in."""
    gettext = translator(lang)
    values = dict(params or {})
    if code == "normalized":
        values["detail"] = gettext(LIST_SEPARATOR).join(
            gettext(CHANGE_TEXTS[c]) for c in values.get("detail", "").split(",") if c
        )
    if code == "other_organization_type":
        values["type"] = gettext(ORGANIZATION_TYPE_TEXTS.get(values.get("type", ""), "?"))
    return gettext(TEXTS[code]).format_map(_Defaulting(values))


class _Defaulting(dict):
    """format_map helper: a missing parameter renders as empty text instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""
