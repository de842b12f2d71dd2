"""The reply's words: a FAQ answer kept to the point, or the passages' most relevant sentences, in the blog's words."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import Stemmer

from assistant.figures import figure_asked
from ingest.chunking import split_sentences
from ingest.store import StoredChunk

_stemmer = Stemmer.Stemmer("english")
_WORD = re.compile(r"\w\w+")
_STOP = frozenset(
    "the a an and or but of to in on for with by at from as is are was were be been being it its this that these those "
    "what which who whom how why when where do does did can could should would will shall may might must i you he she "
    "we they me my your our their about into over than then so if not no yes there here have has had just also more "
    "most very any some such".split()
)
MAX_WORDS = 80
MIN_ITEM_WORDS = 8  # the least of a list item worth showing
FIGURE_BONUS = 0.3  # for a sentence that states the figure a question asks for (figures.py): "how much is it?"
# shares no word with "This typically falls between $299 and $399 USD."
# A sentence that says what is, after one that says what is not: "The ceremony will not be held in a stadium.
# Instead, it will take place along the Seine." The first alone would answer "where is it held?" with a half-truth.
_CORRECTION = r"(instead|rather),"
_CORRECTS = re.compile(f"^{_CORRECTION}", re.IGNORECASE)
_REFERS_BACK = re.compile(  # "This typically…", "Yet, a subtle revolution…", "Instead, it will take place…"
    r"^((this|these|that|those|it|its|they|their|such|yet|but|however|still|moreover|furthermore|thus|therefore)\b"
    f"|{_CORRECTION})", re.IGNORECASE)
# A sentence that goes on about what the one before named, or qualifies it ("These frameworks…", "However, …"); not
# "This acceleration means…", which mostly comments on it.
_NEEDS_BEFORE = re.compile(
    rf"{_REFERS_BACK.pattern}|^(for (example|instance)|also|and|so|the \w+ (itself|themselves))\b", re.IGNORECASE)
_CONTINUES = re.compile(r"^(it|it['’]s|its|they|their|these|those|however|but|yet|still)\b", re.IGNORECASE)
_ABOUT_ITSELF = re.compile(  # a sentence about the article, not its subject: "We'll explore the confirmed features"
    r"\b(we(['’]ll| will| are going to)|(this|our) (article|guide|post|deep dive)|let['’]s (dive|explore|take a look|"
    r"look|break)|read on|keep reading|you['’]ll (learn|discover|find out)|look no further|"
    r"(you['’]re|you are|you['’]ve come to) (in )?the right place)\b", re.IGNORECASE)
# Words one of which every such sentence has: testing for them first takes a quarter of the pattern's time, which
# matters when every chunk of the corpus is read at start-up (SentenceIndex).
_ABOUT_ITSELF_WORDS = ("we'll", "we’ll", "we will", "we are going", "article", "guide", "post", "deep dive", "let's",
                       "let’s", "read on", "keep reading", "you'll", "you’ll", "look no further", "right place")
# A hook that restates the reader's question and answers nothing, never quoted: "If you're asking, 'What is the
# Butterflies app?' you're not alone." Not in `about_itself`, which also keeps a sentence out of ranking: the section
# that opens with the hook is often the one that answers.
_HOOK = re.compile(r"\b(you['’]re|you are) not alone\b|\byou (may|might) (be|have been) (asking|wondering)\b|"
                   r"\b(this|our) (comprehensive|ultimate|definitive|complete|exhaustive) (article|guide|deep dive)\b|"
                   # "If you've wondered what the best smart rings are, you're in the right place.": the subject's
                   # words, no answer; quoted for "what's the best smart ring?" over the sentences that name them.
                   r"\b(you['’]re|you are|you['’]ve come to) (in )?the right place\b|\blook no further\b",
                   re.IGNORECASE)
# A sentence that sends the reader to another post: "Learn more about it at HyperDaily's Smart Home Guide."
_ELSEWHERE = re.compile(r"\b(learn|read|find out|discover) more (about|at|in|on)\b.*\b(hyperdaily|guide|post|article)\b",
                        re.IGNORECASE)
ABOUT_ITSELF_PENALTY = 0.3
# How close to the best sentence one must come: one of another section, closer (judged blind on all the sets'
# replies against 0.34 for every section: 35 better, 18 worse, fewer off-topic second passages).
MARGIN = 0.34
OTHER_MARGIN = 0.15
_YES_OR_NO = re.compile(  # "can I…?", "and is it free?", "isn't it…?"
    r"^((and|but|so|also|then|ok(ay)?|well)\W+)*(is|are|was|were|am|do|does|did|can|could|will|would|should|shall|may|"
    r"might|must|has|have|had|any|(is|are|was|were|do|does|did|ca|could|wo|would|should|has|have)n['’]t)\b",
    re.IGNORECASE)
# "No, …", "Yes.", "Absolutely!"; not "No subscription is needed", which says what the answer is.
_VERDICT = re.compile(
    r"^(yes|no|absolutely|definitely|certainly|of course|not (necessarily|exactly|always|really))[,.!]\s*", re.IGNORECASE)
# What is left of a verdict's sentence that only qualifies it: "Yes, to a significant extent.", "No, and that is…"
_QUALIFIER = re.compile(r"^(and|but|to an?|in (most|some|many)|absolutely|definitely|certainly|of course|"
                        r"not necessarily|$)\b", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^[^.!?\n]*[.!?](\s+|$)")
_MORE = "… {n} more in the post"
_MORE_ALL = "… a list of {n} in the post"
# The blog's links to its other posts: "[Related: …] – blurb", or, once ingest has made the link text, "Related: …"
# to the end of the line.
_RELATED = re.compile(r"\[Related:[^\]]*\](\([^)]*\))?(\s*[–—-]\s[^.!?]*[.!?])?|(?<![\w\[])Related: .*$")
_FIGURE_DIGIT = re.compile(r"(?<![\w.-])\d")
_NUMBERED = r"\d+[.)]"
_LIST_MARKER = re.compile(rf"^\s*(?:[-*+•]|{_NUMBERED})\s+")
_STEP = re.compile(rf"^\s*{_NUMBERED}\s+")
# "how do I remove a person from a photo?", "how to set up…"; not "how do they compare?" nor "how would you rate it?"
_LEAD_IN = r"^\W*((and|so|but|ok(ay)?|then)\W+)*"  # "ok so how do I…"
_ASKER = r"(i|you|u|we|one|someone)"
_HOW_TO = re.compile(rf"{_LEAD_IN}(how (do|can|should|would|could|does) {_ASKER}\b"
                     r"(?!\s+(compare|rate|feel|think|rank|like|know)\b)|how to\b|"
                     r"what are the steps\b|what steps\b|(the )?steps (to|for)\b)", re.IGNORECASE)
# What a how-to question asks to do, and a heading that says how to do it: "How to Start Elden Ring DLC"
_HOW_TO_VERB = re.compile(rf"{_LEAD_IN}how (((do|can|should|would|could) {_ASKER})|to)\s+(?P<verb>[a-z]+)",
                          re.IGNORECASE)
_SAYS_HOW_TO = re.compile(r"\bhow (to|do (i|you)|can (i|you)|should (i|you))\s+(?P<verb>[a-z]+)", re.IGNORECASE)
MIN_STEPS = 3
MAX_STEP_WORDS = 120  # steps cut short help no one: more room than a reply of sentences


def terms(text: str) -> set[str]:
    return set(_stemmer.stemWords([w for w in _WORD.findall(text.lower()) if w not in _STOP]))


def asks_how_to(question: str) -> bool:
    """Whether a question asks how to do something: "how do I remove a person from a photo?", "steps to set up…"."""
    return bool(_HOW_TO.search(question))


def says_how_to(question: str, heading: str) -> bool:
    """Whether a heading says how to do what a how-to question asks to: "how do you start the DLC?" and "Mandatory
    Prerequisites: How to Start Elden Ring DLC", not "Arming Yourself: New Weapons"."""
    asked = _HOW_TO_VERB.search(question)
    said = _SAYS_HOW_TO.search(heading)
    return bool(asked and said and asked["verb"].lower() not in _STOP
                and _stemmer.stemWord(asked["verb"].lower()) == _stemmer.stemWord(said["verb"].lower()))


def about_itself(text: str) -> bool:
    """Whether the text has a sentence about the article rather than its subject ("We'll explore…", "If you've
    wondered what the best smart rings are, you're in the right place."): it restates a reader's question and
    answers nothing."""
    lowered = text.lower()
    return any(word in lowered for word in _ABOUT_ITSELF_WORDS) and bool(_ABOUT_ITSELF.search(text))


def shorten(text: str, max_words: int = MAX_WORDS) -> str:
    """Whole sentences from the start of `text`, up to about max_words words, a list kept one item to a line.

    A list is never cut silently: a list of named kinds ("The four main types are:", each item "Label: what it
    is", no figures) keeps every label; any other keeps the items that fit (the first one cut short when even it
    does not) and says how many more the post has.
    """
    kept: list[tuple[bool, str]] = []
    words = 0
    units = _units(text)
    i = 0
    while i < len(units):
        item, unit = units[i]
        if item:  # a list: fitted as a whole into what is left
            end = next((j for j in range(i, len(units)) if not units[j][0]), len(units))
            fitted = _fit_list([u for _, u in units[i:end]], max_words - words)
            kept += [(True, u) for u in fitted]
            words += sum(len(u.split()) for u in fitted)
            i = end
            continue
        n = len(unit.split())
        if kept and words + n > max_words:
            break
        if n > max_words * 1.5:
            unit, n = " ".join(unit.split()[:max_words]) + " …", max_words
        kept.append((item, unit))
        words += n
        i += 1
    return join_units(kept)


def join_units(units: Sequence[tuple[bool, str]]) -> str:
    """(is a list item, text) pairs as one reply: sentences run on, list items one to a line."""
    result = ""
    for n, (item, unit) in enumerate(units):
        if n:
            result += "\n" if item else "\n\n" if units[n - 1][0] else " "
        result += f"- {unit}" if item else unit
    return result


def asks_yes_or_no(question: str) -> bool:
    """Whether a question can be answered yes or no ("can I run it offline?"), unlike "how risky is it?"."""
    return bool(_YES_OR_NO.match(question.strip()))


def without_verdict(answer: str) -> str:
    """A FAQ answer without the "Yes."/"No." that answered its own question, for a reader whose question it cannot
    answer: "how many new weapon types did the DLC add?" gets "The DLC weapons include several new categories…",
    not "Yes, the DLC weapons include…"."""
    verdict = _VERDICT.match(answer)
    if not verdict:
        return answer
    first = _FIRST_SENTENCE.match(answer)
    rest = answer[verdict.end():]
    if first and len(first.group().split()) <= 9 and _QUALIFIER.match(rest):
        rest = answer[first.end():]
    return rest[:1].upper() + rest[1:] if rest.strip() else answer


def heading_list(headings: Sequence[str], limit: int = 6) -> str:
    """Headings as a list, one to a line; past `limit`, the first ones and how many more the post has."""
    shown = list(headings) if len(headings) <= limit else list(headings[: limit - 1])
    lines = [f"- {h}" for h in shown]
    if len(shown) < len(headings):
        lines.append(_MORE.format(n=len(headings) - len(shown)))
    return "\n".join(lines)


def _fit_list(items: list[str], room: int) -> list[str]:
    """The list's items within `room` words (see `shorten`), or only how many it has when there is no room."""
    if sum(len(u.split()) for u in items) <= room:
        return items
    labels = [_label(u) for u in items]
    if all(labels) and not any(re.search(r"\d", u) for u in items) and sum(len(x.split()) for x in labels) <= room:
        return labels
    marker = len(_MORE.split())
    if room < MIN_ITEM_WORDS + marker:
        return [_MORE_ALL.format(n=len(items))]
    fit: list[str] = []
    for u in items:
        if sum(len(f.split()) for f in fit) + len(u.split()) > room - marker:
            break
        fit.append(u)
    if not fit:
        fit = [" ".join(items[0].split()[: room - marker]) + " …"]
    return fit + [_MORE.format(n=len(items) - len(fit))]


def _units(text: str) -> list[tuple[bool, str]]:
    """(is a list item, text): each prose sentence, and each list item whole."""
    units: list[tuple[bool, str]] = []
    prose: list[str] = []
    for line in text.splitlines() + [""]:
        if _LIST_MARKER.match(line) or not line.strip():
            units.extend((False, s) for s in split_sentences(" ".join(" ".join(prose).split())))
            prose = []
            if _LIST_MARKER.match(line):
                units.append((True, " ".join(_LIST_MARKER.sub("", line).split())))
        else:
            prose.append(line)
    return units or [(False, " ".join(text.split()))]


def _antecedents(c_index: int, s_index: int, units: dict[tuple[int, int], str], text: str,
                 chosen: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences before one that points back ("This typically falls between $299 and $399"), up to the first
    that does not or one already `chosen`, at most two; none when that takes more, or when what it points back to
    is a list (its last item alone would mislead)."""
    found: list[tuple[int, int]] = []
    key = (c_index, s_index)
    while _REFERS_BACK.match(units[key]):
        key = (c_index, key[1] - 1)
        if key in chosen:  # what it points back to is quoted already
            return found
        if key not in units or len(found) == 2 or is_list_item(units[key], text):
            return []
        found.append(key)
    return found


def is_list_item(unit: str, text: str) -> bool:
    """Whether a unit of `text` (`passage_units`) is one of its list items."""
    return any(_LIST_MARKER.match(line) and unit[:40] in " ".join(line.split()) for line in text.splitlines())


def _label(item: str) -> str:
    """The "Label" of an item "Label: what it is", or "" when it has none."""
    label, colon, rest = item.partition(": ")
    return label if colon and rest and len(label.split()) <= 6 else ""


def _leads_in(unit: str, text: str) -> bool:
    """Whether a unit of `text` only leads into the next: "…a single platform to:", or a question the post asks and
    then answers ("Is Vision Pro worth it?"; not an item "Topic: What do you want the AI to write about?")."""
    return unit.endswith(":") or unit.endswith("?") and not is_list_item(unit, text)


def passage_units(text: str) -> list[str]:
    """The sentences of a passage, each list item whole and on its own: a bullet list read as one sentence would
    answer a question about one of its items with all of them. Table rows are left out: they are no sentences to
    quote, but for the figure one states (`table_rows`); so are the links to the blog's other posts ("Related: …")."""
    units: list[str] = []
    for line in text.splitlines():
        if " | " in line:  # a table row, as ingest writes it
            continue
        item = bool(_LIST_MARKER.match(line))
        line = " ".join(_RELATED.sub("", _LIST_MARKER.sub("", line)).split())
        if item and line:
            # Whole: "Broccoli Stalks: Don't throw them out! Peel the tough outer layer…" cut after its first
            # sentence leaves "Peel the tough outer layer and shred them" without what it is about.
            units.append(line)
            continue
        for n, sentence in enumerate(split_sentences(line)):
            if n and sentence.startswith("("):  # "Who are you writing for? (This helps the AI adjust its tone.)"
                units[-1] = f"{units[-1]} {sentence}"
            else:
                units.append(sentence)
    return units


def table_rows(text: str, states: Callable[[str], bool]) -> list[str]:
    """A passage's table rows (as ingest writes them, "cell | cell") that state a figure, as lines to quote: the
    row's first cell and those that state it, each with its column's name when the header gives short ones
    ("Weight: Humane AI Pin 34 g; Rabbit R1 115 g"; a little longer to tell two values apart), else alone
    ("Sensors: 12 Cameras, 5 Sensors, 6 Microphones.")."""
    lines = [[cell.strip().rstrip(".;") for cell in line.split(" | ")] for line in text.splitlines() if " | " in line]
    if not lines:
        return []
    # A passage may start within a table, whose header is then in the one before: a header has no figures (but
    # may have names: "Rabbit R1").
    has_header = not any(_FIGURE_DIGIT.search(cell) for cell in lines[0])
    names = lines[0] if has_header else None
    rows = []
    for cells in lines[1:] if has_header else lines:
        stated = [n for n, cell in enumerate(cells) if n and states(cell)]
        # A name tells two values apart ("Minimum Recommended Speed 50 Mbps; Ideal Speed for Stability 75+ Mbps"); one
        # value needs one only when it is short ("Humane AI Pin 34 g", not "Specification Detail 12 Cameras").
        longest = 4 if len(stated) > 1 else 3
        named = names and len(names) == len(cells) and all(len(name.split()) <= longest for name in names)
        values = [f"{names[n]} {cells[n]}" if named else cells[n] for n in stated]
        if values:
            rows.append(f"{cells[0]}: {'; '.join(values)}.")
    return rows


def steps(question: str, text: str) -> str | None:
    """For a question asking how to do something, the first numbered list of the section's own text (at least
    MIN_STEPS items; a bullet under an item goes with it), with the sentence that leads into it: "how do I remove a
    person from a photo with Clean Up?" gets "Here's a quick guide on its simple use:" and its five steps, not what
    the tool is for. None otherwise."""
    if not asks_how_to(question):
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if _STEP.match(line)), None)
    if start is None:
        return None
    items: list[str] = []
    for line in lines[start:]:
        plain = " ".join(_RELATED.sub("", _LIST_MARKER.sub("", line)).split())
        if _STEP.match(line):
            items.append(plain)
        elif _LIST_MARKER.match(line) and items:  # "- a detail" under a step, as ingest writes a nested list
            items[-1] = f"{items[-1]} {plain}".strip()
        else:
            break
    if len(items) < MIN_STEPS:
        return None
    before = split_sentences(" ".join(lines[start - 1].split())) if start else []
    lead = before[-1] if before and before[-1].endswith(":") and not _LIST_MARKER.match(lines[start - 1]) else ""
    fitted = _fit_list([item for item in items if item], MAX_STEP_WORDS - len(lead.split()))
    return join_units(([(False, lead)] if lead else []) + [(True, item) for item in fitted])


def best_sentences(question: str, chunks: list[StoredChunk], limit: int = 3, lead: int = 0) -> list[tuple[str, int]]:
    """Up to `limit` sentences (a list item whole) that share the most words with the question, each with the index
    of its chunk.

    Sentences are scored by the share of the question's terms they contain, plus FIGURE_BONUS for one with a figure
    when the question asks for one, with a small bonus for the better ranked chunk; the chosen ones come back in
    reading order. At least one comes from the first `lead` chunks (the best section's), even when another section
    repeats the question's words ("do I need a subscription?" asked about the Galaxy Ring, whose FAQ answer says
    "no monthly fee"). A question that asks for a figure gets the best section's first sentence that gives one, and a
    sentence that points back ("This typically…") comes with the sentence before it when the reply has room, as
    one that says what is not with the "Instead, …" after it.
    """
    wanted = terms(question)
    figure = figure_asked(question)
    scored: list[tuple[float, int, int, str]] = []
    units: dict[tuple[int, int], str] = {}
    for c_index, chunk in enumerate(chunks):
        sentences = passage_units(chunk.text)
        # A table row is quoted only for the figure it states: "how many cameras?" and "Sensors: 12 Cameras".
        rows = table_rows(chunk.text, figure.states) if figure else []
        for s_index, sentence in enumerate(units_of := sentences + rows):
            units[c_index, s_index] = sentence
            if len(sentence.split()) < 4 and s_index < len(sentences) or (
                    sentence.endswith(":") and s_index + 1 == len(units_of)):
                continue  # too short to say anything; or a lead-in to what the passage does not hold
            if _ELSEWHERE.search(sentence) or _HOOK.search(sentence):
                continue
            # A list item is quoted whole but scored by its best sentence read with its first ("Broccoli Stalks: Don't
            # throw them out!"): a long item is no better a match than a short one.
            parts = split_sentences(sentence) or [sentence]
            head = terms(parts[0])
            overlap = max(len(wanted & (head | terms(part))) for part in parts) / (len(wanted) or 1)
            overlap += FIGURE_BONUS if figure and figure.states(sentence) else 0.0
            overlap -= ABOUT_ITSELF_PENALTY if about_itself(sentence) else 0.0
            # A question the post asks ("So, should you sell your PS5?") answers nothing; an item "Topic: What…?" may.
            overlap -= ABOUT_ITSELF_PENALTY if sentence.endswith("?") and not _label(sentence) else 0.0
            scored.append((overlap - 0.15 * c_index - 0.02 * s_index, c_index, s_index, sentence))
    scored.sort(key=lambda s: -s[0])
    if not scored:
        return []
    best = scored[0][0]
    chosen = [s for s in scored[:limit] if s[0] >= best - (MARGIN if s[1] < max(lead, 1) else OTHER_MARGIN)]
    if lead and not any(s[1] < lead for s in chosen):
        first = next((s for s in scored if s[1] < lead), None)
        if first is not None:
            chosen = [first, *chosen[: limit - 1]]
    if figure and not any(figure.states(s[3]) and s[1] < max(lead, 1) for s in chosen):
        # "how much does the galaxy ring cost?": the sentence with "$299 and $399" shares no word with it; and
        # another section's price ("Copilot+ PCs start at $1,000") is no answer about GitHub Copilot
        given = next((s for s in scored if s[1] < max(lead, 1) and figure.states(s[3])), None)
        if given is not None:
            chosen = [*chosen[: limit - 1], given]
    words = 0
    result: list[tuple[float, int, int, str]] = []
    for s in chosen:
        n = len(s[3].split())
        if result and words + n > MAX_WORDS:
            continue
        result.append(s)
        words += n
    for s in list(result):
        quoted = {(r[1], r[2]) for r in result}
        context = _antecedents(s[1], s[2], units, chunks[s[1]].text, quoted)
        after = (s[1], s[2] + 1)
        leads_in = _CORRECTS.match(units.get(after, "")) or _leads_in(s[3], chunks[s[1]].text)
        if leads_in and after in units and after not in quoted:
            # "Here's how to find genuinely sustainable accommodation:" and its first item; "It prompts the crucial
            # question: Is Vision Pro worth it?" and the post's answer.
            context.append(after)
        n = sum(len(units[key].split()) for key in context)
        if context and words + n <= MAX_WORDS:
            result += [(s[0], *key, units[key]) for key in context]
            words += n
    kept = {(s[1], s[2]) for s in result}
    # Another section's figure in a sentence that points back to what the reply does not quote says not what it is
    # of: "It's slow, typically adding 2-5 miles of range per hour" (Level 1) after Level 2's "It adds 20-30 miles".
    result = [s for s in result if s[1] < max(lead, 1) or not (figure and figure.states(s[3]))
              or not _REFERS_BACK.match(s[3]) or (s[1], s[2] - 1) in kept] or result
    if len(result) == 1 and not is_list_item(result[0][3], chunks[result[0][1]].text):
        # One sentence alone often only names what the next says ("…libraries like TensorFlow Quantum and
        # PennyLane." and "These frameworks are designed to build and train hybrid quantum-classical models…").
        after = (result[0][1], result[0][2] + 1)
        following = units.get(after, "")
        if (_CONTINUES.match(following) and not is_list_item(following, chunks[after[0]].text)
                and words + len(following.split()) <= MAX_WORDS):
            result.append((result[0][0], *after, following))
    kept = {(s[1], s[2]) for s in result}
    # A lead-in without what it leads into says nothing: "A teacher can use a single platform to:".
    result = [s for s in result if not _leads_in(s[3], chunks[s[1]].text) or (s[1], s[2] + 1) in kept] or result
    result.sort(key=lambda s: (s[1], s[2]))
    if figure and not figure.states(result[0][3]):
        # "what's the monthly fee?": the passage's sentence that gives it comes first, unless it needs what comes
        # before it ("For example, …", "The term itself…") or leads into what follows; a list keeps its order.
        giving = next((s for s in result if figure.states(s[3])), None)
        first_listed = is_list_item(result[0][3], chunks[result[0][1]].text)
        if (giving is not None and giving[1] == result[0][1] and not _NEEDS_BEFORE.match(giving[3])
                and not giving[3].endswith(":")
                and not (first_listed and is_list_item(giving[3], chunks[giving[1]].text))):
            result = [giving, *(s for s in result if s is not giving)]
    return [(shorten(s[3]), s[1]) for s in result]
