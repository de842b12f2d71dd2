"""Hybrid retrieval: dense (Chroma) and lexical (bm25s) evidence combined per section of a post."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.compose import about_itself
from assistant.lexical import LexicalIndex
from assistant.sentence_index import SentenceIndex
from ingest.chunking import article_version
from ingest.store import Store, StoredChunk

Embed = Callable[[str], np.ndarray]


@dataclass(frozen=True)
class Candidate:
    """One section of one post that may answer the question, with the evidence for it."""

    slug: str
    title: str
    section: str
    anchor: str
    url: str
    score: float  # what candidates are ranked by: best similarity plus weighted lexical evidence
    dense: float  # best cosine similarity of the question with one of the section's passages
    faq: float  # cosine similarity of the question with the section's FAQ question (0 when it has none)
    lexical: float  # best BM25 score of the section, divided by the best BM25 score of the question
    bm25: float  # best BM25 score of the section, as it is: how many of the question's words it has, how rare
    sentence: float  # best cosine similarity of the question with one sentence of the section's passages
    # (for a passage of one sentence, the better of that and the passage's own vector)
    heading: float  # best cosine similarity of the question with the section's context line (title › section)
    chunks: tuple[StoredChunk, ...]  # the section's matched chunks, best first

    @property
    def faq_chunk(self) -> StoredChunk | None:
        return next((c for c in self.chunks if c.kind == "faq"), None)

    @property
    def similarity(self) -> float:
        return max(self.dense, self.faq)

    @property
    def path(self) -> tuple[str, ...]:
        """The section's headings from its `##` ancestor down; () in a store from before paths were kept."""
        return self.chunks[0].path if self.chunks else ()

    @property
    def closeness(self) -> float:
        """The best cosine of the question with a passage, the FAQ question or one sentence of the section."""
        return max(self.dense, self.faq, self.sentence)

    @property
    def evidence(self) -> float:
        """The sharpest match with one unit of the section: its FAQ question, its "title › section" line, or one
        sentence (the passage, where none was read)."""
        return max(self.faq, self.heading, self.sentence or self.dense)


@dataclass(frozen=True)
class RetrievalWeights:
    """How the evidence is combined; chosen on bench/eval_questions.jsonl (see bench/eval.py).

    A section scores max(FAQ-question similarity, passage similarity) + lexical × its normalised BM25 score
    + sentence × the similarity of its best sentence.
    Measured there: this beats reciprocal-rank fusion of the same lists (section@1 0.72 against 0.49), because a
    rank throws away how much better the best match is.
    """

    lexical: float = 0.4
    sentence: float = 0.7  # added: +0.03 section@1 on the development set, +0.04 on the held-out one
    # (the "title › section" line's own vector, weighted 0.2 or 0.4 as well, changed neither by more than ±0.01)
    depth: int = 40  # hits taken from Chroma and from BM25 each


class Retriever:
    """Ranks the sections of the blog for a question.

    >>> retriever = Retriever(store, LexicalIndex.build(*store.published()), embed)
    >>> retriever.search("do panels work when it's cloudy?")[0].url
    'https://hyperdaily.one/blog/home-solar-panels-guide/#q1-do-solar-panels-work-on-cloudy-days'
    """

    def __init__(self, store: Store, lexical: LexicalIndex, embed: Embed, weights: RetrievalWeights | None = None):
        self.store = store
        self.embed = embed
        self.weights = weights or RetrievalWeights()
        self.reload(lexical)

    def reload(self, lexical: LexicalIndex) -> None:
        """Use a lexical index built for a changed store, and forget what was read of the old one.

        The index's chunks are every chunk published when it was built: vector hits are looked up among them
        rather than read back from Chroma, and their sentence vectors are decoded once.
        """
        self.lexical = lexical
        self.known = {chunk.id: chunk for chunk in lexical.chunks}
        self.sentences = SentenceIndex(lexical.chunks, len(self.embed("dimension")), ignored=about_itself)
        self._posts: dict[str, tuple[list[StoredChunk], np.ndarray]] = {}  # a conversation asks about one post often

    def search(self, question: str, *, page: str | None = None, limit: int = 10,
               page_margin: float | None = None) -> list[Candidate]:
        w = self.weights
        vector = self.embed(question)
        dense = self.store.query(vector, n=w.depth, known=self.known)
        scores = self.lexical.scores(question)
        lexical = self.lexical.top(scores, k=w.depth)
        if changed := {c.slug: article_version(c.id) for c in dense if c.id not in self.known}:
            # An ingest changed these posts since the lexical index was loaded (it reloads within seconds): drop
            # its copies of their old versions, so that no answer mixes an article's old and new sections.
            lexical = [(c, s) for c, s in lexical
                       if changed.get(c.slug, article_version(c.id)) == article_version(c.id)]
            scores = None  # nor read whole sections from it
        candidates = self._rank(vector, dense, lexical, lexical[0][1] if lexical else 1.0, scores)
        candidates = collapse_duplicates(candidates)
        if page:
            candidates = favour_page(candidates, page, PAGE_MARGIN if page_margin is None else page_margin)
        return candidates[:limit]

    def search_post(self, question: str, slug: str, *, limit: int = 10) -> list[Candidate]:
        """The sections of one post ranked for the question, scored as `search` scores them.

        This is how a follow-up is read: "how much does it cost?" asked about the Galaxy Ring means the Galaxy
        Ring post's cost section, which a search of the whole blog ranks below a dozen other posts' prices.
        """
        chunks, vectors = self._post(slug)
        if not chunks:
            return []
        vector = self.embed(question)
        similarities = vectors @ vector
        dense = sorted((c.scored(float(s)) for c, s in zip(chunks, similarities)), key=lambda c: -c.score)
        by_id, top_lexical = self.lexical.post_scores(question, slug)
        lexical = [(c, by_id[c.id]) for c in chunks if by_id.get(c.id, 0.0) > 0]
        return self._rank(vector, dense, lexical, top_lexical if top_lexical > 0 else 1.0)[:limit]

    def title(self, slug: str) -> str | None:
        """The post's title, or None when no post has this slug."""
        if positions := self.lexical.post_positions(slug):  # without copying the post's chunks and vectors
            return self.lexical.chunks[positions[0]].title
        chunks, _ = self._post(slug)
        return chunks[0].title if chunks else None

    def _post(self, slug: str) -> tuple[list[StoredChunk], np.ndarray]:
        """A post's chunks and vectors: from the lexical index, which holds every published chunk (reading them back
        from Chroma took 27 ms a post); from the store for a post published after the index was built (the
        Assistant reloads it within seconds of an ingest)."""
        if positions := self.lexical.post_positions(slug):
            return [self.lexical.chunks[i] for i in positions], self.lexical.vectors[positions]
        if slug not in self._posts:
            if len(self._posts) >= POSTS_CACHED:
                self._posts.pop(next(iter(self._posts)))
            self._posts[slug] = self.store.post_chunks(slug)
        return self._posts[slug]

    def _rank(self, vector: np.ndarray, dense: list[StoredChunk], lexical: list[tuple[StoredChunk, float]],
              top_lexical: float, scores: np.ndarray | None = None) -> list[Candidate]:
        """One candidate per section that any chunk of `dense` or `lexical` belongs to, best first.

        With `scores` (every chunk's BM25 score), a section's sentences, BM25 score and cosines are read from all its
        chunks, not only from those among the hits: "What is GPT-4o?" is the FAQ question of eight posts, whose eight
        copies fill the nearest hits and leave out their answers' passages, so that sections with a looser FAQ but
        both kinds of evidence ranked first; and a section that only BM25 found ("leave no trace rules explained?",
        whose words the model reads badly) had no cosine at all."""
        evidence: dict[tuple[str, str], dict] = {}
        unread: list[tuple[dict, StoredChunk, float]] = []  # chunks whose sentences are compared, all at once below

        def entry(chunk: StoredChunk, cosine: float = 0.0) -> dict:
            e = evidence.get(key := (chunk.slug, chunk.anchor))
            if e is None:
                e = evidence[key] = {"first": chunk, "dense": 0.0, "faq": 0.0, "bm25": 0.0, "sentence": 0.0,
                                     "heading": 0.0, "chunks": {}}
            if chunk.id not in e["chunks"]:
                unread.append((e, chunk, cosine))
            return e

        for chunk in dense:
            e = entry(chunk, chunk.score if chunk.kind == "passage" else 0.0)
            key = "faq" if chunk.kind == "faq" else "dense"
            e[key] = max(e[key], chunk.score)
            e["chunks"].setdefault(chunk.id, chunk)
        for chunk, score in lexical:
            e = entry(chunk)
            e["bm25"] = max(e["bm25"], score)
            e["chunks"].setdefault(chunk.id, chunk)  # BM25 hits are stored chunks: their score is 0.0
        if scores is not None and evidence:
            sections = [(e, self.lexical.section_positions(slug, anchor)) for (slug, anchor), e in evidence.items()]
            positions = [i for _, section in sections for i in section]
            cosines = iter((self.lexical.vectors[positions] @ vector).tolist())
            for e, section in sections:
                for i in section:
                    chunk = self.lexical.chunks[i]
                    if chunk.id not in e["chunks"]:
                        unread.append((e, chunk, 0.0))
                    e["bm25"] = max(e["bm25"], float(scores[i]))
                    key = "faq" if chunk.kind == "faq" else "dense"
                    e[key] = max(e[key], next(cosines))
        for (e, _, cosine), (sentence, count, heading) in zip(unread, self.sentences.best([c for _, c, _ in unread],
                                                                                          vector)):
            e["heading"] = max(e["heading"], heading)
            if count:
                # A passage of one sentence is its own sharpest unit, and its vector also read the title and
                # section ("what pot do I bake the loaf in?" meets "Baking the Loaf: … in a Dutch oven").
                e["sentence"] = max(e["sentence"], sentence, cosine if count == 1 else 0.0)

        candidates = [
            Candidate(
                slug=e["first"].slug,
                title=e["first"].title,
                section=e["first"].section,
                anchor=e["first"].anchor,
                url=e["first"].url,
                score=max(e["faq"], e["dense"]) + self.weights.lexical * e["bm25"] / top_lexical
                + self.weights.sentence * e["sentence"],
                dense=e["dense"],
                faq=e["faq"],
                lexical=e["bm25"] / top_lexical,
                bm25=e["bm25"],
                sentence=e["sentence"],
                heading=e["heading"],
                chunks=tuple(sorted(e["chunks"].values(), key=lambda c: (c.kind != "faq", -c.score))),
            )
            for e in evidence.values()
        ]
        candidates.sort(key=lambda c: -c.score)
        return candidates


def _fingerprint(candidate: Candidate) -> str:
    chunk = candidate.faq_chunk or candidate.chunks[0]
    return _normalised(chunk.question, None) if chunk.kind == "faq" else _normalised(chunk.text, 300)


@lru_cache(maxsize=1 << 15)  # room for every chunk of the corpus (18,000): a question meets 60 sections
def _normalised(text: str, length: int | None) -> str:
    return re.sub(r"\W+", " ", text[:length].lower()).strip()


def collapse_duplicates(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one of each near-identical section that duplicate posts repeat: the best ranked one."""
    seen: set[str] = set()
    kept: list[Candidate] = []
    for candidate in candidates:
        key = _fingerprint(candidate)
        if key in seen:
            continue
        seen.add(key)
        kept.append(candidate)
    return kept


POSTS_CACHED = 64  # posts whose chunks and vectors a retriever keeps for follow-ups
PAGE_MARGIN = 0.1  # how much lower a score the reader's own post may be and still come first


def favour_page(candidates: list[Candidate], page: str, margin: float = PAGE_MARGIN) -> list[Candidate]:
    """Put the post's best section first when it answers nearly as well as the best; never hide a better one."""
    if not candidates or candidates[0].slug == page:
        return candidates
    best = candidates[0].score
    on_page = next((c for c in candidates if c.slug == page and c.score >= best - margin), None)
    if on_page is None:
        return candidates
    return [on_page, *(c for c in candidates if c is not on_page)]
