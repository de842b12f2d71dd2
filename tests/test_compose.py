"""Choosing the sentences of a reply: pure functions over stored chunks."""

from __future__ import annotations

from assistant.compose import best_sentences, passage_units
from ingest.store import StoredChunk


def passage(text: str, slug: str = "tomato-growing-guide") -> StoredChunk:
    return StoredChunk(id=f"{slug}#care/passage/0@abc", kind="passage", slug=slug, title="Growing Tomatoes",
                       section="Care", anchor="care", url=f"https://hyperdaily.one/blog/{slug}/#care", text=text,
                       question="", source=f"{slug}.md")


CARE = """Tomatoes need steady care through the summer:
- Watering: Water the plants deeply twice a week, at the base rather than on the leaves.
- Feeding: Give them a potash-rich feed every fortnight once the first fruits set.
- Support: Tie the main stem to a stake as it grows. (Soft twine will not cut it.)
Task | How often
Watering the tomato plants deeply | twice a week"""  # table rows as ingest stores them


def test_each_list_item_is_a_sentence_of_its_own():
    units = passage_units(CARE)
    assert "Watering: Water the plants deeply twice a week, at the base rather than on the leaves." in units
    assert "Support: Tie the main stem to a stake as it grows. (Soft twine will not cut it.)" in units
    assert not any(unit.startswith(("-", "(")) or "|" in unit for unit in units)


def test_a_question_about_one_item_is_answered_with_that_item():
    picked = best_sentences("how often should I be watering my tomato plants?", [passage(CARE)])
    sentences = [sentence for sentence, _ in picked]
    assert "Watering: Water the plants deeply twice a week, at the base rather than on the leaves." in sentences
    assert not any("potash" in sentence or "stake" in sentence for sentence in sentences)


def test_the_best_section_is_always_quoted_even_when_another_repeats_the_question():
    ring = passage("No. Samsung charges no monthly fee: every feature comes with the ring.", "galaxy-ring-guide")
    rabbit = passage("No subscription is needed: the price includes its AI answers.", "rabbit-r1-review")
    assert [i for _, i in best_sentences("do I need a subscription?", [ring, rabbit])] == [1]
    picked = best_sentences("do I need a subscription?", [ring, rabbit], lead=1)
    assert picked[0] == ("Samsung charges no monthly fee: every feature comes with the ring.", 0)
