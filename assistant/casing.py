"""The blog's own capitals for words a reader typed in lower case: a FAQ drafted from "how much ram do snapdragon x
elite laptops have" reads "How much RAM do Snapdragon X Elite laptops have?"."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

MIN_SHARE = 0.8  # of a word's uses in the blog that must be one cased form: "Oura" always, "Ring" and "ring" both
_WORD = re.compile(r"[^\W_][\w'’-]*")
# A word that opens a sentence, a line or a list item is capitalised whatever it is: its form says nothing.
_OPENING = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*+]\s+)?)([^\W_][\w'’-]*)")
_WITHIN_WORD = re.compile(r"[\w'’-]")
_I = re.compile(r"\bi\b(?![-'’](?!(?:m|ve|ll|d)\b))")  # "i", "i'm", "i've"; not "i-95"


class Casing:
    """How the blog writes each word it mostly capitalises ("iPhone", "RAM", "Snapdragon").

    >>> Casing.from_texts(["The Oura Ring tracks sleep.", "Buy an Oura ring."]).apply("is the oura ring waterproof")
    'is the Oura ring waterproof'
    """

    def __init__(self, forms: Mapping[str, str]) -> None:
        self.forms = forms

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Casing:
        counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            openings = {m.start(1) for m in _OPENING.finditer(text)}
            for m in _WORD.finditer(text):
                if m.start() not in openings:
                    counts[m.group().lower()][m.group()] += 1
        forms = {}
        for word, uses in counts.items():
            form, n = uses.most_common(1)[0]
            if form != word and n >= MIN_SHARE * sum(uses.values()):
                forms[word] = form
        return cls(forms)

    @staticmethod
    def form_in(word: str, texts: Iterable[str]) -> str:
        """How the texts write one word (in lower case), as `from_texts` would read it: its cased form, or the word.
        Only that word is read, not all of them: a server asks this of a question's rare words."""
        pattern = re.compile(re.escape(word), re.IGNORECASE)  # a word's own, bounded below: 10x faster to compile
        uses: Counter[str] = Counter()
        for text in texts:
            found = [m for m in pattern.finditer(text) if not (m.start() and _WITHIN_WORD.match(text, m.start() - 1))
                     and not _WITHIN_WORD.match(text, m.end())]
            if found:
                openings = {m.start(1) for m in _OPENING.finditer(text)}
                uses.update(m.group() for m in found if m.start() not in openings)
        if not uses:
            return word
        form, n = uses.most_common(1)[0]
        return form if n >= MIN_SHARE * sum(uses.values()) else word

    def apply(self, text: str) -> str:
        """The text with each word in lower case written as the blog writes it, and "i" as "I"."""
        text = _I.sub("I", text)
        return _WORD.sub(lambda m: self.forms.get(m.group(), m.group()) if m.group().islower() else m.group(), text)
