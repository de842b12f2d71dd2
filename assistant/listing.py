"""Requests for the blog's posts rather than for an answer: "do you have any posts about smart rings?" asks for the
posts on a subject, "what else should I read?" on a post's page for the posts closest to it. Searched as questions,
the first met a FAQ on smart-ring subscriptions and the second nothing at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NOUN = (r"(?:blog |news )?(?:articles?|posts?|blogs?|guides?|reviews?|write-?ups?|pieces?|stories|reads?|reading|"
         r"reading material|material|tutorials?|content|coverage|stuff|links?|entries|entry|everything)")
_NOUNS = r"(?:blog )?(?:articles|posts|blogs|guides|reviews|write-?ups|pieces|stories|reads|tutorials)"  # alone, many
_ON = (r"(?:about|on|regarding|concerning|covering|of|for|to|re:?|related to|dealing with|tagged(?: with)?|under|"
       r"(?:(?:that|which) )?(?:covers?|talks? about|discuss(?:es)?|mentions?|explains?|reviews?|compares?|is about|"
       r"are about))")
# Each word sequence read one way only ("all the" is "all" and "the"): a pattern that could read it in two ways took
# exponential time on "all the all the …".
_SOME = (r"(?:(?:any|an?|some|the|your|more|other|good|great|best|recent|new|latest|in-depth|detailed|every|all|each|"
         r"few|couple|some of (?:your|the)|any of (?:your|the)|more of (?:your|the)|list of|roundup of|collection of|"
         r"links? to)\s+)*")
_BY_YOU = (r"(?: (?:you|u|you guys|y'all)(?:['’]ve| have| got| wrote| did)?(?: (?:got|written|wrote|published|posted|"
           r"done))?)?(?: here| on here)?")  # "every post you have about…", "stuff you've written on…"
_YOU = r"(?:you|u|you guys|u guys|y'all|the blog|this blog|the site|this site|hyperdaily|anyone on here|anyone here)"
_WHATS = r"what(?:['’]?s| is)"  # "whats" too
_WROTE = r"(?:write|written|wrote|post|posted|publish|published|cover|covered|blog|blogged|done|did)"
_WANTS = (
    # "do you have any articles about smart rings?", "does hyperdaily have any reviews of the Oura Ring?"
    rf"(?:do|does) {_YOU} (?:have|got|offer|publish|carry) {_SOME}{_NOUN}{_BY_YOU} {_ON}",
    rf"(?:is|are) there {_SOME}{_NOUN}{_BY_YOU} {_ON}",  # "are there any posts on quantum computing?"
    rf"(?:got )?(?:any|some|more|other|got an?) {_SOME}{_NOUN}{_BY_YOU}:? {_ON}",  # "any posts about budgeting?"
    rf"{_SOME}{_NOUNS}{_BY_YOU}(?::| {_ON})",  # "blog posts about minimalism?", "posts: running shoes"
    # "can you recommend an article on sleep tracking?", "pull up posts related to passive income"
    (r"(?:(?:can|could|would|will) (?:you|u) )?(?:please )?(?:recommend|suggest|show|list|find|give|point|send|link|"
     r"pull up|bring up|fetch|get|grab|dig up|share|take|direct|browse|explore|check out|need|want)"
     rf"(?: me| us)?(?: to)? {_SOME}{_NOUN}{_BY_YOU} {_ON}"),
    # "which posts talk about GPT-4o?", "what articles do you have on electric cars?"
    (rf"(?:what|which) (?:of (?:your|the) )?{_SOME}{_NOUN} (?:do you have |are there |have you (?:written|published) |"
     rf"does the blog have |can i read |should i read |are |is |would you recommend |do you recommend )?{_ON}"),
    # "have you written anything about the Vision Pro?", "did you guys ever write about the Meta Quest 3"
    rf"(?:have|has|did|do|does) {_YOU} (?:ever )?{_WROTE} (?:anything |something |much |{_SOME}{_NOUN} )?(?:about|on)",
    r"what (?:have you|has the blog|did you|do you have) (?:written|write|posted|published|got) (?:about|on)",
    (r"(?:does|do) (?:the blog|this blog|this site|the site|you|u) (?:ever )?(?:cover|write about|talk about|"
     r"discuss|have anything (?:about|on))"),  # "does the blog cover smart home security?"
    rf"(?:got |is there |have you got )?(?:anything|something|stuff) (?:(?:published|written|posted) )?{_ON}",
    rf"where (?:can|could|should|do) i (?:read|find|see|get) (?:more )?(?:{_SOME}{_NOUN}{_BY_YOU} )?(?:about|on)",
    rf"(?:what|which) (?:are|were|is) {_SOME}{_NOUN} {_ON}",  # "what are the latest posts on AI?"
    rf"(?:i(?:['’]m| am) )?(?:looking for|after|searching for|hunting for) {_SOME}{_NOUN}{_BY_YOU} {_ON}",
    (r"i(?:['’]d| would)? (?:want|wanna|like|love|need) to (?:read|see|find|browse|explore|check out|dig into) "
     rf"{_SOME}{_NOUN}{_BY_YOU} {_ON}"),
    rf"i (?:need|want) {_SOME}{_NOUN}{_BY_YOU} {_ON}",  # "need some reading material on AI image generators"
    rf"(?:i(?:['’]d| would) (?:like|love) to )?(?:read|see|list) what {_YOU}(?:['’]ve| have)? {_WROTE} {_ON}",
    r"search (?:the blog |the site |your blog |your posts |the posts )?for",  # "search the blog for electric bikes"
    rf"{_WHATS}(?: there)? (?:on|in) (?:the|this|your) (?:site|blog|website) (?:about|on|for|regarding|re:?)",
)
_WANTS_POSTS = re.compile(rf"^(?:{'|'.join(_WANTS)}) (?P<topic>.+)$", re.IGNORECASE)
# The subject first: "AR glasses posts?" (a few words, asking nothing else)
_POSTS_OF = re.compile(rf"^(?!(?:{_WHATS}|how|why|when|where|which|who|is|are|do|does|can|the|best|top|my|your|any|"
                       rf"some|more|other|show|give|list|find|get|similar|related|new|latest|recent|good)\b)"
                       r"(?P<topic>(?:(?!and\b)[\w'’.+-]+ ){1,4})(?:blog )?(?:posts|articles|write-?ups|reviews|"
                       r"guides)$", re.IGNORECASE)
# "what else should I read?", "any similar posts?", "more like this?": the posts closest to the one being read
_WANTS_RELATED = re.compile(
    # "are there related posts I could check out?", not "other guides say it is waterproof"
    rf"\b(?:related|similar|further|follow-?up|other|more) (?:{_NOUN}|reading)(?:$| (?:like|on|about|to|connected to|"
    r"related to|similar to) (?:this|it|that|the same|what|the one)| (?:i|you|we) (?:could|can|should|might|would|may)|"
    r" to (?:read|check out)| (?:after|for|from) (?:this|that|me|here)| (?:here|too|as well|next|now)\b)|"
    r"\b(?:more|anything|something|stuff|others?|what)(?: else)?(?: (?:do|have) (?:you|u)(?: got| have)?)?"
    r"(?: that['’]?s)? (?:like|similar(?: to)?|along the lines of|in the same vein as|along these lines)"
    r"(?: (?:this|it|that|these|what i(?:['’]m| am) reading)\b|$)|"
    r"\bwhat else (?:do|have|did|can|could|should|would|might) (?:you|u|i)\b.{0,40}?\b(?:read|written|wrote|have|"
    r"similar|recommend|check out|look at)\b|"
    r"\bwhat(?:['’]s| is) related to (?:this|it)\b|"
    r"\bwhat (?:would|do|should|can|could) (?:you|u) (?:recommend|suggest) (?:reading|i read|to read|next)\b|"
    r"\b(?:companion (?:piece|post|article)|follow-?up|sequel|part (?:two|2)) to (?:this|it|that)\b|"
    r"\b(?:what|something) (?:to|should i|can i) read next\b|"
    r"\b(?:recommend|suggest) (?:me )?(?:something|a post|an article|more|some(?:thing)? else)(?: else)?"
    r"(?: (?:to read|like this))?(?: next)?$", re.IGNORECASE)
# A sentence that asks for related reading starts as a request ("any…", "do you have…", "can you recommend…"), not
# "other guides say it is bad".
_REQUESTS = re.compile(r"^(?:any|are there|is there|do you|does the|got|you got|you have|have you|show|list|give|"
                       r"recommend|suggest|can you|could you|would you|will you|can i|i want|i'd|i would|i liked|"
                       r"i loved|loved|liked|enjoyed|what|which|where|more|similar|related|further|other|anything|"
                       r"something|stuff|follow|pull|find|send|link|point|take)\b", re.IGNORECASE)
# "what's new on the blog?", "latest posts?": the blog's newest posts
_WANTS_NEWEST = re.compile(
    rf"^(?:{_WHATS}(?: been)? (?:new|fresh)|anything (?:new|fresh)|"
    r"(?:(?:what are|show me|list|any|got any|give me|can i see|could i see|can you show me|could you show me)\s+)?"
    rf"(?:the |your )?(?:latest|newest|most recent|recent|new|last|last few|past few) {_NOUN}|"
    r"what (?:did|have) (?:you|u|you guys|u guys|y'all) (?:publish|post|write|published|posted|written|put out) "
    rf"(?:recently|lately|last)|(?:{_WHATS}|what was) (?:the |your )?(?:latest|newest|most recent|last) "
    r"(?:post|article|blog post|entry|thing you (?:published|posted|wrote)))"
    r"(?: (?:you(?:['’]ve| have)? )?(?:put out|published|posted|wrote|written))?"
    r"(?: (?:on|in) (?:the|your|this) (?:blog|site|website))?(?: (?:this|last) (?:week|month|year)| lately| recently|"
    r" today)?$", re.IGNORECASE)
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
# Questions about the blog itself are told by their words, every one of which must be a word such a question uses:
# a subject named in it ("who wrote Atomic Habits?", "what does the blog say about sleep?") makes it a question on
# that subject. Patterns of whole sentences found 11/30 and 10/25 of such messages written blind.
_FILLER = frozenset("""a all am an and any are at be been but by can could do does for from give hey hi i i'm im in
    is it's just kinda kind let lol me mostly my of ok okay on one or please r really so sort sorts tell that the
    there this to type types u usually wanna want was were what what's whats wat which with you your new""".split())
_THE_BLOG = frozenset("""blog blog's blogs site site's website website's hyperdaily hyperdaily's hyperdaily.one
    publication bot here you u guys your ur""".split())
_NAMES_THE_BLOG = frozenset("blog blog's site site's website hyperdaily hyperdaily's hyperdaily.one publication bot "
                            "here".split())  # not "you": "what can you tell me about this?" on a post asks of it
_SUBJECTS = frozenset("""about abt topics topic subjects subject areas area themes theme focus focused focuses cover
    covers covered covering write writes post posts posted posting talk talks stuff things content deal overview
    describe categories category ask asked help able main gets get have has articles publish publishes find read
    learn""".split())
_ASKING_WORDS = frozenset("what what's whats wat which tell describe overview about abt".split())
_WHO = frozenset("who who's whos whose whom".split())
_WRITER = frozenset("""wrote write writes written writing author author's authors authored writer writers penned
    blogger bloggers editor editors behind runs run owns person people team""".split())
_MADE = frozenset("made created started founded".split())  # "who made this blog?", not "who made this?" (a ring)
_PIECE = frozenset("article article's post post's page piece this that".split())
_READING = frozenset("reading currently name".split())  # "who wrote the article I'm reading?", "the author's name"
_READ_TIME = frozenset("""how long much time minutes mins min take takes it does do will would to read reading it's
    is the a this that article post piece whole entire approximately roughly about whats what's what reading
    time length long many""".split())
_WHOLE_BLOG = frozenset("blog blog's site site's website hyperdaily hyperdaily's hyperdaily.one publication articles "
                        "posts team".split())
_ONE_POST = re.compile(r"\b(this|that|the|which|a) (blog )?(post|article|page)\b", re.IGNORECASE)
_A_BLOG = re.compile(r"\b(a|an) (blog|site|website|publication)\b", re.IGNORECASE)  # "what is a blog?" asks of blogs
_QUESTION_WORD = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")


def _words(question: str) -> set[str]:
    """The question's words in lower case, with their apostrophes and dots: "who's", "hyperdaily.one"."""
    return set(_QUESTION_WORD.findall(question.lower().replace("’", "'")))


_NEWEST = re.compile(r"\b(latest|newest|most recent|recent|recently|new)\b", re.IGNORECASE)
_POINTER = re.compile(r"^(?:the same|this|it|that|these|those|them)(?: same)?(?: (?:topic|subject|post|article|one|"
                      r"thing|ones|posts|articles|page))?$", re.IGNORECASE)
_TAIL = re.compile(r"(?:\s+(?:on|in|from) (?:your|the|this) (?:blog|site|website)|\s+here|\s+on here|\s+to read|"
                   r"\s+somewhere|\s+what do you have|\s+(?:do )?you have any|"
                   r"\s+you (?:could|can|would) recommend|\s+by any chance|\s+at all|\s+if any|\s+you have|"
                   r"\s+you(?:['’]ve| have) (?:got|written|published))+\W*$|\W+$", re.IGNORECASE)
# Words that ask nicely or greet, which say nothing of what is asked: "posts on index funds pls", "hi! any posts…"
_COURTESY = re.compile(r"^(?:(?:hi|hey|hello|hiya|yo|so|ok|okay|also|and|oh|um|hmm|please|pls)(?: there)?\b[\s,!.]*)+|"
                       r"[\s,]*\b(?:please|pls|plz|thanks|thank you|thx|ty)\b[\s!.?]*$", re.IGNORECASE)
_ASIDE = re.compile(r",\s*(?:could|can|would|will|if|so|and|or|pls|please|thanks|thank)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[?!.;])\s+")
_ON_THE_BLOG = re.compile(r"\s(?:on|in|from) (?:the|this|your) (?:blog|site|website)(?=\s)", re.IGNORECASE)
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
    smart rings?" asks for posts on smart rings, "what else should I read?" for posts like the one being read, "what's
    new?" for the latest; "what does the article say about battery life?" asks about its content. Each sentence is
    read on its own ("Enjoyed this! Any more posts on this subject?")."""
    for sentence in _SENTENCE.split(" ".join(question.split())):
        if request := _request(_COURTESY.sub("", sentence).strip()):
            return request
    return None


def _request(text: str) -> PostsRequest | None:
    """The request for posts one sentence makes, or None."""
    bare = text.rstrip("?!. ")
    if _WANTS_NEWEST.match(bare):
        return PostsRequest("", others=False, newest=True)
    # "any guides on the blog about home espresso?" is about home espresso
    wanted = _WANTS_POSTS.match(_ON_THE_BLOG.sub("", bare)) or _WANTS_POSTS.match(bare)
    if wanted is not None:
        topic = _TAIL.sub("", _ASIDE.split(wanted["topic"], maxsplit=1)[0]).strip()  # "…, could you list it?"
        topic = re.sub(r"^(?:the )?(?:topic|subject|matter) of\s+", "", topic, flags=re.IGNORECASE)
        if _POINTER.match(topic):
            return PostsRequest("", others=True)
        if re.search(r"\w", topic):
            before = wanted.string[: wanted.start("topic")]
            return PostsRequest(topic, bool(_OTHERS.search(before)), newest=bool(_NEWEST.search(before)))
    if wanted := _POSTS_OF.match(bare):
        return PostsRequest(wanted["topic"].strip(), others=False)
    # "loved this, where can I find more like it?": a clause that asks, about more of the same
    if any(_REQUESTS.match(clause) and _WANTS_RELATED.search(clause)
           for clause in re.split(r",\s*", _ON_THE_BLOG.sub("", bare))):
        return PostsRequest("", others=True)
    return None


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


def asks_who_wrote(question: str) -> str | None:
    """"post" when the question asks who wrote the post being read ("who wrote this article?", "whos the author"),
    "blog" when it asks who writes the blog ("who runs this site?"), else None: "who wrote Atomic Habits?" and "who
    wrote it?" ask about a subject, "who made this?" after a question on a ring asks for its maker."""
    words = _words(question)
    writer = (words & _WRITER or words & _MADE and words & _WHOLE_BLOG
              or words & _PIECE and ("whose" in words or "by" in words))  # "whose article is this?", "… by?"
    asked = words & _WHO or "name" in words or words >= {"written", "by"}  # "what is the name of the author?"
    if not writer or not asked:
        return None
    if not words <= _FILLER | _THE_BLOG | _WHO | _WRITER | _MADE | _PIECE | _WHOLE_BLOG | _READING:
        return None
    return "blog" if words & _WHOLE_BLOG and not _ONE_POST.search(question) else "post"  # "this blog post"


def asks_what_blog_covers(question: str) -> bool:
    """Whether the question asks what the blog writes about ("what is this blog about?", "what topics do you
    cover?", "what kinda things can i ask this bot"), not what one post covers ("what is this post about?") nor
    what it says of a subject ("what does the blog say about sleep?")."""
    words = _words(question)
    if not words & _THE_BLOG or not words & _ASKING_WORDS or words & _WHO or _ONE_POST.search(question):
        return False
    if words & {"this", "that", "it"} and not words & _NAMES_THE_BLOG or _A_BLOG.search(question):
        return False
    return words <= _FILLER | _THE_BLOG | _SUBJECTS | _ASKING_WORDS and posts_asked(question) is None


def asks_reading_time(question: str) -> bool:
    """Whether the question asks how long the post being read takes to read ("how long does it take to read this
    article?", "what's the reading time?"), not how long something in it takes ("how long does the battery last?")."""
    words = _words(question)
    asked = words & {"read", "reading"} or "long" in words and words & {"post", "article", "piece"}  # "how long is it?"
    how_long = words & {"long", "time", "minutes", "mins", "min", "length"}
    return bool(asked and how_long and words <= _READ_TIME | _FILLER)
