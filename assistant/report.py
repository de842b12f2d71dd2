"""The editors' report: which FAQs are missing, which to promote, which answers readers disliked, and coverage."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from assistant.assistant import Assistant, asks_about_the_post, side_asked_about, small_talk, speaks_of_side
from assistant.casing import Casing
from assistant.compose import best_sentences, terms
from assistant.figures import figure_asked
from assistant.listing import (
    asks_reading_time,
    asks_what_blog_covers,
    asks_when_published,
    asks_who_wrote,
    posts_asked,
)
from assistant.questionlog import LoggedQuestion, QuestionLog

SAME_TOPIC = 0.78  # cosine above which two questions are one topic
LOW_CONFIDENCE = 0.65  # answered, but below this, still counts as missing
SAME_FAQ = 0.65  # cosine of a question (read with its post's title) and a FAQ question of that post that may answer it
OFF_TOPIC = 0.05  # confidence under which no post is near a question ("how to tie a windsor knot"): no FAQ is missing
HALF_LIFE_DAYS = 30  # a question this old counts half as much as one asked today
MAX_PHRASINGS = 5


@dataclass(frozen=True)
class Topic:
    """Readers' questions that mean the same thing."""

    question: str  # the most asked phrasing
    count: int
    score: float  # count weighted by recency: what the report ranks by
    last_asked: float
    phrasings: tuple[str, ...]
    slug: str | None  # the post it most likely belongs to
    title: str | None
    reason: str  # why that post: "asked from it" or "closest post"
    faq_entry: str = ""  # ready-to-paste Markdown, for missing FAQs
    answered_by: str = ""  # the post's FAQ that may answer it already ("question (url)"): to check before adding one
    url: str | None = None  # for promoted questions: the section that answered


@dataclass(frozen=True)
class Unhelpful:
    question: str
    answer: str
    url: str | None
    asked_at: float


@dataclass(frozen=True)
class Coverage:
    posts_without_faq: tuple[str, ...]
    faq_pairs_never_matched: int
    faq_pairs: int
    duplicate_slugs: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    since: float | None
    questions: int
    answered: int
    missing: tuple[Topic, ...]
    off_topic: tuple[Topic, ...]  # asked, but near no post ("how to tie a windsor knot"): no FAQ to add
    promote: tuple[Topic, ...]
    unhelpful: tuple[Unhelpful, ...]
    coverage: Coverage
    per_day: tuple[tuple[str, int, int], ...]  # (date, asked, answered)
    # asked in another language than English (asked again in English), with how often: perhaps posts to translate
    other_language: tuple[tuple[str, int], ...] = ()

    def to_json(self) -> dict:
        return asdict(self)


def group_topics(rows: list[LoggedQuestion]) -> list[list[LoggedQuestion]]:
    """Rows grouped by meaning: identical questions first, then leader clustering on their embeddings."""
    by_text: dict[str, list[LoggedQuestion]] = defaultdict(list)
    for row in rows:
        by_text[_normal(row.question)].append(row)
    topics: list[list[LoggedQuestion]] = []
    leaders: list[np.ndarray] = []  # one unit vector per topic that has one
    clustered: list[list[LoggedQuestion]] = []  # the topics those vectors lead, in the same order
    for group in sorted(by_text.values(), key=len, reverse=True):
        vector = next((r.vector for r in group if r.vector is not None), None)
        if vector is not None:
            vector = vector / (np.linalg.norm(vector) or 1.0)
            if leaders:
                sims = np.stack(leaders) @ vector
                best = int(np.argmax(sims))
                if sims[best] >= SAME_TOPIC:
                    clustered[best].extend(group)
                    continue
        topic = list(group)
        topics.append(topic)
        if vector is not None:
            leaders.append(vector)
            clustered.append(topic)
    return _merge_contained(topics)


def _merge_contained(topics: list[list[LoggedQuestion]]) -> list[list[LoggedQuestion]]:
    """Topics asked from the same post, one of whose words are all in the other's: "how much are tickets?" and "how
    much are olympic tickets" on the Olympics post ask the same thing, though the model puts them apart."""
    merged: list[tuple[str | None, set[str], list[LoggedQuestion]]] = []
    for topic in topics:
        page = Counter(r.page for r in topic).most_common(1)[0][0]
        words = terms(_phrasings(topic)[0])
        into = next((rows for p, w, rows in merged if page and p == page and words and w and (words <= w or w <= words)),
                    None)
        if into is None:
            merged.append((page, words, topic))
        else:
            into.extend(topic)
    return [rows for _, _, rows in merged]


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def asks_about_the_blog(question: str) -> bool:
    """Whether the question asks about the blog rather than a subject: for related reading or the latest posts ("what
    else should I read?", "what's new?"), when a post was published, who wrote it, how long it takes to read, or what
    the blog is about."""
    request = posts_asked(question)
    return (request is not None and not request.topic or asks_when_published(question)
            or asks_who_wrote(question) is not None or asks_what_blog_covers(question) or asks_reading_time(question))


def faq_question(phrasings: tuple[str, ...]) -> str:
    """The phrasing to write a missing FAQ under: the most asked that is a question, not a request for posts; else
    the subject those requested, as a question ("any posts on sourdough baking?": "What is sourdough baking?")."""
    questions = [q for q in phrasings if posts_asked(q) is None]
    if questions:
        return questions[0]
    request = posts_asked(phrasings[0])
    text = request.search_text if request is not None else phrasings[0]
    return text[:1].upper() + text[1:]


def _score(rows: list[LoggedQuestion], now: float) -> float:
    return sum(math.pow(0.5, max(0.0, now - r.asked_at) / 86400 / HALF_LIFE_DAYS) for r in rows)


def _phrasings(rows: list[LoggedQuestion]) -> tuple[str, ...]:
    counts = Counter(r.question for r in rows)
    return tuple(q for q, _ in counts.most_common(MAX_PHRASINGS))


class ReportBuilder:
    """Builds the report from the question log, with the assistant's store to place each topic in a post."""

    def __init__(self, assistant: Assistant, log: QuestionLog) -> None:
        self.assistant = assistant
        self.log = log
        chunks = assistant.retriever.lexical.chunks
        self.titles = {c.slug: c.title for c in chunks}
        self.sources = {c.slug: c.source for c in chunks}
        self.faq_by_slug: dict[str, list] = defaultdict(list)
        for c in chunks:
            if c.kind == "faq":
                self.faq_by_slug[c.slug].append(c)
        self._casing: tuple[str, Casing] | None = None  # read from the blog at the first draft (1.3 s on the corpus)

    def casing(self) -> Casing:
        """The blog's capitals, read again after an ingest."""
        if self._casing is None or self._casing[0] != self.assistant.version:
            chunks = self.assistant.retriever.lexical.chunks
            self._casing = (self.assistant.version,
                            Casing.from_texts(c.question if c.kind == "faq" else c.text for c in chunks))
        return self._casing[1]

    def build(self, since: float | None = None, page: str | None = None, *, limit: int = 50,
              duplicate_slugs: dict[str, tuple[str, ...]] | None = None) -> Report:
        now = time.time()
        rows = self.log.questions(since=since, page=page)
        # No FAQ is missing for "hi" or "?" (logged before they were answered as small talk), and "Summarize this
        # post" (the chat's starter) is no question to promote to a FAQ.
        asked = [r for r in rows if re.search(r"\w", r.question) and not small_talk(r.question)]
        # "What else should I read?" and "when was this published?" ask about the blog, not its subjects; "any posts
        # on sourdough?" not covered is a missing subject, but no FAQ answer to promote when it is covered. Each
        # wording is read once: 100,000 rows hold a few thousand (reading every row took 2.4 s of the report's 11).
        wordings = {r.question for r in asked}
        about_the_blog = {q for q in wordings if asks_about_the_blog(q)}
        foreign = {q for q in wordings if self.assistant.in_another_language(q)}
        requests = {q for q in wordings if posts_asked(q) is not None}
        missing_rows = [r for r in asked if (not r.answered or r.confidence < LOW_CONFIDENCE)
                        and r.question not in about_the_blog and r.question not in foreign]
        # An answer a reader gave a thumbs down is no FAQ answer to promote: it stays under "Answers readers disliked".
        promote_rows = [r for r in asked if r.answered and r.confidence >= LOW_CONFIDENCE and r.top_kind == "passage"
                        and r.feedback != -1 and not asks_about_the_post(r.question) and r.question not in requests]
        next_numbers: dict[str, int] = {}
        missing, off_topic = [], []
        for group in sorted(group_topics(missing_rows), key=lambda g: -_score(g, now)):
            if len(missing) == limit:  # and the off-topic ones among them: each topic costs a search and a draft
                break
            topic = self._missing_topic(group, now, next_numbers)
            (missing if topic.slug else off_topic).append(topic)
        promote = []
        for group in sorted(group_topics(promote_rows), key=lambda g: -_score(g, now)):
            if len(group) < 2 or len(promote) >= limit:
                continue
            top = Counter((r.top_slug, r.top_url) for r in group).most_common(1)[0][0]
            promote.append(Topic(
                question=_phrasings(group)[0], count=len(group), score=round(_score(group, now), 3),
                last_asked=max(r.asked_at for r in group), phrasings=_phrasings(group), slug=top[0],
                title=self.titles.get(top[0] or ""), reason="answered from body text", url=top[1],
            ))
        unhelpful = tuple(Unhelpful(r.question, r.answer, r.top_url, r.asked_at)
                          for r in sorted(rows, key=lambda r: -r.asked_at) if r.feedback == -1)
        matched = {r.top_url for r in self.log.questions() if r.top_kind == "faq"}
        faq_urls = {c.url for faqs in self.faq_by_slug.values() for c in faqs}
        coverage = Coverage(
            posts_without_faq=tuple(sorted(s for s in self.titles if s not in self.faq_by_slug)),
            faq_pairs_never_matched=len(faq_urls - matched),
            faq_pairs=len(faq_urls),
            duplicate_slugs=duplicate_slugs or {},
        )
        days: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in rows:
            day = time.strftime("%Y-%m-%d", time.gmtime(r.asked_at))
            days[day][0] += 1
            days[day][1] += int(r.answered)
        return Report(
            since=since, questions=len(rows), answered=sum(r.answered for r in rows), missing=tuple(missing),
            off_topic=tuple(off_topic),
            promote=tuple(promote), unhelpful=unhelpful, coverage=coverage,
            per_day=tuple((d, a, b) for d, (a, b) in sorted(days.items())),
            other_language=tuple(Counter(r.question for r in asked if r.question in foreign).most_common(limit)),
        )

    def _missing_topic(self, group: list[LoggedQuestion], now: float, next_numbers: dict[str, int]) -> Topic:
        phrasings = _phrasings(group)
        question = faq_question(phrasings)
        pages = Counter(r.page for r in group if r.page and r.page in self.titles)
        if pages:
            slug, reason = pages.most_common(1)[0][0], "asked from this post"
        else:
            found = self.assistant.retriever.search(question, limit=1)
            near = bool(found) and self.assistant.calibration.confidence(found[0]) >= OFF_TOPIC
            slug, reason = (found[0].slug, "closest post") if near else (None, "no post is close")
        entry = answered_by = ""
        if slug:
            number = next_numbers[slug] if slug in next_numbers else self._next_faq_number(slug)
            next_numbers[slug] = number + 1 if number else None
            entry = self._faq_entry(question, slug, number)
            answered_by = self._answered_by(question, slug, in_context=bool(pages))
        return Topic(
            question=question, count=len(group), score=round(_score(group, now), 3),
            last_asked=max(r.asked_at for r in group), phrasings=phrasings, slug=slug,
            title=self.titles.get(slug or ""), reason=reason, faq_entry=entry, answered_by=answered_by,
        )

    def _answered_by(self, question: str, slug: str, in_context: bool) -> str:
        """The post's FAQ question that may already answer the reader's ("can I get one without a prescription?" on
        the CGM post and "Can you buy a CGM over the counter?"), with its link; or "". A question asked from the post
        is read with its title, as the chat read it."""
        text = f"{question} ({self.titles.get(slug, '')})" if in_context else question
        faqs = [c for c in self.assistant.retriever.search_post(text, slug, limit=100) if c.faq_chunk is not None]
        best = max(faqs, key=lambda c: c.faq, default=None)
        return f"“{best.faq_chunk.question}” ({best.url})" if best and best.faq >= SAME_FAQ else ""

    def _next_faq_number(self, slug: str) -> int | None:
        """One past the highest "Qn." of the post's FAQ section, read from its source when it is at hand; None when
        its questions have no numbers."""
        from ingest.article import ArticleError, parse_article

        try:
            article = parse_article(Path(self.sources[slug]).read_bytes(), self.sources[slug], "")
            numbers = [p.number for p in article.faq if p.number is not None]
            if article.faq and not numbers:
                return None
            return max(numbers, default=0) + 1
        except (OSError, ArticleError, KeyError):
            return len(self.faq_by_slug.get(slug, ())) + 1

    def _faq_entry(self, question: str, slug: str, number: int | None) -> str:
        """`### Q<n>. <question>` (no "Q<n>." in a post whose FAQ has no numbers) and a draft answer from the post's
        closest passage, marked as a draft. The question is written as the blog writes its words: "whats the
        differnce between phev and bev" is "What's the difference between PHEV and BEV?"."""
        q = self.casing().apply(self.assistant.speller.correct(question.strip().rstrip("?.!"))) + "?"
        q = q[0].upper() + q[1:]
        found = [c for c in self.assistant.retriever.search(question, page=slug, limit=10) if c.slug == slug]
        if side := side_asked_about(question):  # no draft of the drawbacks from a section on the benefits
            found = [c for c in found if speaks_of_side(c, side)]
        sentences = best_sentences(question, [ch for c in found[:2] for ch in c.chunks if ch.kind == "passage"], 2)
        if figure := figure_asked(question):  # no draft of "what time does it start?" without a time
            sentences = [s for s in sentences if figure.given_in(s[0])]
        draft = " ".join(s for s, _ in sentences) or "(write the answer here)"
        heading = f"Q{number}. {q}" if number else q
        return f"### {heading}\n\n**DRAFT, check before publishing:** {draft}\n"


def to_markdown(report: Report) -> str:
    lines = [f"# Missing FAQs report\n\n{report.questions} questions, {report.answered} answered "
             f"({report.answered / report.questions:.0%})." if report.questions else "# Missing FAQs report\n\nNo questions yet."]
    lines.append("\n## Missing\n")
    for n, t in enumerate(report.missing, 1):
        lines.append(f"### {n}. {t.question} ({t.count} asked)\n")
        lines.append("Phrasings: " + "; ".join(f"“{p}”" for p in t.phrasings))
        lines.append(f"\nBelongs in: {t.title or '-'} (`{t.slug or '-'}`, {t.reason})\n")
        if t.answered_by:
            lines.append(f"Perhaps answered already by the post's FAQ {t.answered_by}: check it before adding one.\n")
        if t.faq_entry:
            lines.append("```markdown\n" + t.faq_entry + "```\n")
    lines.append("\n## Off the blog's subjects\n")
    if report.off_topic:
        lines.append("Asked, but near no post: no FAQ to add (perhaps an idea for a new post).\n")
    lines += [f"- {t.question} ({t.count} asked)" for t in report.off_topic] or ["- none"]
    lines.append("\n## Asked in another language\n")
    if report.other_language:
        lines.append("Asked again in English, since the blog and its model read English only: perhaps posts to "
                     "translate.\n")
    lines += [f"- {q} ({n} asked)" for q, n in report.other_language] or ["- none"]
    lines.append("\n## Promote to a FAQ\n")
    lines += [f"- {t.question} ({t.count} asked), answered from {t.url}" for t in report.promote] or ["- none"]
    lines.append("\n## Unhelpful answers\n")
    lines += [f"- “{u.question}” got: {u.answer[:200]} ({u.url or 'no citation'})" for u in report.unhelpful] or ["- none"]
    c = report.coverage
    lines.append("\n## Coverage\n")
    lines.append(f"- Posts without a FAQ section: {', '.join(c.posts_without_faq) or 'none'}")
    lines.append(f"- FAQ pairs never matched: {c.faq_pairs_never_matched} of {c.faq_pairs}")
    for slug, files in c.duplicate_slugs.items():
        lines.append(f"- Slug `{slug}` is claimed by {', '.join(files)} (only the last is served)")
    return "\n".join(lines) + "\n"


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "question", "count", "score", "last_asked", "slug", "reason", "phrasings", "faq_entry",
                     "url", "answered_by"])
    for t in report.missing:
        writer.writerow(["missing", t.question, t.count, t.score, _iso(t.last_asked), t.slug, t.reason,
                         " | ".join(t.phrasings), t.faq_entry, "", t.answered_by])
    for t in report.off_topic:
        writer.writerow(["off-topic", t.question, t.count, t.score, _iso(t.last_asked), "", t.reason,
                         " | ".join(t.phrasings), "", ""])
    for q, n in report.other_language:
        writer.writerow(["other-language", q, n, "", "", "", "asked again in English", "", "", ""])
    for t in report.promote:
        writer.writerow(["promote", t.question, t.count, t.score, _iso(t.last_asked), t.slug, t.reason,
                         " | ".join(t.phrasings), "", t.url])
    for u in report.unhelpful:
        writer.writerow(["unhelpful", u.question, 1, "", _iso(u.asked_at), "", "thumbs down", u.answer, "", u.url])
    return out.getvalue()


def to_json_text(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def parse_since(text: str | None) -> float | None:
    """A YYYY-MM-DD date as unix time (UTC midnight), or None."""
    if not text:
        return None
    try:
        return time.mktime(time.strptime(text, "%Y-%m-%d")) - time.timezone
    except ValueError:
        raise ValueError(f"--since {text!r} is not a date; write it as YYYY-MM-DD.") from None


FORMATS = {"md": to_markdown, "csv": to_csv, "json": to_json_text}


def main(argv: list[str] | None = None) -> int:
    """`python -m assistant.report [--store DIR] [--since DATE] [--page SLUG] [--format md|csv|json]`."""
    import argparse
    import sys

    from ingest.embedder import ModelError
    from ingest.loader import IngestError, load_corpus
    from ingest.output import to_stdout
    from ingest.settings import Settings

    parser = argparse.ArgumentParser(prog="python -m assistant.report",
                                     description="Which FAQs are missing, from what readers asked.")
    parser.add_argument("--store", type=Path, help="folder of the Chroma store (default: HYPERFAQ_STORE)")
    parser.add_argument("--since", help="only questions asked on or after this date (YYYY-MM-DD)")
    parser.add_argument("--page", help="only questions asked from, or answered by, this post")
    parser.add_argument("--format", choices=sorted(FORMATS), default="md")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(store=args.store)
        since = parse_since(args.since)
        assistant = Assistant(settings)
        log = QuestionLog(settings.log_path, retention_days=settings.log_retention_days)
        duplicates = {}
        if all(d.is_dir() for d in settings.content_dirs):
            try:
                duplicates = load_corpus(settings.content_dirs, settings.site_url).duplicate_slugs
            except IngestError:
                pass
        report = ReportBuilder(assistant, log).build(since=since, page=args.page, duplicate_slugs=duplicates)
    except (IngestError, ModelError, ValueError) as err:
        print(f"report: {err}", file=sys.stderr)
        return 2
    with to_stdout():
        sys.stdout.write(FORMATS[args.format](report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
