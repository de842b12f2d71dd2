"""`python -m ingest [FOLDER ...] [--store DIR] [--json]`: bring the store in line with the article folders."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ingest.embedder import ModelError
from ingest.loader import IngestError
from ingest.output import to_stdout
from ingest.pipeline import run_ingest
from ingest.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Ingest the blog's Markdown articles into the Chroma store. Re-runs embed only what changed.",
    )
    parser.add_argument("folders", nargs="*", type=Path, help="folders of .md articles (default: HYPERFAQ_CONTENT)")
    parser.add_argument("--store", type=Path, help="folder of the Chroma store (default: HYPERFAQ_STORE)")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the run's figures")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env(store=args.store)
        folders = args.folders or settings.content_dirs
        progress = _progress_bar() if sys.stderr.isatty() and not args.json else None
        report = run_ingest(folders, settings, progress=progress)
    except (IngestError, ModelError, ValueError) as err:
        print(f"ingest: {err}", file=sys.stderr)
        return 2
    with to_stdout():
        print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.summary())
    return 0


def _progress_bar():  # noqa: ANN202
    from tqdm import tqdm

    bar: list[tqdm] = []

    def update(done: int, total: int) -> None:
        if not bar:
            bar.append(tqdm(total=total, unit="article", desc="embedding", file=sys.stderr))
        bar[0].update(done - bar[0].n)
        if done >= total:
            bar[0].close()

    return update


if __name__ == "__main__":
    sys.exit(main())
