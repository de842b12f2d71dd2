"""The HTTP API, the widget script and the Gradio chat, through a real server on a free port."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from assistant.assistant import Assistant
from assistant.chat import message_text
from assistant.web import create_app
from ingest.pipeline import run_ingest
from ingest.settings import Settings
from tests.conftest import write_blog
from tests.servers import serve

SOLAR = "https://hyperdaily.one/blog/home-solar-panels-guide/"


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory, embedder) -> Settings:
    root = tmp_path_factory.mktemp("web")
    settings = Settings.from_env(environ={}, store=root / "store", rate_limit=1000)
    run_ingest([write_blog(root / "blog")], settings, embedder=embedder)
    return settings


@pytest.fixture(scope="module")
def assistant(web_settings, embedder) -> Assistant:
    return Assistant(web_settings, embedder=embedder)


@pytest.fixture(scope="module")
def server(web_settings, assistant):
    with serve(create_app(web_settings, assistant)) as url:
        yield url


def post(url: str, body: bytes | str, headers: dict | None = None) -> tuple[int, dict, dict]:
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read()), err.headers


def get(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.read(), response.headers


def test_ask_returns_the_cli_json(server):
    status, data, _ = post(server + "/api/ask", json.dumps({"question": "do panels work when it is cloudy?"}))
    assert status == 200
    assert data["answered"] is True
    assert data["citations"][0]["url"] == SOLAR + "#q1-do-solar-panels-work-on-cloudy-days"
    assert set(data["citations"][0]) >= {"slug", "title", "section", "url", "kind", "score"}


def test_a_message_that_is_not_searched_says_why_and_has_nothing_to_rate(server):
    status, data, _ = post(server + "/api/ask", json.dumps({"question": "how long do panels last? " * 60}))
    assert status == 200 and data["notice"] == "too long" and "id" not in data
    assert "1,000 characters" in data["answer"]
    searched = post(server + "/api/ask", '{"question": "how long do solar panels last?"}')[1]
    assert "notice" not in searched and searched["id"]


def test_a_question_in_another_language_is_asked_again_in_english_with_nothing_to_rate(server):
    status, data, _ = post(server + "/api/ask", json.dumps({"question": "¿Cuánto cuestan los paneles solares?"}))
    assert status == 200 and data["notice"] == "not english" and "id" not in data
    assert not data["answered"] and "in English" in data["answer"]


def test_ask_with_page_and_history(server):
    body = {"question": "and what about the oven temperature?", "page": "sourdough-bread-beginners",
            "history": ["how do I feed a sourdough starter?"]}
    status, data, _ = post(server + "/api/ask", json.dumps(body))
    assert status == 200 and data["citations"][0]["url"].endswith("#baking-the-loaf")


def test_starters_offer_a_posts_summary_and_faq_or_questions_from_across_the_blog(server):
    status, body, _ = get(server + "/api/starters?page=home-solar-panels-guide")
    assert status == 200 and json.loads(body)["questions"] == [
        "Summarize this post", "Do solar panels work on cloudy days?", "Can I install solar panels myself?"]
    on_home = json.loads(get(server + "/api/starters")[1])["questions"]
    assert on_home and "Summarize this post" not in on_home
    assert json.loads(get(server + "/api/starters?page=no-such-post")[1])["questions"] == on_home


def test_health(server):
    status, body, _ = get(server + "/health")
    assert status == 200 and json.loads(body)["status"] == "ok" and json.loads(body)["chunks"] > 0


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ("{not json", 400, "not valid JSON"),
        ("[1, 2]", 400, "JSON object"),
        ("{}", 422, '"question"'),
        ('{"question": "   "}', 422, '"question"'),
        ('{"question": 42}', 422, '"question"'),
        ('{"question": "solar?", "page": 7}', 422, '"page"'),
        ('{"question": "solar?", "history": "x"}', 422, '"history"'),
        (json.dumps({"question": "x" * 40_000}), 413, "KB"),
    ],
)
def test_bad_requests_get_a_json_4xx(server, body, status, words):
    got, data, _ = post(server + "/api/ask", body)
    assert got == status and words in data["error"]


def test_rate_limit_answers_429(web_settings, assistant):
    limited = web_settings.with_(rate_limit=3)
    with serve(create_app(limited, assistant, chat=False)) as url:
        statuses = [post(url + "/api/ask", '{"question": "solar panel cost?"}')[0] for _ in range(5)]
        status, data, headers = post(url + "/api/ask", '{"question": "solar panel cost?"}')
    assert statuses == [200, 200, 200, 429, 429]
    assert status == 429 and "Too many" in data["error"] and int(headers["Retry-After"]) > 0


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(web_settings, assistant):
    behind = web_settings.with_(rate_limit=2, trusted_proxies="127.0.0.1")
    with serve(create_app(behind, assistant, chat=False)) as url:
        def status(reader: str) -> int:
            return post(url + "/api/ask", '{"question": "solar panel cost?"}', {"X-Forwarded-For": reader})[0]

        assert [status("203.0.113.7") for _ in range(3)] == [200, 200, 429]
        assert status("198.51.100.9") == 200


def test_widget_script_is_small_and_cacheable(server):
    status, body, headers = get(server + "/widget.js")
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    assert len(body) < 10_000
    assert "ETag" in headers and "max-age" in headers["Cache-Control"]


def test_cors_allows_the_blog_and_not_others(server):
    def preflight(origin: str) -> dict:
        request = urllib.request.Request(server + "/api/ask", method="OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return dict(response.headers)
        except urllib.error.HTTPError as err:
            return dict(err.headers)

    assert preflight("https://hyperdaily.one").get("access-control-allow-origin") == "https://hyperdaily.one"
    assert "access-control-allow-origin" not in {k.lower() for k in preflight("https://evil.example")}


def test_a_call_from_a_site_cors_does_not_allow_tells_the_owner_how_to_allow_it(server, caplog):
    """The widget on such a site can only say "cannot be reached": the server's log says why and what to set."""
    def ask_from(origin: str) -> int:
        return post(server + "/api/ask", json.dumps({"question": "hi"}), {"Origin": origin})[0]

    with caplog.at_level("WARNING", logger="hyperfaq.web"):
        assert ask_from("https://myblog.example") == 200  # answered: the browser, not the server, withholds it
        ask_from("https://myblog.example")
        ask_from("https://hyperdaily.one")  # allowed
        ask_from(server)  # the chat's own page
    warnings = [r.getMessage() for r in caplog.records if r.name == "hyperfaq.web"]
    assert len(warnings) == 1  # once for the site, not once a question
    assert "https://myblog.example" in warnings[0] and "add https://myblog.example to HYPERFAQ_ALLOWED_ORIGINS" \
        in warnings[0]


def test_chat_page_opens_for_a_post(server):
    status, body, _ = get(server + "/?post=home-solar-panels-guide")
    assert status == 200 and b"<html" in body


def test_chat_page_may_be_framed_only_by_allowed_origins(server):
    _, _, headers = get(server + "/")
    assert "frame-ancestors 'self' https://hyperdaily.one" in headers["content-security-policy"]


def test_gradio_chat_through_the_official_client(server):
    from gradio_client import Client

    client = Client(server + "/", verbose=False)
    data = client.predict("can I install solar panels myself?", "", api_name="/ask")
    assert data["answered"] is True
    assert data["citations"][0]["url"] == SOLAR + "#q2-can-i-install-solar-panels-myself"
    history, sources, cleared = client.predict("<b>how long</b> do solar panels last?", [], api_name="/respond")
    question, reply = (message_text(m) for m in history)
    assert question.startswith("&lt;b&gt;how long&lt;/b&gt;")  # the reader's text stays text
    assert "(https://hyperdaily.one/blog/home-solar-panels-guide/#maintenance--lifespan)" in reply
    assert "Sources" in reply and cleared == ""
    assert "Maintenance &amp; Lifespan" in sources


def test_an_empty_message_in_the_chat_adds_nothing(server):
    from gradio_client import Client

    history, _, cleared = Client(server + "/", verbose=False).predict("   ", [], api_name="/respond")
    assert history == [] and cleared == ""


def test_a_question_too_long_for_the_chat_stays_in_the_box_to_be_cut_down(server):
    from gradio_client import Client

    question = "how long do solar panels last? " * 100
    history, _, kept = Client(server + "/", verbose=False).predict(question, [], api_name="/respond")
    shown, reply = (message_text(m) for m in history)
    assert "characters" in reply and kept == question
    assert shown.endswith("…") and len(shown) < 300  # the start of it, marked as cut


def test_chat_reads_a_follow_up_with_the_earlier_question(server):
    from gradio_client import Client

    client = Client(server + "/", verbose=False)
    history, _, _ = client.predict("How often should I feed my sourdough starter?", [], api_name="/respond")
    history, _, _ = client.predict("and what oven temperature?", history, api_name="/respond")
    assert "#baking-the-loaf" in message_text(history[-1])
