"""What the assistant hands back: an Answer with its Citations."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np


@dataclass(frozen=True)
class Citation:
    """One cited section: the post, the heading, and the link that opens the post there."""

    slug: str
    title: str
    section: str
    url: str
    kind: str  # "faq" when a FAQ pair answered, "passage" for other sections, "post" for a post as a whole
    score: float
    text: str = ""  # the cited words, for a "Sources" view

    @property
    def label(self) -> str:
        """How a citation is shown: "post title › section", or the title alone for the text under the title."""
        return self.title if self.section in ("", self.title) else f"{self.title} › {self.section}"


@dataclass(frozen=True)
class Answer:
    """The reply to one question. `answered` is False when the blog does not cover it."""

    question: str
    answered: bool
    answer: str
    confidence: float
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[Citation, ...] = ()  # closest posts, when not answered
    notice: str = ""  # why the question was not searched (empty, too long, ...)
    search_text: str = field(default="", compare=False)  # what was searched, after follow-up context
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # embedding of search_text

    def to_json(self) -> dict:
        """The shape of the CLI's --json and of POST /api/ask."""
        return {
            "answered": self.answered,
            "answer": self.answer,
            "confidence": round(self.confidence, 4),
            "citations": [_citation_json(c) for c in self.citations],
            "suggestions": [_citation_json(c) for c in self.suggestions],
        }


def _citation_json(citation: Citation) -> dict:
    data = asdict(citation)
    data["score"] = round(citation.score, 4)
    data.pop("text")
    return data
