"""The troubleshooting guide (resources/guide/articles.toml), with a simple search."""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache

from kyoso_desktop.core.common.paths import resource


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    body: str
    keywords: str


@cache
def _raw() -> list[dict]:
    with open(resource("guide", "articles.toml"), "rb") as fh:
        return tomllib.load(fh)["article"]


def articles(lang: str) -> list[Article]:
    return [Article(a["id"], a["title"].get(lang) or a["title"]["en"],
                    a["body"].get(lang) or a["body"]["en"], a.get("keywords", ""))
            for a in _raw()]


KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _fold(text: str) -> str:
    """Width, case and kana folded: ﾌﾟﾛｷｼ, プロキシ and ぷろきし all match."""
    return unicodedata.normalize("NFKC", text).casefold().translate(KATAKANA_TO_HIRAGANA)


def search(query: str, lang: str) -> list[Article]:
    """Articles containing every word of the query (title, body or keywords), title hits first."""
    words = [_fold(w) for w in query.split()]
    found = []
    for article in articles(lang):
        haystack = _fold(" ".join((article.title, article.body, article.keywords)))
        if all(w in haystack for w in words):
            in_title = sum(w in _fold(article.title) for w in words)
            found.append((-in_title, article))
    return [a for _rank, a in sorted(found, key=lambda x: x[0])]
