"""A post's outline read back from its chunks, and the replies that use it: a section that opens a part of the post
is answered with what its subsections are."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.compose import terms
from assistant.outline import main_sections, named_subsections, section_chunks, subsections
from ingest.store import StoredChunk
from tests.conftest import ARTICLES, GARDEN_TOOLS, ingested


def chunk(path: tuple[str, ...], position: int, kind: str = "passage") -> StoredChunk:
    return StoredChunk(id=f"a-post#{position}/{kind}/0@abc", kind=kind, slug="a-post", title="A Post",
                       section=path[-1], anchor=str(position), url="", text="Some text.", question="",
                       source="a-post.md", path=path, position=position)


OUTLINE = [  # as stored, in no particular order; "Challenges" has no text of its own, so no chunk
    chunk(("Challenges", "Cost"), 4),
    chunk(("Introduction",), 0),
    chunk(("Features",), 1),
    chunk(("Features", "Display"), 2),
    chunk(("Features", "Battery"), 3),
    chunk(("Challenges", "Weight"), 5),
    chunk(("FAQs", "Is it worth it?"), 7, kind="faq"),
    chunk(("Conclusion",), 6),
]


def test_the_sections_under_a_section_come_in_the_articles_order():
    assert subsections(OUTLINE, ("Features",)) == ["Display", "Battery"]
    assert subsections(OUTLINE, ("Challenges",)) == ["Cost", "Weight"]  # a heading with no text still has them
    assert subsections(OUTLINE, ("Conclusion",)) == []
    assert subsections(OUTLINE, ()) == []  # a store from before paths were kept


def test_a_posts_main_sections_leave_out_its_faq():
    assert main_sections(OUTLINE) == ["Introduction", "Features", "Challenges", "Conclusion"]


def test_a_sections_chunks_take_in_the_sections_under_it():
    assert [c.position for c in section_chunks(OUTLINE, "1", ("Features",))] == [1, 2, 3]
    assert [c.position for c in section_chunks(OUTLINE, "2", ("Features", "Display"))] == [2]
    assert [c.position for c in section_chunks(OUTLINE, "1", ())] == [1]  # a store from before paths were kept


def test_a_question_names_the_subsections_a_word_of_its_own_names():
    fire = ["Lean FIRE", "Fat FIRE", "Barista FIRE & Coast FIRE"]
    assert named_subsections(terms("lean fire vs fat fire?"), fire, terms) == ["Lean FIRE", "Fat FIRE"]
    assert named_subsections(terms("what flavours of fire are there?"), fire, terms) == []  # "fire" names them all


HEADSET = """\
    ---
    title: "Vision Headset Review"
    slug: "vision-headset-review"
    ---

    # Vision Headset Review

    The Vision headset puts apps around you in your own room.

    ## Display and Sound

    Each eye gets a 4K panel, and speakers sit by your ears.

    ### Spatial Audio

    The speakers place each sound where its window is.

    ## Challenges Ahead

    Despite its brilliance, the headset faces significant hurdles before it wins over buyers.

    ### Cost and Accessibility

    At $3,499 it costs more than most laptops.

    ### Weight and Comfort

    At over 600 grams it tires the neck within an hour.

    ## Conclusion

    The Vision headset is a first step, not yet a device for everyone.
    """


@pytest.fixture(scope="module")
def headset(tmp_path_factory, embedder) -> Assistant:
    return ingested(tmp_path_factory.mktemp("headset"), {"headset.md": HEADSET}, embedder)


def test_a_section_that_opens_a_part_of_the_post_is_answered_with_its_subsections(headset):
    answer = headset.ask("what hurdles does the vision headset face?")
    assert [c.url.rpartition("#")[2] for c in answer.citations] == ["challenges-ahead"]  # it alone is quoted
    assert answer.answer == ("Despite its brilliance, the headset faces significant hurdles before it wins over "
                             "buyers. [1]\n- Cost and Accessibility\n- Weight and Comfort")


def test_a_single_subsection_is_no_list(headset):
    answer = headset.ask("what kind of display panels does the vision headset have?")
    assert answer.citations[0].url.endswith("#display-and-sound")
    assert "\n- " not in answer.answer


def test_a_summary_lists_the_posts_main_sections_between_its_opening_and_conclusion(headset):
    answer = headset.ask("Summarize this post", page="vision-headset-review")
    opening, covers, *rest = answer.answer.split("\n", 2)
    assert opening.startswith("The Vision headset puts apps around you") and covers == "The post covers:"
    assert rest[0].startswith("- Display and Sound\n- Challenges Ahead\n")
    assert answer.answer.endswith("The Vision headset is a first step, not yet a device for everyone. [2]")


def test_a_subsection_the_question_names_is_quoted_in_place_of_the_list(tmp_path, embedder):
    assistant = ingested(tmp_path, {**ARTICLES, "garden.md": GARDEN_TOOLS, "headset.md": HEADSET}, embedder)
    answer = assistant.ask("what hurdles does the vision headset face on accessibility?")
    assert [c.url.rpartition("#")[2] for c in answer.citations] == ["challenges-ahead", "cost-and-accessibility"]
    assert answer.answer.endswith("Cost and Accessibility: At $3,499 it costs more than most laptops. [2]")
    assert "\n- " not in answer.answer  # the heading list gives way to what the named subsection says
