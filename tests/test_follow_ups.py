"""Follow-ups that name nothing: a conversation (or the reader's page) says what they are about."""

from __future__ import annotations

import pytest

from assistant.assistant import NOT_COVERED, Assistant, names_another_subject, title_subject
from assistant.compose import terms
from assistant.retrieval import Candidate
from ingest.pipeline import run_ingest
from ingest.settings import Settings
from tests.conftest import ARTICLES, ingested, write_blog

RING = """\
    ---
    title: "Galaxy Ring: Samsung's Health Tracker Guide"
    slug: "galaxy-ring-guide"
    ---

    # Galaxy Ring: Samsung's Health Tracker Guide

    Samsung's Galaxy Ring is a smart ring that tracks your sleep, heart rate and activity from your finger.
    It weighs under three grams. It went on sale in July 2024, a year after it was first shown.

    ## Battery Life and Charging

    The ring lasts up to seven days on one charge and refills in its case in about 80 minutes.

    ## Durability

    It is made of titanium and is water resistant to 10 ATM, so you can swim and shower with it on.

    ## Price and Sizes

    The Galaxy Ring costs $399 in the US and comes in nine sizes and three colours.

    ## Conclusion

    So, should you buy one right now? The Galaxy Ring is the most discreet way to track your health today.

    ## FAQs

    ### Q1. Will the Galaxy Ring require a subscription like Oura?

    No. Samsung charges no monthly fee: every health feature comes with the ring.

    ### Q2. Does the Galaxy Ring work with an iPhone?

    No, it only pairs with Android phones for now.
    """

RABBIT = """\
    ---
    title: "Rabbit R1 Review: A Reality Check"
    slug: "rabbit-r1-review"
    ---

    # Rabbit R1 Review: A Reality Check

    The Rabbit R1 is a pocket AI gadget with a scroll wheel and a rotating camera.

    ## Performance

    Reviewers found its answers slow and its large action model unreliable.

    ## FAQs

    ### Q1. Does the Rabbit R1 need a subscription?

    No subscription is needed: the $199 price includes its AI answers.
    """

SMART_RINGS = """\
    ---
    title: "Smart Rings Compared: Oura, Galaxy Ring and More"
    slug: "smart-rings-compared"
    ---

    # Smart Rings Compared: Oura, Galaxy Ring and More

    Smart rings put a health tracker on your finger instead of your wrist.

    ## Samsung's Entry

    Samsung's Galaxy Ring tracks your sleep and heart rate from your finger, much like the Oura Ring.

    ## Looks

    Both rings look like plain wedding bands and come in matte or glossy finishes.
    """

RING_URL = "https://hyperdaily.one/blog/galaxy-ring-guide/"
ABOUT_THE_RING = ["what is the galaxy ring?"]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return ingested(tmp_path_factory.mktemp("gadgets"), {"ring.md": RING, "rabbit.md": RABBIT, "rings.md": SMART_RINGS}, embedder)


def test_a_question_that_names_nothing_is_about_the_conversations_post(assistant):
    alone = assistant.ask("do I need a subscription?")
    assert alone.citations[0].slug == "rabbit-r1-review"  # its words match the Rabbit R1's FAQ best
    answer = assistant.ask("do I need a subscription?", history=ABOUT_THE_RING)
    assert answer.answered
    assert answer.citations[0].url == RING_URL + "#q1-will-the-galaxy-ring-require-a-subscription-like-oura"
    assert "no monthly fee" in answer.answer


def test_on_a_posts_page_a_question_that_names_nothing_is_about_that_post(assistant):
    answer = assistant.ask("do I need a subscription?", page="galaxy-ring-guide")
    assert answer.citations[0].url == RING_URL + "#q1-will-the-galaxy-ring-require-a-subscription-like-oura"


BAND = """\
    ---
    title: "The Pulse Band: A Fitness Tracker Review"
    slug: "pulse-band-review"
    ---

    # The Pulse Band: A Fitness Tracker Review

    The Pulse Band is a screenless fitness tracker that you wear on your wrist day and night.

    ## The Membership Question

    Pulse sells the band with a year of its coaching membership; after that, the subscription is optional and the
    band keeps tracking sleep and heart rate without it.
    """


def test_on_a_posts_page_it_is_that_post_though_another_posts_faq_matches_nearly_word_for_word(tmp_path, embedder):
    assistant = ingested(tmp_path, {"band.md": BAND, "rabbit.md": RABBIT}, embedder)
    question = "does it need a subscription?"
    # "Does the Rabbit R1 need a subscription?" matches it best of all
    assert assistant.read(question).candidates[0].slug == "rabbit-r1-review"
    answer = assistant.ask(question, page="pulse-band-review")
    assert answer.answered
    assert answer.citations[0].url == "https://hyperdaily.one/blog/pulse-band-review/#the-membership-question"


def test_a_follow_up_quotes_and_cites_only_the_conversations_post(assistant):
    answer = assistant.ask("do I need a subscription?", history=ABOUT_THE_RING)
    assert {c.slug for c in answer.citations} == {"galaxy-ring-guide"}
    assert "$199" not in answer.answer


def test_on_a_posts_page_a_follow_up_stays_where_the_question_before_it_was_answered(assistant):
    answer = assistant.ask("and the battery?", page="galaxy-ring-guide", history=["do I need a subscription?"])
    assert answer.answered
    assert answer.citations[0].url == RING_URL + "#battery-life-and-charging"


def test_a_follow_up_stays_where_a_question_that_named_nothing_was_answered(assistant):
    answer = assistant.ask("is it waterproof?", history=[*ABOUT_THE_RING, "do I need a subscription?"])
    assert answer.answered
    assert answer.citations[0].url == RING_URL + "#durability"


def test_a_question_that_names_another_post_leaves_the_conversation(assistant):
    answer = assistant.ask("does the rabbit r1 need a subscription?", history=ABOUT_THE_RING)
    assert answer.citations[0].slug == "rabbit-r1-review"


@pytest.mark.parametrize("question", ["is it waterproof?", "how much is it?", "and the battery?"])
def test_a_follow_up_that_leans_back_finds_its_section_of_the_post(assistant, question):
    answer = assistant.ask(question, history=ABOUT_THE_RING)
    assert answer.answered and answer.citations[0].slug == "galaxy-ring-guide"
    assert answer.citations[0].section != "Galaxy Ring: Samsung's Health Tracker Guide"


@pytest.mark.parametrize("question", ["how much does it cost?", "is it waterproof?", "how long does the battery last?"])
def test_a_whole_question_that_leans_back_with_and_is_read_as_the_question(assistant, question):
    plain = assistant.ask(question, history=ABOUT_THE_RING)
    leaning = assistant.ask(f"and {question}", history=ABOUT_THE_RING)
    assert leaning.answered and leaning.citations == plain.citations and leaning.answer == plain.answer


OVEN = """\
    ---
    title: "Smart Ovens: Is a Connected Kitchen Worth It?"
    slug: "smart-ovens"
    ---

    # Smart Ovens: Is a Connected Kitchen Worth It?

    ## Baking

    The oven's camera watches the crust and lowers the heat when a loaf of bread is done.
    """


@pytest.mark.parametrize("where", [{"history": ABOUT_THE_RING}, {"page": "galaxy-ring-guide"}])
def test_a_question_on_what_the_conversations_post_never_mentions_is_read_on_its_own(tmp_path, embedder, where):
    assistant = ingested(tmp_path, {"ring.md": RING, "rings.md": SMART_RINGS, "oven.md": OVEN}, embedder)
    answer = assistant.ask("how do I bake sourdough bread?", **where)
    assert not answer.answered
    assert answer.search_text == "how do I bake sourdough bread?"  # what editors see: not read with the ring's title
    assert answer.suggestions[0].slug == "smart-ovens"


def test_on_a_posts_page_one_points_back_to_its_subject(tmp_path, embedder):
    post = ('---\ntitle: "{t}"\nslug: "{s}"\n---\n\n# {t}\n\n{b}\n')
    blog = {
        "cgm.md": post.format(t="Continuous Glucose Monitors Explained", s="cgm-guide", b=(
            "A CGM is a small sensor on your arm that reads your glucose every few minutes.\n\n## FAQs\n\n"
            "### Q1. Can you buy a continuous glucose monitor over the counter?\n\n"
            "Not in the US: a CGM is a medical device that needs a doctor's prescription.")),
        "glasses.md": post.format(t="Smart Glasses Buying Guide", s="smart-glasses", b=(
            "## Lenses\n\nMost smart glasses can be fitted with prescription lenses for an extra fee.")),
    }
    assistant = ingested(tmp_path, blog, embedder)
    question = "can i get one without a prescription?"
    assert assistant.read(question).candidates[0].slug == "smart-glasses"  # its words match the glasses best
    answer = assistant.ask(question, page="cgm-guide")
    assert answer.answered and answer.citations[0].slug == "cgm-guide"


def test_on_a_post_that_gives_no_price_another_posts_price_is_no_answer(assistant):
    answer = assistant.ask("how much does it cost", page="smart-rings-compared")
    assert not answer.answered and not answer.citations  # the Rabbit R1's "$199" matches best
    assert "smart-rings-compared" not in [s.slug for s in answer.suggestions]  # the reader is on it
    assert "galaxy-ring-guide" in [s.slug for s in answer.suggestions]  # a post on the same subject


TRADING = """\
    ---
    title: "AI Algorithmic Trading: Can Machines Predict the Market?"
    slug: "ai-algorithmic-trading"
    ---

    # AI Algorithmic Trading: Can Machines Predict the Market?

    Algorithmic trading lets software buy and sell shares by rules, and AI lets those rules learn from data.

    ## Is AI Trading Profitable?

    AI trading can be profitable, but it is never guaranteed: it depends on the data, the strategy and the risk
    you take.

    ## Getting Started

    Learn market basics and statistics first, then practise with paper trading before you put any real money in.
    """

MICRO = """\
    ---
    title: "Micro-Investing for Students: Build Wealth With Spare Change"
    slug: "micro-investing-students"
    ---

    # Micro-Investing for Students: Build Wealth With Spare Change

    Micro-investing apps round up your purchases and invest the spare change in funds.

    ## FAQs

    ### Q6. How much money do I need to start with micro-investing?

    Most micro-investing apps let you start with as little as $5, and many have no minimum at all.
    """


def test_a_short_how_much_follow_up_is_about_the_conversation_not_another_posts_faq(tmp_path, embedder):
    """"How much money do I need to start?" names nothing but money: after AI trading, the micro-investing FAQ's
    "$5" is no answer ("much" is no subject of its own)."""
    assistant = ingested(tmp_path, {"trading.md": TRADING, "micro.md": MICRO}, embedder)
    question = "how much money do i need to start"
    assert assistant.ask(question).citations[0].slug == "micro-investing-students"
    answer = assistant.ask(question, history=["is ai trading profitable?"])
    assert "$5" not in answer.answer and all(c.slug == "ai-algorithmic-trading" for c in answer.citations)
    assert answer.answered or answer.suggestions[0].slug == "ai-algorithmic-trading"


@pytest.mark.parametrize(("title", "subject"), [
    ("Elden Ring: Shadow of the Erdtree - A Beginner's Guide", "Elden Ring"),
    ("What is GPT-4o? The Ultimate Guide to Real-Time AI", "GPT-4o"),  # its sister posts are GPT-4o's, not real time's
    ("The Galaxy Ring - Samsung's Health Tracker", "Galaxy Ring"),
])
def test_a_posts_subject_is_what_its_title_names_before_a_colon_question_mark_or_dash(title, subject):
    assert title_subject(title, frozenset()) == terms(subject)


@pytest.mark.parametrize("question",
                         ["and the weather tomorrow?", "and a good pasta recipe?", "who won the world cup?"])
def test_a_follow_up_the_post_says_nothing_about_is_not_covered(assistant, question):
    for answer in (assistant.ask(question, history=ABOUT_THE_RING), assistant.ask(question, page="galaxy-ring-guide")):
        assert not answer.answered and answer.answer == NOT_COVERED


def test_a_follow_up_naming_what_the_blog_never_mentions_is_not_covered(assistant):
    """"What about Garmin?" after the Galaxy Ring matches the ring's post well with its title, and names nothing in it."""
    assert assistant.ask("and the battery?", history=ABOUT_THE_RING).answered
    answer = assistant.ask("what about garmin?", history=ABOUT_THE_RING)
    assert not answer.answered and answer.answer == NOT_COVERED
    assert assistant.ask("and teh battery?", history=ABOUT_THE_RING).answered  # a typo is no name


CHATBOTS = {
    "claude.md": """\
        ---
        title: "Claude 3.5 Sonnet vs GPT-4o: Which Is Better?"
        slug: "claude-vs-gpt-4o"
        ---

        # Claude 3.5 Sonnet vs GPT-4o: Which Is Better?

        ## Coding

        Claude 3.5 Sonnet writes cleaner code and follows long instructions better than GPT-4o, and Pro subscribers
        get five times as many messages.

        ## API Pricing

        Claude 3.5 Sonnet API pricing is $3 per million input tokens; GPT-4o API pricing is $5 per million input tokens.
        """,
    "gemini.md": """\
        ---
        title: "Gemini 1.5 Pro Explained"
        slug: "gemini-1-5-pro-explained"
        ---

        # Gemini 1.5 Pro Explained

        ## Context Window

        Gemini 1.5 Pro reads up to a million tokens at once, a whole codebase or an hour of video.
        """,
    "io.md": """\
        ---
        title: "Google I/O 2024: Everything Announced"
        slug: "google-io-2024"
        ---

        # Google I/O 2024: Everything Announced

        ## Gemini Everywhere

        Gemini 1.5 Pro comes to Gmail and Docs, and Gemini 1.5 Flash is a lighter model for quick replies.
        """,
    "assistants.md": """\
        ---
        title: "Gemini vs ChatGPT for Everyday Tasks"
        slug: "gemini-vs-chatgpt"
        ---

        # Gemini vs ChatGPT for Everyday Tasks

        ## Writing Emails

        Gemini drafts emails inside Gmail, while ChatGPT needs you to paste the thread in.
        """,
}


def test_a_follow_up_naming_a_model_its_post_never_names_is_not_covered(tmp_path, embedder):
    """"What about Gemini 1.5 Pro API pricing?" after Claude vs GPT-4o, whose post never names Gemini (which most posts
    do: it is no rare name), got Claude's and GPT-4o's prices."""
    assistant = ingested(tmp_path, CHATBOTS, embedder)
    history = ["is claude 3.5 sonnet better than gpt-4o for coding?"]
    assert "$3 per million" in assistant.ask("and the api pricing?", history=history).answer
    answer = assistant.ask("what about gemini 1.5 pro api pricing?", history=history)
    assert not answer.answered and answer.answer == NOT_COVERED


def test_a_follow_up_is_read_in_each_post_that_answered_the_question_before_it(assistant):
    history = ["what is samsung's smart ring?"]
    assert assistant.ask(history[0]).citations[0].slug == "galaxy-ring-guide"  # but the other post answers too
    assert not assistant.ask("and how do they look?").answered
    answer = assistant.ask("and how do they look?", history=history)
    assert answer.answered
    assert answer.citations[0].url == "https://hyperdaily.one/blog/smart-rings-compared/#looks"


@pytest.mark.parametrize("question", ["summarize this post", "tl;dr?", "what’s the main takeaway?", "sum it up"])
def test_asked_for_a_summary_on_a_posts_page_it_answers_with_the_posts_opening_and_conclusion(assistant, question):
    answer = assistant.ask(question, page="galaxy-ring-guide")
    assert answer.answered
    assert [c.url for c in answer.citations] == [RING_URL + "#galaxy-ring-samsungs-health-tracker-guide",
                                                 RING_URL + "#conclusion"]
    assert [c.label for c in answer.citations] == ["Galaxy Ring: Samsung's Health Tracker Guide",
                                                   "Galaxy Ring: Samsung's Health Tracker Guide › Conclusion"]
    assert answer.answer.startswith("Samsung's Galaxy Ring is a smart ring that tracks your sleep")
    assert "[1]\nThe post covers:\n- Battery Life and Charging\n- Durability\n- Price and Sizes\n" in answer.answer
    assert answer.answer.endswith("\nThe Galaxy Ring is the most discreet way to track your health today. [2]")


def test_a_summary_of_one_part_is_answered_from_that_part(assistant):
    answer = assistant.ask("summarize the battery life", page="galaxy-ring-guide")
    assert answer.citations[0].url == RING_URL + "#battery-life-and-charging"


def test_on_a_post_the_first_question_offered_is_its_summary_then_its_faq(assistant):
    starters = assistant.starter_questions("galaxy-ring-guide")
    assert starters == ["Summarize this post", "Will the Galaxy Ring require a subscription like Oura?",
                        "Does the Galaxy Ring work with an iPhone?"]
    assert assistant.ask(starters[0], page="galaxy-ring-guide").citations[0].slug == "galaxy-ring-guide"
    assert "Summarize this post" not in assistant.starter_questions(None)
    assert "Summarize this post" not in assistant.starter_questions("no-such-post")


A_LONG_CONVERSATION = [*ABOUT_THE_RING, "and the battery?", "is it waterproof?", "how much is it?",
                       "do I need a subscription?"]


def test_a_long_conversation_stays_with_its_post(assistant):
    answer = assistant.ask("and in which sizes?", history=A_LONG_CONVERSATION)
    assert answer.answered
    assert answer.citations[0].url == RING_URL + "#price-and-sizes"


TWELVE_QUESTIONS = [*A_LONG_CONVERSATION, "does it work with an iphone?", "and the colours?", "is it made of titanium?",
                    "how long does charging take?", "and the battery?", "is it waterproof?", "how much is it?"]


def test_a_follow_up_reads_the_same_whether_or_not_the_earlier_turns_were_answered_here(assistant):
    for n, question in enumerate(TWELVE_QUESTIONS):
        assistant.ask(question, history=TWELVE_QUESTIONS[:n])
    turn_by_turn = assistant.ask("and in which sizes?", history=TWELVE_QUESTIONS)
    fresh = Assistant(assistant.settings, embedder=assistant.embedder)  # a replica that saw none of it
    assert fresh.ask("and in which sizes?", history=TWELVE_QUESTIONS) == turn_by_turn
    assert turn_by_turn.citations[0].url == RING_URL + "#price-and-sizes"


def test_a_follow_up_in_a_long_conversation_searches_the_blog_once(assistant, monkeypatch):
    replica = Assistant(assistant.settings, embedder=assistant.embedder)  # that serves this conversation alone
    for n, question in enumerate(TWELVE_QUESTIONS):
        replica.ask(question, history=TWELVE_QUESTIONS[:n])
    searches: list[str] = []
    search = replica.retriever.search
    monkeypatch.setattr(replica.retriever, "search", lambda text, **kw: searches.append(text) or search(text, **kw))
    replica.ask("and the price?", history=TWELVE_QUESTIONS)
    assert searches == ["and the price?"]  # the twelve earlier questions were read in their own turns


def test_a_follow_up_after_a_re_ingest_quotes_the_new_text(tmp_path, embedder):
    settings = Settings.from_env(environ={}, store=tmp_path / "store")
    blog = write_blog(tmp_path / "blog", {"ring.md": RING, "rabbit.md": RABBIT})
    run_ingest([blog], settings, embedder=embedder)
    assistant = Assistant(settings, embedder=embedder)
    assert "seven days" in assistant.ask("and the battery?", history=ABOUT_THE_RING).answer
    ring = (blog / "ring.md").read_text(encoding="utf-8")
    (blog / "ring.md").write_text(ring.replace("up to seven days", "up to six days"), encoding="utf-8")
    run_ingest([blog], settings, embedder=embedder)
    assert assistant.refresh()
    answer = assistant.ask("and the battery?", history=ABOUT_THE_RING)
    assert "six days" in answer.answer and "seven days" not in answer.answer


MED = """\
    ---
    title: "AI in Medicine: What Changes for Patients"
    slug: "ai-in-medicine"
    ---

    # AI in Medicine: What Changes for Patients

    Hospitals now use AI to read scans and to plan treatments.

    ## Predicting Disease

    From a scan and a blood test, AI can estimate a patient's risk of heart disease years ahead,
    and flag the patients at highest risk.

    ## Faster Diagnosis

    AI reads X-rays in seconds, so doctors see the urgent cases first.

    ## FAQs

    ### Q1. What are the ethical concerns of AI in medicine?

    The main worries are the privacy of health records, biased training data and unclear
    responsibility when the AI is wrong.

    ### Q2. What are the benefits of AI in medicine?

    Faster diagnosis, fewer missed cases and treatment plans fitted to each patient.
    """


@pytest.fixture(scope="module")
def medicine(tmp_path_factory, embedder) -> Assistant:
    return ingested(tmp_path_factory.mktemp("medicine"), {"med.md": MED}, embedder)


@pytest.mark.parametrize("question", ["and the risks?", "what are the risks?"])
def test_a_follow_up_prefers_the_section_that_means_it_to_one_that_only_shares_a_word(medicine, question):
    # "a patient's risk of heart disease" holds the word; the ethical concerns are what the reader asks about.
    for answer in (medicine.ask(question, page="ai-in-medicine"),
                   medicine.ask(question, history=["what are the benefits of ai in medicine?"])):
        assert answer.citations[0].url.endswith("#q1-what-are-the-ethical-concerns-of-ai-in-medicine")


def section(title: str, heading: str) -> Candidate:
    return Candidate(slug="a-post", title=title, section=heading, anchor="a-section", url="", score=1.0, dense=0.5,
                     faq=0.8, lexical=1.0, bm25=5.0, sentence=0.5, heading=0.5, chunks=())


RING_TITLE = "Galaxy Ring: Samsung's Health Tracker Guide"


@pytest.mark.parametrize(("question", "title", "heading", "another"), [
    ("how long does the battery last before it needs replacing?", RING_TITLE,
     "How long does the Galaxy Ring battery last?", True),
    ("how long does the galaxy ring battery last?", RING_TITLE, "How long does the Galaxy Ring battery last?", False),
    ("how long does it last?", RING_TITLE, "Battery Life and Charging", False),  # the heading names no subject
    ("is it safe to link my bank account?", "AI for Financial Freedom: Your Smart Guide",
     "Is it safe to connect my bank accounts to AI finance apps?", False),  # "AI" is in half the blog's titles
])
def test_a_best_match_whose_heading_names_its_posts_subject_is_about_another_subject(question, title, heading, another):
    assert names_another_subject(question, section(title, heading), common=frozenset(terms("AI guide"))) is another


@pytest.mark.parametrize("question", ["and the downsides?", "and the drawbacks?", "any drawbacks?"])
def test_a_follow_up_asking_for_the_downsides_is_not_answered_with_the_benefits(medicine, question):
    answer = medicine.ask(question, page="ai-in-medicine")
    assert answer.answered
    assert answer.citations[0].url.endswith("#q1-what-are-the-ethical-concerns-of-ai-in-medicine")


TESLA = """\
    ---
    title: "Tesla Model 3 Review: Living With an Electric Car"
    slug: "tesla-model-3-review"
    ---

    # Tesla Model 3 Review: Living With an Electric Car

    The Tesla Model 3 is the best-selling electric car of the decade.

    ## Range and Charging

    The Model 3 drives about 500 km on a charge and adds 250 km in 15 minutes at a Supercharger.

    ## FAQs

    ### Q1. How long does the Tesla battery last?

    Tesla's battery keeps about 85 percent of its capacity after 300,000 km, so most owners never replace it.

    ### Q2. Is the Tesla Model 3 worth it in 2024?

    Yes, if you can charge at home: fuel and servicing cost far less than for a petrol car.
    """


@pytest.fixture(scope="module")
def ring_and_tesla(tmp_path_factory, embedder) -> Assistant:
    return ingested(tmp_path_factory.mktemp("ring-and-tesla"), {"ring.md": RING, "tesla.md": TESLA}, embedder)


def test_a_follow_up_stays_in_its_conversation_when_the_best_match_names_another_subject(ring_and_tesla):
    question = "how long does the battery last before it needs replacing?"
    assert ring_and_tesla.ask(question).citations[0].slug == "tesla-model-3-review"  # "How long does the Tesla…"
    answer = ring_and_tesla.ask(question, history=ABOUT_THE_RING)
    assert answer.citations[0].url == RING_URL + "#battery-life-and-charging"


@pytest.mark.parametrize("question", ["how long does the model 3 battery last before it needs replacing?",
                                      "is an electric car worth it this year?"])
def test_a_follow_up_that_names_another_posts_subject_leaves_the_conversation(ring_and_tesla, question):
    assert ring_and_tesla.ask(question, history=ABOUT_THE_RING).citations[0].slug == "tesla-model-3-review"



ROBO = """\
    ---
    title: "Robo-Advisors Explained"
    slug: "robo-advisors-explained"
    ---

    # Robo-Advisors Explained

    ## How Robo-Advisors Work

    A robo-advisor asks about your goals and risk tolerance, then builds and rebalances a portfolio of index funds
    for you, automatically.

    ## Fees

    Most robo-advisors charge 0.25% to 0.50% of your balance a year.
    """

FINTECH = """\
    ---
    title: "Fintech Tools for Your Money"
    slug: "fintech-tools"
    ---

    # Fintech Tools for Your Money

    ## Robo-Advisors

    Robo-advisors use algorithms to invest your savings in a diversified portfolio, with low fees.

    ## Cryptocurrency

    Crypto apps let you buy Bitcoin and Ethereum in minutes; prices swing wildly, so keep it to a small share of
    your savings.
    """


def test_a_follow_up_naming_a_new_thing_is_answered_from_another_post_on_the_subject(tmp_path, embedder):
    """"What about crypto?" after robo-advisors: their post says nothing of crypto, a fintech post that also covers
    robo-advisors does; "can it hold crypto?" asks about the robo-advisor, which no post says."""
    blog = ingested(tmp_path, {**ARTICLES, "robo.md": ROBO, "fintech.md": FINTECH}, embedder)
    history = ["how do robo-advisors work?"]
    assert blog.ask(history[0]).citations[0].slug == "robo-advisors-explained"
    answer = blog.ask("what about crypto?", history=history)
    assert answer.answered
    assert answer.citations[0].url == "https://hyperdaily.one/blog/fintech-tools/#cryptocurrency"
    assert not blog.ask("can it hold crypto?", history=history).answered
