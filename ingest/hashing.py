"""Content hashes that decide what must be embedded again."""

from __future__ import annotations

import hashlib

# Bump when parsing or chunking changes, so that every article is cut again.
PIPELINE_VERSION = "2"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def article_hash(raw: bytes, slug: str, site_url: str) -> str:
    digest = hashlib.sha256()
    for part in (PIPELINE_VERSION.encode(), slug.encode(), site_url.encode(), raw):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]
