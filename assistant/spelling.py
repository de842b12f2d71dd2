"""Readers' typos mended in the blog's own words before the search: "how much is the rabit r1?" is the Rabbit R1."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

MIN_LETTERS = 5  # shorter words are left as typed: "wifi" and "hiit" are one edit from "wife" and "hit"
MIN_USES = 3  # how often the blog must use a word for a reader's unknown word to be read as it
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Contractions typed without their apostrophe that are words of their own too ("whats" is in English word lists), so
# that no rule has to spell both: "whats the downside?" asks what "what's the downside?" does. Not "its", "were",
# "well", "lets" or "id", which mean something else as typed.
_CONTRACTIONS = {
    "whats": "what's", "thats": "that's", "whos": "who's", "wheres": "where's", "hows": "how's", "theres": "there's",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't",
    "cant": "can't", "couldnt": "couldn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't", "wont": "won't",
    "havent": "haven't", "hasnt": "hasn't", "youre": "you're", "theyre": "they're", "ive": "i've", "im": "i'm",
}


class Speller:
    """The words the blog uses and how often; a word that neither the blog nor English uses is read as the most used
    of the blog's words one edit away (a letter dropped, added, changed, or two swapped), and left as typed when
    none is. English words the blog never uses stay as typed: "grams" is no typo of "grass".

    >>> Speller.from_texts(["The Rabbit R1 costs $199.", "Rabbit owners..."], min_uses=1).correct("rabit r1 price")
    'rabbit r1 price'
    """

    def __init__(self, uses: Mapping[str, int], min_uses: int = MIN_USES,
                 english: Mapping[str, int] | None = None) -> None:
        self.uses = uses
        self.min_uses = min_uses
        self.english = english_words() if english is None else english

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_uses: int = MIN_USES) -> Speller:
        uses: Counter[str] = Counter()
        for text in texts:  # text by text: one joined string and its 1.6 million words took 100 MB more at start-up
            uses.update(_WORD.findall(text.lower()))
        return cls(uses, min_uses)

    def correct(self, text: str) -> str:
        """The text with each word that neither the blog nor English uses replaced by the word it most likely meant."""
        return _WORD.sub(lambda m: self._word(m.group()), text)

    def _word(self, word: str) -> str:
        lower = word.lower()
        if lower in _CONTRACTIONS:
            contraction = _CONTRACTIONS[lower]
            return contraction.capitalize() if word[:1].isupper() else contraction
        if len(lower) < MIN_LETTERS or lower in self.uses or lower in self.english or not lower.isascii():
            return word
        # Readers seldom miss a word's first letter ("ielts" is no typo of "belts"), and often an apostrophe:
        # "whats" is "what's" before it is "what".
        known = [w for w in _edits(lower) if w[:1] == lower[:1] and self.uses.get(w, 0) >= self.min_uses]
        known = [w for w in known if "'" in w or "’" in w] or known
        if not known:
            return word
        best = max(known, key=lambda w: (self.uses[w], w))
        return best.capitalize() if word[:1].isupper() else best


@lru_cache(maxsize=1)
def english_words() -> Mapping[str, int]:
    """English words and how often they are used (pyspellchecker's list, 160,000 words; loads in 0.2 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency.dictionary


@lru_cache(maxsize=2)
def _common_in_order(at_least: int) -> tuple[str, ...]:
    return tuple(sorted(word for word, uses in english_words().items() if uses >= at_least))


def shortens(word: str, at_least: int) -> bool:
    """Whether `word` is the start of a longer English word used at least `at_least` times: "diff", "info", "pics"."""
    words = _common_in_order(at_least)
    for longer in words[bisect.bisect_left(words, word):]:
        if not longer.startswith(word):
            return False
        if len(longer) > len(word) + 1:
            return True
    return False


def near_typos(word: str) -> set[str]:
    """The words one dropped letter or two swapped ones away: what "teh", "abt" and "ebike" were meant to be."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (near_typos(word)
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | {a + c + b for a, b in splits for c in _LETTERS + "'’"})  # "dont" is "don't", not "done"
