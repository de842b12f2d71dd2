"""Questions that ask for a figure: answered from a section that gives it, not covered by one that never does."""

from __future__ import annotations

import pytest

from assistant.assistant import NOT_COVERED
from assistant.figures import figure_asked
from tests.conftest import ingested

ZETA = """\
    ---
    title: "The Zeta Ring: A Smart Ring Guide"
    slug: "zeta-ring-guide"
    ---

    # The Zeta Ring: A Smart Ring Guide

    The Zeta Ring is a smart ring that tracks sleep, heart rate and activity from your finger.

    ## Price and Availability

    The Zeta Ring costs $299 in the United States, with no monthly subscription.
    Zeta has not announced when the ring will be sold in Europe.

    ## Weight and Comfort

    The ring is made of titanium and comes in nine sizes. It feels light enough to forget you are wearing it.

    ## Battery Life

    The battery lasts about a week, and the ring charges in its case.
    """


@pytest.fixture(scope="module")
def zeta(tmp_path_factory, embedder):
    return ingested(tmp_path_factory.mktemp("figures"), {"zeta.md": ZETA}, embedder)


@pytest.mark.parametrize(("question", "kind"), [
    ("how much does the Zeta Ring cost?", "price"),
    ("what year was the Eiffel Tower built?", "date"),
    ("when will it come out in Europe?", "date"),
    ("how many sizes are there?", "count"),
    ("how much does it weigh in grams?", "weight"),
    ("what time does the opening ceremony start?", "time of day"),
    ("how long does the battery last?", "duration"),
    ("how much is it?", "price"),
    ("what does a seat on Virgin Galactic go for?", "price"),
    ("how much data does cloud gaming use?", "amount"),
    ("what does the Rabbit R1 weigh?", "weight"),
    ("how thin is the new iPad Pro?", "measure"),
    ("who invented the KonMari method?", "maker"),
    ("who is the CEO of Perplexity?", "maker"),
    ("is the DLC free?", "free"),
    ("do I have to pay for it?", "free"),
    ("what's the monthly subscription for the Zeta app?", "price"),
    ("which one is cheaper?", "price"),
    ("what clock speed does the chip run at, in GHz?", "unit"),
    ("what's the battery capacity of the Zeta Ring in mAh?", "unit"),
    ("how many tons of plastic reach the ocean each year?", "unit"),
    ("what is the refresh rate?", "unit"),
    ("what internet speed do I need for cloud gaming in 4K?", "unit"),
    ("what's the seating capacity of the Stade de France?", "capacity"),
    ("how long does it take to charge?", "charging time"),
    ("how fast does the Zeta Ring recharge?", "charging time"),
    ("how long does a charge last?", "duration"),
    ("whats the monthly fee for the Zeta app", "price"),
    ("how much do prompt engineers make?", "price"),
    ("whats the minimum age for the Zeta app?", "age"),
    ("how old do you have to be to open an account?", "age"),
])
def test_a_question_asking_for_a_figure_names_its_kind(question, kind):
    figure = figure_asked(question)
    assert figure is not None and figure.kind == kind


@pytest.mark.parametrize("question", [
    "is it worth the cost?", "what does it mean to fine-tune a model?", "glasses that show subtitles when someone speaks",
    "what time of year is best for slow travel?", "how much does AI help students?",
    "what are some good passive income ideas?", "who is it for?", "who should buy the Zeta Ring?",
    "is it hands-free?", "is the app free of ads?", "what is TOPS?", "what does MP mean?",
    "does AI have the capacity to learn?", "what tops the list of smart rings?", "is it used in tons of apps?",
    "are avocados high in calories?", "what's the capacity of the battery?", "what is the cheapest way to travel?",
    "how much does AI make a difference in class?",
])
def test_a_question_that_only_mentions_a_figure_asks_for_none(question):
    assert figure_asked(question) is None


def test_a_heading_names_the_figure_it_gives():
    price = figure_asked("how much is it?")
    assert price.named_by("Analyzing the Galaxy Ring Price") and price.named_by("Is Apple Intelligence Free?")
    assert not price.named_by("Hands-Free Controls") and not price.named_by("The Subscription Debate")
    assert figure_asked("when did it come out?").named_by("Release Date and Availability")


def test_a_model_number_is_no_amount_but_an_unannounced_date_answers_when():
    assert not figure_asked("how much is it?").states("It competes with the Oura Ring 3.")
    assert figure_asked("how much is it?").states("This typically falls between $299 and $399.")
    assert figure_asked("when is it out?").given_in("Samsung has not yet announced a release date.")
    assert not figure_asked("how much does it weigh?").given_in("Samsung has not yet announced a release date.")


def test_a_model_name_gives_no_number_and_years_of_research_no_date():
    assert not figure_asked("how many are there?").given_in("The Rabbit R1 and the M4 iPad Pro.")
    assert figure_asked("how many are there?").given_in("There are 12 of them.")
    assert figure_asked("how many does it hold?").given_in("It holds 80,000 people.")  # "does" is not what is counted
    assert not figure_asked("when did it come out?").given_in("It is the result of years of research.")
    assert figure_asked("when will it be widely available?").given_in("It is likely still a decade or more away.")
    assert figure_asked("when is the release date?").given_in("There is no firm, public release date yet.")


def test_a_date_not_known_yet_or_a_launch_window_answers_when():
    asked = figure_asked("erdtree dlc release date")  # no "when", and still a date
    assert asked.kind == "date"
    assert asked.states("The official release date for the general public remains undetermined.")
    assert asked.states("OpenAI has not provided a firm Sora AI release date for the public.")
    assert asked.given_in("A launch window in the second half of the year is expected.")
    assert not asked.given_in("The ring tracks sleep for the whole year.")


def test_battery_life_is_given_by_how_long_the_battery_lasts_or_what_the_best_match_says_of_it():
    battery = figure_asked("hows the battery life")
    assert battery.kind == "battery life" and figure_asked("and the battery?").kind == "battery life"
    assert battery.states("The battery lasts up to 10 hours.") and battery.given_in("NPUs mean better battery life.")
    assert not battery.given_in("GPT-4o answers in 232 milliseconds, where GPT-4 took 5.4 seconds.")
    assert not battery.given_in("The M4 opens workflows that were impossible on a tablet.")
    assert figure_asked("how long does the battery last?").kind == "duration"


def test_the_price_of_a_paid_tier_is_not_given_by_its_free_version_being_free():
    pro = figure_asked("what's the monthly price for perplexity pro")
    assert not pro.given_in("Free Version: The free AI research tool is extremely generous.")
    assert pro.states("Perplexity Pro costs $20 a month.")
    assert figure_asked("how much is perplexity?").states("The free AI research tool is extremely generous.")


def test_a_number_of_days_is_given_as_a_number_of_them_not_as_a_distance_or_decades():
    days = figure_asked("how many days was Dennis Tito on the ISS?")
    assert not days.given_in("It flew 100 kilometers (about 62 miles) above the Earth.")
    assert not days.given_in("Space tourism took decades of research.")
    assert days.given_in("He spent 8 days in orbit.") and days.given_in("It lasts about a week on a charge.")
    assert days.given_in("Orbital flights offer a multi-day stay.")


def test_a_duration_may_be_given_in_decades():
    """The seed article's "It can take over a decade … to bring a new drug to market" answers how long it takes."""
    assert figure_asked("how long does it take to bring a drug to market?").given_in("It can take over a decade.")
    assert figure_asked("how long have people used it?").given_in("It has been used for centuries.")
    assert not figure_asked("how long does it take?").given_in("It is notoriously slow and expensive.")


def test_a_maker_is_named_by_who_made_it_not_by_creators_of_content():
    who = figure_asked("who invented the KonMari method?")
    assert who.states("The KonMari method, popularized by Marie Kondo, has changed how we tidy.")
    assert who.given_in("Samsung unveiled the Galaxy Ring in July.")
    assert not who.given_in("It's designed for content creators who film on the go.")


def test_free_in_a_compound_word_is_no_price_but_paid_is():
    free = figure_asked("is the DLC free?")
    assert not free.states("Input: eyes, hands and voice (controller-free).")
    assert free.states("It is a separate, paid expansion.") and free.states("It is free to use.")


def test_a_price_is_an_amount_not_a_free_trial_a_free_version_or_a_price_band():
    price = figure_asked("what's the monthly price for Zeta Pro?")
    assert not price.states("Experimenting with free trials is the best way to choose.")
    assert not price.states("Stick with the capable free version or upgrade to the paid tier.")
    assert not price.states("13-inch Base Price (256GB) | $$$ | $$$$ 1TB Model")
    assert price.states("Zeta Pro costs $20 a month.") and not price.states("The Zeta app is free.")  # not Pro
    assert figure_asked("what's the monthly price for the Zeta app?").states("The Zeta app is free.")
    assert figure_asked("is Zeta free?").states("The highly capable free version covers most readers.")


def test_a_unit_the_question_names_is_answered_only_by_an_amount_in_it():
    speed = figure_asked("what clock speed does it run at, in GHz?")
    assert speed.states("Its cores boost to 4.2 GHz.")
    assert not speed.given_in("It boasts a 45 TOPS NPU and often beats the M4 in single-core tests.")
    capacity = figure_asked("what's its battery capacity in mAh?")
    assert capacity.states("a 4,500mAh cell") and not capacity.given_in("The battery lasts a day of moderate use.")
    assert figure_asked("how many tons of plastic reach the ocean?").states("Over 11 million metric tons of plastic")
    assert figure_asked("how many miles can a fast charger add?").states("They add 100-200+ miles in 30 minutes.")
    assert not figure_asked("how many grams does it weigh?").states("It supports 5G networks.")
    assert not figure_asked("how thin is it in mm?").given_in("About 1 in 5 buyers return it.")


def test_an_age_is_given_as_years_not_by_any_number():
    age = figure_asked("what's the minimum age for the Zeta app?")
    assert age.states("You can withdraw without penalty after age 59.5.") and age.states("It is for users 13+.")
    assert age.states("Children under 13 need a parent's consent.")
    assert not age.states("It needs an NPU of 40+ TOPS.") and not age.states("Over 20 million people use it.")


def test_a_capacity_is_how_many_a_place_holds_not_any_number_near_it():
    capacity = figure_asked("what's the seating capacity of the Stade de France?")
    assert not capacity.given_in("Athletics at the Olympics 2024. Its capacity makes it the hub for the largest crowds.")
    assert capacity.states("It seats 80,000 spectators.") and capacity.states("with a capacity of about 80,000")


def test_a_count_is_of_what_the_question_counts():
    qubits = figure_asked("how many qubits does IBM's biggest quantum computer have?")
    assert not qubits.given_in("It performed a calculation in 200 seconds.")
    assert qubits.given_in("IBM plans processors with thousands of qubits.")
    assert qubits.given_in("a 433-qubit processor")
    assert figure_asked("how many sizes does it come in?").given_in("It is sold in sizes 5 through 13.")


def test_a_count_in_figures_is_one_number_however_many_digits():
    goals = figure_asked("how many SDGs did the UN set?")
    assert goals.states("The United Nations' 17 Sustainable Development Goals (SDGs) frame the work.")
    assert goals.states("It names 1,250 SDGs.") and not goals.states("It names SDG 7 and SDG 13 as examples.")


def test_charging_time_is_how_long_charging_takes_not_how_long_a_charge_lasts():
    charging = figure_asked("how long does the Galaxy Ring take to charge?")
    assert not charging.given_in("The ring will last between 4 and 7 days on a single charge.")
    assert not charging.given_in("Expect up to 18 hours per charge, and 24 hours on a full charge.")
    assert charging.states("Level 1 (standard outlet) can take 20+ hours for a full charge.")
    assert charging.states("DC fast charging can provide 80% charge in 20-60 minutes.")
    assert charging.given_in("Fully charging an EV at home can take several hours.")


def test_a_charging_time_is_not_answered_by_battery_life(zeta):
    answer = zeta.ask("how long does the Zeta Ring take to charge?")  # "lasts about a week" is how long a charge lasts
    assert not answer.answered
    assert [s.slug for s in answer.suggestions] == ["zeta-ring-guide"]


EV_CHARGING = """\
    ---
    title: "Electric Cars at Home"
    slug: "electric-cars-at-home"
    ---

    # Electric Cars at Home

    ## FAQs

    ### Q1. How long does it take to charge?

    A Level 2 charger at home fills most electric cars in 6 to 8 hours, overnight.
    """


def test_a_charging_time_is_not_answered_by_another_products_or_by_battery_life(tmp_path, embedder):
    """An electric car's charging time names no Zeta Ring, and the ring's own battery life is no charging time."""
    ring = ZETA.replace("The battery lasts about a week", "The Zeta Ring's battery lasts about a week")
    assistant = ingested(tmp_path, {"zeta.md": ring, "ev.md": EV_CHARGING}, embedder)
    assert assistant.ask("how long does it take to charge an electric car at home?").answered
    answer = assistant.ask("how long does the Zeta Ring take to charge?")
    assert not answer.answered and answer.answer == NOT_COVERED


def test_a_figure_the_section_gives_is_quoted(zeta):
    answer = zeta.ask("how much does the Zeta Ring cost?")
    assert answer.answered
    assert "$299" in answer.answer
    assert answer.citations[0].url.endswith("#price-and-availability")


def test_a_count_in_words_is_a_figure(zeta):
    answer = zeta.ask("how many sizes does the Zeta Ring come in?")
    assert answer.answered
    assert "nine sizes" in answer.answer


def test_a_figure_the_best_section_never_gives_is_not_covered_and_its_post_is_suggested(zeta):
    answer = zeta.ask("how much does the Zeta Ring weigh in grams?")  # "feels light" is no weight
    assert not answer.answered
    assert answer.answer == NOT_COVERED
    assert [s.slug for s in answer.suggestions] == ["zeta-ring-guide"]


def test_a_figure_in_a_unit_the_post_never_gives_is_not_covered(zeta):
    answer = zeta.ask("what's the battery capacity of the Zeta Ring in mAh?")  # "lasts about a week" is no capacity
    assert not answer.answered
    assert [s.slug for s in answer.suggestions] == ["zeta-ring-guide"]


def test_a_follow_up_asking_for_a_figure_its_post_never_gives_is_not_covered(zeta):
    answer = zeta.ask("how heavy is it?", history=["what is the Zeta Ring?"])
    assert not answer.answered
    assert answer.search_text == "how heavy is it? (The Zeta Ring: A Smart Ring Guide)"  # what editors will see
    assert [s.slug for s in answer.suggestions] == ["zeta-ring-guide"]


def test_a_section_saying_the_figure_is_not_known_yet_answers(zeta):
    answer = zeta.ask("when will the Zeta Ring be sold in Europe?")
    assert answer.answered
    assert "has not announced" in answer.answer


SPECIFICATIONS = """
    ## Specifications

    Titanium shell, 2.5 mm thick, 3 grams, water resistant to 100 metres.
    """


def test_a_section_that_gives_the_figure_answers_before_a_closer_one_that_does_not(tmp_path, embedder):
    blog = ingested(tmp_path, {"zeta.md": ZETA + SPECIFICATIONS}, embedder)
    answer = blog.ask("how much does the Zeta Ring weigh?")  # "Weight and Comfort" matches best, gives no weight
    assert answer.answered
    assert "3 grams" in answer.answer
    assert [c.url.split("#")[1] for c in answer.citations] == ["specifications"]  # not "it costs $299" as well


NOVA_BAND = """\
    ---
    title: "The Nova Band: A Fitness Band Guide"
    slug: "nova-band-guide"
    ---

    # The Nova Band: A Fitness Band Guide

    The Nova Band is a fitness band that tracks steps, sleep and heart rate from your wrist.

    ## Battery Life

    The battery lasts five days, and the band charges on a small magnetic puck.

    ## Analyzing the Nova Band Price

    The Nova Band price is the variable buyers watch most. Analysts expect it to sell for between $149 and $199,
    depending on the strap.

    ### The Subscription Debate: A Band With a Subscription?

    The most contentious element is a possible subscription. Rival bands cost a monthly fee ($4.99) to unlock
    sleep trends and history, and what a subscription costs over the years adds up.
    """


def test_a_follow_up_on_the_cost_is_answered_by_the_section_headed_price_not_a_fee_below_it(tmp_path, embedder):
    blog = ingested(tmp_path, {"nova.md": NOVA_BAND}, embedder)
    answer = blog.ask("and what does it cost?", history=["how long does the Nova Band battery last?"])
    assert answer.answered
    assert answer.citations[0].url.endswith("#analyzing-the-nova-band-price")
    assert "$149 and $199" in answer.answer
    assert blog.ask("how much does the Nova Band cost?").citations[0].url.endswith("#analyzing-the-nova-band-price")
    asked = blog.ask("what does the Nova Band subscription cost?")  # the question names the fee's own heading
    assert asked.citations[0].url.endswith("#the-subscription-debate-a-band-with-a-subscription")


PIONEERS = """\
    ---
    title: "Quantum Computing: Who Is Leading the Race"
    slug: "quantum-computing-race"
    ---

    # Quantum Computing: Who Is Leading the Race

    Quantum computers use qubits, which can hold a mix of 0 and 1 at once.

    ## The Pioneers

    Tech giants are investing billions in quantum research.
    - Google: Google claimed quantum supremacy with its Sycamore processor, which ran a task in 200 seconds that
      would take a supercomputer 10,000 years.
    - IBM: IBM offers its quantum computers through the cloud, and its roadmap plans processors with thousands of
      qubits.
    """


def test_a_figure_about_what_the_title_does_not_name_must_be_given_where_it_is_named(tmp_path, embedder):
    blog = ingested(tmp_path, {"quantum.md": PIONEERS}, embedder)
    answer = blog.ask("how many qubits does Google's Sycamore chip have?")  # the section's count is IBM's plan
    assert not answer.answered
    planned = blog.ask("how many qubits will IBM's processors have?")
    assert planned.answered and "thousands of qubits" in planned.answer


EVENING = """
    ## Charging Habits

    Most owners put the Zeta Ring on its charger in the evening, while they cook dinner.
    """


def test_a_section_that_only_hints_at_the_figure_does_not_take_the_best_ones_place(tmp_path, embedder):
    blog = ingested(tmp_path, {"zeta.md": ZETA + EVENING}, embedder)
    answer = blog.ask("what time of the day does the Zeta Ring battery need charging?")
    # "Battery Life" matches best and gives no time; "in the evening" hints at one, which is not enough to take its
    # place: "what time does the opening ceremony start?" is not answered with "finals are held in the evening".
    assert not answer.answered


MAKER = """
    ## Living With It

    After a month the ring feels like part of your hand. Sleep scores arrive each morning in the app, and the
    readings match a chest strap closely. The company was founded by two former night-shift nurses who wanted to
    track their own sleep.

    ## FAQ

    ### Q1. Is the Zeta Ring suitable for everyone?
    Most people find the Zeta Ring comfortable, but those with very large knuckles may prefer a watch.
    """


def test_a_question_asking_who_made_it_quotes_the_sentence_that_names_the_maker(tmp_path, embedder):
    blog = ingested(tmp_path, {"zeta.md": ZETA + MAKER}, embedder)
    answer = blog.ask("who invented the Zeta Ring?")  # its FAQ shares the words, and names no one
    assert answer.answered
    assert "founded by two former night-shift nurses" in answer.answer
    assert answer.citations[0].url.endswith("#living-with-it")


TIPS = """\
    ---
    title: "The Zeta Ring: Ten Tips for New Owners"
    slug: "zeta-ring-tips"
    ---

    # The Zeta Ring: Ten Tips for New Owners

    ## Wear It on Your Index Finger

    The Zeta Ring reads your pulse best from the index finger, where the ring sits snugly.

    ## Charge It While You Shower

    A short charge each morning keeps the Zeta Ring's battery topped up.
    """

NOVA = """\
    ---
    title: "The Nova Watch: Living With a Smartwatch"
    slug: "nova-watch"
    ---

    # The Nova Watch: Living With a Smartwatch

    ## Wearing It Every Day

    The Nova Watch is light, and its strap is soft enough to sleep in.
    """


@pytest.fixture(scope="module")
def zeta_posts(tmp_path_factory, embedder):
    return ingested(tmp_path_factory.mktemp("sisters"), {"zeta.md": ZETA, "tips.md": TIPS, "nova.md": NOVA}, embedder)


@pytest.mark.parametrize("question", ["how much does it cost?"])
def test_a_figure_the_page_never_gives_is_taken_from_another_post_on_its_subject(zeta_posts, question):
    answer = zeta_posts.ask(question, page="zeta-ring-tips")
    assert answer.answered and "$299" in answer.answer
    assert answer.citations[0].url.endswith("/zeta-ring-guide/#price-and-availability")


def test_a_figure_is_not_taken_from_a_post_on_another_subject(zeta_posts):
    answer = zeta_posts.ask("how much does it cost?", page="nova-watch")  # the Zeta Ring's price is no answer
    assert not answer.answered and "$299" not in answer.answer


EMBER = """\
    ---
    title: "Ember Lands DLC: The Complete Guide"
    slug: "ember-lands-dlc-guide"
    ---

    # Ember Lands DLC: The Complete Guide

    The Ember Lands DLC is the first expansion for the fantasy game Ashfall, with a new map and new bosses.

    ## Ember Lands DLC Price and Editions

    The Ember Lands DLC price is $39.99. A collector's edition of the DLC adds a statue and an art book.

    ## Ember Lands DLC: New Bosses

    The Ember Lands DLC adds ten new bosses, each harder than anything in the base game.

    ## Ember Lands DLC: New Weapons

    The Ember Lands DLC brings new weapon types: throwing blades, hand-to-hand claws and great shields.

    ## Ember Lands DLC Map and Regions

    The Ember Lands DLC map is a realm of ash fields, a burning forest and a sunken city.

    ## How Long Is the Ember Lands DLC?

    Most players finish the Ember Lands DLC story in about forty hours of play.

    ## Starting the Ember Lands DLC

    To reach the Ember Lands DLC, defeat the base game's fire giant and touch the charred hand in his arena.

    ## Ashfall: Release Date and Platforms

    Ashfall's second chapter arrived on June 21, 2024, on PlayStation 5, Xbox Series X and PC.
    """


def test_a_figure_no_close_section_gives_is_answered_by_its_posts_section_headed_for_it(tmp_path, embedder):
    """The release date's section never names the DLC, so the price section matches "when did it come out?" best."""
    blog = ingested(tmp_path, {"ember.md": EMBER}, embedder)
    answer = blog.ask("when did the ember lands dlc come out?")
    assert answer.answered and "June 21, 2024" in answer.answer
    assert [c.url.split("#")[1] for c in answer.citations] == ["ashfall-release-date-and-platforms"]
    assert not blog.ask("when did the ember lands dlc throwing blades come out?").answered  # not in that section


COMPANIONS = """\
    ---
    title: "AI Companions for Mental Wellness: Your New Digital Mind Coach"
    slug: "ai-mind-coaches"
    ---

    # AI Companions for Mental Wellness: Your New Digital Mind Coach

    AI companions are chatbots that check in on your mood, teach breathing exercises and track how you feel.

    ## The Science Behind Your Digital Mind Coach

    These companions draw on cognitive behavioural therapy, asking questions that help you reframe anxious thoughts.

    ## 1. Always There, Day or Night

    A companion answers at three in the morning, when no therapist does, and never tires of listening.

    ## 2. Affordability and Scalability

    Traditional therapy is a significant financial commitment. AI companions offer an incredibly affordable (often
    free) entry point for mental wellness support, and one app can serve millions of people.

    ## The Risks: Privacy and Over-Reliance

    What you tell a chatbot is stored on a company's servers, and no chatbot replaces a clinician in a crisis.
    """


def test_a_page_question_on_a_figure_is_answered_by_the_pages_section_headed_for_it(tmp_path, embedder):
    """"What do they cost?" on the page matches no section closely on its own: "2. Affordability and Scalability"
    says "often free"."""
    blog = ingested(tmp_path, {"companions.md": COMPANIONS, "zeta.md": ZETA, "nova.md": NOVA_BAND}, embedder)
    answer = blog.ask("what do they cost?", page="ai-mind-coaches")
    assert answer.answered and "often" in answer.answer
    assert answer.citations[0].url.endswith("#2-affordability-and-scalability")


def test_free_time_or_freedom_from_something_is_no_price():
    free = figure_asked("is it free?")
    assert not free.states("These agents free up hours each week.")
    assert not free.states("Decisions are free from emotional biases.") and not free.states("free of ads")
    assert not free.states("It leaves researchers free to focus on ideas.")
    assert free.states("It is free to use.") and free.states("The app is free.")
    assert not free.named_by("Breaking Free from Big Tech") and free.named_by("Is Llama 3.1 Free?")
    assert not free.named_by("How Much Can AI Really Save on Energy Bills?")
    assert free.named_by("2. Affordability and Scalability")
