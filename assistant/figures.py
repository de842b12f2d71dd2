"""Questions that ask for a figure (a price, a date, a count...) and the text that gives one.

"what time did the Paris Olympics opening ceremony start?" meets the post's section on the Games' dates, closely
enough to be answered, yet that section gives the day and never a time: it is not answered from there. And when a
section does give the figure, the sentence that states it is the one to quote ("This typically falls between $299
and $399").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# a number, not the digit of a model name ("Rabbit R1", "M4", "GPT-4o"), in figures or in words
_NUMBER = (r"(?<![\w-])\d+(?:[,.]\d+)*|"  # "17" whole: its "7" is no word between it and what it counts
           r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
           r"hundreds?|thousands?|millions?|billions?|dozens?|a few|several|a couple|a handful|single)\b")
_AMOUNT = (  # an amount, not a model number ("Oura Ring 3")
    r"[$€£¥]\s?\d|\b\d[\d,.]*\s?(%|percent|usd|dollars?|euros?|pounds?|hours?|days?|weeks?|months?|years?|minutes?|"
    r"seconds?|grams?|g|kg|lbs?|mm|cm|inch(es)?|miles?|km|gb|tb|mb|mah|nits|watts?|w|kwh)(?!\w)|\b\d+\s?(-|–|to)\s?\d+\b")
_MONEY = r"\b(costs?|price[ds]?|pricing|fees?|save[sd]?|savings?|cheaper|expensive|bills?|discounts?|assets)\b"
_SHARE_OF_PRICE = rf"{_MONEY}[^.]{{0,80}}?\d\s?(%|percent)|\d\s?(%|percent)[^.]{{0,80}}?{_MONEY}"  # not "an 80% charge"
# An amount of money, not a "$$$" price band in a table; "no extra cost" and "a 20% discount" say what it costs too
_PRICE = (r"(?<![$€£¥])[$€£¥]\s?\d|\d\s?(usd|dollars?|euros?|eur|pounds?|gbp|cents?)\b|"
          r"\bno (additional |extra )?(cost|charge|fee)\b|" + _SHARE_OF_PRICE)
# "Is Apple Intelligence Free?", "Affordability and Scalability"; not "How Much Can AI Save on Energy Bills?" nor
# "Breaking Free from Big Tech"
_PRICE_HEADED = (r"\b(prices?|pricing|costs?|how much(?![^?]*\bsav(e|es|ings)\b)|affordab(le|ility))\b|"
                 r"(?<!-)\bfree\b(?!-| (from|of|up)\b)")
# "free" as a price: not "hands-free", "free up your time", "free of ads", "free from bias", "free to focus" ("free to
# use" is)
_NOT_FREE = (r"-(?!to\b)| (up|of|from)\b| to (?!(use|download|play|try|join|access|install|read|watch|stream|start|"
             r"get|sign|enjoy|explore)\b)")
_FREE = rf"(?<![\w-])free\b(?!{_NOT_FREE})"
_PRICE_WORDS = "prices?|pricing|costs?|fees?"  # what a sentence saying the price is not known yet names
_RELATIVE = r"\b(twice|half|double|triple|(two|three|four|five|ten) times) (as much|as many|as long|the (price|cost))\b"
_PRICE_HINTED = rf"\b(dollars?|euros?|\w+-figure)\b|{_RELATIVE}"  # "a six-figure salary", "twice the price"
# "OpenAI has not released official pricing": the blog answers that it is not known yet
_NOT_KNOWN = (r"\b(not (yet )?(been )?(released|announced|disclosed|confirmed|published|revealed|provided|shared|given)|"
              r"no (firm|official|public|confirmed|set|exact|specific)|"
              r"unannounced|undisclosed|undetermined|unknown|unclear|yet to (be )?(announce|release|confirm|reveal)|"
              r"to be (announced|confirmed|determined)|tba|tbd)\b")

# Charging, not "on a single charge" or "per charge", which says how long a charge lasts
_CHARGING = r"(?<!single )(?<!on a full )(?<!on one )(?<!per )(?<!between )(?<!\bre)\b(re)?charg(e|es|ed|ing|er|ers)\b"
_DURATION = r"\d[\d,.]*\s?(-|–|to)?\s?[\d,.]*\s?(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b"
_CHARGE_TIME = r"\d[\d,.]*\+?\s?(-|–|to)?\s?[\d,.]*\s?(seconds?|minutes?|mins?|hours?|hrs?)\b"


# Who made something: "who invented the KonMari method?" is answered by "popularized by Marie Kondo", not by the FAQ
# "Is the KonMari method suitable for everyone?", which matches it best.
_MAKER_VERBS = (r"invent(ed|s)?|found(ed|s)|co-?found(ed|s)?|creat(ed|es)|made|makes|start(ed|s)|develop(ed|s)|"
                r"buil[dt]s?|design(ed|s)|popularized|popularised|pioneered|coined|launch(ed|es)|own(ed|s)|"
                r"manufactur(ed|es)|produc(ed|es)|wr[io]te|written|runs?|led|leads|came up with|is behind|was behind")
_MAKER_ASKED = (rf"\bwho(['’]s| is| was| are| were)? (the )?(real )?(founders?|co-?founders?|creators?|inventors?|makers?|"
                rf"developers?|manufacturers?|designers?|ceo|owners?|authors?)\b|\bwho(['’]s| is| was)? ({_MAKER_VERBS})\b")
_MAKER_STATED = (r"\b(invented|founded|co-?founded|created|made|developed|built|designed|popularized|popularised|"
                 r"pioneered|coined|launched|introduced|owned|run|led|manufactured|produced|written|devised|conceived|"
                 r"started) by\b|\b(founders?|co-?founders?|inventors?|ceo|chief executive|brainchild|founded|co-?founded|"
                 r"invented|coined)\b|\b(the|its|their) (original )?creators?\b")  # not "content creators"
_MAKER_HINTED = (r"(?-i:\b(?!(It|This|That|They|These|Those|He|She|We|You|I)\b)[A-Z][\w'’.-]*)"  # a name, not "It's designed"
                 r"((['’]s)? ((has|have|had|first|recently|officially) )?(invented|created|developed|built|designed|launched|"
                 r"unveiled|announced|released|introduced|makes|made|manufactures|produces)\b|"
                 r"['’]s (new|latest|own|first|flagship|upcoming)\b)")  # "Samsung unveiled", "Samsung's new wearable"


@dataclass(frozen=True)
class Figure:
    """One kind of figure: how a question asks for it, how a sentence states it ("$299", "in 2024"), and the looser
    wording by which a section may give it all the same ("in minutes", "later this year", "not yet announced")."""

    kind: str
    asked: re.Pattern[str]
    stated: re.Pattern[str]
    hinted: re.Pattern[str]
    headed: re.Pattern[str] | None = None  # a heading that names it: "Analyzing the Galaxy Ring Price"

    def states(self, sentence: str) -> bool:
        return bool(self.stated.search(sentence))

    def named_by(self, heading: str) -> bool:
        return bool(self.headed and self.headed.search(heading))

    def given_in(self, text: str) -> bool:
        return bool(self.stated.search(text) or self.hinted.search(text))


def _figure(kind: str, asked: str, stated: str, hinted: str = "", unknown: str = "", headed: str = "") -> Figure:
    """`unknown`: the words of a sentence saying that the figure is not known yet ("no release date")."""
    if unknown:  # in one sentence: "Zeta has not announced when it will sell in Europe" says nothing of its weight
        stated += rf"|{_NOT_KNOWN}[^.]{{0,60}}?\b({unknown})|\b({unknown})\b[^.]{{0,60}}?{_NOT_KNOWN}"
    return Figure(kind, re.compile(asked, re.IGNORECASE), re.compile(stated, re.IGNORECASE),
                  re.compile(hinted or "(?!)", re.IGNORECASE), re.compile(headed, re.IGNORECASE) if headed else None)


_PRICE_ASKED = (  # "how much is it?", "what does it go for?", "which one is cheaper?"
    r"\bhow much\b[^?]*\b(cost|costs|charge|charges|pay|price|priced|spend|money|fees?)\b|"
    r"\bhow much (is|are|was|were)\b(?![^?]*\b(data|storage|space|ram|memory|power|energy|water|electricity|"
    r"bandwidth)\b)|"  # "how much is it?", "how much is PlayStation Plus Premium a month?"
    r"\b(go|goes|sell|sells|retail|retails) for\b|\bset (me|you|us) back\b|"
    r"\bhow much (do|does|did|can|could|will|would)\b[^?]*\b(make|earn)s?\b(?! (a |any |much )?(difference|"
    r"sense|impact|change|progress))|"  # "how much do prompt engineers make?", not "…make a difference?"
    r"\bwhat(['’]?s| is| are| does| do)?\s+(the\s+|a\s+)?([\w-]+\s+){0,2}(price|prices|pricing|cost|costs|"
    r"fees?|fines?(?!-)|interest rates?|salary|income)\b(?! like| ideas)|"  # not "what is the pricing like?"
    r"\bwhat(['’]?s| is| are)?\s+(the\s+|a\s+)?(monthly|annual|yearly) (subscription|plan|membership)\b|"
    r"\bwhich( one| of them| of the \w+| \w+)? (is|are|was|would be) (the )?(cheaper|cheapest|pricier|"
    r"priciest|more expensive|less expensive|most expensive|least expensive)\b"
)


# The first whose question pattern matches is the one asked: "how much does it weigh?" asks for a weight, not a price.
FIGURES = (
    _figure("time of day", r"\b(at )?what time\b(?! of (the )?year)",
            r"\b\d{1,2}(:\d\d)?\s?([ap]\.?m\b\.?)|\b\d{1,2}[:h]\d\d\b",
            r"\b(midnight|noon|morning|afternoon|evening|night)\b"),
    _figure("weight", r"\bhow (heavy|light)\b|\b(how much|what) (does|do|did|will|would)\b[^?]*\bweigh\b|\bweight of\b|"
            r"\bhow many (grams|kilos|kilograms|pounds|lbs|ounces)\b",
            r"\d\s?(grams?|(?-i:g)|kg|kilograms?|lbs?|pounds?|ounces?|oz)\b", r"\b(grams?|kilograms?|ounces?)\b"),
    _figure("date", r"^\W*(and\s+)?when\b|\bwhen (is|was|will|did|does|do|are|were|can)\b|\bwhat (year|date|day|month)\b|"
            r"\b(release|launch|shipping|ship|arrival|premiere|on-?sale) dates?\b",  # "erdtree dlc release date"
            r"\b(1[89]|20)\d\d\b|\b(january|february|march|april|june|july|august|september|october|november|"
            r"december)\b",
            r"\b(in|by|since|from|until|early|mid|late) (may|spring|summer|autumn|fall|winter|q[1-4])\b|"
            r"\b(coming|next|this|last|later this|earlier this|a few|several) (days|weeks|months|year|years|quarter)\b|"
            r"\b(soon|(already|now) available|available (now|today))\b|"  # "later this year", not "years of research"
            r"\b(days?|weeks?|months?|years?|decades?|a decade) (or more )?(away|from now)\b|"
            r"\b(first|second|latter|back) half of (the|this|next|that) year\b|\blaunch window\b",
            unknown=r"dates?|when|release[sd]?|launch(es|ed)?|availab\w+|out",
            headed=r"\b(release dates?|launch dates?|release|availability|when)\b"),
    # How long charging takes, not how long a charge lasts: "4 to 7 days on a single charge" is no answer to "how long
    # does the Galaxy Ring take to charge?"
    _figure("charging time", r"\bhow (long|fast|quickly)\b(?![^?]*\blasts?\b)[^?]*\b(re)?charg(e|es|ed|ing)\b|"
            r"\bcharging (time|speed)s?\b",
            rf"{_CHARGING}[^.]{{0,60}}?{_CHARGE_TIME}|{_CHARGE_TIME}[^.]{{0,60}}?{_CHARGING}",
            rf"{_CHARGING}[^.]{{0,60}}?\b(minutes|hours|overnight)\b|\b(minutes|hours|overnight)\b[^.]{{0,60}}?{_CHARGING}"),
    # "How many days was Dennis Tito on the ISS?" asks for a number of them: not "about 62 miles" nor "for decades"
    _figure("duration", r"\bhow many (seconds|minutes|hours|days|weeks|months|years)\b", _DURATION,
            rf"\b({_NUMBER}|an?|multi)[- ](second|minute|hour|day|week|month|year)s?\b"),
    # "How's the battery life?" is answered by how long it lasts, or by what the best match says of the battery
    # ("significantly better battery life"), not by a section that never speaks of it nor by GPT-4o's "5.4 seconds"
    _figure("battery life", r"\bhow(['’]?s| is| good is) (the |its )?battery( life)?\b|"
            r"\bwhat(['’]?s| is) (the |its )?battery life\b|^\W*(and )?(what about )?(the |its )?battery( life)?\W*$",
            rf"(?s)\bbatter(y|ies)\b.*?({_DURATION})|({_DURATION}).*?\bbatter(y|ies)\b", r"\bbatter(y|ies)\b"),
    _figure("duration", r"\bhow long\b", _DURATION,
            r"\b(seconds?|minutes?|mins?|hours?|hrs?|days?|daily|weeks?|months?|years?|decades?|centur(y|ies)|"
            r"overnight|instant(ly)?|lifetime|never)\b|"
            r"\d\s?(km|kilomet(er|re)s|miles|cycles|charges)\b"),  # "keeps 85% after 300,000 km"
    # Whether something costs anything: "it is a separate, paid expansion" answers "is the DLC free?", not "how much is
    # it?", which asks for the amount (or that it is free: "Apple Intelligence is free").
    _figure("free", r"^\W*(and )?(is|are|was|will|does|do)\b[^?.]{0,60}?(?<!-)\bfree\b(?!-| (of|from|time|will|speech|"
            r"range|space|trial))|"  # "is the DLC free?", not "is it hands-free?" or "is it free of ads?"
            r"\b(do|does|will|would) (i|you|we|they|it) (have to|need to|must) pay\b",
            rf"{_PRICE}|{_FREE}|\bpaid\b|"
            r"\b(requires?|needs?) (a |an )?(paid |monthly |premium |separate )?(subscription|purchase)\b",
            _PRICE_HINTED, unknown=_PRICE_WORDS, headed=_PRICE_HEADED),
    _figure("price", _PRICE_ASKED,
            # Free, but not "free trials" nor "the free version" of what may be asked about the paid one
            rf"{_PRICE}|(?<![\w-])free\b(?!{_NOT_FREE}| (trials?|versions?|tiers?|plans?|users?|accounts?|options?|"
            r"alternatives?|apps?|tools?))",
            _PRICE_HINTED, unknown=_PRICE_WORDS, headed=_PRICE_HEADED),
    _figure("amount", r"\bhow much (data|storage|space|ram|memory|power|energy|water|electricity|bandwidth|battery)\b",
            _AMOUNT, f"{_NUMBER}|{_RELATIVE}"),  # not "how much does AI help?"
    _figure("count", r"\bhow many\b", _NUMBER),
    # How many a place holds: "its capacity makes it the hub for the largest crowds" gives none, nor does its "2024"
    _figure("capacity", r"(?<!battery )(?<!battery's )(?<!storage )(?<!memory )\bcapacity\b(?! (for|to)\b)"
            r"(?![^?]*\b(battery|batteries|storage|memory|drive|tank)\b)",
            r"\d[\d,.]*\+?\s?(thousand |million )?(seats|people|spectators|fans|visitors|guests|attendees|passengers|"
            r"persons)\b|\bcapacity of (about |around |over |nearly |roughly |up to |some )?\d|\d[\d,.]*[- ]capacity\b|"
            r"\b(seats|holds|accommodates) (about |around |over |nearly |roughly |up to |some )?\d"),
    # "What's the minimum age for Butterflies?" is not answered by "a social network for everyone"
    _figure("age", r"\b(minimum|min|required|legal) age\b|\bage (limits?|requirements?|restrictions?|ratings?)\b|"
            r"\bhow old (do|must|should|does|would) (you|i|kids|children|teens|users|someone|one)\b",
            r"\b(aged?|ages) \d{1,2}\b|\b\d{1,2}(-| )(years?|yrs?)(-| )old\b|"
            r"\b(over|under|at least|older than|younger than) (the age of )?\d{1,2}(?![\d.,%])"
            r"(?!\s?(percent|million|billion|thousand|hundred|times|[a-z]+s)\b)|"  # not "over 20 million"
            r"(?<![\w.])(1[2-8]|21)\s?\+(?!\s?(tops|hours|years|languages))|\bminimum age\b",
            r"\b(teens?|teenagers?|adults?|children|kids|minors?)\b"),
    _figure("maker", _MAKER_ASKED, _MAKER_STATED, _MAKER_HINTED),
    _figure("measure", r"\bhow (far|big|fast|often|old|large|small|tall|wide|deep|high|thin|thick|bright)\b",
            _AMOUNT, rf"{_NUMBER}|\b(daily|weekly|monthly|yearly|annually|every|once|twice|times a|as soon as)\b"),
)


# The price of a paid tier ("what's the monthly price for Perplexity Pro?") is not that its free version is free
_PAID_TIER = re.compile(r"\b(pro|plus|premium|advanced|ultra|max|paid|subscription|membership)\b", re.IGNORECASE)
_PAID_PRICE = _figure("price", _PRICE_ASKED, _PRICE, _PRICE_HINTED, unknown=_PRICE_WORDS, headed=_PRICE_HEADED)


_COUNTED = re.compile(r"\bhow many (?:more |of (?:the|its|their) )?(?P<noun>(?!(do|does|did|is|are|was|were|can|could|"
                      r"will|would|should|have|has|had)\b)[a-z][\w-]*)", re.IGNORECASE)


# A unit the question names ("in GHz", "how many mAh", its battery capacity), and how a text states an amount of it
# ("g" only in lower case: "5G" is a network; no bare "in" or "m": "1 in 5 buyers", "2 m of cable")
_UNIT_WORDS = (
    (r"ghz|mhz|gigahertz|megahertz|clock speeds?|clocked", r"ghz|mhz|gigahertz|megahertz"),
    (r"mah|milliamp[\w-]*|wh|watt[ -]hours?|battery capacity", r"mah|wh|watt[ -]hours?|milliamp[\w-]*"),
    (r"nits", r"nits"), (r"tops", r"tops"), (r"fps|frames per second", r"fps|frames per second"),
    (r"hz|hertz|refresh rate", r"hz|hertz"), (r"mp|megapixels?", r"mp|megapixels?"),
    (r"mm|millimet(er|re)s|cm|centimet(er|re)s|inch(es)?", r"mm|millimet(er|re)s?|cm|centimet(er|re)s?|inch(es)?|\""),
    (r"km|kilomet(er|re)s|miles|met(er|re)s|feet|ft", r"km|kilomet(er|re)s?|miles?|met(er|re)s?|feet|foot|ft"),
    (r"tons|tonnes|kg|kilos|kilograms|grams|ounces|oz|lbs",
     r"tons?|tonnes?|kg|kilos?|kilograms?|(?-i:g)|grams?|ounces?|oz|lbs?|pounds?"),
    (r"gb|tb|mb|gigabytes|terabytes|megabytes", r"gb|tb|mb|gigabytes?|terabytes?|megabytes?"),
    (r"watts|kw|kilowatts|kwh|kilowatt[ -]hours", r"w|watts?|kw|kilowatts?|kwh|kilowatt[ -]hours?"),
    (r"mph|km/h|kph", r"mph|km/h|kph|miles per hour|kilomet(er|re)s per hour"),
    (r"calories|kcal", r"calories|kcal"),
    (r"mbps|gbps|(internet|download|upload|connection|broadband|network) speed", r"mbps|gbps|mb/s|megabits?"),
)
# "in GHz?", "what clock speed…?", "what's its battery capacity?"; not "what tops the list?", "tons of apps",
# "high in calories"
_UNIT_FIGURES = tuple(
    _figure("unit", rf"\b(how many|number of) ({asked})\b|\bwhat ({asked})\b(?! (the|a|an)\b)|"
            rf"(?<!high )(?<!low )\bin ({asked})\b(?! of\b)|"
            rf"\bwhat(['’]?s| is| are) (the|its|their) (\w+ )?({asked})\b",
            rf"(?<![\w-])\d[\d,.]*\+?\s?((-|–|to)\s?[\d,.]+\+?\s?)?((thousand|million|billion) )?(metric )?-?"
            rf"({stated})(?!\w)")
    for asked, stated in _UNIT_WORDS)  # "100-200+ miles", "11 million metric tons", "13-inch"


def figure_asked(question: str) -> Figure | None:
    """The kind of figure the question asks for, or None: "how much does it cost?" asks for a price; "is it worth
    the cost?" and "subtitles when someone speaks" ask for none. A count is of what the question counts: "how many
    qubits…?" is not answered by "in 200 seconds", but by "a 433-qubit processor" or "nine sizes"."""
    figure = next((figure for figure in FIGURES if figure.asked.search(question)), None)
    if figure is not None and figure.kind == "price" and _PAID_TIER.search(question):
        return _PAID_PRICE
    if figure is None or figure.kind in ("count", "amount", "measure"):
        # "what clock speed does it run at, in GHz?" is answered by "3.8 GHz", not by "45 TOPS" nor by how fast it feels
        figure = next((unit for unit in _UNIT_FIGURES if unit.asked.search(question)), figure)
    if figure is None or figure.kind != "count" or not (counted := _COUNTED.search(question)):
        return figure
    noun = counted["noun"]
    stem = re.escape(noun[: max(4, len(noun) - 2)])
    before = rf"(?:{_NUMBER})[^\w.]*(?:[\w'’-]+[^\w.]+){{0,3}}?{stem}"  # "nine sizes", "200+ miles of range"
    after = rf"{stem}\w*[\s,]+(?:[\w'’-]+[\s,]+){{0,3}}?(?:{_NUMBER})"  # "sizes 5 through 13", not "Bosses): 60 hours"
    return replace(figure, stated=re.compile(before, re.IGNORECASE),
                   hinted=re.compile(after, re.IGNORECASE))
