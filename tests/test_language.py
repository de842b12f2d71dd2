"""Questions in another language than English are told so, not searched; English ones with foreign words are not."""

from __future__ import annotations

import json
from collections import Counter

import frontmatter
import pytest

from assistant.assistant import NOT_ENGLISH_REPLY, Assistant
from assistant.language import not_english
from assistant.spelling import Speller, english_words
from tests.conftest import ARTICLES, ROOT, ingested

# How often a small blog on solar panels and AI uses its words: names and the blog's own words are no language.
BLOG = Counter({"ai": 40, "solar": 30, "panels": 30, "galaxy": 12, "ring": 12, "de": 11})


def blog_uses(word: str) -> int:
    return BLOG[word]


@pytest.mark.parametrize("question", [
    "¿qué es la inteligencia artificial?",
    "cuanto cuesta el galaxy ring",  # no accents, no question mark
    "Qu'est-ce que l'IA ?",
    "Combien coûte le Galaxy Ring ?",
    "Wie funktioniert der Galaxy Ring?",
    "Cos'è l'intelligenza artificiale?",
    "O que é inteligência artificial?",
    "Что такое искусственный интеллект?",
    "сколько стоит apple vision pro",  # the blog's names in Latin letters, the rest in Cyrillic
    "人工智能是什么？",
])
def test_a_question_in_another_language_is_not_english(question):
    assert not_english(question, blog_uses, english_words())


@pytest.mark.parametrize("question", [
    "what is el niño?",
    "is the tour de france on apple tv?",
    "how do I make pico de gallo?",
    "does the galaxy ring work in são paulo?",
    "what does carpe diem mean?",
    "is AI a threat to jobs?",  # "ai" is French for "have"; the blog's word here
    "ok",
    "garmin fenix 7 vs coros vertix 2",  # names and models the blog never uses
    "lg oled c3 vs sony bravia a80l",
    "im lookin 4 a gud vpn",
    "what does 你好 mean?",
])
def test_an_english_question_with_foreign_words_is_english(question):
    assert not not_english(question, blog_uses, english_words())


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return ingested(tmp_path_factory.mktemp("blog"), ARTICLES, embedder)


def test_the_assistant_asks_for_the_question_in_english(assistant):
    answer = assistant.ask("¿Cuánto cuestan los paneles solares?")
    assert not answer.answered and answer.notice == "not english" and answer.answer == NOT_ENGLISH_REPLY
    assert answer.suggestions == ()  # no "closest posts": the blog may well cover it
    assert assistant.ask("how much do solar panels cost in São Paulo?").notice != "not english"


@pytest.mark.corpus
def test_no_question_of_the_evaluation_sets_nor_heading_of_the_blog_is_read_as_another_language(corpus_dir):
    texts, headings = [], []
    for path in sorted(corpus_dir.glob("*.md")):
        body = frontmatter.loads(path.read_text(encoding="utf-8", errors="replace")).content
        texts.append(body)
        headings += [line.lstrip("#").strip() for line in body.splitlines() if line.startswith("#")]
    speller = Speller.from_texts(texts)
    questions = [json.loads(line)["question"] for path in sorted((ROOT / "bench").glob("*.jsonl"))
                 for line in path.read_text(encoding="utf-8").splitlines() if '"question"' in line]
    assert len(questions) > 700 and len(headings) > 10_000
    read_as_foreign = [q for q in questions + headings
                       if not_english(q, lambda w: speller.uses.get(w, 0), speller.english)]
    assert read_as_foreign == []
