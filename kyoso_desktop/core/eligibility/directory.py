"""Organisations: prefectures, municipalities and government agencies, with their domains.

Built from resources/data/localgov.json (derived from the CC0 localgovjp data) and
resources/data/agencies.toml. Look-ups by 全国地方公共団体コード, by lg.jp / geographic label, by
known internet domain and by go.jp domain.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kyoso_desktop.core.common.paths import resource
from kyoso_desktop.core.common.policy import Policy, default_policy

ATTRIBUTE_OF_KIND = {"city": "city", "special_ward": "city", "town": "town", "vill": "vill",
                     "pref": "pref", "metro": "metro"}


@dataclass(frozen=True)
class Organization:
    """What the results show of an organisation (the JSON contract: code, name, prefecture)."""

    code: str | None
    name: str
    prefecture: str | None


@dataclass(frozen=True)
class Body:
    """One organisation in the directory."""

    code: str  # 全国地方公共団体コード, or the agency id for government agencies
    name: str
    kana: str
    kind: str  # pref, metro, city, special_ward, town, vill, ward, agency
    prefecture: str | None
    pref_label: str | None
    romaji: str
    lg_label: str | None = None
    geo_label: str | None = None
    domains: tuple[str, ...] = ()
    name_en: str | None = None
    parent: str | None = None

    @property
    def attribute(self) -> str | None:
        """The attribute label its domains carry (pref, metro, city, town, vill)."""
        return ATTRIBUTE_OF_KIND.get(self.kind)

    def display_name(self, lang: str) -> str:
        """The name in the display language (agencies have an English one)."""
        return self.name_en if lang == "en" and self.name_en else self.name

    @property
    def is_agency(self) -> bool:
        return self.kind == "agency"

    def as_organization(self) -> Organization:
        return Organization(None if self.is_agency else self.code, self.name, self.prefecture)

    @property
    def romaji_label(self) -> str:
        """The romaji as a domain label would spell it (long vowels shortened)."""
        return re.sub(r"ou|oo", "o", self.romaji).replace("uu", "u")


_ROMAJI_RULES = (
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"tch"), "cch"),  # Hepburn variants: kutchan = kucchan
    (re.compile(r"oh(?![aiueo])"), "o"),
    (re.compile(r"m(?=[bpm])"), "n"),
    (re.compile(r"shi"), "si"),
    (re.compile(r"sh"), "sy"),
    (re.compile(r"chi"), "ti"),
    (re.compile(r"ch"), "ty"),
    (re.compile(r"tsu"), "tu"),
    (re.compile(r"fu"), "hu"),
    (re.compile(r"ji"), "zi"),
    (re.compile(r"j"), "zy"),
    (re.compile(r"ou|oo"), "o"),
    (re.compile(r"uu"), "u"),
    (re.compile(r"nn"), "n"),
)


def romaji_key(text: str) -> str:
    """A spelling-tolerant key: long vowels, m/n before b/p, shi/si … fold together."""
    key = text.lower()
    for pattern, replacement in _ROMAJI_RULES:
        key = pattern.sub(replacement, key)
    return key


def osa_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


class NearLabelIndex:
    """Finds labels within one edit (symmetric-delete index), fast over thousands of labels."""

    def __init__(self, labels: Iterable[str]) -> None:
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        for label in labels:
            for variant in self._variants(label):
                self._by_variant[variant].add(label)

    @staticmethod
    def _variants(label: str) -> set[str]:
        return {label} | {label[:i] + label[i + 1:] for i in range(len(label))}

    def near(self, label: str) -> list[str]:
        """Known labels at distance exactly 1 from label, sorted."""
        found: set[str] = set()
        for variant in self._variants(label):
            found |= self._by_variant.get(variant, set())
        return sorted(c for c in found if c != label and osa_distance(c, label, 1) == 1)


@dataclass
class Directory:
    """Indexes over all bodies; build once with `default_directory()`."""

    bodies: dict[str, Body]
    agencies: list[Body]
    policy: Policy
    prefectures_by_label: dict[str, Body] = field(default_factory=dict)
    _lg_exact: dict[tuple[str, str], Body] = field(default_factory=dict)
    _lg_by_key: dict[tuple[str, str], list[Body]] = field(default_factory=dict)
    _geo_exact: dict[tuple[str, str, str], Body] = field(default_factory=dict)
    _geo_by_key: dict[tuple[str, str, str], list[Body]] = field(default_factory=dict)
    _known_domains: dict[str, Body] = field(default_factory=dict)
    _agency_domains: dict[str, Body] = field(default_factory=dict)
    _lg_labels: dict[str, NearLabelIndex] = field(default_factory=dict)
    _geo_labels: dict[tuple[str, str], NearLabelIndex] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lg_labels: dict[str, set[str]] = defaultdict(set)
        geo_labels: dict[tuple[str, str], set[str]] = defaultdict(set)
        lg_by_key: dict[tuple[str, str], list[Body]] = defaultdict(list)
        geo_by_key: dict[tuple[str, str, str], list[Body]] = defaultdict(list)
        for body in self.bodies.values():
            attribute = body.attribute
            if body.kind in ("pref", "metro"):
                self.prefectures_by_label[body.pref_label or ""] = body
                self._lg_exact[(body.kind, body.pref_label or "")] = body
                continue
            if body.kind == "ward" or attribute is None:
                continue
            if body.lg_label:
                self._lg_exact[(attribute, body.lg_label)] = body
                lg_labels[attribute].add(body.lg_label)
            else:  # label unknown: the label its website shows, and the romaji of the name
                for form in dict.fromkeys(f for f in (body.geo_label, body.romaji_label) if f):
                    lg_labels[attribute].add(form)
                for key in dict.fromkeys(romaji_key(f) for f in (body.geo_label, body.romaji)
                                         if f):
                    lg_by_key[(attribute, key)].append(body)
            pref = body.pref_label or ""
            if body.geo_label:
                if body.geo_label in self.policy.designated_city_labels and body.kind == "city":
                    self._geo_exact[("", "city", body.geo_label)] = body
                self._geo_exact[(pref, attribute, body.geo_label)] = body
                geo_labels[(pref, attribute)].add(body.geo_label)
            else:
                geo_labels[(pref, attribute)].add(body.romaji_label)
                geo_by_key[(pref, attribute, romaji_key(body.romaji))].append(body)
            for domain in body.domains:
                if self._registrable_shared(domain):
                    continue
                self._known_domains.setdefault(domain, body)
        for agency in self.agencies:
            for domain in agency.domains:
                self._agency_domains[domain] = agency
        self._lg_by_key = dict(lg_by_key)
        self._geo_by_key = dict(geo_by_key)
        self._lg_labels = {a: NearLabelIndex(labels) for a, labels in lg_labels.items()}
        self._geo_labels = {k: NearLabelIndex(labels) for k, labels in geo_labels.items()}

    def _registrable_shared(self, domain: str) -> bool:
        return any(domain == d or domain.endswith("." + d)
                   for d in self.policy.shared_hosting_domains)

    # -- look-ups ---------------------------------------------------------------------------
    def by_code(self, code: str) -> Body | None:
        """A body by its 全国地方公共団体コード or agency id."""
        return self.bodies.get(code) or next((a for a in self.agencies if a.code == code), None)

    def is_prefecture_label(self, label: str) -> bool:
        return label in self.prefectures_by_label

    def find_lg(self, attribute: str, label: str) -> list[Body]:
        """Bodies an lg.jp label <attribute>.<label>.lg.jp can belong to (exact first)."""
        if attribute in ("pref", "metro"):
            body = self._lg_exact.get((attribute, label))
            return [body] if body else []
        exact = self._lg_exact.get((attribute, label))
        if exact:
            return [exact]
        candidates = self._lg_by_key.get((attribute, romaji_key(label)), [])
        if not candidates and "-" in label:
            # name clashes get a prefecture or county prefix: tokyo-nakano, mikata-kami
            prefix, rest = label.split("-", 1)
            candidates = self._lg_by_key.get((attribute, romaji_key(rest)), [])
            if self.is_prefecture_label(prefix):
                candidates = [b for b in candidates if b.pref_label == prefix]
        return list(candidates)

    def find_geo(self, attribute: str, label: str, pref_label: str) -> list[Body]:
        """Bodies a geographic domain <attribute>.<label>.<pref>.jp can belong to."""
        exact = self._geo_exact.get((pref_label, attribute, label))
        if exact:
            return [exact]
        return list(self._geo_by_key.get((pref_label, attribute, romaji_key(label)), []))

    def find_designated_city(self, label: str) -> Body | None:
        """The designated city holding city.<label>.jp."""
        if label not in self.policy.designated_city_labels:
            return None
        body = self._geo_exact.get(("", "city", label))
        if body:
            return body
        key = romaji_key(label)
        candidates = [
            b for b in self.bodies.values()
            if b.kind == "city"
            and (label in (b.lg_label, b.geo_label) or romaji_key(b.romaji) == key)
        ]
        return candidates[0] if len(candidates) == 1 else None

    def find_known_domain(self, domain: str) -> Body | None:
        """The body whose website says it uses this domain (or a parent of it)."""
        return _longest_suffix(self._known_domains, domain, keep_labels=2)

    def find_agency(self, domain: str) -> Body | None:
        """The agency of a go.jp domain (longest matching domain wins)."""
        return _longest_suffix(self._agency_domains, domain, keep_labels=3)

    def near_lg_labels(self, attribute: str, label: str) -> list[str]:
        index = self._lg_labels.get(attribute)
        return index.near(label) if index else []

    def near_geo_labels(self, attribute: str, label: str, pref_label: str) -> list[str]:
        index = self._geo_labels.get((pref_label, attribute))
        return index.near(label) if index else []

    def attributes_with_lg_label(self, label: str) -> list[str]:
        """Attributes under which a bare name label is known (for a missing `city.`)."""
        return [a for a in ("city", "town", "vill") if self._lg_exact.get((a, label))] or [
            a for a in ("city", "town", "vill") if self._lg_by_key.get((a, romaji_key(label)))
        ]

    def attributes_with_geo_label(self, label: str, pref_label: str) -> list[str]:
        return [a for a in ("city", "town", "vill") if self.find_geo(a, label, pref_label)]

    # -- search for the organisation picker ------------------------------------------------
    def local_governments(self) -> list[Body]:
        """Prefectures and municipalities (bodies that apply; wards belong to their city)."""
        return [b for b in self.bodies.values() if b.kind != "ward"]

    def prefecture_names(self) -> list[str]:
        return [b.name for b in sorted(self.prefectures_by_label.values(), key=lambda b: b.code)]

    def search(self, query: str, *, prefecture: str | None = None, agencies: bool = False,
               limit: int = 50, lang: str = "ja") -> list[Body]:
        """Search-as-you-type: kanji, kana (either script), romaji or code prefix.

        Exact and prefix matches come before matches inside the name. Without a query, local
        governments come in code order and agencies in the government's own order (Japanese)
        or alphabetically by their English name (English).
        """
        pool = self.agencies if agencies else self.local_governments()
        if prefecture:
            pool = [b for b in pool if b.prefecture == prefecture]
        text = unicodedata.normalize("NFKC", query).strip().lower()
        if not text:
            if agencies:
                ordered = sorted(pool, key=lambda b: (b.name_en or b.name).casefold()) \
                    if lang == "en" else list(pool)
                return ordered[:limit]
            return sorted(pool, key=lambda b: b.code)[:limit]
        hiragana = _to_hiragana(text)
        key = romaji_key(text) if text.isascii() else ""
        ranked: list[tuple[int, str, Body]] = []
        for body in pool:
            rank = _match_rank(body, text, hiragana, key)
            if rank is not None:
                ranked.append((rank, body.code, body))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [body for _rank, _code, body in ranked[:limit]]


def _to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _match_rank(body: Body, text: str, hiragana: str, key: str) -> int | None:
    """0 exact, 1 prefix, 2 inside; None when the body does not match."""
    if text.isdigit():
        return 0 if body.code == text else 1 if body.code.startswith(text) else None
    kana = _to_hiragana(body.kana).replace(" ", "")
    names = [body.name.lower(), body.name.replace(" ", ""), kana]
    if body.name_en:
        names.append(body.name_en.lower())
    best: int | None = None
    for name in names:
        for candidate in (text, hiragana):
            if name == candidate:
                return 0
            if name.startswith(candidate):
                best = 1
            elif candidate in name and best is None:
                best = 2
    if key:
        romaji = romaji_key(body.romaji)
        label_keys = [romaji_key(x) for x in (body.lg_label, body.geo_label) if x]
        if key == romaji or key in label_keys:
            return 0
        if romaji.startswith(key) or any(k.startswith(key) for k in label_keys):
            best = 1 if best is None else min(best, 1)
    return best


def _load_bodies() -> dict[str, Body]:
    with open(resource("data", "localgov.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    bodies: dict[str, Body] = {}
    for row in data["prefectures"]:
        bodies[row["code"]] = Body(
            code=row["code"], name=row["name"], kana=row["kana"], kind=row["kind"],
            prefecture=row["name"], pref_label=row["label"], romaji=row["label"],
            lg_label=row["label"],
        )
    for row in data["municipalities"]:
        bodies[row["code"]] = Body(
            code=row["code"], name=row["name"], kana=row["kana"], kind=row["kind"],
            prefecture=row["prefecture"], pref_label=row["pref_label"], romaji=row["romaji"],
            lg_label=row["lg_label"], geo_label=row["geo_label"],
            domains=tuple(row["domains"]), parent=row.get("parent"),
        )
    return bodies


def _load_agencies() -> list[Body]:
    with open(resource("data", "agencies.toml"), "rb") as fh:
        data = tomllib.load(fh)
    return [
        Body(code=row["id"], name=row["name"], kana="", kind="agency", prefecture=None,
             pref_label=None, romaji=row["id"], domains=tuple(row["domains"]),
             name_en=row["name_en"])
        for row in data["agencies"]
    ]


@cache
def default_directory() -> Directory:
    """The bundled directory, built once (about 20 ms)."""
    return Directory(_load_bodies(), _load_agencies(), default_policy())


def _longest_suffix(index: dict[str, Body], domain: str, keep_labels: int) -> Body | None:
    """The entry for the longest parent of `domain` (itself included) that still has at least
    `keep_labels` labels, so a bare "lg.jp" or "go.jp" never matches."""
    labels = domain.split(".")
    for start in range(len(labels) - keep_labels + 1):
        body = index.get(".".join(labels[start:]))
        if body:
            return body
    return None
