"""The sentence and context-line vectors of every chunk, decoded once into one int8 matrix."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np

from ingest.sentences import passage_sentences, unpack, unpack_int8
from ingest.store import StoredChunk


class SentenceIndex:
    """Compares a question with the sentences and the "title › section" line of the chunks it met.

    Decoding each chunk's packed vectors per question took 4 ms of a 30 ms answer; kept here as the int8 rows the
    store holds, the corpus's 81,000 take 31 MB.

    A sentence that `ignored` names (one about the article: "If you've wondered which smart ring to buy, you're in
    the right place.") reads like the question it restates and answers nothing: its cosine is 0.

    >>> index = SentenceIndex(store.all_chunks(), dimension=384, ignored=about_itself)
    >>> sentences, heading = index.similarities(chunk, question_vector)
    """

    def __init__(self, chunks: Iterable[StoredChunk], dimension: int,
                 ignored: Callable[[str], bool] | None = None) -> None:
        blocks: list[np.ndarray] = []
        factors: list[np.ndarray] = []
        self._spans: dict[str, tuple[int, int, int]] = {}  # chunk id -> first sentence, heading, end
        n = 0
        for chunk in chunks:
            sentences, sentence_factors = unpack_int8(chunk.sentences, dimension)
            heading, heading_factors = unpack_int8(chunk.heading, dimension)
            heading, heading_factors = heading[:1], heading_factors[:1]
            if ignored is not None and ignored(chunk.text):
                sentence_factors = _without(sentence_factors, passage_sentences(chunk.text), ignored)
            self._spans[chunk.id] = (n, n + len(sentences), n + len(sentences) + len(heading))
            blocks += [sentences, heading]
            factors += [sentence_factors, heading_factors]
            n += len(sentences) + len(heading)
        self._rows = np.concatenate(blocks) if blocks else np.zeros((0, dimension), dtype=np.int8)
        self._factors = np.concatenate(factors) if factors else np.zeros(0, dtype=np.float32)

    def best(self, chunks: Sequence[StoredChunk], vector: np.ndarray) -> list[tuple[float, int, float]]:
        """For each chunk: its best sentence's cosine with `vector` (0.0 without one), how many sentences it has, and
        its context line's cosine (0.0 without one). One product for all of them: a question meets about 100 chunks,
        and comparing them one by one took a millisecond."""
        spans = [self._spans.get(chunk.id) for chunk in chunks]
        starts, heads, ends = (np.array([span[k] for span in spans if span is not None], dtype=np.int64)
                               for k in range(3))
        counts = heads - starts
        has_sentences, has_line = counts > 0, ends > heads
        lengths = counts[has_sentences]
        firsts = np.cumsum(lengths) - lengths  # where each chunk's sentences start among the rows read
        n = int(lengths.sum())
        rows = np.concatenate([np.repeat(starts[has_sentences] - firsts, lengths) + np.arange(n), heads[has_line]])
        cosines = (self._rows[rows].astype(np.float32) @ vector) * self._factors[rows]
        sentence = np.zeros(len(counts), dtype=np.float32)
        heading = np.zeros(len(counts), dtype=np.float32)
        if n:
            sentence[has_sentences] = np.maximum.reduceat(cosines[:n], firsts)
        heading[has_line] = cosines[n:]
        found = zip(sentence.tolist(), counts.tolist(), heading.tolist())
        out: list[tuple[float, int, float]] = []
        for chunk, span in zip(chunks, spans):
            if span is None:  # a chunk published after this index was built
                sentences, line = self.similarities(chunk, vector)
                out.append((float(sentences.max()) if len(sentences) else 0.0, len(sentences), line))
            else:
                out.append(next(found))
        return out

    def similarities(self, chunk: StoredChunk, vector: np.ndarray) -> tuple[np.ndarray, float]:
        """The cosine of `vector` with each sentence of the chunk, and with its context line (0.0 without one)."""
        span = self._spans.get(chunk.id)
        if span is None:  # a chunk published after this index was built: read its own packed vectors
            sentences = _decoded(chunk.sentences, len(vector)) @ vector
            heading = _decoded(chunk.heading, len(vector)) @ vector
            return sentences, float(heading.max()) if len(heading) else 0.0
        start, heading, end = span
        cosines = (self._rows[start:end].astype(np.float32) @ vector) * self._factors[start:end]
        return cosines[: heading - start], float(cosines[heading - start]) if end > heading else 0.0


def _without(factors: np.ndarray, sentences: list[str], ignored: Callable[[str], bool]) -> np.ndarray:
    """The sentences' scale factors, 0 for those `ignored` names (as they were, when the chunk's sentences and its
    vectors do not pair up)."""
    if len(sentences) != len(factors):
        return factors
    return np.where([ignored(sentence) for sentence in sentences], np.float32(0.0), factors).astype(np.float32)


@lru_cache(maxsize=1024)
def _decoded(packed: str, dimension: int) -> np.ndarray:
    return unpack(packed, dimension)
