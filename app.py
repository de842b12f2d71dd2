"""`python app.py [--store DIR] [--host H] [--port P]`: the chat, the JSON API and the widget on one port."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from ingest.embedder import ModelError  # noqa: E402
from ingest.loader import IngestError  # noqa: E402
from ingest.settings import Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python app.py", description="Serve the blog's FAQ assistant.")
    parser.add_argument("--store", type=Path, help="folder of the Chroma store (default: HYPERFAQ_STORE)")
    parser.add_argument("--host", help="address to listen on (default: HYPERFAQ_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: HYPERFAQ_PORT or 7860)")
    parser.add_argument("--ingest", action="store_true",
                        help="ingest HYPERFAQ_CONTENT first (only changed articles are embedded again)")
    args = parser.parse_args(argv)
    settings = Settings.from_env(store=args.store, host=args.host, port=args.port)

    try:
        if args.ingest:
            from ingest.pipeline import run_ingest

            print(run_ingest(settings.content_dirs, settings).summary(), flush=True)
        import uvicorn

        from assistant.assistant import Assistant
        from assistant.web import create_app

        assistant = Assistant(settings)
        assistant.warm_up()
        app = create_app(settings, assistant)
    except (IngestError, ModelError, ValueError) as err:
        print(f"app: {err}", file=sys.stderr)
        return 2
    print(f"Serving the chat on http://{settings.host}:{settings.port}/ "
          f"(widget: http://{settings.host}:{settings.port}/widget.js)", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
