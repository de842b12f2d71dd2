"""The HTTP side: the JSON API, the widget script and the Gradio chat, on one port."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from assistant.assistant import MAX_HISTORY_QUESTIONS, Assistant
from assistant.editors import editors_router
from assistant.questionlog import QuestionLog, worth_logging
from assistant.report import ReportBuilder
from ingest.loader import IngestError, load_corpus
from ingest.settings import Settings

logger = logging.getLogger("hyperfaq.web")
STATIC = Path(__file__).parent / "static"
MAX_BODY = 32 * 1024  # bytes of a POST /api/ask body
CHANNELS = {"api", "widget"}


class RateLimiter:
    """At most `per_minute` requests per client in any sliding minute; clients are kept as hashes only."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, client: str) -> tuple[bool, int]:
        """Whether the client may go on, and else the seconds to wait."""
        if self.per_minute <= 0:
            return True, 0
        key = hashlib.sha256(client.encode()).hexdigest()[:16]
        now = time.monotonic()
        with self._lock:
            hits = self._hits[key]
            while hits and now - hits[0] > 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False, int(60 - (now - hits[0])) + 1
            hits.append(now)
            if len(self._hits) > 100_000:  # forget idle clients rather than grow without end
                self._hits = defaultdict(deque, {k: v for k, v in self._hits.items() if v and now - v[-1] < 60})
            return True, 0


def duplicate_slugs(settings: Settings) -> dict[str, tuple[str, ...]]:
    """Slugs claimed by two files in the content folders, for the editors' coverage section."""
    try:
        return load_corpus(settings.content_dirs, settings.site_url).duplicate_slugs
    except IngestError:
        return {}


def client_address(request: Request, trusted_proxies: frozenset[str]) -> str:
    """The reader's address: the peer's, or, behind a trusted load balancer, the last untrusted hop it reports."""
    peer = request.client.host if request.client else "unknown"
    if peer not in trusted_proxies:
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    return next((h for h in reversed(hops) if h not in trusted_proxies), peer)


MAX_ORIGINS_WARNED = 100  # sites named in a warning once each; no more, whatever a client sends


def allows(origins: list[str], origin: str, host: str) -> bool:
    """Whether a browser request from `origin` may read the reply: an allowed site, or the server's own pages."""
    return "*" in origins or origin in origins or origin.split("://", 1)[-1] == host


def error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers or None)


def create_app(settings: Settings, assistant: Assistant | None = None, *, chat: bool = True) -> FastAPI:
    """The whole app: /api/ask, /health, /widget.js and, with chat=True, the Gradio chat at /."""
    assistant = assistant or Assistant(settings)
    log = QuestionLog(settings.log_path, retention_days=settings.log_retention_days)
    limiter = RateLimiter(settings.rate_limit)
    origins = settings.allowed_origins.split()
    proxies = frozenset(settings.trusted_proxies.split())
    widget = (STATIC / "widget.js").read_bytes()
    widget_etag = '"' + hashlib.sha256(widget).hexdigest()[:16] + '"'

    app = FastAPI(title="HyperDaily FAQ assistant", docs_url=None, redoc_url=None)
    app.state.assistant, app.state.log = assistant, log
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], max_age=600)

    warned: set[str] = set()

    @app.middleware("http")
    async def warn_of_unallowed_origin(request: Request, call_next):
        """The widget on a site CORS does not allow can only say "cannot be reached": the log tells the owner why."""
        origin = request.headers.get("origin")
        if (origin and origin not in warned and len(warned) < MAX_ORIGINS_WARNED
                and not allows(origins, origin, request.headers.get("host", ""))):
            warned.add(origin)
            logger.warning("A page on %s called %s, but HYPERFAQ_ALLOWED_ORIGINS (%s) does not allow that site, so "
                           "the browser kept the reply from it. To embed the widget there, add %s to "
                           "HYPERFAQ_ALLOWED_ORIGINS (space-separated).", origin, request.url.path,
                           " ".join(origins) or "empty", origin)
        return await call_next(request)

    @app.middleware("http")
    async def frame_ancestors(request: Request, call_next):  # noqa: ANN202
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'self' " + " ".join(origins))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.get("/health")
    def health() -> JSONResponse:
        try:
            chunks = assistant.store.count()
        except Exception as err:  # the store is a separate service in server mode
            return error(503, f"The vector store is unreachable ({err.__class__.__name__}); retry shortly.")
        return JSONResponse({"status": "ok", "chunks": chunks, "version": assistant.version})

    @app.get("/widget.js")
    def widget_js(request: Request) -> Response:
        headers = {"Cache-Control": "public, max-age=3600", "ETag": widget_etag, "Access-Control-Allow-Origin": "*"}
        if request.headers.get("if-none-match") == widget_etag:
            return Response(status_code=304, headers=headers)
        return Response(widget, media_type="application/javascript; charset=utf-8", headers=headers)

    @app.get("/api/starters")
    def starters(page: str | None = None) -> JSONResponse:
        """Questions to offer a reader who has not typed yet: on a post, "Summarize this post" and its FAQ."""
        page = page.strip("/ ")[:200] if page else None
        try:
            assistant.store.count()  # the starters come from memory: offer none that could not be answered now
            return JSONResponse({"questions": assistant.starter_questions(page or None)})
        except Exception as err:  # the store (a Chroma server in server mode) is down: the widget offers none
            logger.warning("starters failed: %s: %s", err.__class__.__name__, err)
            return error(503, "The assistant's article store is unreachable right now; please try again shortly.")

    @app.post("/api/ask")
    async def ask(request: Request) -> JSONResponse:
        allowed, wait = limiter.allow(client_address(request, proxies))
        if not allowed:
            return error(429, f"Too many questions; try again in {wait} s.", **{"Retry-After": str(wait)})
        declared = request.headers.get("content-length", "")
        too_big = declared.isdigit() and int(declared) > MAX_BODY  # refuse before reading what it announces
        body = b"" if too_big else await request.body()
        if too_big or len(body) > MAX_BODY:
            return error(413, f"The request body is over {MAX_BODY // 1024} KB; send one short question.")
        try:
            data = json.loads(body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return error(400, 'The body is not valid JSON; send {"question": "..."}.')
        if not isinstance(data, dict):
            return error(400, 'The body must be a JSON object like {"question": "..."}.')
        question, page, history = data.get("question"), data.get("page"), data.get("history") or []
        if not isinstance(question, str) or not question.strip():
            return error(422, 'The field "question" is missing or empty; send {"question": "..."}.')
        if page is not None and not isinstance(page, str):
            return error(422, 'The field "page" must be a post slug (a string) or left out.')
        if not isinstance(history, list):
            return error(422, 'The field "history" must be a list of earlier questions.')
        try:
            answer = await run_in_threadpool(assistant.ask, question, page, history[-4 * MAX_HISTORY_QUESTIONS:])
        except Exception as err:  # the store (a Chroma server in server mode) is down: say so, keep serving
            logger.warning("answering failed: %s: %s", err.__class__.__name__, err)
            return error(503, "The assistant's article store is unreachable right now; please try again shortly.",
                         **{"Retry-After": "5"})
        channel = data.get("channel") if data.get("channel") in CHANNELS else "api"
        reply = answer.to_json()
        logged = log.record(answer, channel=channel, page=page) if worth_logging(answer) else None
        if answer.notice:  # not searched ("empty", "small talk", "too long", "no subject", "not english"): no thumbs
            reply["notice"] = answer.notice
        elif logged:
            reply["id"] = logged  # for POST /api/feedback
        return JSONResponse(reply)

    @app.post("/api/feedback")
    async def feedback(request: Request) -> JSONResponse:
        """A reader's thumbs on an answer: {"id": <the id /api/ask returned>, "value": 1 or -1}."""
        try:
            data = json.loads((await request.body())[:MAX_BODY] or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return error(400, 'The body is not valid JSON; send {"id": "...", "value": 1}.')
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or data.get("value") not in (1, -1):
            return error(422, 'Send {"id": "<id from /api/ask>", "value": 1} or -1.')
        log.feedback(data["id"], data["value"])
        return JSONResponse({"ok": True})

    app.include_router(editors_router(settings, ReportBuilder(assistant, log), duplicate_slugs(settings)))

    if chat:
        import gradio as gr

        from assistant.chat import CHAT_CSS, SHOW_REPLY_FROM_START, build_chat

        app = gr.mount_gradio_app(app, build_chat(assistant, log), path="", footer_links=[], theme=gr.themes.Soft(),
                                  js=SHOW_REPLY_FROM_START, css=CHAT_CSS)
    return app
