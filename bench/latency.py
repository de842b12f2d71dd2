"""Per-question latency in process on the full corpus, and the time from a cold start to the first answer.

    python bench/latency.py
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

from common import ROOT, corpus_store, load_questions


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    store = corpus_store()
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys; from assistant.assistant import Assistant; from ingest.settings import Settings;"
         f"a = Assistant(Settings.from_env(store={str(store)!r})); print(a.ask('how does AI help doctors?').answered)"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    cold = time.perf_counter() - started
    cold_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    from assistant.assistant import Assistant
    from ingest.settings import Settings

    assistant = Assistant(Settings.from_env(store=store))
    assistant.warm_up()
    questions = [q.question for q in load_questions()]
    encoder = assistant.query_encoder or assistant.embedder
    total, encode = [], []
    for question in questions:
        t0 = time.perf_counter()
        encoder.encode([question + " ?"])  # the same work as the query's encoding, uncached
        t1 = time.perf_counter()
        assistant.ask(question)
        t2 = time.perf_counter()
        encode.append((t1 - t0) * 1000)
        total.append((t2 - t1) * 1000)
    # Asked again, each question's vector cached but not its reading: what the code costs beyond the model, which
    # runs two or three times slower on some days than on others on a shared machine.
    assistant.readings.clear()
    rest = []
    for question in questions:
        t0 = time.perf_counter()
        assistant.ask(question)
        rest.append((time.perf_counter() - t0) * 1000)
    print(f"questions            {len(questions)} (each asked once, one at a time)")
    print(f"ask() p50 / p95      {percentile(total, 50):.1f} ms / {percentile(total, 95):.1f} ms "
          f"(mean {statistics.mean(total):.1f} ms, max {max(total):.1f} ms)")
    print(f"  of which encoding  p50 {percentile(encode, 50):.1f} ms ({type(encoder).__name__})")
    print(f"  the rest           p50 / p95 {percentile(rest, 50):.1f} / {percentile(rest, 95):.1f} ms "
          "(asked again, the question's vector cached)")
    if assistant.query_encoder is not None:  # the machine's speed that day: the targets assume about 10 ms for this
        yardstick = []
        for question in questions[:50]:
            t0 = time.perf_counter()
            assistant.embedder.encode([question + " ?"])
            yardstick.append((time.perf_counter() - t0) * 1000)
        print(f"  yardstick          p50 {percentile(yardstick, 50):.1f} ms to encode a question with torch "
              "(about 10 ms on the day the targets were set)")
    print(f"cold start -> first answer  {cold:.1f} s (process start, imports, model, store, index; "
          f"answered={out.stdout.strip()})")
    print(f"that process's peak RSS     {cold_rss:.0f} MB (the assistant on the full corpus, as a server holds it)")


if __name__ == "__main__":
    main()
