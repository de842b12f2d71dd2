"""Requests for the blog's posts rather than for an answer: "do you have any posts about smart rings?" asks for the
posts on a subject, "what else should I read?" on a post's page for the posts closest to it. Searched as questions,
the first met a FAQ on smart-ring subscriptions and the second nothing at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NOUN = (r"(?:blog |news )?(?:articles?|posts?|blogs?|guides?|reviews?|write-?ups?|pieces?|stories|reads?|tutorials?|"
         r"content|coverage|comparisons?|overviews?|explainers?)")
_ON = (r"(?:about|on|regarding|concerning|covering|of|for|to|re|related to|dealing with|"
       r"(?:(?:that|which) )?(?:covers?|talks? about|discuss(?:es)?|mentions?|explains?|reviews?|compares?|is about|"
       r"are about))")
_SOME = r"(?:(?:any|an?|some|the|your|more|other|good|great|best|recent|new|latest|in-depth|detailed)\s+)*"
_WANTS = (
    # "do you have any articles about smart rings?", "does the blog have a guide to budgeting?"
    (rf"(?:do|does) (?:you|u|the blog|this blog|this site|the site|hyperdaily) (?:have|got|offer|publish|carry) "
     rf"{_SOME}{_NOUN} {_ON}"),
    rf"(?:is|are) there {_SOME}{_NOUN} {_ON}",  # "are there any posts on quantum computing?"
    rf"(?:got )?(?:any|some|more|other) {_SOME}{_NOUN} {_ON}",  # "any posts about budgeting?"
    # "can you recommend an article on sleep tracking?", "show me posts about travel"
    (r"(?:(?:can|could|would|will) (?:you|u) )?(?:please )?(?:recommend|suggest|show|list|find|give|point|send|link)"
     rf"(?: me)?(?: to)? {_SOME}{_NOUN} {_ON}"),
    # "which posts talk about GPT-4o?", "what articles do you have on electric cars?"
    (rf"(?:what|which) (?:of (?:your|the) )?{_SOME}{_NOUN} (?:do you have |are there |have you (?:written|published) |"
     rf"does the blog have |can i read |should i read |are |is |would you recommend |do you recommend )?{_ON}"),
    # "have you written anything about the Vision Pro?", "what has the blog written on FIRE?"
    (r"(?:have|did|do) (?:you|u) (?:ever )?(?:write|written|wrote|post|posted|publish|published|cover|covered) "
     rf"(?:anything |something |much |{_SOME}{_NOUN} )?(?:about|on)"),
    r"what (?:have you|has the blog|did you|do you have) (?:written|write|posted|published|got) (?:about|on)",
    (r"(?:does|do) (?:the blog|this blog|this site|the site|you|u) (?:ever )?(?:cover|write about|talk about|"
     r"discuss|have anything (?:about|on))"),  # "does the blog cover smart home security?"
    r"(?:got |is there |have you got )?(?:anything|something) (?:about|on|regarding|for)",  # "anything on crypto?"
    r"where (?:can|could|should|do) i (?:read|find|learn) (?:more )?(?:about|on)",
    rf"(?:what|which) (?:are|were|is) {_SOME}{_NOUN} {_ON}",  # "what are the latest posts on AI?"
    rf"(?:the |your )?(?:latest|newest|most recent|recent|new) {_NOUN} {_ON}",  # "latest posts about smart rings"
    rf"i(?:['’]m| am) looking for {_SOME}{_NOUN} {_ON}",
)
_WANTS_POSTS = re.compile(rf"^\W*(?:hi|hey|hello|so|ok|okay|also|and)?[\s,]*(?:{'|'.join(_WANTS)}) (?P<topic>.+)$",
                          re.IGNORECASE)
# "what else should I read?", "any similar posts?", "more like this?": the posts closest to the one being read
_WANTS_RELATED = re.compile(
    rf"^\W*(?:(?:what|which) (?:else |other |more )?(?:{_NOUN} )?(?:should|can|could|would|do|might) (?:i|you) "
    rf"(?:read|check out|look at|recommend)(?: next| now| after this| after that)?|"
    rf"(?:(?:do you have|are there|got|any|show me|can you (?:recommend|suggest)|recommend|suggest)\s+)?{_SOME}"
    rf"(?:related|similar|other|more) {_NOUN}(?: (?:like|to|on|about) (?:this|it|that|the same)(?: one| topic| subject|"
    rf" post| article)?)?|"
    rf"(?:anything|something|more|others?) (?:else )?(?:like|similar to) (?:this|it|that)(?: one| post| article)?|"
    rf"(?:recommend|suggest) (?:me )?(?:something|a post|an article|more) (?:else )?(?:to read|like this)?(?: next)?|"
    rf"what (?:to|should i) read next)\W*$", re.IGNORECASE)
# "what's new on the blog?", "latest posts?": the blog's newest posts
_WANTS_NEWEST = re.compile(
    rf"^\W*(?:(?:so|ok|okay|hey|hi|hello)[\s,]+)?(?:what(?:['’]s| is)(?: been)? new|anything new|"
    rf"(?:(?:what are|show me|list|any|got any|give me)\s+)?(?:the |your )?(?:latest|newest|most recent|recent|new) "
    rf"{_NOUN}|what (?:did|have) (?:you|u) (?:publish|post|write|published|posted|written) (?:recently|lately|last)|"
    rf"what(?:['’]s| is| was) (?:the |your )?(?:latest|newest|most recent|last) (?:post|article|blog post|thing you "
    rf"(?:published|posted|wrote)))(?: (?:on|in) (?:the|your|this) (?:blog|site|website))?\W*$", re.IGNORECASE)
# "when was this post published?", "is this article up to date?": the date of the post being read
_WHEN_PUBLISHED = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but)[\s,]+)?(?:when (?:was|is) (?:this|that|the) (?:post|article|blog post|blog|piece|"
    r"guide|review)(?: first)? (?:published|written|posted|updated|put up|released|from)|"
    r"when (?:was|did) (?:this|that|it|you) (?:get )?(?:published|written|posted|publish (?:this|it)|write (?:this|it)|"
    r"post (?:this|it))|how old is (?:this|that|the) (?:post|article|blog post|piece|guide|review|info|information)|"
    r"what(?:['’]s| is) the (?:(?:publication|publish|publishing) date|"
    r"date (?:of|on) (?:this|the|that) (?:post|article|blog post|piece|guide))|"
    r"(?:is|are) (?:this|the|that) (?:post|article|blog post|piece|guide|info|information)(?: still)? "
    r"(?:up to date|up-to-date|current|recent|new|old|outdated|accurate|valid|relevant))"
    r"(?: or (?:not|old|outdated|new))?\W*$", re.IGNORECASE)
_NEWEST = re.compile(r"\b(latest|newest|most recent|recent|recently|new)\b", re.IGNORECASE)
_POINTER = re.compile(r"^(?:the same|this|it|that|these|those|them)(?: (?:topic|subject|post|article|one|thing|"
                      r"ones|posts|articles))?$", re.IGNORECASE)
_TAIL = re.compile(r"(?:\s+(?:on|in|from) (?:your|the|this) (?:blog|site|website)|\s+here|\s+please|\s+pls|\s+to read|"
                   r"\s+you (?:could|can|would) recommend|\s+by any chance|\s+at all)+\W*$|\W+$", re.IGNORECASE)
_ASKS = re.compile(r"^(what|how|why|when|where|which|who|whether|is|are|can|does|do)\b", re.IGNORECASE)
_OTHERS = re.compile(rf"\b(other|others|else|another|similar|related|more {_NOUN})\b", re.IGNORECASE)


@dataclass(frozen=True)
class PostsRequest:
    """What a request for posts asks: the subject the posts should be about ("" for the post being read, or the one
    the conversation is about, or, when `newest`, the blog as a whole) and whether that post itself is left out ("any
    other posts on smart rings?")."""

    topic: str
    others: bool
    newest: bool = False  # "latest posts about AI", "what's new?": the newest first

    @property
    def search_text(self) -> str:
        """The subject as a question, as the model and the calibration read them best: a bare "FIRE" or "crypto"
        met the posts on them at confidence 0.58 and 0.55, "what is FIRE?" and "what is crypto?" at 0.86 and 0.87."""
        return self.topic if _ASKS.match(self.topic) else f"what is {self.topic}?"


def posts_asked(question: str) -> PostsRequest | None:
    """The request for posts the question makes, or None when it asks something else: "do you have any posts about
    smart rings?" asks for posts on smart rings, "what else should I read?" for posts like the one being read;
    "what does the article say about battery life?" asks about its content."""
    text = " ".join(question.split())
    others = bool(_OTHERS.search(text))
    if _WANTS_NEWEST.match(text):
        return PostsRequest("", others=False, newest=True)
    if _WANTS_RELATED.match(text):
        return PostsRequest("", True)
    wanted = _WANTS_POSTS.match(text)
    if wanted is None:
        return None
    topic = _TAIL.sub("", wanted["topic"]).strip()
    topic = re.sub(r"^(?:the )?(?:topic|subject|matter) of\s+", "", topic, flags=re.IGNORECASE)
    if not re.search(r"\w", topic):
        return None
    if _POINTER.match(topic):
        return PostsRequest("", True)
    return PostsRequest(topic, others, newest=bool(_NEWEST.search(text[: wanted.start("topic")])))


def asks_when_published(question: str) -> bool:
    """Whether the question asks when the post being read was published ("when was this article written?", "is
    this post up to date?"), not when its subject came out ("when was it released?")."""
    return bool(_WHEN_PUBLISHED.match(" ".join(question.split())))


def long_date(published: str) -> str:
    """A post's date as a reader reads it: "September 14, 2025" for "2025-09-14"; as written when it is no ISO date."""
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{day:%B} {day.day}, {day.year}"
