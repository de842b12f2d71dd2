"""Sentence vectors: found in the passage, pooled from the passage's own forward pass, stored packed."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.sentence_index import SentenceIndex
from ingest.pipeline import run_ingest
from ingest.sentences import heading_span, pack, sentence_spans, unpack
from ingest.store import Store


def test_sentence_spans_cover_each_sentence_of_the_passage_not_its_context_line():
    text = "Panels need little care: rinse off dust twice a year. Most panels last 25 to 30 years.\nKeep them clean."
    embed_text = "Home Solar Panels › Maintenance & Lifespan\n" + text
    spans = sentence_spans(embed_text, text)
    assert [embed_text[a:b] for a, b in spans] == [
        "Panels need little care: rinse off dust twice a year.",
        "Most panels last 25 to 30 years.",
        "Keep them clean.",
    ]


def test_the_context_line_is_a_span_of_its_own():
    text = "Most panels last 25 to 30 years."
    embed_text = "Home Solar Panels › Maintenance & Lifespan\n" + text
    a, b = heading_span(embed_text, text)
    assert embed_text[a:b] == "Home Solar Panels › Maintenance & Lifespan"
    assert heading_span(text, text) is None


def test_packed_vectors_come_back_as_the_same_unit_vectors():
    vectors = np.random.default_rng(0).normal(size=(5, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    back = unpack(pack(vectors), 384)
    assert back.shape == (5, 384)
    assert np.all(np.sum(back * vectors, axis=1) > 0.999)
    assert len(pack(vectors)) < 5 * 384 * 1.4  # about one byte a dimension, base64


def test_a_damaged_or_empty_packed_string_gives_no_vectors():
    assert unpack("", 384).shape == (0, 384)
    assert unpack("not base64!", 384).shape == (0, 384)
    assert unpack(pack(np.ones((2, 384), dtype=np.float32))[:-8], 384).shape == (0, 384)


def test_each_stored_passage_knows_which_of_its_sentences_answers(blog, settings, embedder):
    run_ingest([blog], settings, embedder=embedder)
    chunk = next(c for c in Store(settings).all_chunks() if c.anchor == "maintenance--lifespan")
    sentences = unpack(chunk.sentences, embedder.dimension)
    assert len(sentences) == 2  # "Panels need little care: …" and "Most panels last 25 to 30 years …"
    question = embedder.encode(["how many years do solar panels last?"])[0]
    assert int(np.argmax(sentences @ question)) == 1
    assert unpack(chunk.heading, embedder.dimension).shape == (1, embedder.dimension)


def test_faq_question_chunks_have_no_sentence_vectors(blog, settings, embedder):
    run_ingest([blog], settings, embedder=embedder)
    faq = [c for c in Store(settings).all_chunks() if c.kind == "faq"]
    assert faq and all(c.sentences == "" and c.heading == "" for c in faq)


def test_the_sentence_index_compares_a_question_as_the_packed_vectors_do(blog, settings, embedder):
    run_ingest([blog], settings, embedder=embedder)
    chunks = Store(settings).all_chunks()
    index = SentenceIndex(chunks, embedder.dimension)
    question = embedder.encode(["how many years do solar panels last?"])[0]
    for chunk in chunks:
        sentences, heading = index.similarities(chunk, question)
        assert np.allclose(sentences, unpack(chunk.sentences, embedder.dimension) @ question, atol=1e-5)
        expected = unpack(chunk.heading, embedder.dimension) @ question
        assert heading == pytest.approx(float(expected[0]) if len(expected) else 0.0, abs=1e-5)


def test_the_sentence_index_reads_many_chunks_at_once_as_it_reads_each(blog, settings, embedder):
    """The batch a question's ranking uses: each chunk's best sentence, its number of sentences, its context line;
    FAQ chunks (no sentences) and a chunk the index was not built with are among them."""
    run_ingest([blog], settings, embedder=embedder)
    chunks = Store(settings).all_chunks()
    index = SentenceIndex(chunks[1:], embedder.dimension)
    question = embedder.encode(["how many years do solar panels last?"])[0]
    assert any(c.kind == "faq" for c in chunks) and any(c.kind == "passage" for c in chunks)
    for chunk, (best, count, line) in zip(chunks, index.best(chunks, question)):
        sentences, heading = index.similarities(chunk, question)
        assert count == len(sentences)
        assert best == pytest.approx(float(sentences.max()) if count else 0.0, abs=1e-6)
        assert line == pytest.approx(heading, abs=1e-6)
    assert index.best([], question) == []
