"""One Markdown file's text -> an Article, or an ArticleError that says what is wrong and what to do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import frontmatter
import yaml

from ingest.faq import find_faq
from ingest.hashing import article_hash
from ingest.markdown import parse_sections
from ingest.models import Article
from ingest.slugger import slug as github_slug


class ArticleError(ValueError):
    """An article that cannot be ingested; the message names the field and the fix."""


def decode(raw: bytes) -> str:
    """The file's text, refusing binary files and invalid UTF-8 with a reason."""
    if b"\0" in raw[:8192]:
        raise ArticleError("looks like a binary file, not Markdown text; remove it or rename it away from .md")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(
            f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); re-save it as UTF-8"
        ) from None


def slug_from_filename(path: str | Path) -> str:
    """The slug the site derives from a file name when the frontmatter has none."""
    return github_slug(Path(path).stem)


def parse_date(value: object) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()  # YAML already made it a date
    text = str(value or "").strip()
    for fmt in ("%b %d %Y", "%B %d %Y", "%Y-%m-%d", "%b %d, %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text


@dataclass(frozen=True)
class ArticleFile:
    """One article file with its frontmatter read; the Markdown body is parsed only when it is needed."""

    source: str
    slug: str
    title: str
    description: str
    category: str
    pub_date: str
    author: str
    keywords: tuple[str, ...]
    body: str
    url: str
    content_hash: str

    def parse(self) -> Article:
        sections = parse_sections(self.body)
        faq_anchor, faq = find_faq(sections)
        return Article(
            slug=self.slug,
            title=self.title,
            description=self.description,
            category=self.category,
            pub_date=self.pub_date,
            source=self.source,
            url=self.url,
            content_hash=self.content_hash,
            sections=sections,
            faq=faq,
            faq_anchor=faq_anchor,
            keywords=self.keywords,
            author=self.author,
        )


def read_article(raw: bytes, source: str, site_url: str) -> tuple[ArticleFile, list[str]]:
    """Read one file's frontmatter; return it with the warnings worth telling (e.g. a slug taken from the name)."""
    text = decode(raw)
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ArticleError(f"frontmatter is not valid YAML{where} ({problem}); fix the YAML between the --- lines") from None
    meta = post.metadata
    if not meta:
        raise ArticleError("has no frontmatter; start the file with a --- block that sets at least `title`")
    title = _text(meta.get("title"))
    if not title:
        raise ArticleError("frontmatter has no `title`; add `title: \"...\"` between the --- lines")
    if not post.content.strip():
        raise ArticleError("has an empty body; write the article below the frontmatter or remove the file")

    warnings: list[str] = []
    slug = _text(meta.get("slug")).strip("/")
    if not slug:
        slug = slug_from_filename(source)
        warnings.append(f"{source}: frontmatter has no `slug`; using {slug!r} from the file name, as the site does")
    if not re.fullmatch(r"[\w\-.~]+", slug):
        raise ArticleError(f"frontmatter `slug` {slug!r} cannot be part of a URL; use letters, digits and hyphens")
    base = site_url.rstrip("/")
    keywords = meta.get("keywords") or ()
    return (
        ArticleFile(
            source=source,
            slug=slug,
            title=title,
            description=_text(meta.get("description")),
            category=_text(meta.get("category")),
            pub_date=parse_date(meta.get("pubDate")),
            author=_names(meta.get("author")),
            keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (str(keywords),),
            body=post.content,
            url=f"{base}/blog/{slug}/",
            content_hash=article_hash(raw, slug, base),
        ),
        warnings,
    )


def parse_article(raw: bytes, source: str, site_url: str) -> Article:
    """Parse one file's bytes into an Article, or raise ArticleError saying what is wrong."""
    return read_article(raw, source, site_url)[0].parse()


def _names(value: object) -> str:
    """An `author` as a reader reads it: a list of names joined ("Ana Ruiz and Bo Li"), a mapping by its `name`."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        return joined([name for name in map(_names, value) if name])
    return _text(value)


def joined(items: list[str]) -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C"."""
    return " and ".join(items) if len(items) < 3 else f"{', '.join(items[:-1])} and {items[-1]}"


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
