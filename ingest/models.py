"""The data that flows from the Markdown files to the store: articles, their sections, FAQ pairs and chunks."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.hashing import VECTORS_VERSION, text_hash


@dataclass(frozen=True)
class Section:
    """One heading of an article and the text up to the next heading."""

    heading: str  # heading text as a reader sees it (Markdown and HTML stripped)
    level: int  # 1 for `#`, 2 for `##`, ...; 0 for text before the first heading
    path: tuple[str, ...]  # headings from the first `##` ancestor down to this one
    anchor: str  # the id the site gives the heading ("" for text before any heading)
    blocks: tuple[str, ...]  # paragraphs, list items and table rows as plain text

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


@dataclass(frozen=True)
class FaqPair:
    """One question of an article's FAQ section and its answer."""

    question: str  # cleaned of "Q1.", stray `###` and HTML
    answer: str
    anchor: str  # the id of the question's own heading
    number: int | None  # the n of "Qn." when the question is numbered


@dataclass(frozen=True)
class Article:
    """One blog post as the site serves it at `url`."""

    slug: str
    title: str
    description: str
    category: str
    pub_date: str  # ISO date when the frontmatter's pubDate parses, else as written
    source: str  # file path the article was read from
    url: str
    content_hash: str
    sections: tuple[Section, ...]
    faq: tuple[FaqPair, ...] = ()
    faq_anchor: str | None = None  # id of the FAQ section's heading, None when there is none
    keywords: tuple[str, ...] = field(default=())
    author: str = ""  # the frontmatter's `author`: "who wrote this post?"

    def link(self, anchor: str) -> str:
        """The URL of this article, opened at the heading with id `anchor`."""
        return f"{self.url}#{anchor}" if anchor else self.url


@dataclass(frozen=True)
class Chunk:
    """One unit of retrieval: a piece of a section (kind "passage") or a FAQ pair (kind "faq")."""

    id: str
    kind: str  # "passage" or "faq"
    slug: str
    title: str
    section: str
    anchor: str
    url: str  # article URL with the section's anchor
    text: str  # what a reader is shown
    embed_text: str  # what the model reads: context (title › section path) and text
    source: str
    content_hash: str  # hash of the whole article, to skip unchanged articles
    question: str = ""  # the FAQ question, for kind "faq"
    path: tuple[str, ...] = ()  # its section's headings from the first `##` ancestor down (Section.path)
    position: int = -1  # its section's place among the article's sections, to put a post's outline in order
    published: str = ""  # the article's pubDate (ISO when it parses): "what's new?", "when was this published?"
    author: str = ""  # the article's author, as its frontmatter names it: "who wrote this post?"
    category: str = ""  # the article's category, as its frontmatter names it: "what is this blog about?"

    @property
    def text_hash(self) -> str:
        """Identifies what the model made of this chunk (its vector and sentence vectors), to reuse it."""
        return text_hash(f"{VECTORS_VERSION}\0{self.embed_text}")
