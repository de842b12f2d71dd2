"""`python -m assistant "question" [--page SLUG] [--store DIR] [--json]`: ask the blog one question."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ingest.embedder import ModelError
from ingest.loader import IngestError
from ingest.output import to_stdout
from ingest.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Ask the blog a question.")
    parser.add_argument("question", help="the reader's question")
    parser.add_argument("--page", help="slug of the post the reader is on; favours that post when it answers")
    parser.add_argument("--store", type=Path, help="folder of the Chroma store (default: HYPERFAQ_STORE)")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    args = parser.parse_args(argv)

    from assistant.assistant import Assistant

    try:
        assistant = Assistant(Settings.from_env(store=args.store))
        page = (args.page or "").strip("/ ") or None
        if page and assistant.retriever.title(page) is None:
            print(f"assistant: no post has the slug {page!r} in this store, so the question is read as asked from "
                  "no post; check --page.", file=sys.stderr)
        answer = assistant.ask(args.question, page=page)
    except (IngestError, ModelError, ValueError) as err:
        print(f"assistant: {err}", file=sys.stderr)
        return 2
    with to_stdout():
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False))
            return 0
        print(answer.answer)
        for n, c in enumerate(answer.citations, 1):
            print(f"[{n}] {c.label}\n    {c.url}")
        if answer.suggestions:
            print("Closest posts:")
            for c in answer.suggestions:
                print(f"  - {c.title}\n    {c.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
