"""Word lists shipped as data in ``resources/wordlists`` (banned words, complaint words, the
Advertising Law's extreme terms): loaded once, and found in text with their positions."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..resources import resource_path

WORDLISTS = resource_path("wordlists")
BANNED, COMPLAINTS, AD_LAW = "banned_words", "complaint_words", "ad_law_extreme_words"


def normalise(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, case folded: "ＦＵＣＫ" is "fuck"."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class Found:
    term: str  # as the list has it
    start: int  # where it is in the text (when normalising kept the text's length; else -1)
    end: int


class WordList:
    def __init__(self, terms: Iterable[str]) -> None:
        cleaned = {normalise(t.strip()): t.strip() for t in terms if t.strip()}
        self.terms = sorted(cleaned.values())
        self._original = cleaned
        # Longest first, so "最低价" wins over "最"; Latin terms only as whole words ("scam", not "scampi").
        parts = [rf"(?<![a-z0-9]){re.escape(t)}(?![a-z0-9])" if t.isascii() else re.escape(t)
                 for t in sorted(cleaned, key=len, reverse=True)]
        self._pattern = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> list[Found]:
        if self._pattern is None:
            return []
        folded = normalise(text)
        same_places = len(folded) == len(text)
        return [Found(self._original[m.group()], m.start() if same_places else -1, m.end() if same_places else -1)
                for m in self._pattern.finditer(folded)]

    def words_in(self, text: str) -> list[str]:
        """The distinct terms ``text`` contains, in the order they first appear."""
        return list(dict.fromkeys(found.term for found in self.find(text)))

    def with_terms(self, extra: Iterable[str]) -> WordList:
        return WordList([*self.terms, *extra])


@functools.cache
def shipped(name: str) -> WordList:
    """A list from ``resources/wordlists/<name>.txt`` (lines starting with # are comments)."""
    lines = (WORDLISTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return WordList(line for line in lines if not line.lstrip().startswith("#"))
