"""Blog-scale figures: the corpus replicated 5x under new slugs, in the embedded store and in a Chroma server.

    python bench/scale.py

Identical text is embedded once (vectors are reused by text hash), and both stores start from a copy of the 1x
store, so this measures the store, not the model: ingest seconds, chunks/s, peak RSS and disk at 5x, and question
latency (p50/p95 of Assistant.ask over the evaluation set) at 1x and 5x in both modes.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import CORPUS, ROOT, corpus_store, load_questions
from latency import percentile

COPIES = 5
CHROMA = Path(sys.executable).parent / "chroma"


def replicate(target: Path) -> None:
    """COPIES copies of every article, each under its own slug (copy 0 keeps the original)."""
    target.mkdir(parents=True)
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for n in range(COPIES):
            copy = text if n == 0 else re.sub(r'^slug: "?([^"\n]+)"?$', rf'slug: "\1-copy{n}"', text, count=1,
                                              flags=re.MULTILINE)
            (target / f"{path.stem}-{n}.md").write_text(copy, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ingest(folder: Path, env: dict) -> tuple[dict, float, float]:
    before = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "ingest", str(folder), "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - before
    return json.loads(out.stdout), seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def latency(env: dict) -> tuple[float, float]:
    """p50 and p95 of ask() over the evaluation set, in a fresh process with these settings."""
    code = (
        "import json, time; from assistant.assistant import Assistant; from ingest.settings import Settings\n"
        "a = Assistant(Settings.from_env()); a.warm_up(); qs = json.loads(input()); ts = []\n"
        "for q in qs:\n    t = time.perf_counter(); a.ask(q); ts.append((time.perf_counter() - t) * 1000)\n"
        "print(json.dumps(ts))"
    )
    questions = json.dumps([q.question for q in load_questions()])
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, input=questions, capture_output=True,
                         text=True, check=True)
    times = json.loads(out.stdout.strip().splitlines()[-1])
    return percentile(times, 50), percentile(times, 95)


def disk(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


class Server:
    def __init__(self, path: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen([str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1",
                                         "--port", str(self.port)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("chroma run did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def main() -> None:
    one_x = corpus_store()
    base = {k: v for k, v in os.environ.items() if not k.startswith("HYPERFAQ_")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        replicate(tmp / "corpus5")

        for mode in ("embedded", "server"):
            data = tmp / f"{mode}-data"
            shutil.copytree(one_x, data, ignore=shutil.ignore_patterns("lexical", "question_log*"))
            local = tmp / f"{mode}-local"
            env = {**base, "HYPERFAQ_STORE": str(data if mode == "embedded" else local)}
            server = None
            if mode == "server":
                server = Server(data)
                env["HYPERFAQ_CHROMA_URL"] = f"http://127.0.0.1:{server.port}"
                shutil.copytree(one_x / "query-model", local / "query-model")
            try:
                p50_1, p95_1 = latency(env)
                report, seconds, rss = ingest(tmp / "corpus5", env)
                p50_5, p95_5 = latency(env)
            finally:
                if server:
                    server.stop()
            rows.append((mode, report, seconds, rss, disk(data), p50_1, p95_1, p50_5, p95_5))

    for mode, report, seconds, rss, size, p50_1, p95_1, p50_5, p95_5 in rows:
        print(f"[{mode}] {COPIES}x corpus: {report['articles']} articles, {report['chunks']} chunks "
              f"({report['added']} added, {report['removed']} removed, {report['embedded_texts']} texts embedded, "
              f"{report['reused_vectors']} vectors reused)")
        print(f"  ingest {seconds:.0f} s, {report['chunks'] / seconds:.0f} chunks/s, peak RSS of ingest so far "
              f"{rss:.0f} MB, store on disk {size:.0f} MB")
        print(f"  ask() p50/p95  1x {p50_1:.1f}/{p95_1:.1f} ms   {COPIES}x {p50_5:.1f}/{p95_5:.1f} ms   "
              f"p95 grows {p95_5 / p95_1:.2f}x")


if __name__ == "__main__":
    main()
