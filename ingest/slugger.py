"""Heading ids exactly as the blog's renderer makes them (Astro's rehype-heading-ids, i.e. github-slugger)."""

from __future__ import annotations

import unicodedata


def _keep(char: str) -> bool:
    # github-slugger removes everything outside Unicode letters, marks, numbers,
    # connector punctuation, the ASCII space and the hyphen.
    if char in " -":
        return True
    category = unicodedata.category(char)
    return category[0] in "LMN" or category == "Pc"


def slug(text: str) -> str:
    """The github-slugger slug of one heading text, without de-duplication."""
    return "".join(c for c in text.lower() if _keep(c)).replace(" ", "-")


class Slugger:
    """Gives each heading of one document a unique id, as github-slugger does (`id`, `id-1`, `id-2`, ...)."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = result = slug(text)
        while result in self._seen:
            self._seen[base] += 1
            result = f"{base}-{self._seen[base]}"
        self._seen[result] = 0
        return result
