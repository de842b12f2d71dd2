"""Follow-ups and questions asked on a post's page, over the whole corpus: does each land where it should?

    python bench/follow_ups.py [--set tuned|heldout|shift] [--verbose]

Each case is a conversation ("history") or a page ("page") with one question, and what the answer's first
citation must contain ("expect": any of these in "slug#anchor"), or [] when the blog (or the post the
conversation is about) does not answer it. `tuned` (bench/follow_ups.jsonl) was written while the follow-up rules
were tuned; `heldout` (bench/follow_ups_heldout.jsonl) was written afterwards by someone blind to the code and its
results, over eight other posts; `shift` (bench/follow_ups_shift.jsonl), 30 follow-ups naming a new thing ("what
about crypto?" after robo-advisors), by another writer blind to the code. Answers from another post were then
judged blind (question, context and cited text only) and those that answer are listed as "judged". Prints how many
land, every miss, and what a follow-up costs.
"""

from __future__ import annotations

import argparse
import json
import time

from common import ROOT, corpus_store
from latency import percentile

SETS = {"tuned": ROOT / "bench" / "follow_ups.jsonl", "heldout": ROOT / "bench" / "follow_ups_heldout.jsonl",
        "shift": ROOT / "bench" / "follow_ups_shift.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=sorted(SETS), default="tuned")
    parser.add_argument("--verbose", action="store_true", help="print every case, not only the misses")
    args = parser.parse_args()

    from assistant.assistant import Assistant
    from ingest.settings import Settings

    assistant = Assistant(Settings.from_env(store=corpus_store()))
    cases = [json.loads(line) for line in SETS[args.set].read_text(encoding="utf-8").splitlines() if line.strip()]
    right = {"answer": [0, 0, 0], "not covered": [0, 0, 0]}  # right as labelled, right with judgments, cases
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
        judged = ok or bool(top) and top in case.get("judged", ())
        right[kind][0] += ok
        right[kind][1] += judged
        right[kind][2] += 1
        if args.verbose or not judged:
            context = ", ".join(([f"page {page}"] if page else []) + ([f"after {history}"] if history else []))
            want = case["expect"] or "not covered"
            print(f"{'ok  ' if judged else 'MISS'} {case['question']!r} ({context})\n     "
                  f"{top or 'not covered'} (confidence {answer.confidence:.2f}); want {want}")
    for kind, (ok, judged, n) in right.items():
        print(f"{kind:12} {ok}/{n} as labelled" + (f", {judged}/{n} with judged sections of other posts "
                                                   "(same subject, judged blind)" if judged != ok else ""))
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
