"""The editors' report from questions replayed through the real API into a real log."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import urllib.error
import urllib.request

import pytest

from assistant.assistant import NOT_COVERED, Assistant
from assistant.editors import chart
from assistant.models import Answer
from assistant.questionlog import QuestionLog, worth_logging
from assistant.report import ReportBuilder, to_csv, to_markdown
from assistant.web import create_app
from ingest.pipeline import run_ingest
from ingest.settings import Settings
from tests.conftest import write_blog
from tests.servers import serve

CAST_IRON = [
    "how do I clean a cast iron pan?",
    "what's the best way to clean a cast iron skillet",
    "cleaning a cast-iron pan after cooking",
    "how should I wash my cast iron skillet?",
    "how to clean cast iron pans properly",
]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory, embedder):
    """A server with a log that readers have asked into: five ways of one missing topic, answered questions, a
    thumbs down."""
    root = tmp_path_factory.mktemp("report")
    settings = Settings.from_env(environ={}, store=root / "store", rate_limit=0, editor_user="editor",
                                 editor_password="s3cret pass", content=str(root / "blog"))
    run_ingest([write_blog(root / "blog")], settings, embedder=embedder)
    assistant = Assistant(settings, embedder=embedder)
    app = create_app(settings, assistant, chat=False)
    with serve(app) as url:
        for question in CAST_IRON:
            ask(url, question, page="sourdough-bread-beginners")
        for _ in range(3):
            ask(url, "how long do solar panels last?")
        disliked = ask(url, "do solar panels work on cloudy days?")
        post(url + "/api/feedback", {"id": disliked["id"], "value": -1})
        ask(url, "my email is jane.doe@example.com, how much do solar panels cost?")
        for small_talk in ("hi", "thanks!"):
            ask(url, small_talk)
        for _ in range(2):
            ask(url, "Summarize this post", page="home-solar-panels-guide")
            ask(url, "who won the 2018 world cup?")
        app.state.log.flush()
        yield url, settings, app.state.log, assistant


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def ask(url: str, question: str, page: str | None = None) -> dict:
    return post(url + "/api/ask", {"question": question, "page": page})


def get(url: str, auth: tuple[str, str] | None = None) -> tuple[int, str, dict]:
    headers = {"Authorization": "Basic " + base64.b64encode(":".join(auth).encode()).decode()} if auth else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), err.headers


def build(replayed):
    _, _, log, assistant = replayed
    return ReportBuilder(assistant, log).build()


def test_a_topic_asked_five_ways_is_one_row_in_the_right_post(replayed):
    report = build(replayed)
    cast_iron = [t for t in report.missing if "cast" in t.question.lower()]
    assert len(cast_iron) == 1
    topic = cast_iron[0]
    assert topic.count == 5 and set(topic.phrasings) == set(CAST_IRON)
    assert topic.slug == "sourdough-bread-beginners" and topic.reason == "asked from this post"


def test_the_faq_stub_takes_the_next_free_number_and_is_a_draft(replayed):
    topic = next(t for t in build(replayed).missing if "cast" in t.question.lower())
    assert topic.faq_entry.startswith("### Q2. ")  # the sourdough post has Q1 already
    assert "DRAFT" in topic.faq_entry


def test_answered_questions_are_not_missing(replayed):
    report = build(replayed)
    assert not any("solar" in t.question.lower() for t in report.missing)
    assert report.questions == 14 and report.answered == 7  # "hi" and "thanks!" are small talk, never logged


def test_small_talk_logged_before_it_was_answered_as_such_is_no_missing_faq(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    for text in ("hi", "Thanks!", "?"):  # as an older version logged them: searched, and not covered
        log.record(Answer(question=text, answered=False, answer=NOT_COVERED, confidence=0.01), channel="chat")
    log.record(assistant.ask("how do I clean a cast iron pan?", page="sourdough-bread-beginners"), channel="chat",
               page="sourdough-bread-beginners")
    log.flush()
    assert [t.question for t in ReportBuilder(assistant, log).build().missing] == ["how do I clean a cast iron pan?"]


def test_an_answer_readers_disliked_is_not_offered_for_promotion(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    ids = [log.record(assistant.ask(q), channel="chat") for q in ("how long do solar panels last?",
                                                                   "how many years do solar panels last?",
                                                                   "what is the lifespan of solar panels?")]
    log.flush()
    assert [t.count for t in ReportBuilder(assistant, log).build().promote] == [3]
    for qid in ids[:2]:
        log.feedback(qid, -1)
    log.flush()
    report = ReportBuilder(assistant, log).build()
    assert report.promote == () and len(report.unhelpful) == 2


def test_a_question_asked_from_a_post_is_one_topic_with_its_wording_in_more_words(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    for question in ("how much are tickets?", "how much are tickets?", "how much are sourdough class tickets"):
        log.record(assistant.ask(question, page="sourdough-bread-beginners"), channel="widget",
                   page="sourdough-bread-beginners")
    log.flush()
    assert [(t.question, t.count) for t in ReportBuilder(assistant, log).build().missing] == [
        ("how much are tickets?", 3)]


def test_a_draft_writes_the_readers_words_with_the_blogs_capitals(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    log.record(Answer(question="can i freeze the dough before baking it in a dutch oven", answered=False,
                      answer=NOT_COVERED, confidence=0.2), channel="widget", page="sourdough-bread-beginners")
    log.flush()
    entry = ReportBuilder(assistant, log).build().missing[0].faq_entry
    assert entry.startswith("### Q2. Can I freeze the dough before baking it in a Dutch oven?\n")


def test_a_missing_faq_that_the_posts_own_faq_may_answer_says_so(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    log.record(Answer(question="why does my loaf come out so heavy and dense", answered=False, answer=NOT_COVERED,
                      confidence=0.3), channel="widget", page="sourdough-bread-beginners")
    log.flush()
    report = ReportBuilder(assistant, log).build()
    assert "“Why is my sourdough so dense?”" in report.missing[0].answered_by
    assert "Perhaps answered already by the post's FAQ “Why is my sourdough so dense?”" in to_markdown(report)


def test_a_post_whose_faq_has_no_numbers_gets_a_draft_without_one(tmp_path, embedder):
    post = ('---\ntitle: "Kettles Explained"\nslug: "kettles"\n---\n\n# Kettles Explained\n\nA kettle boils water.\n\n'
            "## FAQs\n\n### Do kettles use much power?\n\nAbout 2 kW while they boil.\n")
    settings = Settings.from_env(environ={}, store=tmp_path / "store")
    run_ingest([write_blog(tmp_path / "blog", {"kettles.md": post})], settings, embedder=embedder)
    assistant = Assistant(settings, embedder=embedder)
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    log.record(Answer(question="can i descale it with vinegar", answered=False, answer=NOT_COVERED, confidence=0.2),
               channel="widget", page="kettles")
    log.flush()
    entry = ReportBuilder(assistant, log).build().missing[0].faq_entry
    assert entry.startswith("### Can I descale it with vinegar?\n")


def test_a_question_near_no_post_is_off_the_blogs_subjects_not_a_missing_faq(replayed):
    report = build(replayed)
    assert [(t.question, t.count, t.slug, t.faq_entry) for t in report.off_topic] == [
        ("who won the 2018 world cup?", 2, None, "")]
    assert not any("world cup" in t.question for t in report.missing)
    assert "## Off the blog's subjects" in to_markdown(report) and "off-topic,who won" in to_csv(report)


def test_answered_from_body_text_often_is_a_candidate_to_promote(replayed):
    promote = build(replayed).promote  # but not "Summarize this post", asked twice: it is the chat's starter
    assert [t.question for t in promote] == ["how long do solar panels last?"]
    assert promote[0].count == 3 and promote[0].url.endswith("#maintenance--lifespan")


def test_a_thumbs_down_appears_under_unhelpful(replayed):
    unhelpful = build(replayed).unhelpful
    assert [u.question for u in unhelpful] == ["do solar panels work on cloudy days?"]
    assert unhelpful[0].url.endswith("#q1-do-solar-panels-work-on-cloudy-days")


def test_exports_carry_the_rows(replayed):
    report = build(replayed)
    assert "cast iron" in to_markdown(report) and "### Q2." in to_markdown(report)
    assert to_csv(report).splitlines()[0].startswith("section,question,count")


def test_nothing_personal_is_stored_in_clear(replayed):
    _, settings, _, _ = replayed
    with sqlite3.connect(settings.log_path) as db:
        dump = "\n".join(db.iterdump())
    assert "127.0.0.1" not in dump
    assert "jane.doe@example.com" not in dump and "[email]" in dump


def test_editors_page_refuses_without_login_and_works_with_one(replayed):
    url = replayed[0]
    status, _, headers = get(url + "/editors")
    assert status == 401 and headers["WWW-Authenticate"].startswith("Basic")
    assert get(url + "/editors", ("editor", "wrong"))[0] == 401
    status, body, _ = get(url + "/editors", ("editor", "s3cret pass"))
    assert status == 200 and "Missing FAQs" in body and "cast iron" in body and "<svg" in body
    status, body, headers = get(url + "/editors/report.csv?page=sourdough-bread-beginners", ("editor", "s3cret pass"))
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and "cast iron" in body


def test_editors_page_is_off_without_credentials(tmp_path, replayed):
    _, settings, _, assistant = replayed
    with serve(create_app(settings.with_(editor_password="", log_db=str(tmp_path / "log.db")), assistant,
                          chat=False)) as url:
        status, body, _ = get(url + "/editors", ("editor", ""))
    assert status == 404 and "HYPERFAQ_EDITOR_USER" in body


def test_readers_cannot_see_other_readers_questions(replayed):
    url = replayed[0]
    for path in ("/editors/report.md", "/editors/report.csv"):
        assert get(url + path)[0] == 401
    _, body, _ = get(url + "/health")
    assert "cast" not in body


def test_old_questions_are_deleted_after_the_retention_period(tmp_path):
    from assistant.models import Answer

    log = QuestionLog(tmp_path / "log.sqlite3", retention_days=30)
    log.record(Answer("old question", False, "x", 0.1), channel="api", asked_at=1.0)
    log.record(Answer("new question", False, "x", 0.1), channel="api")
    log.flush()
    assert log.purge() == 1
    assert [q.question for q in log.questions()] == ["new question"]


def test_questions_logged_without_a_vector_do_not_shift_the_topics():
    import numpy as np

    from assistant.questionlog import LoggedQuestion
    from assistant.report import group_topics

    def row(question, vector):
        return LoggedQuestion("id-" + question, 1.0, "api", None, question, False, 0.1, None, None, None, None, "",
                              None, None if vector is None else np.asarray(vector, dtype=np.float32))

    rows = [row("old row", None)] * 3 + [row("solar cost", [1, 0])] * 2 + [row("price of solar", [0.99, 0.05])]
    topics = {tuple(sorted(r.question for r in topic)) for topic in group_topics(rows)}
    assert topics == {("price of solar", "solar cost", "solar cost"), ("old row", "old row", "old row")}


def test_a_missing_faq_on_one_side_gets_no_draft_from_a_section_that_never_speaks_of_it(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    answer = assistant.ask("what are the drawbacks of solar panels?")
    assert not answer.answered
    log.record(answer, channel="widget", page="home-solar-panels-guide")
    log.flush()
    topic = ReportBuilder(assistant, log).build().missing[0]
    assert topic.slug == "home-solar-panels-guide"
    assert "(write the answer here)" in topic.faq_entry  # not a sentence on what panels cost or how long they last


def test_a_missing_figure_gets_no_draft_from_a_sentence_that_never_gives_it(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    answer = assistant.ask("how much does a solar panel weigh?")
    assert not answer.answered  # the post says what panels cost, never what they weigh
    log.record(answer, channel="widget", page="home-solar-panels-guide")
    log.flush()
    topic = ReportBuilder(assistant, log).build().missing[0]
    assert topic.slug == "home-solar-panels-guide"
    assert "(write the answer here)" in topic.faq_entry  # not "$15,000 and $25,000"


def test_one_day_of_questions_is_a_bar_and_a_point_not_a_slab():
    svg = chart((("2026-11-27", 12, 9),))
    bar = re.search(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)
    assert float(bar.group(1)) <= 40  # not the chart's whole 720 width
    assert svg.count("<circle") == 1  # the answered share of that day, which a one-point line does not draw


def test_requests_for_posts_are_missing_subjects_and_questions_about_the_blog_are_none(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    asked = [("any posts about cast iron pans?", "sourdough-bread-beginners"),
             ("what else should I read?", "sourdough-bread-beginners"),  # no other post is like it: not covered
             ("when was this post published?", "home-solar-panels-guide"),
             ("who wrote this article?", "solar-roof-tiles"),  # it names no author: not answered
             ("do you have any articles about solar power?", None), ("any posts on solar power?", None)]
    for question, page in asked:
        log.record(assistant.ask(question, page=page), channel="chat", page=page)
    log.flush()
    report = ReportBuilder(assistant, log).build()
    assert [t.question for t in report.missing] == ["What is cast iron pans?"]
    assert "### Q" in report.missing[0].faq_entry and "any posts" not in report.missing[0].faq_entry.lower()
    assert not report.promote


def test_questions_in_another_language_are_counted_apart_never_missing(replayed, tmp_path):
    _, _, _, assistant = replayed
    log = QuestionLog(str(tmp_path / "questions.sqlite3"))
    for question in ["¿Cuánto cuestan los paneles solares?"] * 2 + ["hi", "any posts about cast iron pans?"]:
        answer = assistant.ask(question)
        if worth_logging(answer):  # as the chat, the widget and the API log them
            log.record(answer, channel="widget")
    log.flush()
    report = ReportBuilder(assistant, log).build()
    assert report.questions == 3  # not "hi"
    assert report.other_language == (("¿Cuánto cuestan los paneles solares?", 2),)
    topics = [*report.missing, *report.off_topic]  # the request for posts only, off the blog's subjects here
    assert len(topics) == 1 and "cast iron" in topics[0].question
    markdown = to_markdown(report)
    assert "## Asked in another language" in markdown and "- ¿Cuánto cuestan los paneles solares? (2 asked)" in markdown
    assert "other-language,¿Cuánto cuestan los paneles solares?,2" in to_csv(report)
