"""Requests for posts ("do you have any posts about solar power?", "what else should I read?"): real model, real
store, a tiny blog of two posts on solar power and one on sourdough."""

from __future__ import annotations

import pytest

from assistant.assistant import NEWEST_STARTER, NO_OTHER_POST, NOT_COVERED, UNSIGNED_REPLY, Assistant
from assistant.listing import (
    PostsRequest,
    asks_reading_time,
    asks_what_blog_covers,
    asks_when_published,
    asks_who_wrote,
    posts_asked,
)
from tests.conftest import ARTICLES, ingested
from tests.test_assistant import SOLAR_ROOF


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return ingested(tmp_path_factory.mktemp("blog"), {**ARTICLES, "solar-roof.md": SOLAR_ROOF}, embedder)


def test_a_request_for_posts_on_a_subject_lists_them_each_cited_at_its_section(assistant):
    answer = assistant.ask("Do you have any articles about solar power?")
    assert answer.answered
    assert {c.slug for c in answer.citations} == {"home-solar-panels-guide", "solar-roof-tiles"}
    for n, citation in enumerate(answer.citations, 1):
        assert f"- {citation.title} [{n}]" in answer.answer
        assert citation.url.startswith(f"https://hyperdaily.one/blog/{citation.slug}/#")


def test_a_request_for_posts_on_a_subject_the_blog_lacks_is_not_covered(assistant):
    answer = assistant.ask("any posts on knitting?")
    assert not answer.answered and answer.answer == NOT_COVERED
    assert answer.suggestions and not answer.citations


def test_other_posts_on_a_subject_leave_out_the_one_being_read(assistant):
    answer = assistant.ask("any other posts about solar panels?", page="home-solar-panels-guide")
    assert answer.answered
    assert [c.slug for c in answer.citations] == ["solar-roof-tiles"]


def test_other_posts_on_a_subject_only_the_one_being_read_covers_are_none(assistant):
    answer = assistant.ask("do you have other articles on sourdough?", page="sourdough-bread-beginners")
    assert not answer.answered and answer.answer == NO_OTHER_POST
    assert "sourdough-bread-beginners" not in {s.slug for s in answer.suggestions}


def test_what_else_to_read_on_a_post_lists_the_posts_closest_to_it(assistant):
    answer = assistant.ask("what else should I read?", page="solar-roof-tiles")
    assert answer.answered
    assert answer.citations[0].slug == "home-solar-panels-guide"
    assert "solar-roof-tiles" not in {c.slug for c in answer.citations}


def test_what_else_to_read_in_a_conversation_follows_the_post_it_is_about(assistant):
    answer = assistant.ask("what else should I read?", history=["do solar panels work when it's cloudy?"])
    assert answer.answered
    assert [c.slug for c in answer.citations] == ["solar-roof-tiles"]
    assert answer.citations[0].url == "https://hyperdaily.one/blog/solar-roof-tiles/"


def test_what_else_to_read_on_a_post_unlike_any_other_is_no_other_post(assistant):
    answer = assistant.ask("any similar posts?", page="sourdough-bread-beginners")
    assert not answer.answered and answer.answer == NO_OTHER_POST and not answer.citations


def test_what_else_to_read_with_nothing_to_go_by_asks_for_a_topic(assistant):
    answer = assistant.ask("what else should I read?")
    assert not answer.answered and answer.notice == "no subject"
    assert "which topic" in answer.answer.lower() and not answer.suggestions


@pytest.mark.parametrize(("question", "topic"), [
    ("do you have any articles about smart rings?", "smart rings"),
    ("Are there any guides on how to start the Elden Ring DLC?", "how to start the Elden Ring DLC"),
    ("which posts talk about GPT-4o?", "GPT-4o"),
    ("can you recommend an article on sleep tracking please?", "sleep tracking"),
    ("have you written anything about the Vision Pro?", "the Vision Pro"),
    ("where can I read more about FIRE?", "FIRE"),
    ("hey, any blog posts on solar panels on your blog?", "solar panels"),
    ("Please list every post you have about backpacking Europe.", "backpacking Europe"),
    ("Are there any guides on the blog about home espresso?", "home espresso"),
    ("I'd love to read what you've published on intermittent fasting, could you list it?", "intermittent fasting"),
    ("Do you cover houseplants at all? if so link me the posts", "houseplants"),
    ("posts on index funds pls", "index funds"),
    ("AR glasses posts?", "AR glasses"),
    ("Hi there, where can I find your write-ups on electric bikes? Thanks!", "electric bikes"),
])
def test_a_request_for_posts_names_its_subject(question, topic):
    assert posts_asked(question) == PostsRequest(topic, others=False)


@pytest.mark.parametrize("question", ["what else should I read?", "any similar posts?", "more articles like this",
                                      "do you have other posts on this topic?", "anything else like this?",
                                      "Enjoyed this! Do you have more posts on this subject?", "further reading?",
                                      "got anything else along these lines?", "more like this pls",
                                      "loved this, where can i find more like it",
                                      "What would you recommend reading next?"])
def test_a_request_for_related_posts_names_none(question):
    assert posts_asked(question) == PostsRequest("", others=True)


@pytest.mark.parametrize("question", [
    "summarize this post", "what is this post about?", "what does the article say about battery life?",
    "is there any evidence about AI detecting cancer?", "which blog platform is best for beginners?",
    "what do reviews say about the Vision Pro?", "are there any risks of AI tutors?",
    "Comparison: AI Trading Bot vs. Human Trader", "other guides say the Galaxy Ring is waterproof, is it?",
    "what's new in iOS 18?", "are there similar devices to the Rabbit R1?", "AI Meditation and Mindfulness Guides",
])
def test_a_question_about_content_is_no_request_for_posts(question):
    assert posts_asked(question) is None


@pytest.mark.parametrize("question", ["what's new on the blog?", "any new articles this week",
                                      "whats the newest article", "what did you guys post lately",
                                      "Can I see your latest blog entries?"])
def test_a_request_for_the_latest_posts_names_no_subject(question):
    assert posts_asked(question) == PostsRequest("", others=False, newest=True)


def test_a_request_for_posts_is_searched_as_a_question():
    assert PostsRequest("FIRE", others=False).search_text == "what is FIRE?"
    assert PostsRequest("how to start the DLC", others=False).search_text == "how to start the DLC"


def test_what_is_new_lists_the_latest_posts_newest_first_with_their_dates(assistant):
    answer = assistant.ask("what's new on the blog?")
    assert answer.answered
    assert [c.slug for c in answer.citations] == ["home-solar-panels-guide", "sourdough-bread-beginners",
                                                  "solar-roof-tiles"]  # the last has no date
    assert "- Home Solar Panels: A Buyer's Guide (March 2, 2025) [1]" in answer.answer
    assert all(c.kind == "post" and "#" not in c.url for c in answer.citations)


def test_the_latest_posts_on_a_subject_come_newest_first(assistant):
    answer = assistant.ask("what are the latest posts about solar panels?")
    assert [c.slug for c in answer.citations] == ["home-solar-panels-guide", "solar-roof-tiles"]


def test_when_a_post_was_published_is_read_from_its_date(assistant):
    answer = assistant.ask("when was this article published?", page="home-solar-panels-guide")
    assert answer.answered and answer.answer == "This post was published on March 2, 2025. [1]"
    assert answer.citations[0].url == "https://hyperdaily.one/blog/home-solar-panels-guide/"
    after = assistant.ask("is this post up to date?", history=["why is my sourdough so dense?"])
    assert after.answer == "Sourdough Bread for Beginners was published on January 10, 2025. [1]"


def test_when_a_post_without_a_date_was_published_is_not_made_up(assistant):
    answer = assistant.ask("when was this written?", page="solar-roof-tiles")
    assert not answer.answered and "does not say" in answer.answer


def test_when_it_was_published_with_no_post_to_go_by_asks_which(assistant):
    answer = assistant.ask("when was this post published?")
    assert not answer.answered and answer.notice == "no subject"


@pytest.mark.parametrize("question", ["when was it released?", "what's the date?", "what's new in iOS 18?",
                                      "when is the Galaxy Ring release date?"])
def test_a_date_asked_of_a_subject_is_no_question_about_the_post(question):
    assert not asks_when_published(question)
    assert posts_asked(question) is None


def test_who_wrote_a_post_is_read_from_its_author(assistant):
    answer = assistant.ask("who wrote this article?", page="home-solar-panels-guide")
    assert answer.answered and answer.answer == "This post is by Dana Reyes, published on March 2, 2025. [1]"
    assert answer.citations[0].url == "https://hyperdaily.one/blog/home-solar-panels-guide/"
    after = assistant.ask("who is this post by?", history=["why is my sourdough so dense?"])
    assert after.answer == "Sourdough Bread for Beginners is by Sam Ortiz, published on January 10, 2025. [1]"


def test_who_wrote_a_post_that_names_no_author_is_not_made_up(assistant):
    answer = assistant.ask("who wrote this?", page="solar-roof-tiles")
    assert not answer.answered and answer.answer == UNSIGNED_REPLY
    assert [s.slug for s in answer.suggestions] == ["solar-roof-tiles"]


def test_who_writes_the_blog_names_its_authors(assistant):
    for question, page in [("who writes this blog?", "solar-roof-tiles"), ("who wrote this post?", None)]:
        answer = assistant.ask(question, page=page)
        assert answer.answered and not answer.citations
        assert answer.answer == "The blog's posts are by Dana Reyes (1 post) and Sam Ortiz (1 post)."


def test_who_the_author_is_after_a_subject_no_post_covers_asks_about_that_subject(assistant):
    """After "what is Atomic Habits about?", "who is the author?" asks who wrote the book: not the blog's authors."""
    answer = assistant.ask("who is the author?", history=["what is the book Atomic Habits about?"])
    assert not answer.answered and answer.answer == NOT_COVERED
    blog = assistant.ask("who wrote this post?", history=["what is the book Atomic Habits about?"])
    assert blog.answer == "The blog's posts are by Dana Reyes (1 post) and Sam Ortiz (1 post)."
    after_hello = assistant.ask("who is the author?", history=["hi"])  # a greeting names no subject
    assert after_hello.answer == "The blog's posts are by Dana Reyes (1 post) and Sam Ortiz (1 post)."


@pytest.mark.parametrize(("question", "whose"), [
    ("whos the author", "post"), ("whose article is this", "post"), ("who penned this", "post"),
    ("who runs hyperdaily.one?", "blog"), ("is this blog written by one person or a team", "blog"),
    ("who made this blog", "blog"), ("who wrote this blog post?", "post"), ("what is the name of the author?", "post"),
])
def test_who_wrote_is_asked_in_many_ways(question, whose):
    assert asks_who_wrote(question) == whose


@pytest.mark.parametrize("question", ["who wrote it?", "who wrote Atomic Habits?", "who made this?",
                                      "who is the author of the FIRE movement?", "who runs OpenAI?",
                                      "what is your name?"])
def test_who_made_a_subject_is_no_question_about_the_post(question):
    assert asks_who_wrote(question) is None


def test_how_long_a_post_takes_to_read_is_counted_from_its_words(assistant):
    answer = assistant.ask("how long does it take to read this article?", page="home-solar-panels-guide")
    words = sum(len(f"{c.question} {c.text}".split())
                for c in assistant.retriever.lexical.post_chunks("home-solar-panels-guide"))
    assert answer.answered and answer.answer == f"This post takes about 1 minute to read ({words} words). [1]"
    assert answer.citations[0].url == "https://hyperdaily.one/blog/home-solar-panels-guide/"
    assert assistant.ask("what's the reading time?").notice == "no subject"


@pytest.mark.parametrize("question", ["how long is the galaxy ring battery life?", "how long does shipping take?",
                                      "how long is the free trial?", "how long is the post-workout window?"])
def test_how_long_something_takes_is_no_question_about_reading(question):
    assert not asks_reading_time(question)


def test_what_a_blog_of_a_few_posts_is_about_lists_them(assistant):
    answer = assistant.ask("what is this blog about?", page="solar-roof-tiles")
    assert answer.answered and answer.answer.startswith("The blog has 3 posts:\n")
    assert {c.slug for c in answer.citations} == {"home-solar-panels-guide", "sourdough-bread-beginners",
                                                 "solar-roof-tiles"}
    assert all(f"- {c.title} [{n}]" in answer.answer for n, c in enumerate(answer.citations, 1))


def test_what_a_larger_blog_is_about_names_its_largest_categories(tmp_path, embedder):
    def post(slug: str, category: str) -> str:
        return f"""\
            ---
            title: "{slug.title()}"
            slug: "{slug}"
            category: "{category}"
            author: "Kim Lee"
            ---

            # {slug.title()}

            ## Basics

            Everything a beginner should know about {slug}, in one place.
            """
    blog = {"solar.md": post("solar", "Energy"), "wind.md": post("wind", "energy"), "heat.md": post("heat", "Energy"),
            "bread.md": post("bread", "Food"), "misc.md": post("misc", "")}
    assistant = ingested(tmp_path, blog, embedder)
    answer = assistant.ask("What topics do you cover?")
    assert answer.answered and not answer.citations
    assert answer.answer.startswith("The blog has 5 posts; its largest categories are Energy (3 posts) and Food (1).")
    assert assistant.ask("who writes this blog?").answer == "The blog's posts are all by Kim Lee."


@pytest.mark.parametrize("question", ["what is this blog about?", "What topics do you cover?", "whats hyperdaily about",
                                      "what do you write about?", "what kind of content is on this site?",
                                      "what can I read here?", "give me an overview of the site",
                                      "what kinda things can i ask this bot"])
def test_what_the_blog_is_about_is_asked_in_many_ways(question):
    assert asks_what_blog_covers(question)


@pytest.mark.parametrize("question", ["what is this post about?", "what does this post cover?", "what is it about?",
                                      "what topics does the FIRE post cover?", "what can I learn about budgeting?",
                                      "what is the Galaxy Ring about?", "what does the blog say about sleep tracking?",
                                      "what's new on the blog?", "what is this blog post about?",
                                      "what can you tell me about this?", "what is a blog?"])
def test_what_a_post_or_subject_is_about_is_no_question_about_the_blog(question):
    assert not asks_what_blog_covers(question)


def test_the_chat_offers_whats_new_first_and_it_lists_posts(assistant):
    starters = assistant.starter_questions()
    assert starters[0] == NEWEST_STARTER and len(starters) == 4
    answer = assistant.ask(starters[0])
    assert answer.answered and all(c.kind == "post" for c in answer.citations)
