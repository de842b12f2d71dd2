"""Markdown body -> sections, with markdown-it-py: headings, their ids and their text as plain blocks."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.models import Section
from ingest.slugger import Slugger

_md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# The heading level a writer left in a heading's text ("### H3: What is AI art analysis?"): the site shows it and
# builds the id from it, but it is no part of what the heading says.
_LEVEL_MARKER = re.compile(r"^H[1-6]\s*:\s*")


def inline_text(token: Token, *, keep_images: bool = False) -> str:
    """The text a reader sees for one inline token: emphasis, links and inline HTML tags removed."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")  # the slugger drops a newline, where it would turn a space into "-"
        elif child.type == "image" and keep_images:
            parts.append(child.content)
    return "".join(parts)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _html_text(html: str) -> str:
    return _clean(_TAG.sub(" ", html))


def _blocks(tokens: list[Token]) -> Iterable[str]:
    """Plain-text blocks of the tokens between two headings: one per paragraph, list item or table row."""
    prefix: list[str] = []
    row: list[str] = []
    in_row = False
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            prefix.append("- ")
        elif kind == "ordered_list_open":
            prefix.append("1. ")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
        elif kind == "tr_open":
            in_row, row = True, []
        elif kind == "tr_close":
            in_row = False
            if any(row):
                yield " | ".join(row)
        elif kind == "inline":
            text = _clean(inline_text(token))
            if in_row:
                row.append(text)
            elif text and not _is_link_only(token):
                yield (prefix[-1] if prefix else "") + text
        elif kind in ("fence", "code_block"):
            if token.content.strip():
                yield token.content.rstrip()
        elif kind == "html_block":
            text = _html_text(token.content)
            if text:
                yield text


def _is_link_only(token: Token) -> bool:
    """True for paragraphs that are one link and nothing else, like the blog's "[Related: …](…)" lines."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return bool(children) and children[0].type == "link_open" and children[-1].type == "link_close" and (
        sum(c.type == "link_open" for c in children) == 1
    )


def parse_sections(body: str) -> tuple[Section, ...]:
    """Cut a Markdown body into sections at every heading, giving each the id the site gives it."""
    tokens = _md.parse(body)
    slugger = Slugger()
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []  # (level, heading) of the open ancestors
    heading, level, anchor, start = "", 0, "", 0

    def close(end: int) -> None:
        blocks = tuple(_blocks(tokens[start:end]))
        path = tuple(text for lvl, text in stack if lvl >= 2)
        if level or blocks:
            sections.append(Section(heading=heading, level=level, path=path, anchor=anchor, blocks=blocks))

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            close(i)
            level = int(token.tag[1])
            raw = inline_text(tokens[i + 1])
            anchor = slugger.slug(raw)
            heading = _LEVEL_MARKER.sub("", _clean(raw))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            i += 3  # heading_open, inline, heading_close
            start = i
            continue
        i += 1
    close(len(tokens))
    return tuple(sections)
