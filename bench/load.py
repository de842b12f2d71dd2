"""Concurrent readers on POST /api/ask against the full corpus, on loopback.

    python bench/load.py [--clients 20] [--seconds 30]

Starts `app.py` on a free port (rate limit off; questions logged to a log of their own, not the store's, which is
the editors'), runs the clients for a fixed time, prints throughput, p50/p95/p99 latency and errors, and the
widget's size. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import ROOT, corpus_store, load_questions
from latency import percentile


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(port: int, questions: list[str], stop: float, latencies: list[float], errors: list[str], offset: int):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = offset
    while time.perf_counter() < stop:
        # A number makes every question new, so that no cached question vector flatters the figures.
        body = json.dumps({"question": f"{questions[i % len(questions)]} {i}"})
        i += 1
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(str(response.status))
                continue
        except (OSError, http.client.HTTPException) as err:
            errors.append(type(err).__name__)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append((time.perf_counter() - t0) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    store = corpus_store()
    port = free_port()
    # The questions are logged as a reader's would be, but to a log of their own: the store's log is the editors'.
    log = tempfile.TemporaryDirectory(prefix="load-log-")
    env = {**os.environ, "HYPERFAQ_RATE_LIMIT": "0", "HYPERFAQ_STORE": str(store), "HYPERFAQ_PORT": str(port),
           "HYPERFAQ_LOG_DB": str(Path(log.name) / "question_log.sqlite3")}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("app.py did not start")
                time.sleep(0.5)
        questions = [q.question for q in load_questions()]
        latencies: list[float] = []
        errors: list[str] = []
        stop = time.perf_counter() + args.seconds
        threads = [threading.Thread(target=client, args=(port, questions, stop, latencies, errors, n * 13))
                   for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        widget = urllib.request.urlopen(f"http://127.0.0.1:{port}/widget.js").read()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.cleanup()
    print(f"clients              {args.clients} for {args.seconds:.0f} s")
    print(f"requests             {len(latencies)} ok, {len(errors)} errors {sorted(set(errors))}")
    print(f"throughput           {len(latencies) / args.seconds:.1f} answers/s")
    print(f"latency p50/p95/p99  {percentile(latencies, 50):.0f} / {percentile(latencies, 95):.0f} / "
          f"{percentile(latencies, 99):.0f} ms")
    print(f"widget.js            {len(widget)} bytes ({len(gzip.compress(widget))} gzipped); "
          "before it is opened the page loads only this script (tests/test_widget.py checks it)")


if __name__ == "__main__":
    main()
