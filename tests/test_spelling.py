"""Readers' typos read as the blog's own words; English words and names the blog never uses left as typed."""

from __future__ import annotations

from collections import Counter

from assistant.spelling import Speller

BLOG = ["The Rabbit R1 costs $199 and the Rabbit app is free.", "Solar panels last 25 to 30 years.",
        "Most solar panels come with a warranty; panels rarely fail.", "Don't clean panels with a pressure washer."]


def speller() -> Speller:
    return Speller.from_texts(BLOG, min_uses=2)


def test_a_word_one_letter_off_a_blog_word_is_read_as_it():
    assert speller().correct("how much is the rabit r1?") == "how much is the rabbit r1?"
    assert speller().correct("do solar pannels last?") == "do solar panels last?"


def test_a_capital_is_kept():
    assert speller().correct("Rabit R1 price") == "Rabbit R1 price"


def test_english_words_the_blog_never_uses_are_left_as_typed():
    assert speller().correct("how many grams do panels weigh?") == "how many grams do panels weigh?"


def test_a_missing_apostrophe_is_put_back_before_a_letter_is_dropped():
    spell = Speller(Counter({"what": 90, "what's": 3}), min_uses=2, english={})
    assert spell.correct("whats new?") == "what's new?"  # not "what new?", though "what" is far more used


def test_a_contraction_typed_without_its_apostrophe_is_read_as_one_though_english_has_the_word():
    spell = Speller.from_texts(BLOG, min_uses=2)  # pyspellchecker's list has "whats", "cant" and "im"
    assert spell.correct("Whats the catch? i cant tell, im new") == "What's the catch? i can't tell, i'm new"
    assert spell.correct("its price were well known") == "its price were well known"


def test_names_and_short_words_are_left_as_typed():
    spell = speller()
    assert spell.correct("is the wysa app free?") == "is the wysa app free?"  # one edit from nothing the blog uses
    assert spell.correct("what about the apo?") == "what about the apo?"  # too short to tell from "app"


def test_the_first_letter_is_taken_as_typed():
    assert speller().correct("oanels") == "oanels"  # not "panels"
