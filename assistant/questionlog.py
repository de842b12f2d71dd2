"""The question log: every reader question with its outcome and thumbs, written off the answer's path."""

from __future__ import annotations

import queue
import re
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.database import Database
from assistant.models import Answer

logger = logging.getLogger("hyperfaq.questionlog")

@dataclass(frozen=True)
class LoggedQuestion:
    id: str
    asked_at: float
    channel: str
    page: str | None
    question: str
    answered: bool
    confidence: float
    top_slug: str | None
    top_section: str | None
    top_url: str | None
    top_kind: str | None
    answer: str
    feedback: int | None
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


def worth_logging(answer: Answer) -> bool:
    """Whether a reply goes to the log: a searched question, and one in another language (editors see how many
    readers ask in one); not an empty or over-long message, small talk, or one that names no subject."""
    return bool(answer.question) and answer.notice in ("", "not english")


class QuestionLog:
    """Records questions from a background thread, so that logging never slows an answer.

    Nothing about the reader is stored: no IP address, no cookie, no user agent; only what was asked where.

    >>> log = QuestionLog("questions.sqlite3")
    >>> qid = log.record(answer, channel="widget", page="some-post")
    >>> log.feedback(qid, -1)
    """

    def __init__(self, target: str | Path, *, retention_days: int = 180) -> None:
        self.target = str(target)
        self.retention_days = retention_days
        with self._connect() as db:
            db.create_schema()
        self.purge()
        self._queue: queue.Queue = queue.Queue()
        self._writer = threading.Thread(target=self._write_loop, name="question-log", daemon=True)
        self._writer.start()

    @contextmanager
    def _connect(self) -> Iterator[Database]:
        db = Database(self.target)
        try:
            yield db
        finally:
            db.close()

    def record(self, answer: Answer, *, channel: str, page: str | None = None, asked_at: float | None = None) -> str:
        qid = uuid.uuid4().hex
        top = answer.citations[0] if answer.citations else None
        vector = None if answer.vector is None else np.asarray(answer.vector, dtype=np.float16).tobytes()
        row = (
            qid, asked_at or time.time(), channel, page, scrub(answer.question), int(answer.answered),
            answer.confidence, top.slug if top else None, top.section if top else None, top.url if top else None,
            top.kind if top else None, answer.answer, None, vector,
        )
        self._queue.put(("INSERT INTO questions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row))
        return qid

    def feedback(self, qid: str, value: int) -> None:
        self._queue.put(("UPDATE questions SET feedback = ? WHERE id = ?", (1 if value > 0 else -1, qid)))

    def flush(self) -> None:
        """Wait until every queued write is in the database."""
        self._queue.join()

    def _write_loop(self) -> None:
        db = Database(self.target)
        while True:
            sql, params = self._queue.get()
            try:
                db.execute(sql, params)
            except Exception as err:  # a lost log row must never take the server down
                logger.warning("question log: %s", err)
                if getattr(db.connection, "closed", False):
                    db = Database(self.target)  # the database went away; reconnect for the next row
            finally:
                self._queue.task_done()

    def purge(self) -> int:
        """Delete questions older than the retention period; return how many."""
        if self.retention_days <= 0:
            return 0
        with self._connect() as db:
            cursor = db.execute("DELETE FROM questions WHERE asked_at < ?", (time.time() - self.retention_days * 86400,))
            return cursor.rowcount

    def questions(self, since: float | None = None, page: str | None = None) -> list[LoggedQuestion]:
        sql = "SELECT * FROM questions WHERE asked_at >= ?"
        params: list[object] = [since or 0.0]
        if page:
            sql += " AND (page = ? OR top_slug = ?)"
            params += [page, page]
        with self._connect() as db:
            rows = db.execute(sql + " ORDER BY asked_at", params).fetchall()
        return [
            LoggedQuestion(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                           None if r[13] is None else np.frombuffer(bytes(r[13]), dtype=np.float16).astype(np.float32))
            for r in rows
        ]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{7,}\d")


def scrub(question: str) -> str:
    """The question with e-mail addresses and phone numbers a reader may have typed replaced by placeholders."""
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", question))
