"""Find an article's FAQ section under any of the headings the blog uses, and pair each question with its answer."""

from __future__ import annotations

import re

from ingest.models import FaqPair, Section

_FAQ_HEADING = re.compile(r"\bFAQs?\b|frequently asked questions", re.IGNORECASE)
_QUESTION_PREFIX = re.compile(r"^(?:#+\s*)*(?:Q\s*(\d+)\s*[.:)\-–]\s*)?", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def is_faq_heading(section: Section) -> bool:
    return 2 <= section.level <= 3 and bool(_FAQ_HEADING.search(section.heading))


def clean_question(heading: str) -> tuple[str, int | None]:
    """Strip "Q1.", doubled `###` and HTML tags from a question heading; return it with its number."""
    text = _TAG.sub("", heading).strip()
    match = _QUESTION_PREFIX.match(text)
    number = int(match.group(1)) if match and match.group(1) else None
    return text[match.end() :].strip() if match else text, number


def find_faq(sections: tuple[Section, ...]) -> tuple[str | None, tuple[FaqPair, ...]]:
    """The FAQ section's anchor and its pairs: the question headings under (or beside) the article's last FAQ heading."""
    start = next((i for i in range(len(sections) - 1, -1, -1) if is_faq_heading(sections[i])), None)
    if start is None:
        return None, ()
    faq_level = sections[start].level
    pairs: list[FaqPair] = []
    for section in sections[start + 1 :]:
        if pairs and _is_prose(section.heading):
            # An answer paragraph followed by "---" is a setext heading to Markdown: the site
            # shows it as a heading, but it is the previous question's answer.
            last = pairs[-1]
            answer = "\n".join(part for part in (last.answer, section.heading, section.text) if part)
            pairs[-1] = FaqPair(question=last.question, answer=answer, anchor=last.anchor, number=last.number)
            continue
        if section.level < faq_level or (section.level == faq_level and not _is_question(section.heading)):
            break
        question, number = clean_question(section.heading)
        if question:
            pairs.append(FaqPair(question=question, answer=section.text, anchor=section.anchor, number=number))
    return sections[start].anchor, tuple(pairs)


def _is_question(heading: str) -> bool:
    question, number = clean_question(heading)
    return number is not None or question.endswith("?")


def _is_prose(heading: str) -> bool:
    return len(heading.split()) > 15 and not _is_question(heading)
