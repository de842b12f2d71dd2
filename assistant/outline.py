"""A post's outline, read back from its stored chunks: the sections under a section, and the post's main sections."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from ingest.store import StoredChunk


def section_paths(chunks: Iterable[StoredChunk]) -> list[tuple[str, ...]]:
    """Every section the chunks show, as its path of headings, with the ancestors those paths name (a heading with
    no text of its own has no chunk), in the article's order."""
    seen: dict[tuple[str, ...], None] = {}
    for chunk in sorted(chunks, key=lambda c: c.position):
        if chunk.position >= 0:
            for depth in range(1, len(chunk.path) + 1):
                seen.setdefault(chunk.path[:depth], None)
    return list(seen)


def subsections(chunks: Iterable[StoredChunk], path: tuple[str, ...]) -> list[str]:
    """The headings one level under the section at `path`: what "Challenges and Future Implications" goes on to
    ("Cost and Accessibility", "Weight and Comfort", ...); empty for a section with none, or none known."""
    if not path:
        return []
    return [p[len(path)] for p in section_paths(chunks) if len(p) == len(path) + 1 and p[: len(path)] == path]


def main_sections(chunks: Iterable[StoredChunk]) -> list[str]:
    """The post's `##` headings in order, but its FAQ's."""
    chunks = list(chunks)
    faq = {c.path[0] for c in chunks if c.kind == "faq" and c.path}
    return [p[0] for p in section_paths(chunks) if len(p) == 1 and p[0] not in faq]


def section_chunks(chunks: Iterable[StoredChunk], anchor: str, path: tuple[str, ...]) -> list[StoredChunk]:
    """The chunks of one section and of the sections under it, in the article's order: where a figure the section
    opens on may be given ("Challenges" and its "Cost and Accessibility"). Only its own in a store with no paths."""
    return sorted((c for c in chunks if c.anchor == anchor or path and c.path[: len(path)] == path),
                  key=lambda c: c.position)


def named_subsections(question_terms: set[str], headings: list[str], read: Callable[[str], set[str]]) -> list[str]:
    """The headings under a section that the question names by a word no other of them has: "lean fire vs fat fire?"
    names "Lean FIRE" and "Fat FIRE" of "Lean FIRE", "Fat FIRE", "Barista FIRE" ("fire" names them all), and
    "which smart device cuts the most energy?" none of "Smart Lighting Energy Saving", "Home Energy Monitors", ….
    Pass the question's words but its post's subject: "Apple Vision Pro drawbacks?" does not name "The Long-Term
    Vision"."""
    words = [read(h) for h in headings]
    once = {w for w, n in Counter(w for ws in words for w in ws).items() if n == 1}
    return [h for h, w in zip(headings, words) if w & once & question_terms]
