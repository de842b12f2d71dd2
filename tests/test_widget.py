"""The widget in a real browser: headless Chromium opens a blog post that embeds it, asks, and follows the link."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.web import create_app
from ingest.pipeline import run_ingest
from ingest.settings import Settings
from tests.conftest import ARTICLES, GARDEN_TOOLS, write_blog
from tests.servers import free_port, serve

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser

POST = """<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Home Solar Panels</title></head>
<body><main><h1>Home Solar Panels: A Buyer's Guide</h1><p>Some article text.</p></main>
<script src="{api}/widget.js" defer data-title="Ask HyperDaily" data-accent="#0f766e"></script>
</body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, embedder):
    """The app on one port, and a static blog post embedding the widget on another (as the Astro site would)."""
    root = tmp_path_factory.mktemp("widget")
    blog_port = free_port()
    settings = Settings.from_env(environ={}, store=root / "store",
                                 allowed_origins=f"http://127.0.0.1:{blog_port}")
    run_ingest([write_blog(root / "blog", {**ARTICLES, "garden-tools.md": GARDEN_TOOLS})], settings, embedder=embedder)
    app = create_app(settings, Assistant(settings, embedder=embedder), chat=False)
    with serve(app) as api:
        post = root / "site" / "blog" / "home-solar-panels-guide"
        post.mkdir(parents=True)
        (post / "index.html").write_text(POST.format(api=api))
        handler = functools.partial(QuietHandler, directory=str(root / "site"))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", blog_port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{blog_port}/blog/home-solar-panels-guide/", api, app.state.log
        httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def open_widget(browser, page_url: str, **options):
    """A new tab on the blog post, with the widget opened."""
    page = browser.new_page(**options)
    page.goto(page_url)
    page.get_by_role("button", name="Ask HyperDaily").click()
    return page


def type_question(page, question: str) -> None:
    box = page.get_by_role("textbox", name="Your question")
    box.fill(question)
    box.press("Enter")


def wait_for_reply(page) -> None:
    """Until the last reply is no longer the "…" shown while the answer is on its way."""
    page.wait_for_function("() => !document.querySelector('#hyperfaq-widget').shadowRoot"
                           ".querySelector('.msg.bot:last-child').textContent.startsWith('\u2026')")


def test_reader_opens_the_widget_asks_and_gets_a_cited_answer(site, browser):
    page_url, api, _ = site
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_url, wait_until="networkidle")
    assert requests == [page_url, api + "/widget.js"]  # nothing but the script before the reader opens it

    page.get_by_role("button", name="Ask HyperDaily").click()
    type_question(page, "will my panels still make power on an overcast day?")
    link = page.locator(".src a").first
    link.wait_for(timeout=30_000)
    assert link.get_attribute("href") == (
        "https://hyperdaily.one/blog/home-solar-panels-guide/#q1-do-solar-panels-work-on-cloudy-days")
    assert "Panels still produce power" in page.locator(".msg.bot").last.inner_text()

    page.get_by_role("button", name="Not helpful").click()
    assert page.get_by_role("button", name="Not helpful").get_attribute("aria-pressed") == "true"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-open.png"))
    page.close()
    log = site[2]
    log.flush()
    rows = log.questions()
    assert [(r.question, r.channel, r.page, r.feedback) for r in rows] == [
        ("will my panels still make power on an overcast day?", "widget", "home-solar-panels-guide", -1)]


def test_an_answer_with_a_list_shows_one_bullet_to_a_line(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url)
    type_question(page, "what tools do I need as a beginner gardener?")
    page.locator(".src a").first.wait_for(timeout=30_000)
    items = page.locator(".msg.bot .item")
    assert items.all_inner_texts() == ["\u2022 Spade: For digging beds and moving soil.",
                                       "\u2022 Rake: For levelling the soil before sowing.",
                                       "\u2022 Watering can: For seedlings that a hose would wash away. [1]"]
    assert page.locator(".msg.bot").last.inner_text().startswith("Three tools cover most jobs:")
    page.close()


def test_html_typed_by_a_reader_is_shown_as_text(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url)
    typed = "<img src=x onerror=window.pwned=1>"
    type_question(page, typed)
    page.locator(".msg.bot").nth(1).wait_for()
    wait_for_reply(page)
    assert page.locator(".msg.me").last.inner_text() == typed
    assert page.locator("#hyperfaq-widget img").count() == 0
    assert page.evaluate("window.pwned") is None
    page.close()


def test_widget_on_a_phone_fills_the_screen(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url, viewport={"width": 390, "height": 740}, is_mobile=True)
    box = page.locator(".panel").bounding_box()
    assert box["width"] >= 385 and box["height"] >= 700
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-phone.png"))
    page.close()


def test_on_a_post_the_widget_offers_its_summary_and_faq_and_asks_the_one_clicked(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url)
    chips = page.locator(".chips button")
    chips.first.wait_for(timeout=30_000)
    assert chips.all_inner_texts() == ["Summarize this post", "Do solar panels work on cloudy days?",
                                       "Can I install solar panels myself?"]
    page.get_by_role("button", name="Do solar panels work on cloudy days?").click()
    page.locator(".src a").first.wait_for(timeout=30_000)
    assert page.locator(".msg.me").last.inner_text() == "Do solar panels work on cloudy days?"
    assert "Panels still produce power" in page.locator(".msg.bot").last.inner_text()
    assert page.locator(".chips").count() == 0  # gone once the reader has asked
    page.close()


def test_a_citation_marker_in_the_answer_links_to_its_section(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url)
    type_question(page, "how long do solar panels last?")
    page.locator(".src a").first.wait_for(timeout=30_000)
    marker = page.locator(".msg.bot").last.get_by_role("link", name="[1]", exact=True)
    assert marker.get_attribute("href") == page.locator(".src a").first.get_attribute("href")
    assert marker.get_attribute("href").startswith("https://hyperdaily.one/blog/home-solar-panels-guide/#")
    page.close()


def test_a_question_too_long_is_answered_with_how_long_it_may_be(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url)
    type_question(page, "why " * 375)  # 1,500 characters, pasted
    wait_for_reply(page)
    reply = page.locator(".msg.bot").last
    assert reply.inner_text() == (
        "That message is 1,499 characters long; please ask one question of at most 1,000 characters.")
    assert reply.get_by_role("button", name="Not helpful").count() == 0  # nothing was searched, nothing to rate
    assert page.get_by_role("textbox", name="Your question").input_value() == ("why " * 375).strip()  # to cut down
    page.close()


def too_many(route) -> None:
    """The reply of a server whose rate limit the reader has reached (test_web checks that it gives it)."""
    route.fulfill(status=429, body=json.dumps({"error": "Too many questions; please wait a moment and ask again."}),
                  headers={"Retry-After": "30", "Access-Control-Allow-Origin": "*"})


@pytest.mark.parametrize(("failure", "reply"), [
    (lambda route: route.abort(), "The assistant cannot be reached"),  # the reader's connection drops
    (too_many, "Too many questions"),
])
def test_a_question_the_network_lost_or_the_rate_limit_refused_stays_in_the_box_to_ask_again(
        site, browser, failure, reply):
    page_url, api, _ = site
    page = open_widget(browser, page_url)
    page.route(api + "/api/ask", failure)
    type_question(page, "how long do solar panels last?")
    wait_for_reply(page)
    assert page.locator(".msg.bot").last.inner_text().startswith(reply)
    assert page.get_by_role("textbox", name="Your question").input_value() == "how long do solar panels last?"
    page.close()


def test_a_reply_taller_than_the_panel_is_shown_from_its_start(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url, viewport={"width": 390, "height": 330}, is_mobile=True)
    type_question(page, "what tools do I need as a beginner gardener?")
    page.locator(".src a").first.wait_for(timeout=30_000)
    page.wait_for_timeout(100)  # the scroll comes after the reply is filled in
    shown = page.locator(".list").bounding_box()
    question, reply = page.locator(".msg.me").last.bounding_box(), page.locator(".msg.bot").last.bounding_box()
    assert question["height"] + reply["height"] > shown["height"]  # together they do not fit
    assert shown["y"] <= question["y"] < shown["y"] + 40  # the question at the top, the reply's start below it
    page.close()


def test_escape_closes_the_panel_and_gives_the_focus_back_to_its_button(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url)
    page.get_by_role("textbox", name="Your question").press("Escape")
    assert page.locator(".panel").is_hidden()
    focused = page.evaluate("document.querySelector('#hyperfaq-widget').shadowRoot.activeElement.className")
    assert focused == "btn"  # a keyboard reader is not left on the hidden question box
    page.close()


def test_on_a_phone_a_citation_to_the_post_being_read_closes_the_panel_over_it(site, browser):
    page_url, _, _ = site
    page = open_widget(browser, page_url, viewport={"width": 390, "height": 740}, is_mobile=True)
    type_question(page, "how long do solar panels last?")
    page.locator(".src a").first.wait_for(timeout=30_000)
    # The links go to hyperdaily.one, which is not served here: the page stays put, as on the blog itself, where a
    # link to the post being read only scrolls to its section.
    page.evaluate("document.addEventListener('click', (e) => e.preventDefault(), true)")
    page.locator(".src a").first.click()
    assert page.locator(".panel").is_hidden()  # else the section scrolls into view behind a full-screen panel
    assert page.get_by_role("button", name="Ask HyperDaily").is_visible()
    page.close()
