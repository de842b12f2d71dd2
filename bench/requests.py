"""How well requests for posts and questions about the blog are told from questions, on messages written blind to
the code.

    python bench/requests.py

bench/request_phrasings.jsonl holds two sets, each written by a different writer who never saw the code: "first"
(40 asking for posts on a subject, 20 for related reading, 40 look-alike content questions) and "second", written
after the patterns were revised on the first (30, 15, 10 asking for the latest posts, 30 look-alikes). "third", by a
third writer: 30 asking what the blog is about, 25 who wrote the post or writes the blog, 45 look-alikes ("who
wrote Atomic Habits?", "what is this post about?"). The patterns were revised on each in turn, so all now flatter
them; the README gives the figures before each revision. Prints, per set and kind, how many messages are read as
they were meant, and the misses.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant.listing import PostsRequest, asks_what_blog_covers, asks_who_wrote, posts_asked

PHRASINGS = Path(__file__).resolve().parent / "request_phrasings.jsonl"


def read_as_meant(kind: str, text: str, request: PostsRequest | None) -> bool:
    """Whether a message of this kind was read as its writer meant it."""
    about_blog, author = asks_what_blog_covers(text), asks_who_wrote(text) is not None
    if kind in ("blog", "author"):
        return about_blog if kind == "blog" else author
    if kind == "content":
        return request is None and not about_blog and not author
    if request is None:
        return False
    if kind == "topic":
        return bool(request.topic)
    if kind == "newest":
        return request.newest and not request.topic
    return not request.topic and not request.newest  # related


def main() -> None:
    rows = [json.loads(line) for line in PHRASINGS.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts: Counter[tuple[str, str, bool]] = Counter()
    misses = []
    for row in rows:
        request = posts_asked(row["text"])
        meant = read_as_meant(row["kind"], row["text"], request)
        counts[row["set"], row["kind"], meant] += 1
        if not meant:
            misses.append(f"  {row['set']:6} {row['kind']:7} {row['text']!r} -> {request}")
    for name in dict.fromkeys(row["set"] for row in rows):
        totals = {kind: counts[name, kind, True] + counts[name, kind, False]
                  for kind in ("topic", "related", "newest", "blog", "author", "content")}
        figures = [f"{kind} {counts[name, kind, True]}/{total}" for kind, total in totals.items() if total]
        print(f"{name:6} set: " + ", ".join(figures))
    if misses:
        print("misses:", *misses, sep="\n")


if __name__ == "__main__":
    main()
