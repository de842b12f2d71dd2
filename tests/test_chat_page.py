"""The Gradio chat in a real browser: a reader opens it from a post, picks a starter and reads the answer."""

from __future__ import annotations

import pytest

from assistant.web import create_app
from tests.conftest import ARTICLES, GARDEN_TOOLS, ingested
from tests.servers import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chat_url(tmp_path_factory, embedder):
    assistant = ingested(tmp_path_factory.mktemp("chat-page"), {**ARTICLES, "garden-tools.md": GARDEN_TOOLS}, embedder)
    with serve(create_app(assistant.settings, assistant)) as url:
        yield url


def test_the_starters_go_once_the_reader_has_asked_and_come_back_on_clear(chat_url, browser):
    page = browser.new_page()
    page.goto(chat_url + "/?post=home-solar-panels-guide")
    starter = page.get_by_role("button", name="Do solar panels work on cloudy days?")
    starter.wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Summarize this post").is_visible()
    starter.click()
    page.get_by_text("Panels still produce power").first.wait_for(timeout=60_000)
    starter.wait_for(state="hidden", timeout=30_000)  # they only take room once a conversation has started
    assert not page.get_by_role("button", name="Summarize this post").is_visible()
    page.locator("button", has_text="Clear").click()
    starter.wait_for(timeout=30_000)
    page.close()


def test_the_chats_own_clear_icon_brings_the_starters_back_too(chat_url, browser):
    page = browser.new_page()
    page.goto(chat_url + "/?post=home-solar-panels-guide")
    starter = page.get_by_role("button", name="Can I install solar panels myself?")
    starter.click(timeout=60_000)
    page.get_by_text("licensed electrician").first.wait_for(timeout=60_000)
    starter.wait_for(state="hidden", timeout=30_000)
    page.get_by_role("button", name="The cited passages").click()
    no_sources = page.get_by_text("The passages behind the last answer appear here.")
    assert no_sources.count() == 0  # the answer's sources are shown
    page.locator("[aria-label='Clear']").click()
    starter.wait_for(timeout=30_000)
    no_sources.wait_for(timeout=30_000)  # and go with the chat
    page.close()


def test_a_reply_taller_than_the_chat_is_shown_from_its_start(chat_url, browser):
    page = browser.new_page(viewport={"width": 390, "height": 560}, is_mobile=True)
    page.goto(chat_url + "/")
    box = page.get_by_placeholder("Ask a question…")
    box.fill("how long do solar panels last?")
    box.press("Enter")
    page.get_by_text("25 to 30 years").first.wait_for(timeout=60_000)
    box.fill("what tools do I need as a beginner gardener?")
    box.press("Enter")
    page.get_by_text("Watering can").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1_000)  # the reply streams in a few words at a time
    shown = page.locator("#chat .bubble-wrap").bounding_box()
    question = page.locator("#chat .user-row").last.bounding_box()
    reply = page.locator("#chat .bot-row").last.bounding_box()
    assert question["height"] + reply["height"] > shown["height"]  # together they do not fit
    assert shown["y"] <= question["y"] < shown["y"] + 60  # the question at the top, the reply's start below it
    icon = page.locator("#chat [aria-label='Clear']").bounding_box()
    assert icon["y"] + icon["height"] <= question["y"]  # and clear of the chat's own clear icon
    page.close()


def test_on_a_phone_the_question_box_is_on_screen_beside_the_starters(chat_url, browser):
    page = browser.new_page(viewport={"width": 390, "height": 667}, is_mobile=True)
    page.goto(chat_url + "/?post=home-solar-panels-guide")
    page.get_by_role("button", name="Summarize this post").wait_for(timeout=60_000)
    box = page.get_by_placeholder("Ask a question…").bounding_box()
    assert box["y"] + box["height"] <= 667  # no scrolling to find where to type
    page.close()


def test_on_a_phone_the_chat_takes_the_starters_room_once_they_go(chat_url, browser):
    page = browser.new_page(viewport={"width": 390, "height": 667}, is_mobile=True)
    page.goto(chat_url + "/?post=home-solar-panels-guide")
    starter = page.get_by_role("button", name="Do solar panels work on cloudy days?")
    starter.wait_for(timeout=60_000)
    before = page.locator("#chat").bounding_box()["height"]
    starter.click()
    starter.wait_for(state="hidden", timeout=60_000)
    page.wait_for_timeout(500)
    assert page.locator("#chat").bounding_box()["height"] > before + 50  # no empty space where the starters were
    box = page.get_by_placeholder("Ask a question…").bounding_box()
    assert box["y"] + box["height"] <= 667  # and the question box is still on screen
    page.close()
