"""Ingest benchmark on the full corpus: seconds, chunks/s, peak memory, the embedding floor, and an unchanged re-run.

    python bench/ingest.py [CORPUS_FOLDER] [--keep STORE]

--keep writes the store to STORE (which must not exist yet) and keeps it, e.g. bench/.cache/store-corpus, the store
the other benchmarks use, so that it need not be ingested twice.

The floor is the word pieces the run embedded divided by the model's throughput, measured here on a sample of the
same texts: no way of cutting the corpus can embed those word pieces faster.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "hyperdaily"


def run_ingest(corpus: Path, store: Path) -> tuple[dict, float, float]:
    """One `python -m ingest --json` in a child process: its report, wall seconds and peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "ingest", str(corpus), "--store", str(store), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(out.stdout), seconds, max(peak, before) / 1024


def encode_throughput(corpus: Path, sample: int = 400) -> float:
    """Word pieces per second the model reads, on a sample of the corpus's own chunks."""
    from ingest.chunking import Chunker
    from ingest.embedder import Embedder
    from ingest.loader import load_corpus
    from ingest.settings import Settings

    settings = Settings.from_env()
    embedder = Embedder(settings.model, batch_size=settings.batch_size)
    chunker = Chunker(count_tokens=embedder.count_tokens, max_tokens=settings.chunk_tokens, limit=embedder.limit)
    files = random.Random(7).sample(load_corpus([corpus], settings.site_url).articles, 40)
    texts = [c.embed_text for f in files for c in chunker.chunks(f.parse())]
    texts = random.Random(7).sample(texts, min(sample, len(texts)))
    embedder.encode(texts[:32])  # warm-up
    started = time.perf_counter()
    embedder.encode(texts)
    return sum(embedder.count_tokens(texts)) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="write the store here (a new folder) and keep it")
    args = parser.parse_args()
    corpus = args.corpus
    if not corpus.is_dir():
        sys.exit(f"No corpus at {corpus}; pass the folder of the blog's articles.")
    if args.keep and args.keep.exists():
        sys.exit(f"{args.keep} exists: --keep needs a new folder, so that the first run starts from nothing.")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.keep or Path(tmp) / "store"
        first, first_s, peak = run_ingest(corpus, store)
        second, second_s, _ = run_ingest(corpus, store)
        disk = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6
    rate = encode_throughput(corpus)
    floor = first["embedded_tokens"] / rate
    print(f"corpus                 {first['articles']} articles, {first['chunks']} chunks, {first['faq_pairs']} FAQ pairs")
    print(f"skipped / warnings     {len(first['skipped'])} / {len(first['warnings'])}")
    print(f"embedded               {first['embedded_texts']} texts, {first['embedded_tokens']} word pieces "
          f"({first['reused_vectors']} vectors reused)")
    print(f"first run              {first_s:.1f} s wall ({first['seconds']:.1f} s in ingest), "
          f"{first['chunks'] / first_s:.1f} chunks/s")
    print(f"encode throughput      {rate:.0f} word pieces/s (torch, {os.cpu_count()} cores)")
    print(f"embedding floor        {floor:.1f} s  -> first run / floor = {first_s / floor:.2f}x")
    print(f"peak RSS               {peak:.0f} MB")
    print(f"store on disk          {disk:.0f} MB")
    print(f"unchanged re-run       {second_s:.2f} s wall ({second['seconds']:.2f} s in ingest), "
          f"{second['unchanged']} unchanged, {second['embedded_texts']} embedded")


if __name__ == "__main__":
    main()
