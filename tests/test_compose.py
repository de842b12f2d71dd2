"""Choosing the sentences of a reply: pure functions over stored chunks."""

from __future__ import annotations

import pytest

from assistant.compose import (
    about_itself,
    asks_yes_or_no,
    best_sentences,
    passage_units,
    says_how_to,
    shorten,
    steps,
    table_rows,
    without_verdict,
)
from assistant.figures import figure_asked
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


AGENT_TYPES = """Agents are often sorted by what they can do. The four main types are:
1. Simple Reflex Agents: Act only on what they perceive right now, ignoring the history of what they perceived before.
1. Model-Based Reflex Agents: Keep an internal state to track the parts of the world they cannot see right now.
1. Goal-Based Agents: Hold goals that describe desirable situations and plan their actions to reach them.
1. Utility-Based Agents: Weigh outcomes against each other to maximise their expected utility when goals conflict."""


def test_a_faq_answer_keeps_its_list_one_item_to_a_line():
    answer = shorten("Key benefits include:\n- Time: Fewer hours spent planning.\n- Money: Better deals.\nThat is all.")
    assert answer == ("Key benefits include:\n- Time: Fewer hours spent planning.\n- Money: Better deals.\n\n"
                      "That is all.")


def test_a_list_too_long_for_a_short_answer_keeps_every_item_by_its_label():
    answer = shorten(AGENT_TYPES)
    assert answer.splitlines() == [
        "Agents are often sorted by what they can do. The four main types are:",
        "- Simple Reflex Agents", "- Model-Based Reflex Agents", "- Goal-Based Agents", "- Utility-Based Agents",
    ]


def test_a_list_with_figures_keeps_the_items_that_fit_and_says_how_many_more_the_post_has():
    specs = [("Price", "$399 in the US"), ("Battery", "up to seven days, 80 minutes to charge"),
             ("Weight", "2.3 to 3 grams"), ("Sizes", "5 to 13")]
    specs = "The ring was reviewed over a month of daily wear. " * 6 + "Its specifications:\n" + "\n".join(
        f"- {name}: {value}" for name, value in specs)
    answer = shorten(specs)
    assert "- Price: $399 in the US" in answer.splitlines()
    assert answer.splitlines()[-1].startswith("- … ") and answer.endswith("more in the post")
    assert "\n- Price\n" not in answer  # never a label without its figure


def test_numbered_steps_are_never_cut_to_their_labels():
    steps = "Follow these steps:\n" + "\n".join(
        f"1. Step {n}: Put the ring in its case and wait until the light on the case turns green, then "
        f"lift it out and check the app for the battery level before you wear it." for n in (1, 2, 3))
    lines = shorten(steps).splitlines()
    assert lines[1].startswith("- Step 1: Put the ring in its case")
    assert [line[:16] for line in lines] == ["Follow these ste", "- Step 1: Put th", "- Step 2: Put th",
                                             "- … 1 more in th"]


def test_prose_after_a_list_is_what_gives_way_first():
    plans = "There are two plans:\n- Basic: $5 a month for 50 GB\n- Pro: $10 a month for 2 TB\n" + "Both plans " * 40
    assert shorten(plans).startswith("There are two plans:\n- Basic: $5 a month for 50 GB\n- Pro: $10 a month for 2 TB")


def test_a_table_in_an_answer_is_kept_as_text():
    assert "Basic | $5 | 50 GB" in shorten("The plans compare like this:\nPlan | Price | Storage\nBasic | $5 | 50 GB")


def test_a_list_whose_first_item_alone_is_too_long_shows_its_start_and_how_many_more():
    step = "Put the ring in its case and wait until the light turns green, " * 6
    lines = shorten("Follow these steps:\n" + "\n".join(f"1. Step {n}: {step}" for n in (1, 2, 3))).splitlines()
    assert lines[0] == "Follow these steps:"
    assert lines[1].startswith("- Step 1: Put the ring in its case") and lines[1].endswith(" …")
    assert lines[2:] == ["- … 2 more in the post"]


def test_a_list_after_long_prose_still_says_it_is_there():
    prose = "The ring was reviewed over a month of daily wear in the office, the gym and the pool. " * 4
    answer = shorten(prose + "Specs:\n- Price: $399 in the US and Canada\n- Battery: up to seven days")
    assert answer.splitlines()[-1].startswith("- … ") and answer.endswith("in the post")


PRICE = """The Galaxy Ring price is arguably the most significant competitive variable.
Smart rings are premium devices, and the ring is expected to be competitive with the Oura Ring 3.
This typically falls between $299 and $399 USD."""


def test_a_question_that_asks_for_a_figure_is_answered_with_the_sentence_that_gives_it():
    picked = [s for s, _ in best_sentences("how much is it?", [passage(PRICE)], limit=1)]
    assert picked[-1] == "This typically falls between $299 and $399 USD."


def test_the_figure_is_quoted_even_when_other_sentences_share_more_words_with_the_question():
    text = """Samsung has not said how much the Galaxy Ring will cost in every country.
The Samsung Galaxy Ring cost is the most watched number in the smart ring market.
The Galaxy Ring from Samsung is expected to cost less than its rivals.
This typically falls between $299 and $399 USD."""
    picked = [s for s, _ in best_sentences("how much does the samsung galaxy ring cost?", [passage(text)])]
    assert picked[-1] == "This typically falls between $299 and $399 USD."


def test_the_sentence_that_gives_the_figure_comes_first_unless_it_needs_the_one_before():
    text = """Most reviewers agree the steep monthly fee makes the Zeta Pin hard to recommend.
The Zeta Pin subscription costs $24 a month on top of the device."""
    picked = [s for s, _ in best_sentences("whats the monthly fee for the zeta pin?", [passage(text)])]
    assert picked[0] == "The Zeta Pin subscription costs $24 a month on top of the device."
    example = """Your FIRE number is the amount you need invested to stop working.
For example, if you spend $50,000 a year, your FIRE number is $1,250,000."""
    picked = [s for s, _ in best_sentences("how much do i need invested to stop working?", [passage(example)])]
    assert picked[0].startswith("Your FIRE number")


def test_another_sections_figure_that_points_back_to_what_is_not_quoted_is_left_out():
    level_2 = passage("The most common home charger, Level 2 needs a 240V circuit. "
                      "It adds 20-30 miles of range per hour.")
    level_1 = passage("It's slow, typically adding 2-5 miles of range per hour, so plan overnight.")  # Level 1
    picked = [s for s, _ in best_sentences("how many miles of range per hour does level 2 add?", [level_2, level_1],
                                           lead=1)]
    assert "It adds 20-30 miles of range per hour." in picked
    assert not any("2-5 miles" in s for s in picked)


def test_a_sentence_that_points_back_comes_with_the_sentence_it_points_to():
    picked = [s for s, _ in best_sentences("how much is it?", [passage(PRICE)], limit=1)]
    assert picked == [
        "Smart rings are premium devices, and the ring is expected to be competitive with the Oura Ring 3.",
        "This typically falls between $299 and $399 USD.",
    ]


SCRAPS = """Get creative and use every part of your ingredients.
- Veggie Scraps: Keep a bag in your freezer for onion skins and carrot peels. When it's full, simmer them into broth.
- Broccoli Stalks: Don't throw them out! Peel the tough outer layer and shred them for a delicious slaw."""


def test_a_list_item_is_quoted_whole_not_cut_after_its_first_sentence():
    picked = [s for s, _ in best_sentences("how do I use broccoli for a slaw?", [passage(SCRAPS)], limit=1)]
    item = "Broccoli Stalks: Don't throw them out! Peel the tough outer layer and shred them for a delicious slaw."
    assert picked == [item]


def test_a_long_list_item_is_no_better_a_match_than_a_short_one():
    text = """Ways to cut your energy bill:
- Smart plugs: Cut the standby power of devices left plugged in. They pay for themselves in a year. Many have timers.
- Thermostat: Lower the heating by one degree."""
    picked = [s for s, _ in best_sentences("how do I lower the heating bill?", [passage(text)], limit=1)]
    assert picked == ["Thermostat: Lower the heating by one degree."]


HOTELS = """Where you stay matters.
Here's how to find a genuinely green hotel:
- Look for Certifications: Check for eco-labels like Green Key or LEED.
- Ask the Right Questions: Ask the host about recycling and water saving."""


def test_a_lead_in_comes_with_what_it_leads_into():
    picked = [s for s, _ in best_sentences("how do I find a green hotel?", [passage(HOTELS)], limit=1)]
    assert picked == ["Here's how to find a genuinely green hotel:",
                      "Look for Certifications: Check for eco-labels like Green Key or LEED."]


def test_a_lead_in_with_nothing_after_it_is_not_quoted():
    text = "Platforms like Diffit are all-in-one teacher tools for lesson plans.\nA teacher can use a single platform to:"
    picked = [s for s, _ in best_sentences("can a teacher use a single platform?", [passage(text)])]
    assert picked == ["Platforms like Diffit are all-in-one teacher tools for lesson plans."]


def test_links_to_other_posts_are_never_quoted():
    text = ("- Market Risk: The value of the asset can go down. Related: Combating AI Hallucinations and Building "
            "Trustworthy Systems\nLike any investment, this one has risks. [Related: AI in Finance] – Read more here.")
    assert passage_units(text) == ["Market Risk: The value of the asset can go down.",
                                   "Like any investment, this one has risks."]


CEREMONY = """Breaking with tradition, the opening ceremony will not be held in a traditional stadium.
Instead, the athletes will parade on boats along the River Seine for six kilometres.
Tickets for the quayside sold out within hours."""


def test_a_sentence_that_says_what_is_not_comes_with_the_instead_that_follows_it():
    picked = [s for s, _ in best_sentences("where is the opening ceremony held?", [passage(CEREMONY)], limit=1)]
    assert picked == ["Breaking with tradition, the opening ceremony will not be held in a traditional stadium.",
                      "Instead, the athletes will parade on boats along the River Seine for six kilometres."]


def test_an_instead_sentence_comes_with_the_sentence_it_corrects():
    picked = [s for s, _ in best_sentences("do athletes parade on boats along the river?", [passage(CEREMONY)],
                                           limit=1)]
    assert picked[0].startswith("Breaking with tradition") and picked[1].startswith("Instead, the athletes")


def test_a_sentence_that_points_back_to_a_list_does_not_bring_its_last_item():
    text = "New weapon kinds:\n- Great Katanas: slow and heavy blades.\n- Hand-to-Hand: fast punches and kicks.\n" \
           "This massive infusion of weapons gives every build something new."
    picked = [s for s, _ in best_sentences("are there new weapons for my build?", [passage(text)], limit=1)]
    assert picked == ["This massive infusion of weapons gives every build something new."]


def test_a_sentence_about_the_article_itself_gives_way_to_one_about_its_subject():
    text = """In this deep dive, we'll explore how solar panels work on cloudy days.
Solar panels still work on cloudy days, at 10 to 25 percent of their output."""
    picked = [s for s, _ in best_sentences("do solar panels work on cloudy days?", [passage(text)], limit=1)]
    assert picked == ["Solar panels still work on cloudy days, at 10 to 25 percent of their output."]


def test_a_sentence_that_says_what_the_reader_will_learn_is_about_the_article_too():
    text = """You'll learn how solar panels work on cloudy days and what they produce.
Solar panels still work on cloudy days, at 10 to 25 percent of their output."""
    picked = [s for s, _ in best_sentences("do solar panels work on cloudy days?", [passage(text)], limit=1)]
    assert picked == ["Solar panels still work on cloudy days, at 10 to 25 percent of their output."]


def test_a_sentence_that_welcomes_the_reader_is_about_the_article_too():
    text = """If you've wondered whether solar panels work on cloudy days, you're in the right place.
Solar panels still work on cloudy days, at 10 to 25 percent of their output."""
    picked = [s for s, _ in best_sentences("do solar panels work on cloudy days?", [passage(text)], limit=1)]
    assert picked == ["Solar panels still work on cloudy days, at 10 to 25 percent of their output."]


@pytest.mark.parametrize("sentence", [
    "We'll explore the confirmed features.", "We will look at the price.", "We are going to compare them.",
    "This article explains the rules.", "Our guide covers the basics.", "In this post, the costs.",
    "In this deep dive, the chips.", "Let's dive in.", "Let’s break it down.", "Read on to find out.",
    "Keep reading for the list.", "You'll learn how it works.", "You’ll discover the options.", "Look no further.",
    "You're in the right place.", "You’ve come to the right place.", "You are in the right place."])
def test_every_kind_of_sentence_about_the_article_is_told_apart(sentence):
    assert about_itself(sentence)


@pytest.mark.parametrize("sentence", ["Solar panels last 25 years.", "We found the ring comfortable.",
                                      "Post the form by Friday.", "The guide rope holds the tent."])
def test_a_sentence_about_the_subject_is_not_about_the_article(sentence):
    assert not about_itself(sentence)


def test_a_rhetorical_question_gives_way_to_a_sentence_that_answers():
    text = """So, should you sell your console and switch to cloud gaming?
For a player with a fast connection, cloud gaming saves the console's upfront cost."""
    picked = [s for s, _ in best_sentences("should I sell my console for cloud gaming?", [passage(text)], limit=1)]
    assert picked == ["For a player with a fast connection, cloud gaming saves the console's upfront cost."]


def test_a_sentence_that_points_back_past_a_quoted_one_brings_what_lies_between():
    text = """Most cameras record only when they detect motion.
However, some can be configured for continuous recording.
It is worth checking whether your camera records only on motion."""
    picked = [s for s, _ in best_sentences("does my camera record only on motion?", [passage(text)], limit=2)]
    assert picked == text.splitlines()


def test_a_sentence_that_opens_with_a_connective_comes_with_the_sentence_it_answers():
    text = """Most models record only when they detect motion.
However, some record around the clock once continuous recording is switched on."""
    picked = best_sentences("can it do continuous recording around the clock?", [passage(text)], limit=1)
    assert [s for s, _ in picked] == text.splitlines()


SPECS = """The technical specifications are what set the headset apart.
Component | Specification Detail | Purpose in Spatial Computing
Display System | Dual Micro-OLED displays, totaling 23 million pixels. | Text stays sharp.
Sensors | 12 Cameras, 5 Sensors, 6 Microphones. | Tracking head, hands and eyes."""


def test_a_figure_in_a_table_is_quoted_as_its_row():
    picked = [s for s, _ in best_sentences("how many cameras does it have?", [passage(SPECS)])]
    assert "Sensors: 12 Cameras, 5 Sensors, 6 Microphones." in picked


def test_a_row_keeps_the_values_that_state_the_figure_with_short_column_names():
    weights = "Feature | Humane AI Pin | Rabbit R1\nWeight | 34 g | 115 g\nColour | white | orange"
    assert table_rows(weights, figure_asked("how heavy are they?").states) == ["Weight: Humane AI Pin 34 g; Rabbit R1 115 g."]
    speeds = "Resolution | Minimum Recommended Speed | Ideal Speed for Stability\n4K @ 60fps | 50 Mbps | 75+ Mbps"
    assert table_rows(speeds, figure_asked("what internet speed do I need for 4k?").states) == [
        "4K @ 60fps: Minimum Recommended Speed 50 Mbps; Ideal Speed for Stability 75+ Mbps."]
    continued = "Weight | approx. 0.98 lbs | approx. 1.28 lbs | Best balance"  # the header is in the passage before
    assert table_rows(continued, figure_asked("how heavy is it?").states) == ["Weight: approx. 0.98 lbs; approx. 1.28 lbs."]


def test_a_table_row_is_quoted_only_for_a_figure():
    assert all(" | " not in s and not s.startswith("Sensors") for s, _ in best_sentences("what sensors does it have?", [passage(SPECS)]))


def test_a_link_to_another_post_is_no_sentence_to_quote():
    text = ("Planning your days is essential. [Related: Elden Ring Beginners Guide] – While the athletes train, "
            "gamers are mastering the Lands Between!\nBook early. [Related: AI in Finance](https://hyperdaily.one/blog/x/)")
    assert passage_units(text) == ["Planning your days is essential.", "Book early."]


def test_another_sections_sentence_must_match_nearly_as_well_as_the_best_to_be_quoted():
    cloudy = passage("Solar panels still make power on cloudy days, at about a quarter of their output.", "solar")
    sunny = passage("Solar panels make less power on cloudy days than in full sun.", "sunny")
    picked = [s for s, _ in best_sentences("do solar panels still make power on cloudy days?", [cloudy, sunny],
                                           lead=1)]
    assert picked == ["Solar panels still make power on cloudy days, at about a quarter of their output."]


def test_another_sections_figure_does_not_stand_in_for_the_best_sections():
    laptops = passage("Samsung Galaxy Ring buyers often ask about laptops too: Copilot+ PCs cost $1,000.", "laptops")
    picked = [s for s, _ in best_sentences("how much does the samsung galaxy ring cost?", [passage(PRICE), laptops],
                                           lead=1)]
    assert "This typically falls between $299 and $399 USD." in picked


def test_yes_or_no_questions_are_told_from_the_others():
    assert asks_yes_or_no("can I run Llama 3.1 on my laptop?")
    assert asks_yes_or_no("and isn't it expensive?")
    assert not asks_yes_or_no("how risky is it to invest in DePIN tokens?")
    assert not asks_yes_or_no("claude or chatgpt, which is better for coding?")


def test_a_faq_answer_loses_its_verdict_and_keeps_what_it_says():
    assert without_verdict("No, AI cannot predict stock prices. Markets are noisy.") == (
        "AI cannot predict stock prices. Markets are noisy.")
    assert without_verdict("Yes, to a significant extent. Models can flag risks early.") == (
        "Models can flag risks early.")
    assert without_verdict("Absolutely. This is one of its best uses.") == "This is one of its best uses."
    assert without_verdict("Panels still produce power.") == "Panels still produce power."
    assert without_verdict("No subscription is needed: the price includes it.") == (
        "No subscription is needed: the price includes it.")  # the answer itself, not a verdict
    assert without_verdict("Not always. Many projects are problematic.") == "Many projects are problematic."
    assert without_verdict("Yes.") == "Yes."  # nothing else to say


def test_a_sentence_that_sends_the_reader_to_another_post_is_not_quoted():
    text = ("Level 2 charging at home needs a 240V circuit and a wall charger. Pair it with solar panels to charge "
            "on sunshine. Learn more about charging at home at HyperDaily's Smart Home Guide.")
    picked = [sentence for sentence, _ in best_sentences("how do I charge at home?", [passage(text)])]
    assert picked and not any("Learn more" in sentence for sentence in picked)


def test_a_sentence_quoted_alone_brings_the_next_when_that_goes_on_about_what_it_named():
    libraries = passage("Hybrid models are on the rise. Quantum machine learning libraries include TensorFlow Quantum "
                        "and PennyLane. These frameworks build and train hybrid quantum-classical models. Simulation is "
                        "another field entirely.")
    picked = [s for s, _ in best_sentences("what are tensorflow quantum and pennylane used for?", [libraries])]
    assert picked == ["Quantum machine learning libraries include TensorFlow Quantum and PennyLane.",
                      "These frameworks build and train hybrid quantum-classical models."]
    study = passage("A study found that developers using Copilot finish tasks 55% faster. This acceleration means "
                    "quicker releases for every team.")
    assert [s for s, _ in best_sentences("how much faster are developers with copilot?", [study])] == [
        "A study found that developers using Copilot finish tasks 55% faster."]  # a comment on it adds nothing


@pytest.mark.parametrize("hook", [
    "If you’re asking, “What is the Butterflies app?” you’re not alone.",
    "You might be wondering what the Butterflies app is.",
    "This comprehensive guide will walk you through the Butterflies app and its features.",
    "If you've ever wondered what the Butterflies app is and how it works, you're in the right place.",
    "Look no further than this guide if you want to know all about the Butterflies app.",
])
def test_a_hook_that_restates_the_question_is_never_quoted(hook):
    intro = passage(f"The Butterflies app is a social network where AI characters post alongside people. {hook} "
                    "It launched in 2024.")
    picked = [s for s, _ in best_sentences("what is the butterflies app?", [intro])]
    assert picked == ["The Butterflies app is a social network where AI characters post alongside people."]


def test_a_question_the_post_asks_is_quoted_with_the_answer_after_it():
    value = passage("The $3,499 price puts the headset out of reach for most buyers. It prompts the crucial question: is "
                    "the headset worth it?\nFor developers and businesses, the cost is manageable if the productivity "
                    "gains materialize.\nThe display uses two micro-OLED panels.")
    picked = [s for s, _ in best_sentences("is the headset worth it?", [value])]
    assert picked[-2:] == ["It prompts the crucial question: is the headset worth it?",
                           "For developers and businesses, the cost is manageable if the productivity gains materialize."]


CLEAN_UP = """The core purpose of Clean Up is to remove objects that distract from the main subject.
Here's a quick guide on its simple use:
1. Select a Photo: Open any image in the Photos app and tap "Edit."
1. Access Clean Up: Look for the brush icon labeled "Clean Up."
1. Brush Over: Brush over the object or person you wish to remove.
1. Review and Save: Tap "Done" to keep the result.
The results are often shockingly realistic."""


def test_a_how_to_question_gets_the_sections_numbered_steps_with_their_lead_in():
    reply = steps("how do I remove a person from a photo with Clean Up?", CLEAN_UP)
    assert reply is not None and reply.startswith("Here's a quick guide on its simple use:\n- Select a Photo: Open")
    assert reply.endswith("- Review and Save: Tap \"Done\" to keep the result.")


def test_steps_are_only_for_a_how_to_question_and_a_numbered_list_of_three_or_more():
    assert steps("what is Clean Up for?", CLEAN_UP) is None
    two = "\n".join(CLEAN_UP.splitlines()[:4])
    assert steps("how do I use Clean Up?", two) is None
    bullets = CLEAN_UP.replace("1. ", "- ")
    assert steps("how do I use Clean Up?", bullets) is None
    for question in ("how do they compare?", "how would you rate it?", "how do people use Clean Up?"):
        assert steps(question, CLEAN_UP) is None


def test_a_bullet_under_a_step_goes_with_it():
    nested = CLEAN_UP.replace('tap "Edit."', 'tap "Edit."\n- On an iPad, tap the pencil.')
    reply = steps("how do I remove a person with Clean Up?", nested)
    assert reply is not None
    assert '- Select a Photo: Open any image in the Photos app and tap "Edit." On an iPad' in reply
    assert reply.count("\n- ") == 4


def test_a_heading_says_how_to_do_what_a_how_to_question_asks():
    heading = "Mandatory Prerequisites: How to Start Elden Ring DLC"
    assert says_how_to("how do u start the shadow of the erdtree dlc", heading)
    assert says_how_to("how to start the DLC?", heading)
    assert not says_how_to("how do you start the DLC?", "Arming Yourself: New Weapons, Spells, and Builds")
    assert not says_how_to("how do I beat Messmer?", heading)
    assert not says_how_to("when does the DLC start?", heading)
