"""The bundled directory: complete, consistent, and its look-ups."""

from __future__ import annotations

import pytest

from kyoso_desktop.core.common.codes import is_valid_lg_code
from kyoso_desktop.core.eligibility.directory import (
    default_directory,
    osa_distance,
    romaji_key,
)


def test_counts_match_the_source():
    bodies = default_directory().bodies.values()
    assert sum(b.kind in ("pref", "metro") for b in bodies) == 47
    assert sum(b.kind in ("city", "special_ward", "town", "vill") for b in bodies) == 1741
    assert sum(b.kind == "special_ward" for b in bodies) == 23


def test_every_code_has_a_valid_check_digit():
    bad = [b.code for b in default_directory().bodies.values() if not is_valid_lg_code(b.code)]
    assert bad == []


@pytest.mark.parametrize("code", ["012026", "01202", "0120255", "abcdef", ""])
def test_invalid_codes(code):
    assert not is_valid_lg_code(code)


def test_wards_point_to_their_city():
    directory = default_directory()
    ward = next(b for b in directory.bodies.values() if b.name == "札幌市 中央区")
    assert ward.kind == "ward" and directory.bodies[ward.parent].name == "札幌市"


@pytest.mark.parametrize(("a", "b"), [
    ("oumu", "omu"), ("ohkura", "okura"), ("honbetsu", "hombetsu"), ("mikurasima", "mikurashima"),
    ("toukyou", "tokyo"), ("kounosu", "konosu"), ("yuubari", "yubari"),
])
def test_romaji_variants_fold_together(a, b):
    assert romaji_key(a) == romaji_key(b)


def test_osa_distance():
    assert osa_distance("ctiy", "city") == 1
    assert osa_distance("lg.jo", "lg.jp") == 1
    assert osa_distance("abc", "xyz", 2) == 3


def test_agencies_by_longest_domain():
    directory = default_directory()
    assert directory.find_agency("rinya.maff.go.jp").name == "林野庁"
    assert directory.find_agency("x.maff.go.jp").name == "農林水産省"
    assert directory.find_agency("unknown.go.jp") is None


def test_shared_hosting_is_not_evidence():
    assert default_directory().find_known_domain("i-tokushima.jp") is None
