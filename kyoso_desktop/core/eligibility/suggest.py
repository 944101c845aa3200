"""Candidate corrections for likely typos. Callers keep only those that pass the check."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kyoso_desktop.core.eligibility.directory import osa_distance

# Real second-level JP suffixes: a company domain (co.jp) is not a typo of go.jp.
REAL_JP_SUFFIXES = frozenset(
    {"co.jp", "ac.jp", "ed.jp", "or.jp", "ne.jp", "gr.jp", "ad.jp", "lg.jp", "go.jp"}
)
ASCII_LOOKALIKES = str.maketrans({"1": "l", "|": "l", "0": "o"})
ATTRIBUTE_SYNONYMS = {"village": "vill", "prefecture": "pref", "metropolis": "metro",
                      "machi": "town", "cho": "town", "mura": "vill", "shi": "city"}
# Letters of other scripts that look like ASCII (Cyrillic, Greek, full-width leftovers).
SCRIPT_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "с": "c", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "м": "m",
    "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԝ": "w", "ո": "n",
    "ο": "o", "α": "a", "ρ": "p", "ν": "v", "κ": "k", "τ": "t", "ι": "i", "υ": "u", "ϲ": "c",
    "ɡ": "g", "ӏ": "l", "ⅼ": "l", "ǀ": "l",
})


def closest_attribute(label: str, attributes: Iterable[str]) -> str | None:
    """The attribute label (city, town, …) that `label` is a likely typo of."""
    if label in ATTRIBUTE_SYNONYMS:
        return ATTRIBUTE_SYNONYMS[label]
    if len(label) < 3:
        return None
    best = sorted((osa_distance(label, a, 2), a) for a in attributes)
    if best and best[0][0] <= (1 if len(label) <= 3 else 2) and \
            (len(best) < 2 or best[0][0] < best[1][0]):
        return best[0][1]
    return None


def suffix_fixes(labels: list[str], suffixes: Iterable[str]) -> list[str]:
    """lg.jo, ig.jp, 1g.jp, lgjp, go.jo … → the domain with an accepted suffix (lg.jp, go.jp)."""
    suffixes = tuple(suffixes)
    fixes: list[str] = []
    if len(labels) >= 3:
        tail = ".".join(labels[-2:])
        if tail not in REAL_JP_SUFFIXES:
            for suffix in suffixes:
                if _near(tail, suffix):
                    fixes.append(".".join([*labels[:-2], suffix]))
    if len(labels) >= 2:
        last = labels[-1]
        for suffix in suffixes:
            if _near(last, suffix.replace(".", "")) or _near(last, suffix):
                fixes.append(".".join([*labels[:-1], suffix]))
    return fixes


def _near(text: str, target: str) -> bool:
    return osa_distance(text, target, 1) <= 1 or \
        osa_distance(text.translate(ASCII_LOOKALIKES), target, 1) <= 1


def syntax_fixes(domain: str, suffixes: Iterable[str]) -> list[str]:
    """Repairs for a domain that fails the syntax check: commas, doubled dots, stray dots."""
    repaired = re.sub(r"[,;:]", ".", domain)
    repaired = re.sub(r"\.{2,}", ".", repaired).strip(".-")
    candidates = []
    if repaired and repaired != domain:
        candidates.append(repaired)
        labels = repaired.split(".")
        candidates += suffix_fixes(labels, suffixes)
    return candidates


def transliterate_lookalikes(domain: str) -> str:
    """Replace letters of other scripts that look like ASCII letters (сity → city)."""
    return domain.translate(SCRIPT_LOOKALIKES)
