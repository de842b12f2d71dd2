"""The published chunks in memory: BM25 over them (bm25s) and their vectors, saved beside the store and rebuilt when
it changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import asdict
from functools import cached_property
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.tokenization import Tokenizer

from assistant.casing import Casing
from ingest.store import StoredChunk

_stemmer = Stemmer.Stemmer("english")
NAME_SHARE_WRITTEN = 0.8  # of a pair's uses that must be capitalised for it to be a name (as casing.MIN_SHARE)
# Two capitalised words after a word within a sentence, not a sentence's or a heading's opening: "the Vision Pro".
_CAPITALISED_PAIR = re.compile(r"(?<=[a-z0-9,;] )([A-Z][\w'’-]*) (?=([A-Z][\w'’-]*))")
POSSESSIVE = re.compile(r"['’]s$")  # "Vision Pro's"
_PUNCTUATION = "\"'“”‘’()[]{}*_.,;:!?"
NAME_CHUNKS_READ = 40  # chunks read to tell how the blog writes a word: enough for a majority, in a few ms


def lexical_text(chunk: StoredChunk) -> str:
    """What BM25 matches: the FAQ question alone, or a passage with its title and section."""
    if chunk.kind == "faq":
        return chunk.question
    return f"{chunk.title} {chunk.section} {chunk.text}"


def _full_text(chunk: StoredChunk) -> str:
    """All of a chunk's words: a FAQ pair's question and answer, a passage with its title and section."""
    return f"{chunk.question} {chunk.text}" if chunk.kind == "faq" else lexical_text(chunk)


def phrase(first: str, second: str) -> re.Pattern[str]:
    """Two words one after the other, either in the plural or possessive: "energy monitors", "Vision Pro's"."""
    return re.compile(rf"\b{re.escape(first)}(s|es|['’]s)?\W{{1,3}}{re.escape(second)}(s|es|['’]s)?\b", re.IGNORECASE)


_MODEL_GAP = r"[\s\u2010\u2011-]?"  # "iPhone 16", "GPT-4o", "GPT‑4o" (a non-breaking hyphen)
# A model named by a name and a number, in a lower-cased question: "iPhone 16", "GPT-5", "iOS 18"; not a year
# ("Paris 2024")
MODEL = re.compile(rf"\b([a-z][a-z'’-]*[a-z]){_MODEL_GAP}(\d{{1,3}}(?:\.\d+)?[a-z]?)\b")


def model(name: str, number: str) -> re.Pattern[str]:
    """A model named by a name and a number: "iPhone 16", "GPT-4o" ("gpt", "4o"); not "GPT-4o" for ("gpt", "4")."""
    return re.compile(rf"\b{re.escape(name)}{_MODEL_GAP}{re.escape(number)}\b", re.IGNORECASE)


class LexicalIndex:
    """BM25 scores of every chunk for a question, and each chunk's vector (a row of `vectors`): a section met by
    either kind of search is scored on all its chunks (retrieval.py).

    >>> index = LexicalIndex.build(*store.published())
    >>> [(chunk.id, score) for chunk, score in index.search("solar panel cost", k=5)]
    """

    def __init__(self, chunks: list[StoredChunk], tokenizer: Tokenizer, bm25: bm25s.BM25,
                 vectors: np.ndarray, pair_names: dict[str, frozenset[str]]) -> None:
        self.chunks = chunks
        self.pair_names = pair_names  # two words the blog writes as one name, and the posts that do (two_word_names)
        self.tokenizer = tokenizer
        self.bm25 = bm25
        self.vectors = vectors
        self._word_posts: dict[int, frozenset[int]] = {}  # the posts (as numbers) that use a word (a token id)
        self._forms: dict[str, str] = {}  # how the blog mostly writes a word (written_as_name)

    @classmethod
    def build(cls, chunks: list[StoredChunk], vectors: np.ndarray) -> LexicalIndex:
        tokenizer = _tokenizer()
        tokens = tokenizer.tokenize([lexical_text(c) for c in chunks], show_progress=False, return_as="tuple")
        bm25 = bm25s.BM25()
        bm25.index(tokens, show_progress=False)
        return cls(chunks, tokenizer, bm25, vectors, two_word_names(chunks))

    def search(self, question: str, k: int) -> list[tuple[StoredChunk, float]]:
        return self.top(self.scores(question), k)

    def scores(self, question: str) -> np.ndarray:
        """The BM25 score of every chunk, in the order of `chunks`."""
        ids = self.tokenizer.tokenize([question], update_vocab=False, show_progress=False, return_as="ids")
        if not ids or not ids[0] or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return self.bm25.get_scores([int(i) for i in ids[0]])

    def top(self, scores: np.ndarray, k: int) -> list[tuple[StoredChunk, float]]:
        """The k best scored chunks, best first (a partial sort: a third of the time of bm25s's retrieve)."""
        k = min(k, len(self.chunks))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunks[int(i)], float(scores[i])) for i in top if scores[i] > 0]

    def section_positions(self, slug: str, anchor: str) -> list[int]:
        """The positions in `chunks` of one section's chunks."""
        return self._sections.get((slug, anchor), [])

    def post_scores(self, question: str, slug: str) -> tuple[dict[str, float], float]:
        """BM25 scores of one post's chunks, by chunk id, and the best score of any chunk, to normalise them by."""
        scores = self.scores(question)
        by_id = {self.chunks[i].id: float(scores[i]) for i in self._positions.get(slug, ())}
        return by_id, float(scores.max(initial=0.0))

    def rarest_word(self, question: str, max_posts: int) -> list[StoredChunk]:
        """The chunks that use the question's rarest word, when at most `max_posts` posts use it: most often a name
        ("Wysa", "Lomi")."""
        ids = self.tokenizer.tokenize([question], update_vocab=False, show_progress=False, return_as="ids")
        words = [w for w in dict.fromkeys(int(i) for i in (ids[0] if ids else ())) if 0 < self._posts_using(w)]
        rarest = min(words, key=self._posts_using, default=None)
        if rarest is None or self._posts_using(rarest) > max_posts:
            return []
        return self._chunks_using(rarest)

    @property
    def post_count(self) -> int:
        """How many posts the index holds."""
        return len(self._positions)

    @property
    def slugs(self) -> list[str]:
        """The posts the index holds, in the order of their first chunk."""
        return list(self._positions)

    def posts_using(self, stem: str) -> int:
        """How many posts use a word, given as its stem."""
        word = self.tokenizer.get_vocab_dict().get(stem)
        return self._posts_using(int(word)) if word is not None else 0

    def post_share(self, stem: str) -> float:
        """The share of posts that use a word, given as its stem ("advantag"); 0.0 for a word no post uses."""
        return self.posts_using(stem) / max(1, self.post_count)

    def post_uses(self, slug: str, stem: str) -> bool:
        """Whether one post uses a word, given as its stem."""
        word, number = self.tokenizer.get_vocab_dict().get(stem), self._post_number.get(slug)
        return word is not None and number is not None and number in self._posts_of(int(word))

    def chunks_using(self, stem: str) -> list[StoredChunk]:
        """The chunks that use a word, given as its stem; [] for a word no chunk uses."""
        word = self.tokenizer.get_vocab_dict().get(stem)
        return [] if word is None else self._chunks_using(int(word))

    def _chunks_using(self, word: int) -> list[StoredChunk]:
        return [self.chunks[int(i)] for i in np.flatnonzero(self.bm25.get_scores([word]))]

    def written_as_name(self, word: str, *, capital_inside: bool = False) -> bool:
        """Whether the blog mostly writes a word with a capital ("Tesla", "EU", "Canadian"; with capital_inside, also
        "iPhone"), read from the chunks that use it, away from the start of a sentence (casing.py)."""
        if word not in self._forms:
            chunks = self.chunks_using(_stemmer.stemWord(word))[:NAME_CHUNKS_READ]
            texts = [c.question if c.kind == "faq" else c.text for c in chunks]
            self._forms[word] = Casing.form_in(word, texts)
        form = self._forms[word]
        return form[:1].isupper() or capital_inside and any(ch.isupper() for ch in form)

    def name_posts(self, first: str, second: str) -> frozenset[str]:
        """The posts that write two words as one name ("vision", "pro": "Vision Pro"); empty when the blog does not
        mostly write them so."""
        return self.pair_names.get(pair_key(first, second), frozenset())

    def post_says(self, slug: str, first: str, second: str) -> bool:
        """Whether one post writes two words one after the other."""
        pattern = phrase(first, second)
        return any(pattern.search(_full_text(c)) for c in self.post_chunks(slug))

    def writes_together(self, first: str, second: str) -> bool:
        """Whether some post writes two words one after the other ("Wi-Fi", read for a question's "wifi")."""
        stems = [_stemmer.stemWord(first), _stemmer.stemWord(second)]
        if not all(self.posts_using(stem) for stem in stems):
            return False
        pattern = phrase(first, second)
        return any(pattern.search(_full_text(c)) for c in self.chunks_using(min(stems, key=self.posts_using)))

    def post_names(self, slug: str, name: str, number: str) -> bool:
        """Whether one post names a model by a name and a number ("iPhone 16")."""
        pattern = model(name, number)
        return any(pattern.search(_full_text(c)) for c in self.post_chunks(slug))

    def model_posts(self, name: str, number: str) -> set[str]:
        """The posts that name a model by a name and a number, read as `post_names` reads one."""
        pattern = model(name, number)
        return {c.slug for c in self.chunks_using(_stemmer.stemWord(name)) if pattern.search(_full_text(c))}

    def _posts_using(self, word: int) -> int:
        """How many posts use this word (a token id)."""
        return len(self._posts_of(word))

    def _posts_of(self, word: int) -> frozenset[int]:
        """The posts (as numbers) that use this word (a token id); read once per word."""
        if word not in self._word_posts:
            rows = np.flatnonzero(self.bm25.get_scores([word]))
            self._word_posts[word] = frozenset(np.unique(self._post_numbers[rows]).tolist())
        return self._word_posts[word]

    def post_chunks(self, slug: str) -> list[StoredChunk]:
        """Every chunk of one post."""
        return [self.chunks[i] for i in self._positions.get(slug, ())]

    def post_positions(self, slug: str) -> list[int]:
        """The positions in `chunks` (and rows of `vectors`) of one post's chunks; [] for a post it does not hold."""
        return self._positions.get(slug, [])

    def closest_posts(self, slug: str) -> list[tuple[str, float]]:
        """The other posts, closest first, each with the cosine of its post vector with this one's (`_post_vectors`):
        those whose chunks, taken together, read most like its own. [] for a post the index does not hold."""
        n = self._post_number.get(slug)
        if n is None:
            return []
        similarities = self._post_vectors @ self._post_vectors[n]
        slugs = list(self._positions)
        return [(slugs[i], float(similarities[i])) for i in np.argsort(-similarities, kind="stable") if i != n]

    @cached_property
    def _post_vectors(self) -> np.ndarray:
        """Each post's vector, in `_post_number` order: the mean of its chunks' vectors, normalised (the blog's 446
        posts: 5 ms, once)."""
        posts = np.zeros((len(self._positions), self.vectors.shape[1]), dtype=np.float32)
        for n, positions in enumerate(self._positions.values()):
            posts[n] = self.vectors[positions].sum(axis=0, dtype=np.float32)
        return posts / np.maximum(np.linalg.norm(posts, axis=1, keepdims=True), 1e-12)

    @cached_property
    def _post_number(self) -> dict[str, int]:
        """Each post's number."""
        return {slug: n for n, slug in enumerate(self._positions)}

    @cached_property
    def _post_numbers(self) -> np.ndarray:
        """Each chunk's post, as a number."""
        return np.array([self._post_number[c.slug] for c in self.chunks], dtype=np.int32)

    @cached_property
    def _sections(self) -> dict[tuple[str, str], list[int]]:
        sections: dict[tuple[str, str], list[int]] = {}
        for i, chunk in enumerate(self.chunks):
            sections.setdefault((chunk.slug, chunk.anchor), []).append(i)
        return sections

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for i, chunk in enumerate(self.chunks):
            positions.setdefault(chunk.slug, []).append(i)
        return positions

    def save(self, folder: Path, version: str) -> None:
        """Write the index to `folder` atomically: a reader never sees half an index."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".lexical-"))
        self.bm25.save(str(tmp), show_progress=False)
        self.tokenizer.save_vocab(str(tmp))
        self.tokenizer.save_stopwords(str(tmp))
        with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as f:
            for chunk in self.chunks:
                f.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
        np.save(tmp / "vectors.npy", self.vectors)
        (tmp / "pair_names.json").write_text(json.dumps({k: sorted(v) for k, v in self.pair_names.items()}))
        (tmp / "version").write_text(version)
        old = folder.with_name(folder.name + ".old")
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, version: str) -> LexicalIndex | None:
        """The saved index if it was built for this version of the store, else None."""
        try:
            if (folder / "version").read_text() != version:
                return None
            tokenizer = _tokenizer()
            tokenizer.load_vocab(str(folder))
            tokenizer.load_stopwords(str(folder))
            bm25 = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
            with (folder / "chunks.jsonl").open(encoding="utf-8") as f:
                chunks = [StoredChunk(**{**row, "path": tuple(row.get("path", ()))})
                          for row in map(json.loads, f)]
            vectors = np.load(folder / "vectors.npy")  # an index saved before it kept them is rebuilt
            pair_names = {k: frozenset(v) for k, v in json.loads((folder / "pair_names.json").read_text()).items()}
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if len(vectors) != len(chunks):
            return None
        return cls(chunks, tokenizer, bm25, vectors, pair_names)


def pair_key(first: str, second: str) -> str:
    """Two words as `two_word_names` keeps them: in lower case, without a possessive or plural "s"."""
    return f"{_singular(first)} {_singular(second)}"


def _singular(word: str) -> str:
    """A word in lower case without the punctuation around it, a possessive or a plural "s": "Monitors," -> "monitor"."""
    word = POSSESSIVE.sub("", word.lower().strip(_PUNCTUATION))
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def two_word_names(chunks: list[StoredChunk]) -> dict[str, frozenset[str]]:
    """Pairs of words the blog mostly writes as one name, within a sentence ("Vision Pro", "Sense Energy"), with the
    posts that write them in any case: a name of two words neither of which is a name alone. Read once, when the
    index is built (2.6 s for the whole blog), not per question: read per question, it doubled p95."""
    texts = [(c.slug, f"{c.question}\n{c.text}" if c.kind == "faq" else c.text) for c in chunks]
    capitalised: Counter[str] = Counter()
    for _, text in texts:
        for m in _CAPITALISED_PAIR.finditer(text):
            capitalised[pair_key(m.group(1), m.group(2))] += 1
    firsts = {key.split(" ")[0] for key in capitalised}
    written: Counter[str] = Counter()
    both: Counter[str] = Counter()  # both words capitalised, wherever they are: "**Surface Pro 11**"
    posts: dict[str, set[str]] = {}
    for slug, text in texts:
        raw = text.split()
        words = [_singular(w) for w in raw]
        for i, (first, second) in enumerate(zip(words, words[1:])):
            if first in firsts and (key := f"{first} {second}") in capitalised:
                written[key] += 1
                both[key] += raw[i].strip(_PUNCTUATION)[:1].isupper() and raw[i + 1].strip(_PUNCTUATION)[:1].isupper()
                posts.setdefault(key, set()).add(slug)
    return {key: frozenset(posts[key]) for key in capitalised
            if key in posts and both[key] >= NAME_SHARE_WRITTEN * written[key]}


def _tokenizer() -> Tokenizer:
    return Tokenizer(stemmer=_stemmer.stemWord, stopwords="en")
