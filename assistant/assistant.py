"""The Assistant: one question in, one cited Answer out. The chat, the HTTP API and the CLI all use it."""

from __future__ import annotations

import math
import os
import re
import threading
import time
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from assistant.compose import (
    MAX_WORDS,
    asks_how_to,
    asks_yes_or_no,
    best_sentences,
    heading_list,
    is_list_item,
    join_units,
    says_how_to,
    shorten,
    steps,
    terms,
    without_verdict,
)
from assistant.confidence import Calibration
from assistant.figures import Figure, figure_asked
from assistant.language import not_english
from assistant.lexical import MODEL, POSSESSIVE, LexicalIndex, model, phrase
from assistant.listing import (
    PostsRequest,
    asks_reading_time,
    asks_what_blog_covers,
    asks_when_published,
    asks_who_wrote,
    long_date,
    posts_asked,
)
from assistant.models import Answer, Citation
from assistant.outline import main_sections, named_subsections, section_chunks, subsections
from assistant.retrieval import PAGE_MARGIN, Candidate, Retriever
from assistant.spelling import Speller, english_words, near_typos, shortens
from ingest.article import joined
from ingest.chunking import chunk_number
from ingest.embedder import Embedder
from ingest.query_model import OnnxQueryEncoder, query_model_dir
from ingest.settings import Settings
from ingest.store import Store, StoredChunk, StoreMissing

NOT_COVERED = "The blog doesn't cover that yet."
GREETING_REPLY = "Hello! Ask me a question about the blog's articles: I answer from them, with links to the sections."
THANKS_REPLY = "You're welcome! Ask another question whenever you like."
ACKNOWLEDGED_REPLY = "Ask another question whenever you like."  # "ok", "got it": no thanks to welcome
GOODBYE_REPLY = "Goodbye! Come back with a question whenever you like."
NOT_ENGLISH_REPLY = ("I can only read questions in English, the language of the blog's articles. Please ask again in "
                     "English.")
ABOUT_REPLY = ("I'm the blog's FAQ assistant, a program, not a person: ask me a question and I answer with the blog's "
               "own words, with links to the sections they come from, or say so when no article covers it.")
WHICH_SUBJECT_REPLY = "Which post, product or topic do you mean? Please ask again with its name in the question."
WHICH_TOPIC_REPLY = ("Posts on which topic? Ask, for example, \"Do you have any posts about smart rings?\", or ask from "
                     "a post's page for the posts closest to it.")
TOPIC_POSTS_LEAD = "These posts cover it:"
RELATED_POSTS_LEAD = "Posts on the same subject:"
NO_OTHER_POST = "No other post covers that yet."
NEWEST_POSTS_LEAD = "The blog's latest posts:"
UNDATED_REPLY = "The post does not say when it was published."
UNSIGNED_REPLY = "The post does not name its author."
UNSIGNED_BLOG_REPLY = "The blog's posts do not name their authors."
SUMMARY_STARTER = "Summarize this post"
NEWEST_STARTER = "What's new on the blog?"
MAX_CITATIONS = 3
MAX_AUTHORS_NAMED = 5  # "who writes this blog?": the rest are counted
MAX_CATEGORIES_NAMED = 6  # "what is this blog about?": its largest categories
READING_WORDS_PER_MINUTE = 230  # an adult's silent reading of non-fiction (Brysbaert 2019: 238)
_ASK_ON = "Ask me a question on any of them, or “What's new on the blog?”."
LISTED_REACH = 60  # sections searched for the posts a request for posts lists: a post's own sections come first
LISTED_MARGIN = 0.3  # how much lower than the best a post's best section may score and still be listed
RELATED_FLOOR = 0.6  # cosine a post's vector must reach with the one being read to be offered as related: above 93%
# of the blog's pairs of posts; the closest other post reaches it for 97% of them (median 0.95)
FOLLOW_UP_FLOOR = 0.3  # cosine the question alone must reach in a section of the conversation's post
LEANING_FLOOR = 0.15  # the same for a question that leans back ("how much is it?"): it says little on its own,
LEANING_GAP = 0.17  # but it must not match the rest of the blog much better ("and the weather tomorrow?")
FOLLOW_UP_MARGIN = 0.3  # how much weaker the conversation's post may be and still answer a question that points back
SHORT_QUESTION_TERMS = 3  # content words up to which a question that names nothing is read in its context
_NOT_A_SUBJECT = terms("much many ok okay")  # no subject: "ok how much money do I need to start?"
CONVERSATION_POSTS = 2  # posts a conversation may be about, when its question found them nearly equally well
CONVERSATION_MARGIN = 0.1  # how much lower a second post may score and still be one of them
COMMON_ENGLISH = 100  # uses in pyspellchecker's list from which a word the blog never uses is English, not a name
# "What about crypto?" after robo-advisors, which their post never names: read in the other posts on the question
# before it, up to SUBJECT_POSTS of them that score within SUBJECT_MARGIN of its best
SUBJECT_POSTS = 6
SUBJECT_MARGIN = 0.3
MAX_CONTEXT_QUESTIONS = 3  # earlier questions a follow-up may reach back over to find what the conversation is about
MAX_HISTORY_QUESTIONS = 10  # earlier questions a reading is kept under; each was itself read after those before it
MIN_SUBSECTIONS = 2  # subsections a section needs for their headings to follow its sentences as a list
QUERY_THREADS = min(2, os.cpu_count() or 1)  # the exported query model's, unless HYPERFAQ_THREADS says otherwise
FIGURE_REACH = 5  # sections looked at for one that gives the figure a question asks for ("when did it come out?")
SISTER_REACH = 10  # sections of a question read with its post's title looked through for other posts on the subject
FIGURE_MARGIN = 0.4  # how much lower such a section may score than the best and still answer it
NAMED_SECTION_MARGIN = 0.3  # how much lower a section of a post that names what a question names may score and answer
SIDE_MARGIN = 0.3  # how much lower a section on the side a question asks for may score and still come first
NAMED_SIDE_MARGIN = 0.5  # the same for one whose heading names that side ("Cons:"): sides 0.78 -> 0.81, held-out
# sides 0.91 -> 0.95 (0.3 -> 0.5; dev, held-out and figures unchanged)
COMMON_TITLE_SHARE = 0.03  # a word in more of the posts' titles than this names no subject of its own ("AI")
NAMING_POSTS = 15  # posts a question's word may be used in and still name what the question is about ("Wysa")
NAMED_MARGIN = 0.1  # how much less like the question a post that names it may read and still be suggested first
NAMED_FLOOR = 0.4  # and how much like it one of its sentences must read at least (else the word was incidental)
FAQ_WHOLE_WORDS = MAX_WORDS  # a FAQ answer this short is quoted whole, though its text matched better than its question
VERDICT_FLOOR = 0.82  # how close a question must be to a FAQ question for its answer's "Yes."/"No." to answer it too
NUMBERED_MARGIN = 0.2  # how much lower a section whose heading names the "Level 2" asked may score and answer first
HOW_TO_MARGIN = 0.2  # how much lower a section whose heading says how to do what is asked may score and answer it
BEST_MARGIN = 0.1  # how much lower a section whose heading says which one to choose may score and come first
DEFINITION_MARGIN = 0.2  # how much lower a section that says what the subject is may score and answer "what is it?"
DEFINITION_FLOOR = 0.85  # how close a question must be to a FAQ that says what the post's subject is to be answered
# by it whatever it asks ("how does the Rabbit R1 work?" and "What exactly is the Rabbit R1?")
NAME_SHARE = 0.05  # posts a name may be used in (or two) and still be what a question is about ("Tesla", "HP", "EU")
SPECIFIC_SHARE = 0.25  # posts a word may be used in and still name one part of a post ("Fat FIRE")
READINGS_KEPT = 2048  # questions' readings kept in memory, so that a follow-up does not read the conversation again
REFRESH_SECONDS = 5.0  # how often a serving process looks whether an ingest changed the store
_LEANS_BACK = re.compile(r"^(and|but|also|what about|how about|so|then|or)\b", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")
# The word a whole question leans back with ("and how much does it cost?"; not "and the battery?", all of whose
# few words count).
_LEANS_BACK_WORD = re.compile(r"^(and|but|also|so|then|or)\b[\s,]*(?=(how|what|why|when|where|which|who|is|are|can|"
                              r"could|does|do|did|will|would|should|was|were|has|have)\b)", re.IGNORECASE)
_ABOUT_THE_POST = re.compile(
    r"\b(summar(y|i[sz]e[sd]?)|sum (it|this) up|tl;? ?dr|takeaways?|key points?|main (point|idea)s?|in a nutshell|"
    r"gist|overview|bottom line|what(['’]?s| is) (this|the) (blog post|post|article|page) about|"
    r"explain (it|this) simply)\b", re.IGNORECASE)
_OPENING = re.compile(r"(introduction|intro|overview)\b", re.IGNORECASE)
_CLOSING = re.compile(r"((in )?conclusions?|summary|final (thoughts|verdict|words?)|(the )?verdict|(the )?bottom line|"
                      r"(key )?takeaways|wrapping up)\b", re.IGNORECASE)
_ABOUT_WORDS = frozenset(terms(
    "summary summarize summarise summarized summed sum tl dr tldr takeaway takeaways main key point points idea "
    "ideas nutshell gist overview bottom line post article page blog explain simply give short brief briefly quick "
    "quickly please up"))
_GOOD_SIDE = re.compile(r"\b(benefits?|advantages?|pros|upsides?|perks?|strengths?|opportunit(y|ies))\b",
                        re.IGNORECASE)
_BAD_SIDE = re.compile(r"\b(downsides?|drawbacks?|disadvantages?|cons|risks?|dangers?|limitations?|weaknesses?|"
                       r"concerns?|challenges?|pitfalls?|(the|any|a) catch(?!-|\s+(me|up)\b))\b",  # "the catch?"
                       re.IGNORECASE)
_GOOD_SUBJECT = re.compile(r"\b(benefits|advantages|pros|upsides?|perks|strengths|(main|biggest|key|top) (benefit|"
                           r"advantage))\b", re.IGNORECASE)  # a side as what is asked about: not "risk assessment"
_BAD_SUBJECT = re.compile(r"\b(downsides?|drawbacks?|disadvantages?|cons|risks|dangers|limitations|weaknesses|"
                          r"(the|any|a) catch(?!-|\s+(me|up)\b)|"
                          r"concerns|pitfalls|challenges|complaints|criticisms|flaws|shortcomings|(main|biggest|key|"
                          r"top) (risk|danger|concern|challenge|limitation|complaint|flaw))\b", re.IGNORECASE)
_COMPARISON = re.compile(  # a heading that weighs both sides
    r"\b(vs\.?|versus|compared|comparison|the good,? (and )?the bad)(?!\w)", re.IGNORECASE)
_GOOD_SIDE_TEXT = re.compile(r"\b(benefits|advantages|pros|upsides|perks|strengths)\b", re.IGNORECASE)
_BAD_SIDE_TEXT = re.compile(  # plural: "challenge Oura's lead" is no downside
    r"\b(downsides?|drawbacks?|disadvantages?|risks|dangers|limitations|weaknesses|concerns|challenges|pitfalls|"
    r"complaints|criticisms|flaws|shortcomings)\b", re.IGNORECASE)
_SIDE_WORDS = frozenset(terms(
    "benefit benefits advantage advantages pros upside upsides perk perks strength strengths downside downsides "
    "drawback drawbacks disadvantage disadvantages cons risk risks danger dangers limitation limitations weakness "
    "weaknesses concern concerns challenge challenges pitfall pitfalls catch main biggest potential key"))
# Small talk is answered as such, not searched: "hi" is no question the blog fails to answer.
# A greeting or thanks in another language is as plain ("merci beaucoup"): no question to ask again in English.
_GREETING = re.compile(r"^(hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|hola|bonjour|"
                       r"salut|hallo|ciao|ol[aá]|hej|servus)( there)?\W*$", re.IGNORECASE)
_ABOUT_YOU = re.compile(r"^((who|what) (are|r) (you|u)|what can (you|u) do|what do (you|u) do|how do (you|u) work|help|"
                        r"are (you|u) (a |an )?(bot|robot|human|ai|real( person)?)|(and )?what about (you|u)|"
                        r"how about (you|u))\W*$", re.IGNORECASE)  # "what about you?" is no "what is the blog about?"
_THANKS = re.compile(r"^((ok(ay)?|cool|great|awesome|perfect|nice|got it|thanks( a lot)?|thank you( (so|very) much)?|"
                     r"thx|ty|cheers|bye|goodbye|(muchas )?gracias|merci( beaucoup)?|danke( sch(ö|oe?)n| sehr)?|"
                     r"grazie( mille)?|obrigad[oa]|dank (je|u)( wel)?|bedankt|tack( så mycket)?)\W*)+$", re.IGNORECASE)
_THANKED = re.compile(r"\b(thanks|thank|thx|ty|cheers|gracias|merci|danke|grazie|obrigad[oa]|dank|bedankt|tack)\b",
                      re.IGNORECASE)
_BYE = re.compile(r"\b(bye|goodbye)\b", re.IGNORECASE)
_DEFINITION = re.compile(  # a FAQ question that asks what its subject is: "Q1. What exactly is the Rabbit R1?"
    r"^\W*(q\d+\W+)?what( exactly| really)?(['’]s| is| are)( exactly| really)? (a |an |the )?"
    r"(?P<subject>[^?]{1,80})\?*\s*$", re.IGNORECASE)
# "What is an example of personalized medicine?" asks something about it, not what it is
_SOMETHING_OF_IT = re.compile(r"(an? |the |some )?(main |best |real[- ]world |common )?(examples?|types?|kinds?|goals?|"
                              r"roles?|future|difference|benefits?|advantages?|disadvantages?|risks?|cost|price|"
                              r"history|purpose|impact) (of|between|for)\b", re.IGNORECASE)
_DEFINITION_FILLER = frozenset(terms("in simple terms exactly really actually basically explained"))
_ASKING_WORDS = frozenset(terms("what is are tell me about explain describe define meaning mean means overview intro "
                                "introduction exactly really actually basically simple simply terms like please quick "
                                "brief briefly"))
_ASKS_WHAT_IT_IS = re.compile(r"^\W*(what(['’]s| is| are| exactly)|whats|define|explain|tell me|meaning|describe|"
                              r"what (does|do|can|will) .{1,60} (do|mean)\b|overview|intro)", re.IGNORECASE)
_QUESTION_WORD = re.compile(r"^\W*(how|why|when|where|which|who|is|are|can|could|does|do|did|will|would|should|"
                            r"was|were|has|have)\b", re.IGNORECASE)
_TITLE_HEAD = re.compile(r":|\?\s|\s[-–—]\s")  # where a title's subject ends: "Galaxy Ring: Samsung's Ultimate …"
_POINTS_BACK = re.compile(r"\b(it|its|it's|that|this|they|them|those|these)\b|"  # "one" as a pronoun, not in a name:
                          r"\b(get|buy|need|want|own|use|pick|choose|recommend|try|wear|rent|afford|which|good|new|best|"
                          r"right|cheap|cheapest|another|each|every) (one|ones)\b",  # "the one in one out rule"
                          re.IGNORECASE)


_NAME_WORD = re.compile(r"[^\W_][\w'’-]*[^\W_]")  # a word as casing.py reads one, of two letters or more: "EU", "Wi-Fi"
# "Will it work on my iPhone 13?": a post that lists the devices it needs answers it without naming that one (the
# model stands for "\0" here).
_ON_DEVICE = re.compile(r"\b(work|works|run|runs|compatible|available|supported|come|comes|coming)\b[^?\0]{0,30}"
                        r"\b(on|with|to)\s+((my|the|an?|your|our|their)\s+)?([\w-]+\s+){0,2}\0|"
                        r"\0\s+((get|gets|support|supports|run|runs|compatible)\b|(is|be)\s+(compatible|supported)\b)")
_ASKING_A_PRICE = re.compile(r"\b(how much|costs?|costing|prices?|priced|pricing|per (month|year)|a (month|year)|"
                             r"monthly|yearly|annual(ly)?|fees?|pay|paid|free|cheap(er|est)?|expensive)\b",
                             re.IGNORECASE)
_STEP_HEADING = re.compile(r"^\W*step\s+\d+\b", re.IGNORECASE)  # "Step 1: Accessing the Pages Feature"
_THE_CATCH = re.compile(r"\b(what['’]?s|what is) the catch\b|\bis there (a|any) catch\b|\bany catch(es)?\b(?!-)",
                        re.IGNORECASE)
_NAMES_A_PIECE = re.compile(
    r"\b(this|that|these|the|your|whose)\s+(\w+\s+)?(article|post|page|piece|blog|site|website)s?\b", re.IGNORECASE)
_UNITS = frozenset("gb tb mb kb ghz mhz hz mah wh kwh kw mm cm km kg lbs oz mph fps mp nm usd eur gbp".split())
# A question that weighs two things, which a post on one of them may answer: "is it better than the Oura?"
_COMPARES = re.compile(r"\b(or|vs|versus|than|compared?|comparison|different from|difference|instead of|"
                       r"alternatives?|like|(advantages?|benefits?|better|worse|edge)\b.{0,60}\bover)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """How a question was read: the text searched (a follow-up with its post's title) and the sections found."""

    text: str
    candidates: tuple[Candidate, ...]
    overview: bool = False  # a request for the post as a whole ("summarize this post")
    unanswered: bool = False  # found, but no answer: the section never speaks of the side asked ("what are the cons?")
    # or never gives the figure asked ("what time did the opening ceremony start?")
    vouched: Candidate | None = None  # the best match, when a section of its post on the side asked answers instead
    context: str = ""  # the post (slug) the question was read in, with its title: a follow-up or a page's question


class Assistant:
    """Answers readers' questions from the ingested blog.

    >>> assistant = Assistant(Settings.from_env(store="/tmp/store"))
    >>> answer = assistant.ask("Do solar panels work when it's cloudy?")
    >>> answer.answered, answer.citations[0].url
    (True, 'https://hyperdaily.one/blog/home-solar-panels-guide/#q1-do-solar-panels-work-on-cloudy-days')
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        calibration: Calibration | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.embedder = embedder or Embedder(
            self.settings.model, threads=self.settings.threads or 1, batch_size=self.settings.batch_size
        )
        self.calibration = calibration or Calibration()
        # Two threads for a question's 10-20 word pieces: 4.3 ms against 6.6 with one, and as many answers a second
        # under 20 concurrent readers (bench/load.py: 201-253 against 201-238 over three runs each).
        self.query_encoder = OnnxQueryEncoder.open(query_model_dir(self.settings.store), self.embedder.name,
                                                   threads=self.settings.threads or QUERY_THREADS)
        self.store = Store(self.settings, create=False)
        if self.store.count() == 0:
            raise StoreMissing(self.settings)
        self.version = self.store.version
        self._checked = time.monotonic()
        self.readings = Readings(READINGS_KEPT)
        self.retriever = Retriever(self.store, self._lexical_index(self.version), self._embed_query)
        self.speller = self._speller()

    def _lexical_index(self, version: str) -> LexicalIndex:
        folder = self.settings.store / "lexical" / self.settings.collection
        index = LexicalIndex.load(folder, version)
        if index is None:
            index = LexicalIndex.build(*self.store.published())
            try:
                index.save(folder, version)
            except OSError:
                pass  # a read-only store still answers; the index is rebuilt at the next start
        return index

    def refresh(self) -> bool:
        """Reload the lexical index when an ingest has changed the store since; True when it did."""
        self._checked = time.monotonic()
        version = self.store.version
        if version == self.version:
            return False
        self.retriever.reload(self._lexical_index(version))
        self.speller = self._speller()
        self.version = version  # only now: a reading made while the retriever reloaded is not kept as the new one's
        return True

    def _speller(self) -> Speller:
        """The blog's words, from its passages, FAQ questions, titles and headings."""
        chunks = self.retriever.lexical.chunks
        return Speller.from_texts([*(c.question if c.kind == "faq" else c.text for c in chunks),
                                   *{c.title for c in chunks}, *{c.section for c in chunks}])

    def _blog_uses(self, word: str) -> int:
        """How often the blog uses a word (in lower case)."""
        return self.speller.uses.get(word, 0)

    def in_another_language(self, question: str) -> bool:
        """Whether a question as the reader typed it is in another language than English (`language.not_english`)."""
        return not_english(without_markup(question), self._blog_uses, self.speller.english)

    @lru_cache(maxsize=2048)  # noqa: B019 (one Assistant lives as long as the process)
    def _embed_query(self, text: str) -> np.ndarray:
        """The question's vector, read without the word it leans back with: "and how much does it cost?" read 0.13
        less like the Galaxy Ring's price section than "how much does it cost?", and missed it."""
        encoder = self.query_encoder or self.embedder
        return encoder.encode([_LEANS_BACK_WORD.sub("", text) or text])[0]

    def starter_questions(self, page: str | None = None, n: int = 4) -> list[str]:
        """Questions to offer a reader who has not typed yet: on a post, a summary and the post's FAQ; else what is
        new on the blog and FAQs from across it."""
        faqs = [c for c in self.retriever.lexical.chunks if c.kind == "faq"]
        if page and self.retriever.title(page) is not None:
            return [SUMMARY_STARTER, *(c.question for c in faqs if c.slug == page)][:n]
        firsts = list({c.slug: c.question for c in reversed(faqs)}.values())
        step = max(1, len(firsts) // (n - 1))
        return [NEWEST_STARTER, *firsts[::step][: n - 1]]

    def warm_up(self) -> None:
        """Load the model and run one query, so that the first reader does not wait for it."""
        self.ask("What is artificial intelligence?")

    def ask(self, question: str, page: str | None = None, history: Sequence[object] = ()) -> Answer:
        text = clean_question(question)
        if not re.search(r"\w", without_markup(text)):  # nothing, only "?", or only tags
            return Answer(question="", answered=False, answer="Please type a question about the blog's articles.",
                          confidence=0.0, notice="empty")
        if reply := small_talk(text):
            return Answer(question=text, answered=False, answer=reply, confidence=0.0, notice="small talk")
        if len(text) > self.settings.max_question_chars:
            return Answer(
                question=text[:200], answered=False, confidence=0.0, notice="too long",
                answer=f"That message is {len(text):,} characters long; please ask one question of at most "
                f"{self.settings.max_question_chars:,} characters.",
            )
        page = page.strip("/ ") if isinstance(page, str) and page.strip("/ ") else None
        if time.monotonic() - self._checked > REFRESH_SECONDS:
            self.refresh()
        # "how much is the rabit r1?" is read as the Rabbit R1; "<img src=x onerror=…> what is sora?" as "what is sora?"
        asked, text = text, plainly(self.speller.correct(without_markup(text)))
        earlier = [self.speller.correct(without_markup(q[: self.settings.max_question_chars]))
                   for q in earlier_questions(history)]
        if self.in_another_language(asked):
            # "¿qué es la inteligencia artificial?" is no question the blog fails to answer: the model reads English.
            return Answer(question=asked, answered=False, answer=NOT_ENGLISH_REPLY, confidence=0.0,
                          notice="not english")
        if (request := posts_asked(text)) is not None:
            return self._list_posts(asked, request, page, earlier[-2 * MAX_HISTORY_QUESTIONS:])
        if asks_when_published(text):
            return self._publication(asked, page, earlier[-2 * MAX_HISTORY_QUESTIONS:])
        if asks_what_blog_covers(text):
            return self._blog_subjects(asked)
        if asks_reading_time(text):
            return self._reading_time(asked, page, earlier[-2 * MAX_HISTORY_QUESTIONS:])
        if (whose := asks_who_wrote(text)) is not None and not self._asks_of_earlier_subject(text, whose, page, earlier):
            return self._authorship(asked, whose, page, earlier[-2 * MAX_HISTORY_QUESTIONS:])
        reading = self._search(text, page, earlier[-2 * MAX_HISTORY_QUESTIONS:])
        candidates = list(reading.candidates)
        if not page and not earlier and candidates and names_nothing_it_asks_about(text, candidates[0]):
            # "how much does it cost?" on the chat page, as a first question: any post's price would be a guess.
            return Answer(question=asked, answered=False, answer=WHICH_SUBJECT_REPLY, confidence=0.0,
                          notice="no subject")
        confidence = 0.0 if reading.unanswered else self.calibration.confidence(
            reading.vouched or (candidates[0] if candidates else None))
        vector = self._embed_query(reading.text)
        if confidence < self.settings.min_confidence:
            return Answer(question=asked, answered=False, answer=NOT_COVERED, confidence=confidence,
                          suggestions=self._closest_posts(reading.text, candidates, vector, text, page),
                          search_text=reading.text, vector=vector)
        if reading.overview:
            covers = main_sections(self.retriever.lexical.post_chunks(candidates[0].slug))
            reply, citations = compose_overview(candidates, self.calibration, covers)
        else:
            top = candidates[0]
            post = self.retriever.lexical.post_chunks(top.slug)
            under = subsections(post, top.path)
            sides = [h for h in under if side_asked_about(h)] if weighs_both_sides(text) else []
            if len({side_asked_about(h) for h in sides}) < 2:  # "pros and cons?": its "Pros:" and "Cons:"
                sides = named_subsections(self._specific_terms(text) - terms(top.title), under, terms)
            if not sides and len(under) < MAX_CITATIONS and _side(text) and _side(top.section) == _side(text):
                # "and the risks?" and "Navigating the Challenges", with two: what each says, not only its heading
                sides = list(under)
            named = [] if len(under) < MIN_SUBSECTIONS else [
                (h, [c for c in section_chunks(post, "", (*top.path, h)) if c.kind == "passage"]) for h in sides]
            reply, citations = compose(text, candidates, self.calibration, self.settings.min_confidence, under,
                                       [(h, chunks) for h, chunks in named if chunks], section_chunks(post, top.anchor, ()))
        return Answer(question=asked, answered=True, answer=reply, confidence=confidence, citations=citations,
                      search_text=reading.text, vector=vector)

    def _list_posts(self, asked: str, request: PostsRequest, page: str | None, earlier: Sequence[str]) -> Answer:
        """The reply to a request for posts (`posts_asked`): the posts on its subject, each cited at its section most
        sure to answer, or, for "what else should I read?", those closest to the post being read (the page, else the
        one the conversation is about). Not covered when no post answers confidently; when only the post being read
        does, no other post covers it; either way the closest other posts are suggested."""
        if not request.topic and request.newest:
            return self._newest_posts(asked)
        if not request.topic:
            slug = self._post_read(page, earlier)
            if slug is None:
                return Answer(question=asked, answered=False, answer=WHICH_TOPIC_REPLY, confidence=0.0,
                              notice="no subject")
            return self._related_posts(asked, slug)
        text = request.search_text
        leave_out = page if request.others else None  # "any other posts on smart rings?" asked on one of them
        title = self.retriever.title(leave_out) if leave_out else None
        found = self.retriever.search(text, limit=LISTED_REACH)
        vector = self._embed_query(text)
        others = [c for c in found if c.slug != leave_out and c.title != title]  # a near-duplicate shares its title
        on_it = self._posts_near(found)
        listed = [c for c in on_it if c.slug != leave_out and c.title != title]
        if request.newest:  # "the latest posts about smart rings"
            listed.sort(key=lambda c: c.chunks[0].published, reverse=True)
        listed = listed[:MAX_CITATIONS]
        if not listed or not self._answers(listed[0]):
            covered = bool(on_it) and self._answers(on_it[0])  # by the post being read alone
            return Answer(question=asked, answered=False, answer=NO_OTHER_POST if covered else NOT_COVERED,
                          confidence=0.0, suggestions=suggestions(others, self.calibration), search_text=text,
                          vector=vector)
        dated = [f" ({long_date(c.chunks[0].published)})" if request.newest and c.chunks[0].published else ""
                 for c in listed]
        lines = [f"- {c.title}{on} [{n}]" for n, (c, on) in enumerate(zip(listed, dated), 1)]
        reply = "\n".join([TOPIC_POSTS_LEAD, *lines])
        return Answer(question=asked, answered=True, answer=reply, confidence=self.calibration.confidence(listed[0]),
                      citations=tuple(_citation(c, self.calibration) for c in listed), search_text=text,
                      vector=vector)

    def _newest_posts(self, asked: str) -> Answer:
        """The blog's latest posts ("what's new?"), newest first, each linked at its top with its date."""
        slugs = self.retriever.lexical.slugs
        newest: dict[str, StoredChunk] = {}  # by title: near-duplicate posts often share one
        for opening in sorted(map(self._opening, slugs), key=lambda c: (c.published, c.slug), reverse=True):
            if len(newest) == MAX_CITATIONS:
                break
            newest.setdefault(opening.title, opening)
        lines = [f"- {c.title}{f' ({long_date(c.published)})' if c.published else ''} [{n}]"
                 for n, c in enumerate(newest.values(), 1)]
        return Answer(question=asked, answered=True, answer="\n".join([NEWEST_POSTS_LEAD, *lines]), confidence=1.0,
                      citations=tuple(_post_citation(c, 1.0) for c in newest.values()))

    def _publication(self, asked: str, page: str | None, earlier: Sequence[str]) -> Answer:
        """When the post being read (the page, else the one the conversation is about) was published: "when was this
        article written?", "is this post up to date?"."""
        return self._post_fact(asked, self._post_read(page, earlier), page, UNDATED_REPLY,
                               lambda o: f"was published on {long_date(o.published)}" if o.published else None)

    def _reading_time(self, asked: str, page: str | None, earlier: Sequence[str]) -> Answer:
        """How long the post being read takes to read ("how long does it take to read this?"), from its words at
        READING_WORDS_PER_MINUTE: the frontmatter's `readingTime` is written in many ways ("13 min", "14", "12
        minutes") and not kept."""
        def length(opening: StoredChunk) -> str:
            chunks = self.retriever.lexical.post_chunks(opening.slug)
            words = sum(len(f"{c.question} {c.text}".split()) for c in chunks)
            minutes = max(1, round(words / READING_WORDS_PER_MINUTE))
            return f"takes about {minutes} minute{'s' if minutes > 1 else ''} to read ({words:,} words)"
        return self._post_fact(asked, self._post_read(page, earlier), page, "", length)  # every post has words

    def _authorship(self, asked: str, whose: str, page: str | None, earlier: Sequence[str]) -> Answer:
        """Who wrote the post being read ("who wrote this article?"), as its frontmatter's `author` names them; who
        writes the blog ("who runs this site?", or "who wrote this?" with no post to go by): its authors."""
        slug = self._post_read(page, earlier) if whose == "post" else None
        if slug is None:
            return self._blog_authors(asked)
        return self._post_fact(asked, slug, page, UNSIGNED_REPLY, lambda o: (
            f"is by {o.author}" + (f", published on {long_date(o.published)}" if o.published else "")
            if o.author else None))

    def _post_fact(self, asked: str, slug: str | None, page: str | None, unknown: str,
                   says: Callable[[StoredChunk], str | None]) -> Answer:
        """What `says` of the post being read (`_post_read`), from its opening chunk: "This post was published on …"
        on its page, else under its title, cited at its top; `unknown`, with the post suggested, when it says nothing;
        which post, when there is none to go by."""
        if slug is None:
            return Answer(question=asked, answered=False, answer=WHICH_SUBJECT_REPLY, confidence=0.0,
                          notice="no subject")
        opening = self._opening(slug)
        post = _post_citation(opening, 1.0)
        said = says(opening)
        if said is None:
            return Answer(question=asked, answered=False, answer=unknown, confidence=0.0, suggestions=(post,),
                          search_text=opening.title)
        which = "This post" if slug == page else opening.title
        return Answer(question=asked, answered=True, confidence=1.0, citations=(post,), search_text=opening.title,
                      answer=f"{which} {said}. [1]")

    def _blog_authors(self, asked: str) -> Answer:
        """The blog's authors, the one with the most posts first."""
        authors = {chunk.slug: chunk.author for chunk in self.retriever.lexical.chunks if chunk.author}
        if not authors:
            return Answer(question=asked, answered=False, answer=UNSIGNED_BLOG_REPLY, confidence=0.0)
        named = _by_posts(authors.values())
        if len(named) == 1:  # "The blog's posts are by HYPERDAILY (1 post)." read oddly on a blog of one
            only = "post is" if named[0][1] == 1 else "posts are all"
            return Answer(question=asked, answered=True, confidence=1.0,
                          answer=f"The blog's {only} by {named[0][0]}.")
        counted = [f"{name} ({_posts(n)})" for name, n in named]
        more = len(counted) - MAX_AUTHORS_NAMED
        listed = counted[:MAX_AUTHORS_NAMED] + ([f"{more} more"] if more > 0 else [])
        return Answer(question=asked, answered=True, confidence=1.0,
                      answer=f"The blog's posts are by {joined(listed)}.")

    def _blog_subjects(self, asked: str) -> Answer:
        """What the blog writes about ("what is this blog about?", "what topics do you cover?"): a blog of a few
        posts lists them, linked; a larger one names its largest categories."""
        slugs = self.retriever.lexical.slugs
        if len(slugs) <= MAX_CITATIONS:
            posts = [self._opening(slug) for slug in slugs]
            lines = [f"- {c.title} [{n}]" for n, c in enumerate(posts, 1)]
            return Answer(question=asked, answered=True, confidence=1.0,
                          answer="\n".join([f"The blog has {_posts(len(posts))}:", *lines,
                                             "Ask me a question about it." if len(posts) == 1 else _ASK_ON]),
                          citations=tuple(_post_citation(c, 1.0) for c in posts))
        categories = {chunk.slug: chunk.category for chunk in self.retriever.lexical.chunks if chunk.category}
        largest = _by_posts(categories.values())[:MAX_CATEGORIES_NAMED]
        if not largest:
            return Answer(question=asked, answered=True, confidence=1.0,
                          answer=f"The blog has {_posts(len(slugs))}. {_ASK_ON}")
        if len(largest) == 1:
            return Answer(question=asked, answered=True, confidence=1.0,
                          answer=f"The blog has {_posts(len(slugs))}, filed under {largest[0][0]}. {_ASK_ON}")
        listed = [f"{name} ({_posts(n) if i == 0 else n})" for i, (name, n) in enumerate(largest)]
        return Answer(question=asked, answered=True, confidence=1.0,
                      answer=f"The blog has {_posts(len(slugs))}; its largest categories are {joined(listed)}. "
                             f"{_ASK_ON}")

    def _related_posts(self, asked: str, slug: str) -> Answer:
        """The posts closest to this one as wholes (`LexicalIndex.closest_posts`), each linked at its top, for "what
        else should I read?"; when none comes within RELATED_FLOOR, no other post covers its subject."""
        title = self.retriever.title(slug) or ""
        related: dict[str, Citation] = {}  # by title: a near-duplicate post is the same read
        for other, similarity in self.retriever.lexical.closest_posts(slug):
            if similarity < RELATED_FLOOR or len(related) == MAX_CITATIONS:
                break
            opening = self._opening(other)
            if opening.title != title:
                related.setdefault(opening.title, _post_citation(opening, similarity))
        if not related:
            return Answer(question=asked, answered=False, answer=NO_OTHER_POST, confidence=0.0, search_text=title)
        posts = list(related.values())
        reply = "\n".join([RELATED_POSTS_LEAD, *(f"- {c.title} [{n}]" for n, c in enumerate(posts, 1))])
        return Answer(question=asked, answered=True, answer=reply, confidence=posts[0].score, citations=tuple(posts),
                      search_text=title)

    def _asks_of_earlier_subject(self, text: str, whose: str, page: str | None, earlier: Sequence[str]) -> bool:
        """Whether "who is the author?" asks about what the conversation was about rather than a post: after "what is
        Atomic Habits about?", which no post answered, it asks who wrote the book, not who writes the blog. Not when
        the message names a post or the blog ("who wrote this post?")."""
        last = earlier[-1] if earlier else ""
        return (whose == "post" and bool(self._specific_terms(last)) and small_talk(last) is None
                and asks_who_wrote(last) is None and not _NAMES_A_PIECE.search(text)
                and self._post_read(page, earlier[-2 * MAX_HISTORY_QUESTIONS:]) is None)

    def _post_read(self, page: str | None, earlier: Sequence[str]) -> str | None:
        """The post the reader is on (the page), else the one the conversation is about; None for neither."""
        if page and self.retriever.lexical.post_positions(page):
            return page
        return next((c.slug for c in self._conversation_posts(earlier, page)), None)

    def _opening(self, slug: str) -> StoredChunk:
        """A post's first chunk (in the lexical index, which holds every published post)."""
        return min(self.retriever.lexical.post_chunks(slug), key=lambda c: (c.position, chunk_number(c.id)))

    def _posts_near(self, found: list[Candidate]) -> list[Candidate]:
        """The posts of these sections that score within LISTED_MARGIN of the best, one for each title (near-duplicate
        posts often share one), each at its section most sure to answer: "Home Solar Panels" at its opening."""
        near: dict[str, list[Candidate]] = {}
        for c in found:
            if c.score >= found[0].score - LISTED_MARGIN:
                near.setdefault(c.title, []).append(c)
        return [max((c for c in group if c.slug == group[0].slug), key=self.calibration.confidence)
                for group in near.values()]

    def _closest_posts(self, text: str, candidates: list[Candidate], vector: np.ndarray,
                       asked: str, page: str | None = None) -> tuple[Citation, ...]:
        """The posts to suggest for a question the blog does not answer (read as `text`, asked as `asked`). Posts
        that name the product it asks about come first (`_posts_naming`). When none of the closest posts uses the
        question's rarest word ("is the Wysa app free?"), posts that use it come first if they read nearly as much
        like it: the closest sections of such a question are often about its other words ("free", "pay"). For a
        price, the posts closest to what it asks the price of come first: "how much does a Tesla Powerwall cost
        installed?" met a Copilot+ PC's price and a CGM's, and now the posts on home energy; the `page` the reader is
        on only when the closest sections already suggest it (no other post is on its subject)."""
        figure = figure_asked(asked)
        if figure is not None and figure.kind in ("price", "free"):
            subject = " ".join(_ASKING_A_PRICE.sub(" ", text).split())
            if terms(subject) and terms(subject) != terms(text):
                hidden = None if any(c.slug == page for c in candidates) else page
                candidates = [*(c for c in self.retriever.search(subject) if c.slug != hidden), *candidates]
        shown = suggestions(candidates, self.calibration)
        shown_slugs = {s.slug for s in shown}
        naming_all = self._posts_naming(asked)
        if naming_all and shown and shown[0].slug not in naming_all:  # "how long does the Vision Pro battery last?"
            named = sorted(self._best_sections(text, sorted(naming_all)), key=lambda c: -c.score)
            return suggestions([*named, *candidates], self.calibration)
        best = max((c.sentence for c in candidates), default=0.0)
        rarest = self.retriever.lexical.rarest_word(text, NAMING_POSTS)
        if any(c.slug in shown_slugs for c in rarest):
            return shown  # the closest posts already name it
        naming: dict[str, float] = {}
        for chunk in rarest:
            sentences, _ = self.retriever.sentences.similarities(chunk, vector)
            if len(sentences):
                naming[chunk.slug] = max(naming.get(chunk.slug, 0.0), float(sentences.max()))
        floor = max(best - NAMED_MARGIN, NAMED_FLOOR)
        first = [slug for slug, score in sorted(naming.items(), key=lambda kv: -kv[1]) if score >= floor]
        if not first:
            return shown
        return suggestions([*self._best_sections(text, first[:MAX_CITATIONS]), *candidates], self.calibration)

    def _best_sections(self, text: str, slugs: Iterable[str]) -> list[Candidate]:
        """The section of each of these posts that matches the question best, in their order."""
        found = (self.retriever.search_post(text, slug, limit=1) for slug in slugs)
        return [best[0] for best in found if best]

    def _posts_naming(self, text: str) -> set[str]:
        """The posts that name every product the question names by two words ("Vision Pro") or by a name and a
        number ("iPhone 16"): the Vision Pro's, for a question on its battery, whose closest sections are other
        devices' battery life. Not a single name: "when is Apple Intelligence coming to the EU?" is about Apple
        Intelligence, not about the posts that name the EU."""
        lexical = self.retriever.lexical
        named = [set(lexical.name_posts(*pair)) for pair in self._rare_names(text)[1]]
        named += [lexical.model_posts(name, number) for name, number in self._models(text)]
        return set.intersection(*named) if named else set()

    def _specific_terms(self, text: str) -> set[str]:
        """The question's words that few posts use (at most SPECIFIC_SHARE of them): "fat" and "rover" name a part
        of a post, "one" and "cuts" do not."""
        return {w for w in terms(text) if self.retriever.lexical.post_share(w) <= SPECIFIC_SHARE}

    def read(self, question: str, page: str | None = None) -> Reading:
        """How `ask` reads a question on its own: the sections it is answered from, best first (bench/eval.py)."""
        return self._search(self.speller.correct(without_markup(clean_question(question))), page, ())

    def _search(self, text: str, page: str | None, earlier: Sequence[str]) -> Reading:
        """How the question is read after the earlier ones, kept under the last MAX_HISTORY_QUESTIONS of them: a
        follow-up reads the question before it as that question's own turn read it, and so finds it kept."""
        key = (text, page, tuple(earlier[-MAX_HISTORY_QUESTIONS:]), self.version)
        reading = self.readings.get(key)
        if reading is None:
            reading = self._read(text, page, earlier)
            self.readings.put(key, reading)
        return reading

    def _read(self, text: str, page: str | None, earlier: Sequence[str]) -> Reading:
        """The question's reading (`_read_figure`); not answered when it names what the answering post never
        mentions."""
        reading = self._read_figure(text, page, earlier)
        if not reading.unanswered and not reading.overview and reading.candidates and self._names_the_unknown(text):
            return replace(reading, unanswered=True)
        if (not reading.unanswered and not reading.overview and reading.candidates
                and self._answers(reading.vouched or reading.candidates[0])
                and self._names_what_it_lacks(text, reading.candidates[0].slug)):
            naming = None if reading.vouched else self._section_naming(text, reading.candidates)
            if naming is None:
                return replace(reading, unanswered=True)
            return replace(reading, candidates=(naming, *(c for c in reading.candidates if c is not naming)))
        return reading

    def _steps_as_a_whole(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """For a how-to question whose best section is one step of several ("Step 1: Accessing the Pages Feature",
        for "how to make a page on perplexity"), the section they are the steps of, whose reply lists them all; not
        when the question names what that step alone is about ("how do I access the Pages feature?")."""
        if not candidates or not asks_how_to(text):
            return candidates
        top = candidates[0]
        if not _STEP_HEADING.match(top.section) or len(top.path) < 2:
            return candidates
        if terms(text) & (terms(top.section) - terms(" ".join((top.title, *top.path[:-1])))):
            return candidates
        parent = next((c for c in self.retriever.search_post(text, top.slug, limit=1000)
                       if c.path == top.path[:-1]), None)
        if parent is None or not self._answers(parent):
            return candidates
        return [parent, *(c for c in candidates if (c.slug, c.anchor) != (parent.slug, parent.anchor))]

    def _section_naming(self, text: str, candidates: Sequence[Candidate]) -> Candidate | None:
        """A section of another post that names what the best match's post never does, nearly as close, to answer
        instead ("what does a Sense energy monitor do?" and the post on home energy monitors that reviews the Sense).
        It must name the question's rare names and every word of it that few posts use and the best match has (the
        Vision Pro's price FAQ names it, but says nothing of the battery the Galaxy Ring's battery FAQ matched on), and
        give the figure asked: "how long does the Galaxy Ring take to charge?" is no more answered by its battery life
        than by an EV's charging time."""
        top, figure = candidates[0], figure_asked(text)
        words, pairs, models = *self._rare_names(text), self._models(text)
        needed = (self._specific_terms(text) & terms(self._section_text(top))) | terms(" ".join(words))
        for c in candidates[1:FIGURE_REACH]:
            if c.slug == top.slug or c.score < top.score - NAMED_SECTION_MARGIN or not self._answers(c):
                continue
            said = self._section_text(c)
            if (needed <= terms(said) and all(phrase(*pair).search(said) for pair in pairs)
                    and all(model(*named).search(said) for named in models)
                    and (figure is None or figure.states(said))):
                return c
        return None

    def _read_figure(self, text: str, page: str | None, earlier: Sequence[str]) -> Reading:
        """The question's reading (`_find`). One that asks for a figure (a price, a date, a count) is answered by the
        best section that gives one, with the sections under it, among those that score within FIGURE_MARGIN of the
        best ("what year did Shor come up with the algorithm that could break RSA?": the section on Shor's algorithm
        matches best, another post's on the quantum threat says "in 1994"); when none does it is not answered:
        "what time did the Paris Olympics opening ceremony start?" meets the section on the dates, which gives the
        day but no time."""
        reading = self._prefer_named(text, self._find(text, page, earlier))
        figure = figure_asked(text)
        if figure is None or not reading.candidates or reading.overview:
            return reading
        if reading.unanswered:
            return (self._sister_giving(text, reading, figure) or self._page_headed_by_figure(text, reading, figure)
                    or reading)
        best = reading.vouched or reading.candidates[0]
        names = self._rare_names(text)
        # The best match may give it loosely ("in the evening"); another must state it to take its place ("at 8 PM").
        giving = next((c for c in reading.candidates[:FIGURE_REACH] if c.score >= best.score - FIGURE_MARGIN
                       and (figure.given_in if c is reading.candidates[0] else figure.states)(
                           self._naming_lines(c, *names))), None)
        if giving is None:
            giving = self._post_headed_by_figure(text, best, figure, self._matched_beyond_title(text, best))
        if giving is None:
            return self._sister_giving(text, reading, figure) or replace(reading, unanswered=True)
        giving = self._headed_by_figure(text, reading.candidates, giving, best, figure) or giving
        if giving is reading.candidates[0]:
            return reading
        # As for a side: within one post, the best match says how sure the answer is.
        rest = tuple(c for c in reading.candidates if c is not giving)
        return replace(reading, candidates=(giving, *rest), vouched=best if giving.slug == best.slug else None)

    def _naming_lines(self, candidate: Candidate, words: list[str], pairs: list[tuple[str, str]]) -> str:
        """Where a section may give the figure a question asks for: all of it, or, when the question names (by its
        `_rare_names`) what its post's title does not, only its lines (paragraphs, list items) that name one of those.
        "How many qubits does Google's Sycamore chip have?" is not answered by a section on quantum computing's
        pioneers that says Google built Sycamore, and, of IBM, that it plans processors with thousands of qubits."""
        said = self._section_text(candidate)
        words = [w for w in words if not terms(w) <= terms(candidate.title)]
        pairs = [pair for pair in pairs if not phrase(*pair).search(candidate.title)]
        if not words and not pairs:
            return said
        return "\n".join(line for line in said.split("\n") if any(terms(w) <= terms(line) for w in words)
                         or any(phrase(*pair).search(line) for pair in pairs))

    def _headed_by_figure(self, text: str, candidates: Sequence[Candidate], giving: Candidate, best: Candidate,
                          figure: Figure) -> Candidate | None:
        """A section of the same post whose heading names the figure asked and which states it, to answer in place of
        one that only mentions such a figure: "and what does it cost?" after a question on the Galaxy Ring is answered
        by "Analyzing the Galaxy Ring Price" ($299 to $399), not by "The Subscription Debate" (Oura's $5.99 fee).
        It must state the figure itself, not in a section under it. Not when the question names more of the first
        one's heading than the post's subject ("what does the subscription cost?")."""
        if figure.named_by(giving.section) or terms(text) & (terms(giving.section) - terms(giving.title)):
            return None
        post = self.retriever.lexical.post_chunks(giving.slug)
        return next((c for c in candidates[:FIGURE_REACH] if c is not giving and c.slug == giving.slug
                     and c.score >= best.score - FIGURE_MARGIN and figure.named_by(c.section)
                     and figure.states(own_text(post, c.anchor))), None)

    def _matched_beyond_title(self, text: str, best: Candidate) -> set[str]:
        """The question's words that the best match has and its post's title does not: what it matched on."""
        return (terms(text) & terms(self._section_text(best))) - terms(best.title)

    def _post_headed_by_figure(self, text: str, best: Candidate, figure: Figure, needed: set[str]) -> Candidate | None:
        """When no close section gives the figure asked: the best match's post's section whose heading names it and
        which states it, when it or the post's title has the `needed` words and the question's rare names. "When did
        the Erdtree DLC come out?" matches the guide's price section best; its "SotE Release Date and Availability"
        says "June 21, 2024" without naming the DLC. Not "when does the DLC's art book come out?", which the price
        section matched on the art book (`_matched_beyond_title`)."""
        if figure.headed is None:
            return None
        words, pairs = self._rare_names(text)
        needed = needed | terms(" ".join(words))
        post = self.retriever.lexical.post_chunks(best.slug)
        for c in self.retriever.search_post(text, best.slug, limit=1000):
            if not figure.named_by(c.section):
                continue
            own = own_text(post, c.anchor)
            said = f"{c.title} {c.section} {own}"
            if figure.states(own) and needed <= terms(said) and all(phrase(*pair).search(said) for pair in pairs):
                return c
        return None

    def _page_headed_by_figure(self, text: str, reading: Reading, figure: Figure) -> Reading | None:
        """For a question read in its post's context that no section answers confidently enough ("are these apps
        free?" on the post on AI companions): the post's section headed for the figure asked that states it ("2.
        Affordability and Scalability": "often free"), when it answers as read with the post's title."""
        if not reading.context:
            return None
        ranked = self.retriever.search_post(reading.text, reading.context, limit=1000)
        if not ranked:
            return None
        # Its words that few posts use, not all it shares with the best match: "these apps" are the post's subject.
        needed = self._specific_terms(text) - terms(ranked[0].title)
        headed = self._post_headed_by_figure(text, ranked[0], figure, needed)
        giving = next((c for c in ranked[:FIGURE_REACH] if headed is not None and c.anchor == headed.anchor), None)
        if giving is None or not self._answers(giving):
            return None
        return Reading(reading.text, (giving, *(c for c in ranked if c is not giving)), context=reading.context)

    def _sister_giving(self, text: str, reading: Reading, figure: Figure) -> Reading | None:
        """For a question read in its post's context ("is it free?" on the Elden Ring beginners' guide) that the post
        never answers with the figure asked: a confident section that states it in another post on the same subject
        (the other Elden Ring guide's "priced around $39.99"), ranked in that post as a follow-up is; else None."""
        title = self.retriever.title(reading.context) if reading.context else None
        if title is None:
            return None
        subject = title_subject(title, common_title_words(self.retriever.lexical))
        sisters = dict.fromkeys(c.slug for c in self.retriever.search(reading.text, limit=SISTER_REACH)
                                if c.slug != reading.context and subject and subject <= terms(c.title))
        for slug in sisters:
            alone, ranked = self._ranked_in_post(text, reading.text, slug)
            post = self.retriever.lexical.post_chunks(slug)
            # Its own words must state it, and the question alone must read like them: with the title, any section of a
            # post on the subject matches ("how long does the battery last?" and a section on latency in milliseconds).
            giving = [c for c in ranked[:FIGURE_REACH]
                      if c.anchor in alone and alone[c.anchor].closeness >= FOLLOW_UP_FLOOR and self._answers(c)
                      and figure.states(own_text(post, c.anchor))]
            if giving:  # "Release Date" before the introduction's "since its 2022 debut"
                best = max(giving, key=lambda c: alone[c.anchor].score)
                return Reading(reading.text, (best,), context=slug)
        return None

    def _foreign_to(self, text: str, posts: dict[str, str]) -> bool:
        """Whether none of these posts uses the rarest of the question's words, when few posts use it: "sourdough",
        not "bake" ("baked into iOS")."""
        lexical = self.retriever.lexical
        rarest = min(self._specific_terms(text), key=lexical.posts_using, default=None)
        return rarest is not None and not any(lexical.post_uses(slug, rarest) for slug in posts)

    def _unknown_names(self, text: str, common_from: int = COMMON_ENGLISH) -> list[str]:
        """The question's words that no post uses and that are no common English word (used `common_from` times in
        pyspellchecker's list), nor one letter dropped or two swapped from one: names the blog never mentions
        ("grok", "paralympics"), not a paraphrase of its words ("downsides" for its "drawbacks"), a typo the speller
        leaves ("teh", "abt", "ebike"), two words written as
        one ("carmakers", or "wifi" for the blog's "Wi-Fi"), nor a word cut short ("diff", "info")."""
        lexical, english = self.retriever.lexical, english_words()

        def common(word: str) -> bool:
            return english.get(word, 0) >= common_from

        def used(word: str) -> bool:
            stem = terms(word)
            return len(stem) == 1 and lexical.posts_using(next(iter(stem))) > 0

        def known(word: str) -> bool:
            return common(word) or used(word)

        def joined(word: str) -> bool:
            halves = [(word[:i], word[i:]) for i in range(2, len(word) - 1)]
            return any(len(a) > 2 and len(b) > 2 and all(common(h) and used(h) for h in (a, b))
                       or lexical.writes_together(a, b) for a, b in halves)  # not "gar" and "min" for "garmin"

        return [w for w in dict.fromkeys(_NAME_WORD.findall(text.lower())) if len(w) > 3 and w.isalpha()
                and len(terms(w)) == 1 and not known(w) and not any(known(near) for near in near_typos(w))
                and not joined(w) and not shortens(w, common_from)]

    def _names_the_unknown(self, text: str) -> bool:
        """Whether the question names what no post mentions and no English word list has (`_unknown_names`): "can I
        use Grok for coding?" is not answered by what the blog says of coding assistants; "are tiles pricier?" is
        read as asked. Not a device it asks something to work on ("will it run on my Chromebook?"), which a post that
        lists what it needs answers."""
        return any(not asks_to_run_on(text, word) for word in self._unknown_names(text, 1))

    def _names_what_it_lacks(self, text: str, slug: str) -> bool:
        """Whether the question names something the post never mentions: a word the blog writes as a name ("Tesla",
        "HP", "EU", "Canadian") or two it writes as one ("Vision Pro"), used in few posts but not in this one. "What
        ESG rating does Tesla get?" meets the post on ESG ratings, which says nothing of Tesla. A comparison ("Home
        Assistant or SmartThings?") may be answered by a post on one side."""
        words, pairs = self._rare_names(text)
        lexical = self.retriever.lexical
        return (any(not lexical.post_uses(slug, terms(word).pop()) for word in words)
                or any(slug not in lexical.name_posts(*pair) and not lexical.post_says(slug, *pair) for pair in pairs)
                or any(not lexical.post_names(slug, name, number)
                       and not asks_to_run_on(text, f"{name} {number}")
                       for name, number in self._models(text)))

    def _models(self, text: str) -> list[tuple[str, str]]:
        """The models a question names by a name the blog writes as one and a number: "what's the price of the iPhone
        16 Pro?" is not answered by the Vision Pro's post, which names the iPhone but never the iPhone 16, nor "when is
        GPT-5 coming out?" by GPT-4o's release date. The name may be the second of two words the blog writes as one
        ("Oura Ring 4": the Galaxy Ring's post names the Oura Ring 3). None in a comparison."""
        if _COMPARES.search(text):
            return []
        lexical, lowered = self.retriever.lexical, text.lower()
        return [(name, number) for name, number in dict.fromkeys(MODEL.findall(lowered))
                if name not in _UNITS and len(terms(name)) == 1 and lexical.posts_using(terms(name).pop())
                and (lexical.written_as_name(name, capital_inside=True)
                     or any(lexical.name_posts(first, name)
                            for first in re.findall(rf"\b([a-z][a-z'’-]*)\s+{re.escape(name)}\b", lowered)))]

    def _rare_names(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The names a question uses that few posts use: words the blog writes as names, and pairs of common words it
        writes as one ("Vision Pro": neither "vision" nor "pro" is a name of its own). None in a comparison."""
        if _COMPARES.search(text):
            return [], []
        lexical = self.retriever.lexical
        few = max(2.0, NAME_SHARE * lexical.post_count)
        words = [POSSESSIVE.sub("", w) for w in _NAME_WORD.findall(text.lower())]
        # "the", "wi-fi", "gb"; a model's code, written in more ways than one ("PS4", "PlayStation 4")
        plain = [w for w in dict.fromkeys(words) if len(terms(w)) == 1 and w not in _UNITS
                 and not any(ch.isdigit() for ch in w)]
        names = [w for w in plain if 0 < lexical.posts_using(terms(w).pop()) <= few and lexical.written_as_name(w)]
        pairs = [(first, second) for first, second in dict.fromkeys(zip(words, words[1:]))
                 if first in plain and second in plain and first not in names and second not in names]
        return names, [pair for pair in pairs if 0 < len(lexical.name_posts(*pair)) <= few]

    def _prefer_named(self, text: str, reading: Reading) -> Reading:
        """A FAQ answer is no answer to a question that names what it never mentions, when another section of its
        post does and scores nearly as well: "how can I watch it in the UK?" meets "How can I watch the Paris
        Olympics live stream in the US?", and the post's "UK: BBC and Eurosport" is in its section on broadcasters."""
        found = reading.candidates
        if reading.overview or reading.unanswered or not found or found[0].faq_chunk is None:
            return reading
        top = found[0]
        if top.faq < top.dense:
            return reading
        specific = self._specific_terms(text) - terms(top.title)
        if not specific:  # only then read the section's words: most questions name nothing beyond their post's subject
            return reading
        said = terms(self._section_text(top))
        missing, matched = specific - said, specific & said
        if not missing:
            return reading
        # It must keep what the FAQ answered: "can I copyright art I made in Midjourney?" is not answered by the
        # section on Midjourney, which never speaks of copyright.
        for c in found[1:FIGURE_REACH]:
            if (c.slug == top.slug and c.score >= top.score - SIDE_MARGIN
                    and missing | matched <= terms(self._section_text(c))):
                return replace(reading, candidates=(c, *(x for x in found if x is not c)), vouched=top)
        return reading

    def _section_text(self, candidate: Candidate) -> str:
        """A section's heading and the text of its chunks and of the sections under it."""
        return " ".join([candidate.section, *(c.text for c in self._section_chunks(candidate))])

    def _section_chunks(self, candidate: Candidate) -> list[StoredChunk]:
        """A section's chunks with those of the sections under it: where a figure it opens on may be given."""
        return section_chunks(self.retriever.lexical.post_chunks(candidate.slug), candidate.anchor, candidate.path)

    def _find(self, text: str, page: str | None, earlier: Sequence[str]) -> Reading:
        """Search the question; in a conversation, also within the posts the conversation is about (with no earlier
        question to go by, the reader's page, for a question that leans or points back or names no subject).

        The post that answers it best wins when it answers confidently and the rest of the blog does not answer
        clearly better (by `follow_up_margin`).
        """
        if page and (overview := self._overview(text, page)):
            return overview
        found = after_definitions(prefer_side(self.retriever.search(text, page=page), text, self._answers), text)
        alone = numbered_first(how_to_first(definition_first(found, text, self._answers), text, self._answers), text)
        alone = best_first(alone, text, self._answers)
        alone = self._steps_as_a_whole(text, alone)
        common = common_title_words(self.retriever.lexical)
        unnamed = bool(alone) and (names_no_subject(text, alone[0]) or bool(_POINTS_BACK.search(text))
                                   and names_another_subject(text, alone[0], common))
        conversation = self._conversation_posts(earlier, page)
        posts = {c.slug: c.title for c in conversation}
        if not posts and page and (leans_back(text) or _POINTS_BACK.search(text) or unnamed):
            # "how much is it?" typed in the widget on the Galaxy Ring post is about the Galaxy Ring.
            title = self.retriever.title(page)
            posts = {page: title} if title is not None else {}
        confident_alone = bool(alone) and self._answers(alone[0])
        if not posts or (confident_alone and alone[0].slug in posts):
            return _standing_alone(text, alone)
        floor = follow_up_floor(text, alone, common)
        found = self._best_post(text, posts, floor)
        if found is not None and (self._unknown_names(text) or self._names_what_it_lacks(text, found[1][0][0].slug)):
            # "what about grok?" after "is Gemini better than ChatGPT?" is no question on their post, which never
            # names Grok (nor does the blog), however well it matches with the post's title.
            found = None
        if found is None and earlier and not _POINTS_BACK.search(text):
            found = self._on_the_same_subject(text, earlier, page, posts, floor)
        if found is None and asks_for_side(text):
            # "what are the cons?" after the Galaxy Ring asks about the ring, whose post names none: another post's
            # pros and cons are no answer. Its post is what the reader is pointed to, and its title what editors see.
            slug, title = next(iter(posts.items()))
            pointed = conversation or self.retriever.search_post(title, slug, limit=1)
            return Reading(f"{text} ({title})", tuple(pointed), unanswered=True, context=slug)
        if found is None and (leans_back(text) or unnamed):
            # "how much does it cost?" on the Elden Ring DLC's page asks about the DLC: the Humane AI Pin's price, which
            # matches best, is no answer. It is not covered; the posts on the subject are suggested, not the page itself.
            if not leans_back(text) and not _POINTS_BACK.search(text) and self._foreign_to(text, posts):
                # "how do I bake sourdough bread?" after a question on Apple Intelligence is not about Apple: the
                # posts that come closest to it are suggested, and editors see it as asked.
                return Reading(text, tuple(alone), unanswered=True)
            slug, title = next(iter(posts.items()))
            in_context = f"{text} ({title})"
            nearby = tuple(c for c in self.retriever.search(in_context, limit=50) if c.slug != page)
            return Reading(in_context, nearby or tuple(conversation), unanswered=True, context=slug)
        if found is None:
            return _standing_alone(text, alone)
        in_context, in_post = found
        if confident_alone and in_post[0][1] < alone[0].score - follow_up_margin(text, unnamed):
            return _standing_alone(text, alone)  # "is it safe to link my bank account?" stands on its own
        # Only that post is quoted and cited: "$199" from the Rabbit R1's FAQ is no answer about the Galaxy Ring.
        # The post's title stays in what is logged and grouped for editors: "how much does it cost?" alone says little.
        return Reading(in_context, tuple(c for c, _ in in_post), context=in_post[0][0].slug)

    def _on_the_same_subject(self, text: str, earlier: Sequence[str], page: str | None, posts: dict[str, str],
                             floor: tuple[float, float]) -> tuple[str, list[tuple[Candidate, float]]] | None:
        """For a follow-up naming a new thing that the conversation's `posts` never speak of, a section naming it in
        another post on the question before it: "what about crypto?" after "how do robo-advisors work?", answered
        from a finance post that never speaks of crypto. Not "can it do 4K?" after Sora (it points back): a post on
        video generators that names 4K says nothing of Sora."""
        named = self._specific_terms(text) - terms(" ".join(earlier))
        if not named:
            return None
        wider = {c.slug: c.title for c in self._conversation_posts(earlier, page, SUBJECT_MARGIN, SUBJECT_POSTS)
                 if c.slug not in posts}
        found = self._best_post(text, wider, floor) if wider else None
        if found is None:
            return None
        _, in_post = found
        return found if named <= terms(self._section_text(in_post[0][0])) else None

    def _answers(self, candidate: Candidate) -> bool:
        """Whether the section is confident enough to answer on its own."""
        return self.calibration.confidence(candidate) >= self.settings.min_confidence

    def _conversation_posts(self, earlier: Sequence[str], page: str | None, margin: float = CONVERSATION_MARGIN,
                            most: int = CONVERSATION_POSTS) -> list[Candidate]:
        """The best section of each post the conversation is about: where the last question was answered, itself
        read in the conversation before it ("what is the Galaxy Ring?", "and the battery?"), or the one before
        when it was not. Several posts when they answered it nearly as well ("what is a CGM?": a wearables FAQ,
        and the post on CGMs); the reader's page alone when that is where it was answered."""
        for back in range(1, min(len(earlier), MAX_CONTEXT_QUESTIONS) + 1):
            i = len(earlier) - back
            found = self._search(earlier[i], page, earlier[:i]).candidates
            if not found or not self._answers(found[0]):
                continue
            if page and found[0].slug == page:
                return [found[0]]
            posts: dict[str, Candidate] = {}
            for candidate in found:
                if (candidate.score >= found[0].score - margin and candidate.slug not in posts
                        and self._answers(candidate)):
                    posts[candidate.slug] = candidate
            return list(posts.values())[:most]
        return []

    def _best_post(self, text: str, posts: dict[str, str],
                   floor: tuple[float, float]) -> tuple[str, list[tuple[Candidate, float]]] | None:
        """Of the conversation's posts (titles by slug), the one whose sections answer the question best: the
        question as read with that post's title, and its sections (see `_search_post`); None when none answers it."""
        best: tuple[tuple[int, float], str, list[tuple[Candidate, float]]] | None = None
        for slug, title in posts.items():
            in_context = f"{text} ({title})"
            strength, in_post = self._search_post(text, in_context, slug, floor)
            if in_post and (best is None or (strength, in_post[0][1]) > best[0]):
                best = (strength, in_post[0][1]), in_context, in_post
        return best[1:] if best else None

    def _overview(self, text: str, slug: str) -> Reading | None:
        """For "summarize this post" and the like, the sections that sum the post up: its opening (before the first
        subheading, or an introduction) and its conclusion; else those that match its title best."""
        if not asks_about_the_post(text):
            return None
        title = self.retriever.title(slug)
        if title is None or terms(text) - _ABOUT_WORDS - terms(title):
            return None  # "summarize the risks" asks about one part
        sections = self.retriever.search_post(title, slug, limit=1000)
        opening = [c for c in sections if c.section == c.title or _OPENING.match(c.section)]
        closing = [c for c in sections if _CLOSING.match(c.section)]
        return Reading(f"{text} ({title})", tuple(opening[:1] + closing[:1]) or tuple(sections[:2]), overview=True)

    def _ranked_in_post(self, text: str, in_context: str, slug: str) -> tuple[dict[str, Candidate], list[Candidate]]:
        """The post's sections for the question alone (by anchor), and ranked by the question alone plus the question
        read with the post's title (`in_context`)."""
        alone = {c.anchor: c for c in self.retriever.search_post(text, slug, limit=1000)}
        ranked = sorted(self.retriever.search_post(in_context, slug, limit=1000),
                        key=lambda c: -(c.score + (alone[c.anchor].score if c.anchor in alone else 0.0)))
        return alone, ranked

    def _search_post(self, text: str, in_context: str, slug: str,
                     floors: tuple[float, float]) -> tuple[int, list[tuple[Candidate, float]]]:
        """The post's sections that answer a follow-up, best first, each with its score for the question alone, and
        how strong the evidence is (2, 1, 0: the tiers below), so that posts compare on it first.

        Sections are ranked by the question alone plus the question with the post's title, so that "and the
        battery?" finds the battery section rather than the introduction, which matches the title best. With the
        title, any question looks like a match for the post, so the question alone must reach FOLLOW_UP_FLOOR
        with a passage, FAQ question or sentence of the section, or else `floor` (lower for "and the risks?",
        which says little on its own; "the risk of a disease" should not win over "ethical concerns"). When none
        does, sections that hold every word it asks with answer it: the model rates few-word questions low ("what
        sizes does it come in?" meets "comes in nine sizes" at 0.11). For a question on one side, a section whose
        heading names it ("Risks and Challenges") comes first when the best does not and it scores within
        NAMED_SIDE_MARGIN, though its own text may not read like the question ("what's the downside?").
        """
        alone, ranked = self._ranked_in_post(text, in_context, slug)
        side, asked = asks_for_side(text), terms(text)
        confident = [c for c in ranked if c.anchor in alone and on_the_side_asked(side, c)
                     and (self._answers(c) or bool(side) and _side(c.section) == side)]
        floor, sharing = floors
        tiers = [
            lambda c: alone[c.anchor].closeness >= max(floor, FOLLOW_UP_FLOOR),
            lambda c: alone[c.anchor].closeness >= (sharing if holds_any(c, asked) else floor),
            lambda c: holds_all(c, asked) or bool(side) and side == _side(c.section),
        ]
        for strength, passes in zip((2, 1, 0), tiers):
            if found := [(c, alone[c.anchor].score) for c in confident if passes(c)]:
                best = found[0][1]
                if weighs_both_sides(text):  # "pros and cons?" on a post with a section "Pros and Cons"
                    found.sort(key=lambda pair: not (weighs_both_sides(pair[0].section)
                                                     and pair[1] >= best - NAMED_SIDE_MARGIN))
                elif side and _side(found[0][0].section) != side:
                    # "what's the downside?" and "Navigating the Landscape: Risks and Challenges", not "ESG Investing"
                    named = [(c, alone[c.anchor].score) for c in confident if _side(c.section) == side
                             and alone[c.anchor].score >= best - NAMED_SIDE_MARGIN]
                    moved = {c.anchor for c, _ in named}  # one post's sections: an anchor names one
                    found = named + [pair for pair in found if pair[0].anchor not in moved]
                return strength, found
        return 0, []


class Readings:
    """The latest readings, least recently used dropped first; shared by the server's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Reading] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Reading | None:
        with self._lock:
            reading = self._items.get(key)
            if reading is not None:
                self._items.move_to_end(key)
            return reading

    def put(self, key: Hashable, reading: Reading) -> None:
        with self._lock:
            self._items[key] = reading
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def clean_question(question: object) -> str:
    """The question as plain text: control characters removed, white space folded."""
    if not isinstance(question, str):
        return ""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in question)
    return " ".join(text.split())


def without_markup(text: str) -> str:
    """The question without HTML tags, which are no words of it: "<img src=x onerror=alert(1)> what is sora?" asks
    what Sora is. It is never shown as HTML either way."""
    return " ".join(_TAG.sub(" ", text).split())


def small_talk(text: str) -> str | None:
    """The reply to a greeting, a thanks ("hi", "ok thanks!") or a question about the assistant itself ("who are
    you?"), which are no questions for the blog; else None."""
    if _GREETING.match(text):
        return GREETING_REPLY
    if _ABOUT_YOU.match(text):  # "who are you?", "what can you do?"
        return ABOUT_REPLY
    if not _THANKS.match(text):
        return None
    if _THANKED.search(text):
        return THANKS_REPLY
    return GOODBYE_REPLY if _BYE.search(text) else ACKNOWLEDGED_REPLY


def leans_back(text: str) -> bool:
    """A question that cannot stand alone: "and the battery?", "what about…", "how much is it?", "any downsides?"."""
    return (bool(_LEANS_BACK.match(text)) or (len(terms(text)) <= 2 and bool(_POINTS_BACK.search(text)))
            or bool(asks_for_side(text)))


def title_subject(title: str, common: frozenset[str]) -> set[str]:
    """The words of a post's title that name its subject: those before a colon or dash ("Elden Ring" in "Elden Ring:
    Shadow of the Erdtree - A Beginner's Guide"), else the title's less the blog's common title words."""
    head = _TITLE_HEAD.split(title, maxsplit=1)[0]
    return terms(head) if head != title else terms(title) - common


@lru_cache(maxsize=2)  # the index an Assistant serves from, and the one it is replacing
def common_title_words(index: LexicalIndex) -> frozenset[str]:
    """Words in more than COMMON_TITLE_SHARE of the posts' titles (and in two at least): they name no subject."""
    titles = {chunk.slug: chunk.title for chunk in index.chunks}
    counts = Counter(word for title in titles.values() for word in terms(title))
    return frozenset(w for w, n in counts.items() if n > max(1.0, COMMON_TITLE_SHARE * len(titles)))


def follow_up_floor(text: str, alone: list[Candidate], common: frozenset[str] = frozenset()) -> tuple[float, float]:
    """The cosine the question alone must reach in a section of the conversation's post, and in one that shares a
    word with it. A question that leans back says little on its own, but must not match the rest of the blog much
    better ("and the weather tomorrow?"); a section that shares its words need only match it nearly as well as the
    rest of the blog's sections that do not name another subject: "does it need a subscription?" asked on the
    Galaxy Ring matches "Does the Rabbit R1 require a subscription?" nearly word for word."""
    if not leans_back(text):
        return FOLLOW_UP_FLOOR, FOLLOW_UP_FLOOR
    blog_best = max((c.closeness for c in alone), default=0.0)
    unnamed_best = max((c.closeness for c in alone if not names_another_subject(text, c, common)), default=0.0)
    return max(LEANING_FLOOR, blog_best - LEANING_GAP), max(LEANING_FLOOR, unnamed_best - LEANING_GAP)


def follow_up_margin(text: str, unnamed: bool) -> float:
    """How much better the rest of the blog must answer for the conversation's post to lose: any margin for a
    question that leans back ("and the cost?") or names nothing ("do I need a subscription?", whose words the
    Rabbit R1's FAQ matches best), FOLLOW_UP_MARGIN for one that points back ("is it safe to sleep with?"),
    PAGE_MARGIN for one that names its own subject."""
    if leans_back(text) or unnamed:
        return math.inf
    return FOLLOW_UP_MARGIN if _POINTS_BACK.search(text) else PAGE_MARGIN


def asks_about_the_post(text: str) -> bool:
    """A request for the post as a whole: "summarize this post", "tl;dr?", "what's the main takeaway?"."""
    return bool(_ABOUT_THE_POST.search(text))


def own_text(post: Sequence[StoredChunk], anchor: str) -> str:
    """The text of a section's own chunks, without the sections under it: where a figure its heading names must be
    stated."""
    return " ".join(chunk.text for chunk in section_chunks(post, anchor, ()))


def names_no_subject(text: str, best: Candidate) -> bool:
    """A short question that shares no word with the title of the post that answers it best ("do I need a
    subscription?" and the Rabbit R1's FAQ): it does not say what it asks about. A longer one does ("is it safe to
    link my bank account to a budgeting app?")."""
    words = terms(text) - _NOT_A_SUBJECT
    return len(words) <= SHORT_QUESTION_TERMS and not words & terms(best.title)


def names_nothing_it_asks_about(text: str, best: Candidate) -> bool:
    """A question that points or leans back to what it never names ("how much does it cost?", "is it worth it?",
    "and the battery?"): on its own it is about nothing in particular."""
    return (leans_back(text) or bool(_POINTS_BACK.search(text))) and names_no_subject(text, best)


def on_the_side_asked(side: str, section: Candidate) -> bool:
    """For a question that asks for one side only (`asks_for_side`: "and the downsides?"), whether the section
    speaks of that side and its heading does not name only the other ("What are the benefits of AI in
    healthcare?"): the model puts opposites close together, and such a follow-up has nothing else to go by. True
    for any other question (side "")."""
    if not side:
        return True
    names = _side(section.section)
    return names == side or not names and speaks_of_side(section, side)


def asks_to_run_on(question: str, device: str) -> bool:
    """Whether the question asks something to work or run on `device` (lower case): "will it work on my iPhone 13?"."""
    return bool(_ON_DEVICE.search(question.lower().replace(device, "\0")))


def plainly(question: str) -> str:
    """An idiom the model does not read, in the words the blog uses: "what's the catch (with the R1)?" asks for the
    downsides (the model matched it with the Humane AI Pin's "Catch Me Up" and the R1's "eye-catching" design)."""
    return _THE_CATCH.sub("what are the downsides", question)


def asks_for_side(question: str) -> str:
    """The side ("good" or "bad") a question asks for when it asks for nothing else ("what are the risks?", not
    "does it reduce the risk of mistakes?" or "any privacy concerns?"); "" for any other question. A section whose
    heading names that side answers it ("any downsides?" and "The Potential Drawbacks and Ethical Considerations")."""
    words = terms(question)
    return _side(question) if words and words <= _SIDE_WORDS else ""


def side_asked_about(text: str) -> str:
    """The side ("good" or "bad") a question or heading is about ("what are the drawbacks of smart rings?", "What is
    the main benefit of a smart ring?"); "" for both, neither, or a side word in passing ("AI for risk assessment")."""
    return _one_side(text, _GOOD_SUBJECT, _BAD_SUBJECT)


def _standing_alone(text: str, found: list[Candidate]) -> Reading:
    """The reading of a question on its own. One about a side ("what are the drawbacks of slow travel?") is not
    answered by a section that never speaks of that side: the posts on the subject are suggested instead. When
    `prefer_side` put a section of the best match's post first, the best match says how sure the answer is
    ("advantages of small language models": the post is about them, its "Unpacking the Advantages" matches less)."""
    side = side_asked_about(text)
    if not side or not found:
        return Reading(text, tuple(found))
    best = max(found, key=lambda c: c.score)
    return Reading(text, tuple(found), unanswered=not speaks_of_side(found[0], side),
                   vouched=best if best is not found[0] and best.slug == found[0].slug else None)


def prefer_side(candidates: list[Candidate], question: str, answers: Callable[[Candidate], bool]) -> list[Candidate]:
    """For a question about one side ("what are the drawbacks of AI tutors?"), the best match's post's sections on
    that side first: those whose heading is about that side and that score within NAMED_SIDE_MARGIN of it, then
    those within SIDE_MARGIN whose text speaks of it and that answer on their own (`answers`); and last, sections
    whose heading is about the other side ("What are the main benefits of using AI tutors?": the model puts
    opposites close together). For one on both sides ("pros and cons?"), the post's section whose heading weighs both,
    within NAMED_SIDE_MARGIN."""
    side = side_asked_about(question)
    if not candidates:
        return candidates
    best = candidates[0]
    if not side:
        if not weighs_both_sides(question):
            return candidates
        # "what are the pros and cons of electric cars?": the post's "Electric Car Pros and Cons: A Balanced View",
        # not "Buying an Electric Car", whose list has an item "Pros and Cons: Weigh them carefully".
        weighs = next((c for c in candidates if c.slug == best.slug and c.score >= best.score - NAMED_SIDE_MARGIN
                       and weighs_both_sides(c.section)), None)
        return candidates if weighs is None else [weighs, *(c for c in candidates if c is not weighs)]

    def order(c: Candidate) -> int:
        named = side_asked_about(c.section)
        if named and named != side:
            return 3
        if c.slug == best.slug and named == side and c.score >= best.score - NAMED_SIDE_MARGIN:
            return 0
        if c.slug == best.slug and c.score >= best.score - SIDE_MARGIN and answers(c) and _text_speaks_of(c, side):
            return 1
        return 2

    return sorted(candidates, key=order)


def after_definitions(candidates: list[Candidate], question: str) -> list[Candidate]:
    """For a question that asks something about a subject ("is the Rabbit R1 waterproof?"), the FAQ pairs that only
    say what the subject is ("What exactly is the Rabbit R1?", which it matches best) come after the other sections:
    what the subject is answers no question about its parts, and no section may answer it at all."""
    if not candidates or asks_what_it_is(question) or not defines_its_subject(candidates[0]):
        return candidates
    return sorted(candidates, key=defines_its_subject)


def numbered_first(candidates: list[Candidate], question: str) -> list[Candidate]:
    """For a question naming one of a numbered series ("how many miles of range per hour does a level 2 charger
    add?"), when the best section's heading names another of it ("Level 1 Charging"), the best section whose
    heading names the one asked ("Level 2 Charging") comes first, within NUMBERED_MARGIN."""
    if not candidates:
        return candidates
    top = candidates[0]
    for name, number in dict.fromkeys(MODEL.findall(question.lower())):
        named = model(name, number)
        other = re.compile(rf"\b{re.escape(name)}\W?\d", re.IGNORECASE)
        if named.search(top.section) or not other.search(top.section):
            continue
        moved = _first_within(candidates, NUMBERED_MARGIN, lambda c, named=named: bool(named.search(c.section)))
        if moved is not candidates:
            return moved
    return candidates


def _first_within(candidates: list[Candidate], margin: float,
                  says: Callable[[Candidate], bool]) -> list[Candidate]:
    """The candidates with the best one that `says` what is asked first, when it scores within `margin` of the best;
    else the candidates as they were (the same list)."""
    top = candidates[0]
    for c in candidates[1:]:
        if c.score < top.score - margin:
            break
        if says(c):
            return [c, *(other for other in candidates if other is not c)]
    return candidates


# A question asking which one to choose ("which AI coding assistant should I use?", "what's the best budgeting app?"),
# and a heading that answers it ("What Is the Best AI for Coding?", "Top 5 Smart Rings", "How to Choose…")
_ASKS_WHICH = re.compile(r"\b(which|what)( \w+){0,4} (should|would|do you|can) (i|we|you) (use|get|buy|choose|pick|try|go "
                         r"with|recommend)\b|\bwhat(['’]?s| is| are) (the )?(best|top)\b|\b(best|top) \w+( \w+)? (for|to)\b|"
                         r"\brecommend (a|an|some|any)\b", re.IGNORECASE)
_SAYS_WHICH = re.compile(r"\b(best|top \d+|top|which \w+( \w+)? (should|to)|how to (choose|pick)|choosing|"
                         r"recommended|our picks?)\b", re.IGNORECASE)


def best_first(candidates: list[Candidate], question: str, answers: Callable[[Candidate], bool]) -> list[Candidate]:
    """For a question asking which one to choose ("which AI coding assistant should I use?"), the best section whose
    heading answers that ("What Is the Best AI for Coding?") comes first when it scores within BEST_MARGIN of the
    best and answers on its own: the best match was "How Do I Get Started With an AI Coding Assistant?"."""
    if not candidates or not _ASKS_WHICH.search(question) or _SAYS_WHICH.search(candidates[0].section):
        return candidates
    return _first_within(candidates, BEST_MARGIN, lambda c: bool(_SAYS_WHICH.search(c.section)) and answers(c))


def how_to_first(candidates: list[Candidate], question: str, answers: Callable[[Candidate], bool]) -> list[Candidate]:
    """For a question asking how to do something ("how do you start the Shadow of the Erdtree DLC?"), the best section
    whose heading says how to do it ("Mandatory Prerequisites: How to Start Elden Ring DLC") comes first when it scores
    within HOW_TO_MARGIN of the best and answers on its own: the best match was a guide's introduction, which only
    promises to tell."""
    if not candidates or says_how_to(question, candidates[0].section):
        return candidates
    return _first_within(candidates, HOW_TO_MARGIN, lambda c: says_how_to(question, c.section) and answers(c))


def definition_first(candidates: list[Candidate], question: str,
                     answers: Callable[[Candidate], bool]) -> list[Candidate]:
    """For a question that asks what its subject is ("what is Elden Ring?", "tell me about the Galaxy Ring"), the
    best section that says what it is comes first, when it scores within DEFINITION_MARGIN of the best and `answers`
    confidently on its own: a heading that asks what it is ("What Is the FIRE Movement?"), or the opening of a post
    whose title names it. The best match of "what is Elden Ring?" was a FAQ on where Miquella is found."""
    if not candidates or not asks_what_it_is(question):
        return candidates
    asked = terms(question) - _ASKING_WORDS
    if not asked:
        return candidates
    if says_what_it_is(candidates[0], asked, exactly=False):  # "What is Quantum Computing for Beginners?"
        return candidates
    return _first_within(candidates, DEFINITION_MARGIN, lambda c: says_what_it_is(c, asked) and answers(c))


def says_what_it_is(candidate: Candidate, asked: set[str], exactly: bool = True) -> bool:
    """Whether the section says what the subject named by these words is: its heading (or FAQ question) asks what
    that very subject is (not "What Is the Expected Galaxy Ring Release Date?" for "what is the Galaxy Ring?"), or
    it opens a post whose title names that subject before its colon ("Galaxy Ring: Samsung's Ultimate …", not "The
    Rise of Smart Rings: …", whose opening is a hook). Not `exactly`: a heading that asks what it is and more."""
    faq = candidate.faq_chunk
    for heading in (candidate.section, faq.question if faq else ""):
        if (match := _DEFINITION.match(heading)) and not _SOMETHING_OF_IT.match(match["subject"]):
            named = terms(_named(match["subject"]) if exactly else match["subject"]) - _DEFINITION_FILLER
            if named == asked or not exactly and asked <= named:
                return True
    opening = candidate.section == candidate.title or bool(_OPENING.match(candidate.section))
    subject = {w for w in terms(_TITLE_HEAD.split(candidate.title, maxsplit=1)[0]) if not w.isdigit()}
    return exactly and opening and subject == asked  # "Paris Olympics 2024" names the Paris Olympics


def _named(subject: str) -> str:
    """What a heading's "What is …" names, without what follows it or spells it out: "Micro-Investing" in
    "Micro-Investing and Why is it Perfect for Gen Z", "Small Language Models" in "Small Language Models (SLMs)"."""
    return re.sub(r"\([^)]*\)", " ", re.split(r"\s(?:and|&|[-–—])\s|[:?]", subject, maxsplit=1)[0])


def defines_its_subject(candidate: Candidate) -> bool:
    """Whether the section is a FAQ pair that only says what its post is about ("What is OpenAI Sora?" in a post on
    Sora), matched less closely than DEFINITION_FLOOR by its question and by its answer."""
    faq = candidate.faq_chunk
    if faq is None or candidate.similarity >= DEFINITION_FLOOR:
        return False
    match = _DEFINITION.match(faq.question)
    return bool(match) and terms(match["subject"]) - _DEFINITION_FILLER <= terms(candidate.title)


def asks_what_it_is(question: str) -> bool:
    """Whether the question asks what something is or does ("what's the Rabbit R1?", "rabbit r1?", "what can Sora
    do?"), not something about it ("is the Rabbit R1 waterproof?")."""
    return bool(_ASKS_WHAT_IT_IS.match(question)) or (not _QUESTION_WORD.match(question) and len(terms(question)) <= 3)


def speaks_of_side(candidate: Candidate, side: str) -> bool:
    """Whether the section's heading is about that side or weighs both ("Smart Ring vs. Smartwatch", "Pros and
    Cons"), or its text speaks of it ("The drawbacks are the weight")."""
    heading = candidate.section
    both = weighs_both_sides(heading) or bool(_COMPARISON.search(heading))
    return side_asked_about(heading) == side or both or _text_speaks_of(candidate, side)


def _text_speaks_of(candidate: Candidate, side: str) -> bool:
    words = _GOOD_SIDE_TEXT if side == "good" else _BAD_SIDE_TEXT
    return any(words.search(chunk.text) for chunk in candidate.chunks)


def _side(text: str) -> str:
    """Which side the text names alone: good (benefits…) or bad (downsides, risks…); empty for both or neither."""
    return _one_side(text, _GOOD_SIDE, _BAD_SIDE)


def weighs_both_sides(text: str) -> bool:
    """Whether a question or heading is about both sides: "pros and cons?", "Advantages and Disadvantages"."""
    return bool(_GOOD_SUBJECT.search(text) and _BAD_SUBJECT.search(text))


def _one_side(text: str, good_words: re.Pattern[str], bad_words: re.Pattern[str]) -> str:
    good, bad = bool(good_words.search(text)), bool(bad_words.search(text))
    return "good" if good and not bad else "bad" if bad and not good else ""


def holds_any(candidate: Candidate, asked: set[str]) -> bool:
    """Whether the section's heading and text hold a word of the question (as `terms` reads words)."""
    return bool(asked & _words(candidate))


def holds_all(candidate: Candidate, asked: set[str]) -> bool:
    """Whether the section's heading and text hold every word of the question (as `terms` reads words)."""
    return bool(asked) and asked <= _words(candidate)


def _words(candidate: Candidate) -> set[str]:
    """The words of a section's heading and of its matched chunks."""
    return terms(" ".join([candidate.section, *(c.text for c in candidate.chunks)]))


def names_another_subject(text: str, best: Candidate, common: frozenset[str]) -> bool:
    """Whether the section that matches the question best is about a subject the question does not name: its
    heading names its post's subject ("How long does the Samsung Galaxy Ring battery last?") and the question
    does not ("how long does the battery last before it needs replacing?", asked about electric cars). Words
    common in the blog's titles ("AI", "guide") name no subject, and a question that shares a word with the post's
    title names it ("is an electric car worth it?" and "Tesla Model 3 Review: Living With an Electric Car")."""
    asked, title = terms(text), terms(best.title) - common
    subject = terms(best.section) & title
    return bool(subject) and not title & asked


def earlier_questions(history: Iterable[object]) -> list[str]:
    """The reader's earlier questions, oldest first, from strings, (question, answer) pairs or chat messages."""
    questions: list[str] = []
    for item in history or ():
        if isinstance(item, str):
            questions.append(item)
        elif isinstance(item, dict) and item.get("role", "user") == "user":
            content = item.get("content") or item.get("question") or ""
            if isinstance(content, str):
                questions.append(content)
        elif isinstance(item, list | tuple) and item and isinstance(item[0], str):
            questions.append(item[0])
    return [q for q in map(clean_question, questions) if q]


def keeps_verdict(question: str, candidate: Candidate) -> bool:
    """Whether the "Yes."/"No." of the section's FAQ answer answers the reader's question too: a yes-or-no question
    that matches its FAQ question closely, or asks nothing that question does not ("is it free?")."""
    faq = candidate.faq_chunk
    return asks_yes_or_no(question) and candidate.faq > 0 and (
        candidate.faq >= VERDICT_FLOOR or faq is not None and terms(question) <= terms(faq.question))


def compose(question: str, candidates: list[Candidate], calibration: Calibration, min_confidence: float,
            under: Sequence[str] = (), named: Sequence[tuple[str, list[StoredChunk]]] = (),
            own: Sequence[StoredChunk] = ()) -> tuple[str, tuple[Citation, ...]]:
    """The reply and its citations: the FAQ answer when one matched (its section the one source), else the best
    sentences, each run of them marked [n]. A section that opens a part of the post ("the Vision Pro faces
    significant hurdles") leaves what they are to the sections `under` it: when it has two or more, their headings
    follow its sentences as a list, and it alone is quoted ("Cost and Accessibility", "Weight and Comfort", ...); but
    when the question names some of them (`named`, with their passages: "lean fire vs fat fire?"), their own best
    sentences follow instead, each cited. A question asking how to do something gets the numbered steps of the best
    section's `own` chunks, when it has them.

    Sections after the first are cited only when they would have been answers on their own (for a question about
    one side, when they speak of it; for one that asks for a figure, when they give one).
    """
    top = candidates[0]
    faq = top.faq_chunk
    side, figure = side_asked_about(question), figure_asked(question)
    # A short FAQ answer whose text matches better than its question is still one answer, whole: quoted by its best
    # sentences, "Is this worth it?" got "The question of whether the Rabbit R1 is worth it depends on user
    # expectations." and none of what it depends on. Not for a figure, which its sentence that states it answers.
    if faq is not None and (top.faq >= top.dense
                            or len(faq.text.split()) <= FAQ_WHOLE_WORDS and figure is None):
        # Only what is quoted is cited: another post's battery section listed under the iPad's battery FAQ answer
        # reads as a source of it.
        # Its "No." answers its own question; a reader's yes-or-no question matched loosely may ask another: "can
        # github copilot work offline?" met "Is using GitHub Copilot cheating? No, …". It is kept for a close
        # paraphrase or a question that asks nothing its question does not ("is it free?"); elsewhere what follows
        # the verdict says what it meant.
        text = faq.text if keeps_verdict(question, top) else without_verdict(faq.text)
        return f"{shorten(text)} [1]", (_citation(top, calibration),)
    listed_steps = steps(question, "\n".join(chunk.text for chunk in own if chunk.kind == "passage"))
    if listed_steps is not None:
        return f"{listed_steps} [1]", (_citation(top, calibration),)
    listed = len(under) >= MIN_SUBSECTIONS
    # For "what are the drawbacks…?", no further section that never speaks of them ("who can benefit"); for "how
    # much does it weigh?", none that never gives a weight ("it costs $299").
    cited = [c for c in candidates[:MAX_CITATIONS] if c is top or not listed and calibration.confidence(c) >=
             min_confidence and (not side or speaks_of_side(c, side))
             and (not figure or figure.given_in(" ".join(chunk.text for chunk in c.chunks)))]
    chunks = [chunk for c in cited for chunk in c.chunks[:2] if chunk.kind == "passage"] or list(top.chunks)
    owner = {chunk.id: next(i for i, c in enumerate(cited) if chunk in c.chunks) for chunk in chunks}
    picked = best_sentences(question, chunks, lead=sum(owner[chunk.id] == 0 for chunk in chunks))
    # A FAQ answer's "No, …" answers its own question, which the reader's matched less well than the answer itself:
    # "do i need a prescription for a cgm?" met "Can you buy a CGM over the counter? No, … they require a prescription."
    picked = [(sentence if keeps_verdict(question, cited[owner[chunks[i].id]]) else without_verdict(sentence), i)
              for sentence, i in picked]
    # Two list items or more, each on its own line ("Mohg's Shackle: …", "Purifying Crystal Tear: …"); one runs on.
    items = [is_list_item(sentence, chunks[i].text) for sentence, i in picked] or [False]
    items = items if sum(items) >= 2 else [False] * len(items)
    used = sorted({owner[chunks[i].id] for _, i in picked}) or [0]
    numbers = [{cand: n + 1 for n, cand in enumerate(used)}[owner[chunks[i].id]] for _, i in picked]
    # One marker after each run of sentences from the same section: "A. B. [1] C. [2]".
    sentences = [f"{s} [{n}]" if k + 1 == len(picked) or numbers[k + 1] != n else s
                 for k, ((s, _), n) in enumerate(zip(picked, numbers))] or [f"{shorten(top.chunks[0].text)} [1]"]
    citations = tuple(_citation(cited[i], calibration) for i in used)
    parts = [(heading, chunks, [s for s, _ in best_sentences(question, chunks, limit=2)])
             for heading, chunks in (named if listed and len(named) < MAX_CITATIONS else ())]
    if parts and all(quoted for _, _, quoted in parts):
        for heading, chunks, quoted in parts:
            sentences.append(f"{heading.rstrip(':')}: {' '.join(quoted)} [{len(citations) + 1}]")
            items.append(False)
            citations += (Citation(slug=top.slug, title=top.title, section=heading.rstrip(":"), url=chunks[0].url,
                                   kind="passage", score=calibration.confidence(top), text=chunks[0].text),)
        return join_units(list(zip(items, sentences))), citations
    if listed:
        return f"{join_units(list(zip(items, sentences)))}\n{heading_list(under)}", citations
    return join_units(list(zip(items, sentences))), citations


def compose_overview(candidates: list[Candidate], calibration: Calibration,
                     covers: Sequence[str] = ()) -> tuple[str, tuple[Citation, ...]]:
    """A post summed up: the sentences of its opening and of its conclusion that name what its title names (an
    opening often starts with a hook: "Ever hit that 3 PM wall?"), each cited, and between them the post's main
    sections (`covers`, but the opening and the conclusion)."""
    parts = []
    for n, (candidate, limit) in enumerate(zip(candidates, (2, 1)), 1):
        passages = [c for c in candidate.chunks if c.kind == "passage"] or list(candidate.chunks)
        first = min(passages, key=lambda chunk: chunk_number(chunk.id))
        sentences = [s for s, _ in best_sentences(candidate.title, [first], limit=limit)] or [shorten(first.text)]
        parts.append(f"{' '.join(sentences)} [{n}]")
    citations = tuple(_citation(c, calibration) for c in candidates[: len(parts)])
    quoted = {c.section for c in candidates}
    body = [h for h in covers if h not in quoted and not _OPENING.match(h) and not _CLOSING.match(h)]
    if not body:
        return " ".join(parts), citations
    return "\n".join([parts[0], "The post covers:", heading_list(body), *parts[1:]]), citations


def _citation(candidate: Candidate, calibration: Calibration) -> Citation:
    faq = candidate.faq_chunk
    kind = "faq" if faq is not None and candidate.faq >= candidate.dense else "passage"
    text = faq.text if kind == "faq" and faq else candidate.chunks[0].text
    return Citation(slug=candidate.slug, title=candidate.title, section=candidate.section, url=candidate.url,
                    kind=kind, score=calibration.confidence(candidate), text=text)


def _posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


def _by_posts(names: Iterable[str]) -> list[tuple[str, int]]:
    """Names given one per post (authors, categories) with their number of posts, most first, each spelled as most
    of its posts spell it: "HYPERDAILY" and "HyperDaily" are one."""
    spellings = Counter(names)
    posts: Counter[str] = Counter()
    for name, n in spellings.items():
        posts[name.casefold()] += n
    return [(max((s for s in spellings if s.casefold() == key), key=lambda s: (spellings[s], s)), n)
            for key, n in sorted(posts.items(), key=lambda item: (-item[1], item[0]))]


def _post_citation(opening: StoredChunk, score: float) -> Citation:
    """A post as a whole, linked at its top and quoted by its first chunk."""
    return Citation(slug=opening.slug, title=opening.title, section="", url=opening.url.split("#", 1)[0], kind="post",
                    score=score, text=opening.text)


def suggestions(candidates: list[Candidate], calibration: Calibration, limit: int = 3) -> tuple[Citation, ...]:
    """The closest posts, one link each, for a question the blog does not answer; scored as citations are (a post
    that only BM25 found has no passage similarity, but its sentences still have one)."""
    seen: set[str] = set()
    result: list[Citation] = []
    for c in candidates:
        if c.slug in seen or c.title in seen:  # near-duplicate posts often share their title
            continue
        seen.update((c.slug, c.title))
        post_url = c.url.split("#", 1)[0]
        result.append(Citation(slug=c.slug, title=c.title, section="", url=post_url, kind="post",
                               score=calibration.confidence(c)))
        if len(result) == limit:
            break
    return tuple(result)
