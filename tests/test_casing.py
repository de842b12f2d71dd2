"""The blog's own capitals for what readers type in lower case."""

from __future__ import annotations

from assistant.casing import Casing

BLOG = [
    "The Oura Ring tracks your sleep. Oura sells it with 16GB of storage, no RAM to speak of.",
    "Pair the ring with an iPhone app.\n- Smart rings last a week. A smart ring is light.",
]


def test_a_word_the_blog_mostly_capitalises_is_written_as_the_blog_writes_it():
    casing = Casing.from_texts(BLOG)
    assert casing.apply("does the oura ring work with an iphone?") == "does the Oura ring work with an iPhone?"
    assert casing.apply("how much ram and 16gb") == "how much RAM and 16GB"


def test_a_word_capitalised_only_where_sentences_or_items_open_stays_as_typed():
    assert Casing.from_texts(BLOG).apply("pair smart rings") == "pair smart rings"  # "Pair", "Smart" open


def test_the_reader_is_i_but_not_in_a_name():
    assert Casing.from_texts(BLOG).apply("can i wear it? i'm asking on the i-95") == "can I wear it? I'm asking on the i-95"


def test_what_the_reader_capitalised_is_kept():
    assert Casing.from_texts(BLOG).apply("Is OURA waterproof?") == "Is OURA waterproof?"


def test_one_words_form_is_read_as_from_all_of_them():
    for word in ("oura", "ring", "ram", "iphone", "pair", "smart", "sleep"):
        assert Casing.form_in(word, BLOG) == Casing.from_texts(BLOG).forms.get(word, word)
    assert Casing.form_in("oura", ["Rings like the Oura help.", "See the oura's app."]) == "Oura"  # "oura's" is another
