"""Articles -> chunks the model can read whole: passages that follow sections, and one FAQ chunk per question."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from ingest.models import Article, Chunk, Section

TokenCounter = Callable[[Sequence[str]], list[int]]
SEPARATOR = " › "
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(\[A-Z0-9*])")


def context(article: Article, section: Section) -> str:
    """The "title › section path" line that tells the model where a passage stands."""
    return SEPARATOR.join((article.title, *section.path))


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


class Chunker:
    """Cuts articles into chunks of at most `max_tokens` word pieces of text, plus the context line, within `limit`.

    >>> chunker = Chunker(count_tokens=embedder.count_tokens, max_tokens=200, limit=254)
    >>> chunks = chunker.chunks(article)
    """

    def __init__(self, *, count_tokens: TokenCounter, max_tokens: int, limit: int) -> None:
        self.count_tokens = count_tokens
        self.max_tokens = min(max_tokens, limit)
        self.limit = limit  # what the model reads before it truncates, without [CLS] and [SEP]

    def chunks(self, article: Article) -> list[Chunk]:
        faq_anchors = {pair.anchor for pair in article.faq}
        place = {section.anchor: (section.path, n) for n, section in enumerate(article.sections)}
        result: list[Chunk] = []
        for section in article.sections:
            if section.anchor in faq_anchors or not section.blocks:
                continue
            prefix = self._fit_context(context(article, section))
            for n, text in enumerate(self.pack(list(section.blocks))):
                result.append(self._chunk(article, section.heading, section.anchor, "passage", n, text, prefix,
                                          place=place[section.anchor]))
        for pair in article.faq:
            where = place.get(pair.anchor, ((), -1))
            # The question alone, so that a reader's question meets its paraphrase...
            result.append(self._chunk(article, pair.question, pair.anchor, "faq", 0, pair.answer, "", pair.question,
                                      place=where))
            # ...and the answer as a passage, so that questions about its content find it too.
            prefix = self._fit_context(SEPARATOR.join((article.title, pair.question)))
            for n, text in enumerate(self.pack([pair.answer])):
                result.append(self._chunk(article, pair.question, pair.anchor, "passage", n, text, prefix,
                                          place=where))
        return result

    def _chunk(
        self, article: Article, section: str, anchor: str, kind: str, n: int, text: str, prefix: str,
        question: str = "", *, place: tuple[tuple[str, ...], int] = ((), -1),
    ) -> Chunk:
        embed_text = question if kind == "faq" else f"{prefix}\n{text}"
        return Chunk(
            # The article's content hash in the id: a changed article's new chunks never overwrite the old ones in
            # place, so a reader never sees half an update (see Store.publish).
            id=f"{article.slug}#{anchor}/{kind}/{n}@{article.content_hash[:ID_HASH]}",
            kind=kind,
            slug=article.slug,
            title=article.title,
            section=section,
            anchor=anchor,
            url=article.link(anchor),
            text=text,
            embed_text=embed_text,
            source=article.source,
            content_hash=article.content_hash,
            question=question,
            path=place[0],
            position=place[1],
            published=article.pub_date,
            author=article.author,
            category=article.category,
        )

    def _fit_context(self, line: str) -> str:
        """The context line, cut to the room a full passage leaves under the model's limit."""
        room = self.limit - self.max_tokens - 1
        while line and self.count_tokens([line])[0] > room:
            line = line[: int(len(line) * 0.8)]
        return line

    def pack(self, blocks: list[str]) -> list[str]:
        """Join blocks into pieces of at most max_tokens, balanced so that no piece is a tiny tail."""
        units: list[tuple[str, int]] = []
        for block, count in zip(blocks, self.count_tokens(blocks)):
            units.extend(self._fit(block, count))
        total = sum(count for _, count in units)
        if not units:
            return []
        target = total / math.ceil(total / self.max_tokens)
        pieces: list[str] = []
        current: list[str] = []
        size = 0
        for text, count in units:
            if current and (size + count > self.max_tokens or size >= target):
                pieces.append("\n".join(current))
                current, size = [], 0
            current.append(text)
            size += count
        pieces.append("\n".join(current))
        return pieces

    def _fit(self, text: str, count: int) -> list[tuple[str, int]]:
        """A block cut at sentences, and a sentence at words, until every piece fits."""
        if count <= self.max_tokens:
            return [(text, count)]
        sentences = split_sentences(text)
        if len(sentences) == 1:
            words = text.split()
            if len(words) == 1:
                return self._fit_halves(text)  # one endless word: cut it by characters
            half = len(words) // 2
            sentences = [" ".join(words[:half]), " ".join(words[half:])]
        result: list[tuple[str, int]] = []
        for sentence, n in zip(sentences, self.count_tokens(sentences)):
            result.extend(self._fit(sentence, n))
        return result

    def _fit_halves(self, text: str) -> list[tuple[str, int]]:
        halves = [text[: len(text) // 2], text[len(text) // 2 :]]
        result: list[tuple[str, int]] = []
        for half, n in zip(halves, self.count_tokens(halves)):
            result.extend(self._fit(half, n))
        return result


ID_HASH = 12  # characters of the article's content hash that end a chunk's id


def article_version(chunk_id: str) -> str:
    """Which version of its article a chunk id belongs to: the content hash that ends it."""
    return chunk_id.rpartition("@")[2]


def chunk_number(chunk_id: str) -> int:
    """A chunk's place among its section's chunks of the same kind: the n in "<slug>#<anchor>/<kind>/<n>@<hash>"."""
    return int(chunk_id.rpartition("@")[0].rpartition("/")[2])
