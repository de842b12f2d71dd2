"""Answers as Markdown for the chat: the blog's words with linked citations; readers' text escaped, never live."""

from __future__ import annotations

import html
import re

from assistant.models import Answer, Citation

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_MARKER = re.compile(r"\\\[(\d)\\\]")
_LIST_END = re.compile(r"^(- .*\n)(?!- )", re.MULTILINE)  # a list item followed by a line that is none


def escape(text: str) -> str:
    """Text that Markdown and HTML both show literally: `<img onerror=…>` stays visible as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _link(citation: Citation) -> str:
    return f"[{escape(citation.label)}]({citation.url})"


def answer_markdown(answer: Answer) -> str:
    """The reply with its [n] markers linked to the cited sections, and the sources listed under it."""
    if not answer.answered:
        text = escape(answer.answer)
        if answer.suggestions:
            text += "\n\nClosest posts:\n" + "\n".join(f"- {_link(s)}" for s in answer.suggestions)
        return text
    if not answer.citations:  # "who writes this blog?": answered from every post, none cited
        return escape(answer.answer)
    urls = {str(n): c.url for n, c in enumerate(answer.citations, 1)}
    text = _MARKER.sub(lambda m: f"[[{m.group(1)}]]({urls[m.group(1)]})" if m.group(1) in urls else m.group(0),
                       escape(answer.answer))
    text = _LIST_END.sub(r"\1\n", text)  # else Markdown reads the paragraph after a list as part of its last item
    sources = "\n".join(f"{n}. {_link(c)}" for n, c in enumerate(answer.citations, 1))
    return f"{text}\n\n**Sources**\n{sources}"


def sources_markdown(answer: Answer) -> str:
    """The cited passages themselves, for the "Sources" panel."""
    if not answer.citations:
        return "No sources for this answer."
    parts = []
    for n, c in enumerate(answer.citations, 1):
        quote = "\n".join(f"> {line}".rstrip() for line in escape(c.text[:1200]).splitlines())
        if c.kind == "post":  # a post as a whole (related reading, the latest posts, its date): how it opens
            parts.append(f"**[{n}] {_link(c)}** (post)\n\n{quote}")
            continue
        kind = "FAQ" if c.kind == "faq" else "Section"
        parts.append(f"**[{n}] {_link(c)}** ({kind}, confidence {c.score:.0%})\n\n{quote}")
    return "\n\n".join(parts)
