"""The reader's chat page (Gradio): history, streamed answers, linked citations, sources, starters, thumbs."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import gradio as gr

from assistant.assistant import Assistant
from assistant.questionlog import QuestionLog, worth_logging
from assistant.render import answer_markdown, escape, sources_markdown

STREAM_WORDS = 6  # words added per streamed update
STARTERS = 4  # questions offered before the reader has asked one
NO_SOURCES = "The passages behind the last answer appear here."
# On a phone the chat leaves room for the starters and the question box; once the starters go, it takes theirs.
CHAT_CSS = """@media (max-width: 640px) {
  #chat { height: 42vh !important; min-height: 200px !important; }
  #chat:not(:has(~ #starters button)) { height: calc(100dvh - 300px) !important; }
}"""
# Gradio's own autoscroll follows the end of a streamed reply, so a reply taller than the chat hid its start.
# Instead, each new question is scrolled to the top of the chat as its reply streams in below it, until the
# reader scrolls by hand.
SHOW_REPLY_FROM_START = """() => {
  let asked = 0, pinned = false;
  const stop = () => { pinned = false; };
  new MutationObserver(() => {
    const list = document.querySelector("#chat .bubble-wrap");
    if (!list) return;
    if (!list.dataset.pins) {
      list.dataset.pins = "1";
      ["wheel", "touchmove", "keydown"].forEach((e) => list.addEventListener(e, stop, {passive: true}));
    }
    const mine = list.querySelectorAll(".user-row");
    if (mine.length > asked) pinned = true;
    asked = mine.length;
    if (!pinned || !mine.length) return;
    // 40 px down: below the chat's clear icon
    const gap = mine[mine.length - 1].getBoundingClientRect().top - list.getBoundingClientRect().top - 40;
    const room = list.scrollHeight - list.clientHeight - list.scrollTop;
    if (gap > 0) list.scrollTop += Math.min(gap, room);
    if (gap <= room) pinned = false;
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def build_chat(assistant: Assistant, log: QuestionLog | None = None) -> gr.Blocks:
    """The chat as a Blocks app; open it at /?post=<slug> to favour that post and show its FAQ as starters."""

    def respond(message: str, history: list, page: str | None, log_ids: dict) -> Iterator[tuple]:
        history = list(history or [])
        if not (message or "").strip():  # Enter on an empty box: nothing was asked
            yield history, gr.update(), log_ids, ""
            return
        questions = [message_text(m) for m in history if m.get("role") == "user"]
        answer = assistant.ask(message or "", page=page, history=[_unescape(q) for q in questions])
        shown = answer.question or message.strip()
        shown += "…" if answer.notice == "too long" else ""
        kept = message if answer.notice == "too long" else ""  # to be cut down, not typed again
        history.append({"role": "user", "content": escape(shown)})
        history.append({"role": "assistant", "content": ""})
        full = answer_markdown(answer)
        words = full.split(" ")
        for end in range(STREAM_WORDS, len(words), STREAM_WORDS):
            history[-1] = {"role": "assistant", "content": " ".join(words[:end])}
            yield history, gr.update(), log_ids, kept
        history[-1] = {"role": "assistant", "content": full}
        if log is not None and worth_logging(answer):
            log_ids = {**log_ids, str(len(history) - 1): log.record(answer, channel="chat", page=page)}
        yield history, sources_markdown(answer), log_ids, kept

    def on_like(data: gr.LikeData, log_ids: dict) -> None:
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        qid = (log_ids or {}).get(str(index))
        if log is not None and qid and data.liked in (True, False):
            log.feedback(qid, 1 if data.liked else -1)

    def shown_starters(history: list, page: str | None) -> list:
        """The starters while the chat is empty; once the reader has asked, they only take room."""
        questions = [] if history else assistant.starter_questions(page)[:STARTERS]
        return [gr.update(value=q, visible=True) for q in questions] + [gr.update(visible=False)] * (
            STARTERS - len(questions))

    def on_load(request: gr.Request) -> tuple:
        # Gradio keeps ?page= for its own multipage apps, so the post comes as ?post=<slug>.
        page = (request.query_params.get("post") or "").strip("/ ") or None if request else None
        return (page, *shown_starters([], page))

    with gr.Blocks(title="Ask HyperDaily", fill_height=True) as demo:
        page = gr.State(None)
        log_ids = gr.State({})
        gr.Markdown("### Ask the HyperDaily blog\nAnswers come from the blog's own articles, with links to the section.")
        chatbot = gr.Chatbot(
            label="Chat", show_label=False, elem_id="chat", autoscroll=False, height="60vh", min_height=320,
            sanitize_html=True, render_markdown=True, feedback_options=("Like", "Dislike"),
            placeholder="Ask a question, or pick one below.",
            buttons=["copy"],
        )
        with gr.Row(elem_id="starters"):
            starters = [gr.Button(visible=False, size="sm", variant="secondary") for _ in range(STARTERS)]
        with gr.Row(equal_height=True):
            message = gr.Textbox(placeholder="Ask a question…", show_label=False, max_length=10000, scale=5,
                                 autofocus=True, submit_btn="Ask")
            clear = gr.Button("Clear", scale=1, min_width=80)
        with gr.Accordion("The cited passages", open=False):
            sources = gr.Markdown(NO_SOURCES)

        outputs = [chatbot, sources, log_ids, message]
        asked = [message.submit(respond, [message, chatbot, page, log_ids], outputs, api_name="respond")]
        asked += [button.click(respond, [button, chatbot, page, log_ids], outputs, api_visibility="private")
                  for button in starters]
        asked.append(clear.click(lambda: ([], NO_SOURCES, {}, ""), None, outputs, api_visibility="private"))
        # the chat's own trash icon empties the chat alone
        asked.append(chatbot.clear(lambda: (NO_SOURCES, {}), None, [sources, log_ids], api_visibility="private"))
        for event in asked:
            event.then(shown_starters, [chatbot, page], starters, api_visibility="private")
        chatbot.like(on_like, [log_ids], None, api_visibility="private")
        demo.load(on_load, None, [page, *starters], api_visibility="private")

        def ask(question: str, page: str = "") -> dict:
            """Ask the blog one question; returns the same JSON as POST /api/ask."""
            answer = assistant.ask(question, page=page or None)
            if log is not None and worth_logging(answer):
                log.record(answer, channel="chat", page=page or None)
            return answer.to_json()

        gr.api(ask, api_name="ask")
    # Gradio runs one event at a time by default; answers take ~12 ms on one thread, so let two cores work.
    demo.queue(default_concurrency_limit=2)
    return demo


def message_text(message: dict) -> str:
    """A chat message's text, whether Gradio gives its content as a string or as a list of parts."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def _unescape(text: str) -> str:
    """The reader's own words back from the escaped chat message."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text))
