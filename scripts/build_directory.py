"""Derive resources/data/localgov.json from the CC0 localgovjp data set.

Usage: python scripts/build_directory.py [SOURCE_DIR]   (default: ../shared/data/localgovjp)

Needs `jaconv` (pip install -e ".[dev]") for kana → romaji. The app itself never needs it: the
romaji is stored in the output.
"""

from __future__ import annotations

import csv
import json
import sys
import urllib.parse
from pathlib import Path

import jaconv

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "data" / "localgov.json"
GENERIC_HOST_PREFIXES = ("www.", "web.", "webtown.", "official.")
JP_TYPE_LABELS = {"co", "or", "ne", "ac", "ad", "ed", "go", "gr", "lg"}
KIND_SUFFIX_KANA = {
    "city": ("し",),
    "special_ward": ("く",),
    "ward": ("く",),
    "town": ("まち", "ちょう"),
    "vill": ("むら", "そん"),
}


def kind_of(name: str) -> str:
    """Kind of body from its kanji name."""
    if " " in name:
        return "ward"  # a ward of a designated city (行政区), not a body of its own
    if name.endswith("区"):
        return "special_ward"  # Tokyo's 23 special wards (特別区)
    return {"市": "city", "町": "town", "村": "vill"}[name[-1]]


def romaji_stem(kana: str, kind: str) -> str:
    """Romaji of the name without the 市/町/村/区 suffix, e.g. はこだてし → hakodate."""
    kana = kana.split(" ")[-1]
    for suffix in KIND_SUFFIX_KANA[kind]:
        if kana.endswith(suffix):
            kana = kana[: -len(suffix)]
            break
    return jaconv.kana2alphabet(jaconv.kata2hira(kana)).replace("'", "")


def registrable(host: str, prefecture_labels: set[str]) -> str:
    """A JP-aware registrable domain: e-rumoi.jp, nanmoku.ne.jp, kesennuma.miyagi.jp."""
    labels = host.split(".")
    if labels[-1] == "jp" and len(labels) >= 3 and (
        labels[-2] in JP_TYPE_LABELS or labels[-2] in prefecture_labels
    ):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def parse_host(host: str, prefecture_labels: set[str]) -> dict:
    """What a website host tells: its lg.jp label, its geographic label, or a known domain."""
    labels = host.split(".")
    if host.endswith(".lg.jp") and len(labels) >= 4 and labels[-4] in {"city", "town", "vill"}:
        return {"lg": labels[-3], "attribute": labels[-4]}
    if (
        labels[-1] == "jp"
        and len(labels) >= 4
        and labels[-2] in prefecture_labels
        and labels[-4] in {"city", "town", "vill"}
    ):
        return {"geo": labels[-3], "attribute": labels[-4]}
    if labels[-1] == "jp" and len(labels) >= 3 and labels[-3] == "city":
        return {"designated": labels[-2]}
    stripped = host
    for prefix in GENERIC_HOST_PREFIXES:
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix):]
            break
    return {"domain": registrable(stripped, prefecture_labels), "host": stripped}


def main(source: Path) -> None:
    with open(source / "prefjp-utf8.csv", encoding="utf-8-sig") as fh:
        pref_rows = list(csv.DictReader(fh))
    with open(source / "localgovjp-utf8.csv", encoding="utf-8-sig") as fh:
        muni_rows = list(csv.DictReader(fh))

    prefectures = []
    pref_label_by_name: dict[str, str] = {}
    for row in pref_rows:
        label = row["pref_en"].strip().lower()
        host = urllib.parse.urlsplit(row["url"]).hostname or ""
        pref_label_by_name[row["pref"]] = label
        prefectures.append(
            {
                "code": row["lgcode"].zfill(6),
                "name": row["pref"],
                "kana": row["prefkana"],
                "label": label,
                "kind": "metro" if label == "tokyo" else "pref",
                "website": host,
            }
        )
    prefecture_labels = set(pref_label_by_name.values())

    municipalities = []
    city_code_by_name: dict[tuple[str, str], str] = {}
    for row in muni_rows:
        name = row["city"].strip()
        kind = kind_of(name)
        code = row["lgcode"].zfill(6)
        if kind != "ward":
            city_code_by_name[(row["pref"], name)] = code
        host = (urllib.parse.urlsplit(row["url"]).hostname or "").lower()
        info = parse_host(host, prefecture_labels)
        entry = {
            "code": code,
            "name": name,
            "kana": row["citykana"].strip(),
            "prefecture": row["pref"],
            "pref_label": pref_label_by_name[row["pref"]],
            "kind": kind,
            "romaji": romaji_stem(row["citykana"].strip(), kind),
            "website": host,
            "lg_label": info.get("lg"),
            "geo_label": info.get("geo") or info.get("designated"),
            "domains": [d for d in {info.get("domain"), info.get("host")} if d],
        }
        if kind == "ward":
            entry["parent"] = city_code_by_name.get((row["pref"], name.split(" ")[0]))
        municipalities.append(entry)

    document = {
        "format": 1,
        "source": {
            "name": "localgovjp (Code for FUKUI)",
            "url": "https://github.com/code4fukui/localgovjp",
            "commit": "232edc3ae7b6e58d7cc931df6ee09dc7ce2c2257",
            "licence": "CC0-1.0",
        },
        "prefectures": prefectures,
        "municipalities": municipalities,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    bodies = sum(1 for m in municipalities if m["kind"] != "ward")
    print(f"{OUT}: {len(prefectures)} prefectures, {bodies} municipalities, "
          f"{len(municipalities) - bodies} wards")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/localgovjp")
