"""The editors' report at scale: 100,000 logged questions, and what logging adds to an answer.

    python bench/report.py [--rows 100000]

Asks ~2,000 distinct real questions (the evaluation set in several phrasings) through the Assistant on the full
corpus, logs 100,000 of their answers with times spread over 90 days, then times the report.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from common import corpus_store, load_questions
from latency import percentile

PHRASINGS = ["{q}", "{q}?", "quick question: {q}", "{q} please", "hey, {q}", "i wonder {q}", "{q} thanks",
             "can you tell me {q}"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()

    from assistant.assistant import Assistant
    from assistant.questionlog import QuestionLog
    from assistant.report import ReportBuilder
    from ingest.settings import Settings

    assistant = Assistant(Settings.from_env(store=corpus_store()))
    questions = [p.format(q=q.question.rstrip("?")) for q in load_questions() for p in PHRASINGS]
    started = time.perf_counter()
    answers = [assistant.ask(q) for q in questions]
    ask_seconds = time.perf_counter() - started
    slugs = sorted({c.slug for a in answers for c in a.citations})
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        log = QuestionLog(Path(tmp) / "log.sqlite3", retention_days=0)
        record_us: list[float] = []
        now = time.time()
        for _ in range(args.rows):
            answer = rng.choice(answers)
            page = rng.choice(slugs) if rng.random() < 0.5 else None
            t0 = time.perf_counter()
            log.record(answer, channel="widget", page=page, asked_at=now - rng.random() * 90 * 86400)
            record_us.append((time.perf_counter() - t0) * 1e6)
        t0 = time.perf_counter()
        log.flush()
        write_seconds = time.perf_counter() - t0
        size = (Path(tmp) / "log.sqlite3").stat().st_size / 1e6
        builder = ReportBuilder(assistant, log)
        t0 = time.perf_counter()
        report = builder.build()
        build_seconds = time.perf_counter() - t0
    print(f"distinct questions   {len(questions)} asked in {ask_seconds:.1f} s "
          f"({sum(a.answered for a in answers)} answered)")
    print(f"logged               {args.rows} rows; log file {size:.0f} MB; background writer drained the rest in "
          f"{write_seconds:.1f} s")
    print(f"log.record() on the answer's path  mean {statistics.mean(record_us):.1f} us, "
          f"p95 {percentile(record_us, 95):.1f} us, max {max(record_us) / 1000:.2f} ms")
    print(f"report build         {build_seconds:.2f} s for {report.questions} questions: {len(report.missing)} missing "
          f"topics shown, {len(report.promote)} to promote, {len(report.unhelpful)} unhelpful")


if __name__ == "__main__":
    main()
