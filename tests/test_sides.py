"""Questions about one side of a subject: the downsides are never answered with the benefits."""

from __future__ import annotations

import pytest

from assistant.assistant import NOT_COVERED, prefer_side, side_asked_about, speaks_of_side
from assistant.retrieval import Candidate
from ingest.store import StoredChunk
from tests.conftest import ingested

EBIKE = """\
    ---
    title: "Electric Bikes: A Commuter's Guide"
    slug: "electric-bikes-guide"
    ---

    # Electric Bikes: A Commuter's Guide

    An electric bike adds a motor to your pedalling, so hills and headwinds stop mattering.
    Not everything about them is perfect, and some riders regret buying one.

    ## Range and Battery

    Most e-bikes go 60 to 100 km on one charge, and the battery comes off to charge indoors.

    ## Living With One

    The drawbacks are the weight, often over 25 kg, and a price that starts near 1,500 euros.

    ## Our Verdict

    For a daily ride under 15 km, an e-bike beats the car and the bus for most people.
    """
DRAWBACKS = "The drawbacks are the weight, often over 25 kg, and a price that starts near 1,500 euros."
ABOUT_EBIKES = ["what is an electric bike?"]


@pytest.mark.parametrize("question", ["and the downsides?", "any downsides?", "what are the cons?", "what's the catch?"])
def test_a_follow_up_asking_for_one_side_is_answered_by_the_section_that_speaks_of_it(tmp_path, embedder, question):
    # The opening is closer to "downsides" ("not everything is perfect") but names none; its heading names no side.
    answer = ingested(tmp_path, {"ebike.md": EBIKE}, embedder).ask(question, history=ABOUT_EBIKES)
    assert answer.citations[0].url.endswith("#living-with-one")
    assert "25 kg" in answer.answer


SEARCH_PROS_AND_CONS = """\
    ---
    title: "AI Search Summaries for Publishers"
    slug: "ai-search-summaries"
    ---

    # AI Search Summaries for Publishers

    Search engines now answer with a summary above the links.

    ## Pros and Cons

    The pros are faster answers for readers; the cons are fewer clicks and less traffic for publishers.
    """


@pytest.mark.parametrize("question", ["and the downsides?", "any downsides?", "what are the cons?"])
def test_a_follow_up_asking_for_a_side_the_post_never_speaks_of_is_not_covered(tmp_path, embedder, question):
    blog = {"ebike.md": EBIKE.replace(DRAWBACKS, "Most riders charge it twice a week and lock it inside."),
            "search.md": SEARCH_PROS_AND_CONS}
    assistant = ingested(tmp_path, blog, embedder)
    for answer in (assistant.ask(question, history=ABOUT_EBIKES), assistant.ask(question, page="electric-bikes-guide")):
        assert not answer.answered  # another post's pros and cons are not the e-bike's
        assert answer.answer == NOT_COVERED
        assert [s.slug for s in answer.suggestions] == ["electric-bikes-guide"]
        assert answer.search_text == f"{question} (Electric Bikes: A Commuter's Guide)"  # what editors will see


BENEFITS_FAQ = """
    ## FAQs

    ### Q1. What are the benefits of an electric bike?

    You arrive without sweating, climb hills with ease and spend far less than on a car.
    """


@pytest.mark.parametrize("question", ["what are the drawbacks of electric bikes?",
                                      "what are the downsides of an electric bike?"])
def test_a_question_about_the_downsides_is_answered_by_the_section_on_them_not_the_benefits_faq(
        tmp_path, embedder, question):
    assistant = ingested(tmp_path, {"ebike.md": EBIKE + BENEFITS_FAQ}, embedder)
    assert assistant.retriever.search(question)[0].section == "What are the benefits of an electric bike?"
    answer = assistant.ask(question)
    assert answer.citations[0].url.endswith("#living-with-one")
    assert "25 kg" in answer.answer


def test_a_question_about_the_benefits_still_gets_the_benefits_faq(tmp_path, embedder):
    answer = ingested(tmp_path, {"ebike.md": EBIKE + BENEFITS_FAQ}, embedder).ask("benefits of an e-bike?")
    assert answer.citations[0].url.endswith("#q1-what-are-the-benefits-of-an-electric-bike")


@pytest.mark.parametrize(("text", "side"), [
    ("what are the drawbacks of smart rings?", "bad"),
    ("e-bike cons", "bad"),
    ("What is the main benefit of a smart ring?", "good"),
    ("advantages of small language models", "good"),
    ("Pros and Cons", ""),  # both
    ("AI for Risk Assessment", ""),  # a side word in passing, not what it is about
    ("does it reduce the risk of mistakes?", ""),
    ("can kids benefit from AI tutors?", ""),
])
def test_the_side_a_question_or_heading_is_about(text, side):
    assert side_asked_about(text) == side


def test_a_question_about_a_side_the_blog_never_speaks_of_is_not_covered_and_points_to_the_post(tmp_path, embedder):
    blog = {"ebike.md": EBIKE.replace(DRAWBACKS, "Most riders charge it twice a week and lock it inside.")
            + BENEFITS_FAQ}
    assistant = ingested(tmp_path, blog, embedder)
    answer = assistant.ask("what are the drawbacks of electric bikes?")
    assert not answer.answered  # not with the benefits, nor with a section that never speaks of drawbacks
    assert answer.answer == NOT_COVERED
    assert [s.slug for s in answer.suggestions] == ["electric-bikes-guide"]
    assert assistant.ask("what are the benefits of electric bikes?").answered


def section(heading: str, text: str = "", score: float = 1.0, slug: str = "a-post") -> Candidate:
    chunk = StoredChunk(id=f"{slug}#a-section/passage/0@abc", kind="passage", slug=slug, title="A Post",
                        section=heading, anchor="a-section", url="", text=text, question="", source=f"{slug}.md")
    return Candidate(slug=slug, title="A Post", section=heading, anchor=heading.lower(), url="", score=score,
                     dense=0.5, faq=0.0, lexical=1.0, bm25=5.0, sentence=0.5, heading=0.5, chunks=(chunk,))


@pytest.mark.parametrize(("candidate", "side", "speaks"), [
    (section("What is the main disadvantage of cloud gaming?"), "bad", True),
    (section("Smart Ring vs. Smartwatch"), "good", True),  # a comparison weighs both sides
    (section("Butterflies App Review: The Good, The Bad, and The Revolutionary"), "bad", True),
    (section("Electric Car Pros and Cons: A Balanced View"), "bad", True),
    (section("Living With One", "The drawbacks are the weight and the price."), "bad", True),
    (section("Living With One", "The most common complaints are about its battery."), "bad", True),
    (section("The Capsule Wardrobe Concept", "A few pieces you love, worn in many ways."), "bad", False),
    (section("What are the benefits of an electric bike?", "No sweat, no traffic."), "bad", False),
])
def test_whether_a_section_speaks_of_the_side_asked(candidate, side, speaks):
    assert speaks_of_side(candidate, side) is speaks


def test_a_section_on_the_side_asked_comes_first_only_from_the_best_matchs_post():
    best = section("What Are Small Language Models?", score=1.47)
    advantages = section("Unpacking the Advantages", score=1.25)
    elsewhere = section("The Advantages of Edge AI", score=1.40, slug="another-post")
    ranked = prefer_side([best, elsewhere, advantages], "advantages of small language models", answers=lambda c: False)
    assert ranked == [advantages, best, elsewhere]


def test_a_section_whose_heading_names_the_side_asked_comes_first_from_further_down():
    best = section("Buying an Electric Car: What to Consider", score=1.70)
    comparison = section("Electric Car vs. Gasoline Car", score=1.49)
    cons = section("Cons:", score=1.36)  # the post's list of them, which the model reads less like the question
    ranked = prefer_side([best, comparison, cons], "what are the cons of electric cars", answers=lambda c: True)
    assert ranked[0] is cons


EV_OWNERSHIP = """\
    ---
    title: "Electric Cars: A Complete Guide"
    slug: "electric-cars-guide"
    ---

    # Electric Cars: A Complete Guide

    ## Buying an Electric Car: What to Consider

    - Budget: Compare the price after incentives with a petrol car's.
    - Pros and Cons: Weigh the electric car pros and cons carefully before you buy.

    ## Electric Car Pros and Cons: A Balanced View

    Like any big purchase, an electric car has advantages and disadvantages.

    ### Pros:

    - Lower Running Costs: Electricity costs less than petrol, and there is no oil to change.

    ### Cons:

    - Higher Upfront Cost: An electric car often costs more to buy than a comparable petrol car.
    """


@pytest.mark.parametrize("page", [None, "electric-cars-guide"])
def test_a_question_on_both_sides_is_answered_by_the_section_that_weighs_them(tmp_path, embedder, page):
    """Not by the buying checklist whose item says to weigh the pros and cons: by the pros and the cons themselves."""
    assistant = ingested(tmp_path, {"ev.md": EV_OWNERSHIP}, embedder)
    answer = assistant.ask("what are the pros and cons of electric cars?" if page is None else "pros and cons?", page=page)
    assert answer.citations[0].url.endswith("#electric-car-pros-and-cons-a-balanced-view")
    assert "Pros: Lower Running Costs" in answer.answer and "Cons: Higher Upfront Cost" in answer.answer


IMPACT = """\
    ---
    title: "Impact Investing: Grow Your Money and Make a Difference"
    slug: "impact-investing-guide"
    ---

    # Impact Investing: Grow Your Money and Make a Difference

    Impact investing puts your savings into companies that do measurable good.

    ## ESG Investing

    ESG funds score companies on environment, society and governance. Strong ESG performance can go with reduced
    risk and better returns.

    ## Navigating the Landscape: Risks and Challenges

    Impact investing is not without its pitfalls.

    ### Greenwashing

    Some funds claim more good than they do, so read their impact reports.

    ### Liquidity

    Private impact funds can lock your money away for years.
    """


def test_a_side_asked_on_a_page_gets_what_each_subsection_on_it_says(tmp_path, embedder):
    """"Whats the downside?" on the post: its section on risks, with what its two subsections say, not only their
    headings."""
    assistant = ingested(tmp_path, {"impact.md": IMPACT}, embedder)
    answer = assistant.ask("whats the downside?", page="impact-investing-guide")
    assert [c.section for c in answer.citations] == [
        "Navigating the Landscape: Risks and Challenges", "Greenwashing", "Liquidity"]
    assert "Liquidity: Private impact funds can lock your money away for years. [3]" in answer.answer
