"""Hybrid retrieval: dense (Chroma) and lexical (bm25s) hits fused by reciprocal rank, per section of a post."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from assistant.lexical import LexicalIndex
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
    fused: float  # reciprocal-rank fusion of the dense and lexical ranks: orders the candidates
    dense: float  # best cosine similarity of the question with one of the section's passages
    faq: float  # cosine similarity of the question with the section's FAQ question (0 when it has none)
    lexical: float  # best BM25 score of the section, divided by the best BM25 score of the question
    chunks: tuple[StoredChunk, ...]  # the section's matched chunks, best first

    @property
    def faq_chunk(self) -> StoredChunk | None:
        return next((c for c in self.chunks if c.kind == "faq"), None)

    @property
    def similarity(self) -> float:
        return max(self.dense, self.faq)


@dataclass(frozen=True)
class RetrievalWeights:
    """How much each ranked list counts in the fusion; chosen on bench/eval_questions.jsonl."""

    faq: float = 1.0
    dense: float = 1.0
    lexical: float = 0.6
    rrf_k: int = 20
    depth: int = 40  # hits taken from each list


class Retriever:
    """Ranks the sections of the blog for a question.

    >>> retriever = Retriever(store, LexicalIndex.build(store.all_chunks()), embedder.encode_query)
    >>> retriever.search("do panels work when it's cloudy?")[0].url
    'https://hyperdaily.one/blog/home-solar-panels-guide/#q1-do-solar-panels-work-on-cloudy-days'
    """

    def __init__(self, store: Store, lexical: LexicalIndex, embed: Embed, weights: RetrievalWeights | None = None):
        self.store = store
        self.lexical = lexical
        self.embed = embed
        self.weights = weights or RetrievalWeights()

    def search(self, question: str, *, page: str | None = None, limit: int = 10) -> list[Candidate]:
        w = self.weights
        dense = self.store.query(self.embed(question), n=w.depth)
        lexical = self.lexical.search(question, k=w.depth)
        top_lexical = lexical[0][1] if lexical else 1.0

        sections: dict[tuple[str, str], dict] = {}

        def entry(chunk: StoredChunk) -> dict:
            return sections.setdefault(
                (chunk.slug, chunk.anchor), {"chunk": chunk, "fused": 0.0, "dense": 0.0, "faq": 0.0, "lexical": 0.0,
                                             "chunks": {}},
            )

        ranks = {"faq": 0, "passage": 0}
        for chunk in dense:
            e = entry(chunk)
            weight = w.faq if chunk.kind == "faq" else w.dense
            e["fused"] += weight / (w.rrf_k + ranks[chunk.kind]) if chunk.id not in e["chunks"] else 0.0
            ranks[chunk.kind] += 1
            e["faq" if chunk.kind == "faq" else "dense"] = max(e["faq" if chunk.kind == "faq" else "dense"], chunk.score)
            e["chunks"].setdefault(chunk.id, chunk)
        for rank, (chunk, score) in enumerate(lexical):
            e = entry(chunk)
            if e["lexical"] == 0.0:
                e["fused"] += w.lexical / (w.rrf_k + rank)
            e["lexical"] = max(e["lexical"], score / top_lexical)
            e["chunks"].setdefault(chunk.id, replace(chunk, score=0.0))

        candidates = [
            Candidate(
                slug=e["chunk"].slug,
                title=e["chunk"].title,
                section=e["chunk"].section,
                anchor=e["chunk"].anchor,
                url=e["chunk"].url,
                fused=e["fused"],
                dense=e["dense"],
                faq=e["faq"],
                lexical=e["lexical"],
                chunks=tuple(sorted(e["chunks"].values(), key=lambda c: (c.kind != "faq", -c.score))),
            )
            for e in sections.values()
        ]
        candidates.sort(key=lambda c: -c.fused)
        candidates = collapse_duplicates(candidates)
        if page:
            candidates = favour_page(candidates, page)
        return candidates[:limit]


def _fingerprint(candidate: Candidate) -> str:
    chunk = candidate.faq_chunk or candidate.chunks[0]
    text = chunk.question if chunk.kind == "faq" else chunk.text[:300]
    return re.sub(r"\W+", " ", text.lower()).strip()


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


PAGE_MARGIN = 0.05  # how much less similar the reader's own post may be and still come first


def favour_page(candidates: list[Candidate], page: str) -> list[Candidate]:
    """Put the reader's current post first when it answers nearly as well as the best; never hide a better one."""
    if not candidates or candidates[0].slug == page:
        return candidates
    best = candidates[0].similarity
    on_page = next((c for c in candidates[:10] if c.slug == page and c.similarity >= best - PAGE_MARGIN), None)
    if on_page is None:
        return candidates
    return [on_page, *(c for c in candidates if c is not on_page)]
