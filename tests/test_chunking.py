"""Chunking: chunks follow sections, carry their context, and never exceed what the model reads."""

from __future__ import annotations

from ingest.article import parse_article
from ingest.chunking import Chunker
from ingest.loader import load_corpus

SITE = "https://hyperdaily.one"


def chunker_for(embedder, max_tokens=200):
    return Chunker(count_tokens=embedder.count_tokens, max_tokens=max_tokens, limit=embedder.limit)


def test_chunks_follow_sections_and_carry_title_and_section(blog, embedder):
    a = parse_article((blog / "solar-panels.md").read_bytes(), "solar-panels.md", SITE)
    chunks = chunker_for(embedder).chunks(a)
    cost = next(c for c in chunks if c.kind == "passage" and c.anchor == "how-much-do-solar-panels-cost")
    assert cost.embed_text.startswith("Home Solar Panels: A Buyer's Guide › How Much Do Solar Panels Cost?\n")
    assert "$15,000 and $25,000" in cost.text
    assert cost.url == "https://hyperdaily.one/blog/home-solar-panels-guide/#how-much-do-solar-panels-cost"


def test_each_faq_pair_is_a_question_chunk_and_an_answer_passage(blog, embedder):
    a = parse_article((blog / "solar-panels.md").read_bytes(), "solar-panels.md", SITE)
    chunks = [c for c in chunker_for(embedder).chunks(a) if c.anchor == "q1-do-solar-panels-work-on-cloudy-days"]
    assert sorted(c.kind for c in chunks) == ["faq", "passage"]
    faq = next(c for c in chunks if c.kind == "faq")
    assert faq.embed_text == "Do solar panels work on cloudy days?"
    assert faq.text.startswith("Yes. Panels still produce power")


def test_long_section_is_cut_into_balanced_pieces_that_rejoin_into_the_section(embedder):
    sentences = [f"Sentence number {i} talks about batteries and inverters at some length." for i in range(120)]
    body = "## Storage\n\n" + "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, 120, 4))
    a = parse_article(f'---\ntitle: "T"\nslug: "t"\n---\n{body}'.encode(), "t.md", SITE)
    pieces = [c for c in chunker_for(embedder, 100).chunks(a) if c.kind == "passage"]
    counts = embedder.count_tokens([c.text for c in pieces])
    assert len(pieces) > 5 and max(counts) <= 100
    assert min(counts) > 50  # balanced: no tiny tail piece
    assert " ".join(c.text.replace("\n", " ") for c in pieces) == " ".join(sentences)
    assert len({c.id for c in pieces}) == len(pieces)


def test_one_endless_word_is_cut_too(embedder):
    a = parse_article(f'---\ntitle: "T"\nslug: "t"\n---\n## A\n\n{"x" * 20000}\n'.encode(), "t.md", SITE)
    chunks = chunker_for(embedder).chunks(a)
    assert max(embedder.count_tokens([c.embed_text for c in chunks])) <= embedder.limit


def test_no_chunk_of_the_corpus_exceeds_the_model_limit(corpus_dir, embedder):
    chunker = chunker_for(embedder)
    chunks = [c for f in load_corpus([corpus_dir], SITE).articles for c in chunker.chunks(f.parse())]
    counts = embedder.count_tokens([c.embed_text for c in chunks])
    assert max(counts) <= embedder.limit == 254
    assert len({c.id for c in chunks}) == len(chunks)
    assert sum(c.kind == "faq" for c in chunks) > 3000
