"""Incremental ingest: bring the store in line with the article folders, embedding only what changed."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ingest.chunking import Chunker
from ingest.embedder import Embedder
from ingest.loader import Skipped, load_corpus
from ingest.models import Chunk
from ingest.query_model import OnnxQueryEncoder, export_query_model, query_model_dir
from ingest.sentences import heading_span, pack, sentence_spans
from ingest.settings import Settings
from ingest.store import Encoded, Store

ARTICLES_PER_WRITE = 40  # articles embedded and written together; a killed run loses at most one group


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run found and did."""

    articles: int
    chunks: int
    faq_pairs: int
    added: int
    updated: int
    removed: int
    unchanged: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    seconds: float
    embedded_texts: int = 0  # texts the model read in this run (identical texts once)
    embedded_tokens: int = 0  # word pieces the model read in this run
    reused_vectors: int = 0  # texts whose vector was already in the store
    changed_sources: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        data["warnings"] = list(self.warnings)
        data["changed_sources"] = list(self.changed_sources)
        return data

    def summary(self) -> str:
        lines = [
            f"{self.articles} articles, {self.chunks} chunks ({self.faq_pairs} FAQ pairs): {self.added} added, "
            f"{self.updated} updated, {self.removed} removed, {self.unchanged} unchanged in {self.seconds:.1f} s."
        ]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} file(s):")
            lines.extend(f"  - {s.reason}" for s in self.skipped)
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning(s):")
            lines.extend(f"  - {w}" for w in self.warnings)
        return "\n".join(lines)


def run_ingest(
    folders: Sequence[Path],
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Ingest every article of `folders` into the store; `progress(done, total)` is told of each written group."""
    started = time.perf_counter()
    corpus = load_corpus(list(folders), settings.site_url)
    store = Store(settings)
    snapshot = store.snapshot()
    changed = [a for a in corpus.articles if not (a.source in snapshot and snapshot[a.source].is_current(a.content_hash))]
    changed_sources = {a.source for a in changed}
    kept_ids = {i for a in corpus.articles if a.source not in changed_sources for i in snapshot[a.source].ids}

    embedder = embedder or Embedder(settings.model, threads=settings.threads, batch_size=settings.batch_size)
    new_ids: set[str] = set()
    embedded_texts = embedded_tokens = reused = 0
    warnings = list(corpus.warnings)
    if changed:
        chunker = Chunker(count_tokens=embedder.count_tokens, max_tokens=settings.chunk_tokens, limit=embedder.limit)
        known: dict[str, Encoded] = {}
        for start in range(0, len(changed), ARTICLES_PER_WRITE):
            group = changed[start : start + ARTICLES_PER_WRITE]
            chunks: list[Chunk] = []
            counts: dict[str, int] = {}
            for article_file in group:
                article = article_file.parse()
                if article.faq_anchor is None:
                    warnings.append(f"{article.source}: has no FAQ section; questions can only match its body text")
                cut = chunker.chunks(article)
                counts[article.source] = len(cut)
                chunks.extend(cut)
            texts, tokens, hits = _vectors(chunks, known, store, embedder)
            embedded_texts, embedded_tokens, reused = embedded_texts + texts, embedded_tokens + tokens, reused + hits
            # A new article goes live at once; an updated one is written hidden and swapped in, so that readers
            # never meet its old and new sections together.
            updated = frozenset(a.source for a in group if a.source in snapshot)
            store.upsert(chunks, [known[c.text_hash] for c in chunks], counts, hidden=updated)
            ids = {c.id for c in chunks}
            if updated:
                store.publish([c for c in chunks if c.source in updated],
                              replaced=[i for s in updated for i in snapshot[s].ids if i not in ids])
            new_ids.update(ids)
            if progress:
                progress(min(start + ARTICLES_PER_WRITE, len(changed)), len(changed))

    stale = {i for state in snapshot.values() for i in state.ids} - kept_ids - new_ids
    store.delete(stale)
    current = {a.source for a in corpus.articles}
    removed = [s for s in snapshot if s not in current]
    if changed or stale:
        store.bump_version()
    query_model = query_model_dir(settings.store)
    if OnnxQueryEncoder.open(query_model, embedder.name) is None and not export_query_model(embedder, query_model):
        warnings.append("Could not export the model to ONNX for questions; the assistant will encode them with torch.")
    faq_pairs = store.count_kind("faq")
    return IngestReport(
        articles=len(corpus.articles),
        chunks=store.count(),
        faq_pairs=faq_pairs,
        added=sum(a.source not in snapshot for a in changed),
        updated=sum(a.source in snapshot for a in changed),
        removed=len(removed),
        unchanged=len(corpus.articles) - len(changed),
        skipped=corpus.skipped,
        warnings=tuple(warnings),
        seconds=round(time.perf_counter() - started, 3),
        embedded_texts=embedded_texts,
        embedded_tokens=embedded_tokens,
        reused_vectors=reused,
        changed_sources=tuple(a.source for a in changed),
    )


def _vectors(chunks: list[Chunk], known: dict[str, Encoded], store: Store, embedder: Embedder) -> tuple[int, int, int]:
    """Fill `known` with the vectors of every chunk's text: from this run, from the store, or from the model."""
    missing = list(dict.fromkeys(c.text_hash for c in chunks if c.text_hash not in known))
    found = store.embeddings_by_text(missing)
    known.update(found)
    texts = list({c.text_hash: c for c in chunks if c.text_hash not in known}.items())
    if not texts:
        return 0, 0, len(found)
    # A passage's first span is its context line (title › section), the rest its sentences.
    spans = [[heading_span(c.embed_text, c.text) or (0, 0), *sentence_spans(c.embed_text, c.text)]
             if c.kind == "passage" else [] for _, c in texts]
    vectors, pooled = embedder.encode_with_sentences([c.embed_text for _, c in texts], spans)
    for (h, _), vector, rows in zip(texts, vectors, pooled):
        sentences = rows[1:][np.linalg.norm(rows[1:], axis=1) > 0] if len(rows) else rows
        known[h] = Encoded(vector, pack(sentences), pack(rows[:1]))
    tokens = sum(embedder.count_tokens([c.embed_text for _, c in texts]))
    return len(texts), tokens, len(found)
