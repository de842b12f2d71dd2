"""The reply's words: a FAQ answer kept to the point, or the passages' most relevant sentences, in the blog's words."""

from __future__ import annotations

import re

import Stemmer

from ingest.chunking import split_sentences
from ingest.store import StoredChunk

_stemmer = Stemmer.Stemmer("english")
_WORD = re.compile(r"\w\w+")
_STOP = frozenset(
    "the a an and or but of to in on for with by at from as is are was were be been being it its this that these those "
    "what which who whom how why when where do does did can could should would will shall may might must i you he she "
    "we they me my your our their about into over than then so if not no yes there here have has had just also more "
    "most very any some such".split()
)
MAX_WORDS = 80
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def terms(text: str) -> set[str]:
    return set(_stemmer.stemWords([w for w in _WORD.findall(text.lower()) if w not in _STOP]))


def shorten(text: str, max_words: int = MAX_WORDS) -> str:
    """Whole sentences from the start of `text`, up to about max_words words."""
    kept: list[str] = []
    words = 0
    for sentence in split_sentences(" ".join(text.split())):
        n = len(sentence.split())
        if kept and words + n > max_words:
            break
        kept.append(sentence)
        words += n
    result = " ".join(kept)
    if len(result.split()) > max_words * 1.5:
        result = " ".join(result.split()[:max_words]) + " …"
    return result


def passage_units(text: str) -> list[str]:
    """The sentences of a passage, each list item on its own: a bullet list read as one sentence would answer a
    question about one of its items with all of them. Table rows are left out: they are no sentences to quote."""
    units: list[str] = []
    for line in text.splitlines():
        if " | " in line:  # a table row, as ingest writes it
            continue
        line = " ".join(_LIST_MARKER.sub("", line).split())
        for n, sentence in enumerate(split_sentences(line)):
            if n and sentence.startswith("("):  # "Who are you writing for? (This helps the AI adjust its tone.)"
                units[-1] = f"{units[-1]} {sentence}"
            else:
                units.append(sentence)
    return units


def best_sentences(question: str, chunks: list[StoredChunk], limit: int = 3, lead: int = 0) -> list[tuple[str, int]]:
    """Up to `limit` sentences that share the most words with the question, each with the index of its chunk.

    Sentences are scored by the share of the question's terms they contain, with a small bonus for the better
    ranked chunk; the chosen ones come back in reading order. At least one comes from the first `lead` chunks (the
    best section's), even when another section repeats the question's words ("do I need a subscription?" asked
    about the Galaxy Ring, whose FAQ answer says "no monthly fee").
    """
    wanted = terms(question)
    scored: list[tuple[float, int, int, str]] = []
    for c_index, chunk in enumerate(chunks):
        for s_index, sentence in enumerate(passage_units(chunk.text)):
            if len(sentence.split()) < 4:
                continue
            overlap = len(wanted & terms(sentence)) / (len(wanted) or 1)
            scored.append((overlap - 0.15 * c_index - 0.02 * s_index, c_index, s_index, sentence))
    scored.sort(key=lambda s: -s[0])
    if not scored:
        return []
    best = scored[0][0]
    chosen = [s for s in scored[:limit] if s[0] >= best - 0.34]
    if lead and not any(s[1] < lead for s in chosen):
        first = next((s for s in scored if s[1] < lead), None)
        if first is not None:
            chosen = [first, *chosen[: limit - 1]]
    words = 0
    result: list[tuple[float, int, int, str]] = []
    for s in chosen:
        n = len(s[3].split())
        if result and words + n > MAX_WORDS:
            continue
        result.append(s)
        words += n
    result.sort(key=lambda s: (s[1], s[2]))
    return [(shorten(s[3]), s[1]) for s in result]
