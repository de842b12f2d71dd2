"""Content hashes that decide what must be embedded again."""

from __future__ import annotations

import hashlib

# Bump when parsing or chunking changes, so that every article is cut again.
PIPELINE_VERSION = "8"  # v8: chunks record the article's category (v7: its author; v6: its date; v5: headings
# without a writer's "H3:"; v4: chunks record their section's path)
# Bump when what is stored per embedded text changes (v4: sentence vectors; v5: and the context line's), so that old vectors are not reused.
VECTORS_VERSION = "5"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def article_hash(raw: bytes, slug: str, site_url: str) -> str:
    digest = hashlib.sha256()
    for part in (PIPELINE_VERSION.encode(), slug.encode(), site_url.encode(), raw):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]
