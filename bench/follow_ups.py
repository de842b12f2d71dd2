"""Follow-ups and questions asked on a post's page, over the whole corpus: does each land where it should?

    python bench/follow_ups.py [--verbose]

bench/follow_ups.jsonl holds conversations ("history") and pages ("page") with one question each, and what the
answer's first citation must contain ("expect": any of these in "slug#anchor"), or [] when the blog (or the post
the conversation is about) does not answer it. Prints how many land, every miss, and what a follow-up costs.
"""

from __future__ import annotations

import argparse
import json
import time

from common import ROOT, corpus_store
from latency import percentile

CASES = ROOT / "bench" / "follow_ups.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="print every case, not only the misses")
    args = parser.parse_args()

    from assistant.assistant import Assistant
    from ingest.settings import Settings

    assistant = Assistant(Settings.from_env(store=corpus_store()))
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = {"answer": [0, 0], "not covered": [0, 0]}
    cold: list[float] = []
    warm: list[float] = []
    for case in cases:
        history, page = case.get("history", []), case.get("page")
        forget(assistant)  # as a replica that never saw the earlier questions
        started = time.perf_counter()
        answer = assistant.ask(case["question"], page=page, history=history)
        cold.append((time.perf_counter() - started) * 1000)
        if history:  # as the process that answered the earlier questions, in their turns
            forget(assistant)
            for n, earlier in enumerate(history):
                assistant.ask(earlier, page=page, history=history[:n])
            started = time.perf_counter()
            assistant.ask(case["question"], page=page, history=history)
            warm.append((time.perf_counter() - started) * 1000)
        top = f"{answer.citations[0].slug}#{answer.citations[0].url.split('#')[-1]}" if answer.answered else ""
        kind = "answer" if case["expect"] else "not covered"
        ok = any(e in top for e in case["expect"]) if case["expect"] else not answer.answered
        right[kind][0] += ok
        right[kind][1] += 1
        if args.verbose or not ok:
            context = ", ".join(([f"page {page}"] if page else []) + ([f"after {history}"] if history else []))
            want = case["expect"] or "not covered"
            print(f"{'ok  ' if ok else 'MISS'} {case['question']!r} ({context})\n     "
                  f"{top or 'not covered'} (confidence {answer.confidence:.2f}); want {want}")
    for kind, (ok, n) in right.items():
        print(f"{kind:12} {ok}/{n}")
    print(f"ask() p50 / p95  {percentile(cold, 50):.1f} / {percentile(cold, 95):.1f} ms cold (no earlier question "
          "read or embedded yet, as on a fresh replica)")
    print(f"                 {percentile(warm, 50):.1f} / {percentile(warm, 95):.1f} ms for the follow-ups, in the "
          f"process that answered the earlier questions ({len(warm)} cases)")


def forget(assistant) -> None:
    """Drop every question's embedding and reading the assistant keeps."""
    assistant._embed_query.cache_clear()
    assistant.readings.clear()

if __name__ == "__main__":
    main()
