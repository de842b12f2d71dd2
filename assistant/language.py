"""Whether a question is written in another language than English, the only one the blog and its model read:
"¿qué es la inteligencia artificial?" met three unrelated posts under "The blog doesn't cover that yet", which told
the reader the blog lacks a subject it has many posts on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from bm25s import stopwords

MIN_FOREIGN_WORDS = 2  # of another language's own small words ("qué", "es", "la"): one is a name ("El Niño")
MIN_UNKNOWN_SHARE = 0.6  # of the words the blog does not use that English does not either, for one such word to do
ENGLISH_USES = 100  # in pyspellchecker's count of English words: under it, mostly other languages' ("cuesta": 50)
MIN_UNKNOWN_WORDS = 3  # no English words, for them alone to tell: "wysa woebot?" is two names
UNKNOWN_SHARE_ALONE = 0.75  # of the words the blog does not use, for no English words alone to tell
BLOG_WORD_USES = 10  # uses by the blog that make a word one of its own ("de" in "Tour de France" is not)
MIN_OTHER_SCRIPT_WORDS = 2  # in another script, among words the blog does not use: "how do you say привет?" is English
_WORD = re.compile(r"[^\W_]+")  # with its digits: "c3" in "LG OLED C3" is a model, not the French "c"
# English's small words, and as readers type some of them: "im" is "I'm", not the German "im".
_ENGLISH = frozenset(stopwords.STOPWORDS_EN_PLUS) | {"vs", "im", "u", "ur", "r"}


def _plain(word: str) -> str:
    """A word without its accents: "qué" is written "que" as often."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")


# The small words of the languages a reader is likeliest to ask in, less those English has too ("an", "die", "was").
_LANGUAGES = {
    name: frozenset(_plain(w) for w in words) - _ENGLISH
    for name, words in {
        "Spanish": stopwords.STOPWORDS_SPANISH, "French": stopwords.STOPWORDS_FRENCH,
        "German": stopwords.STOPWORDS_GERMAN, "Italian": stopwords.STOPWORDS_ITALIAN,
        "Portuguese": stopwords.STOPWORDS_PORTUGUESE, "Dutch": stopwords.STOPWORDS_DUTCH,
        "Swedish": stopwords.STOPWORDS_SWEDISH, "Danish": stopwords.STOPWORDS_DANISH,
        "Norwegian": stopwords.STOPWORDS_NORWEGIAN, "Turkish": stopwords.STOPWORDS_TURKISH,
    }.items()
}


def not_english(question: str, blog_uses: Callable[[str], int], english: Mapping[str, int]) -> bool:
    """Whether the question is written in another language. Words the blog uses are its own, whatever their language
    or script ("Galaxy Ring", "AI", which is French for "have", "Tour de France"), and a word with a digit is a model
    ("C3"). It is when most of the question's letters are in another script than the Latin one, or two words the blog
    does not use are ("сколько стоит apple vision pro", not "what does 你好 mean?"); when the rest hold more of
    another language's small words than the question holds of English's (at least MIN_FOREIGN_WORDS, or one when
    most of them are no English words either: "¿Cuánto cuesta el Galaxy Ring?"); or when nearly all of the rest, at
    least MIN_UNKNOWN_WORDS, are neither English words nor ever used by the blog, the question has at most one of
    English's small words, and one of another's or a letter English does not write ("Jaka aplikacja do budżetu
    domowego jest najlepsza?"; not "garmin fenix 7 vs coros vertix 2" nor "im lookin 4 a gud vpn")."""
    words = [w for w in _WORD.findall(question.lower()) if not any(ch.isdigit() for ch in w)]
    own = [w for w in words if blog_uses(w) < BLOG_WORD_USES]
    letters = [ch for w in words for ch in w]
    if not letters:
        return False
    other_script = [w for w in own if not unicodedata.name(w[0], "").startswith("LATIN")]
    if len(other_script) >= MIN_OTHER_SCRIPT_WORDS or sum(
            1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN")) < len(letters) / 2:
        return True
    english_words = sum(1 for w in words if w in _ENGLISH)
    plain = [_plain(w) for w in own]
    foreign = max(sum(1 for w in plain if w in small) for small in _LANGUAGES.values())
    unknown = [w for w in own if english.get(w, 0) < ENGLISH_USES and w not in _ENGLISH]
    unheard = sum(1 for w in unknown if not blog_uses(w))  # "upcycle" is no English word, but one of the blog's
    not_written = any(not ch.isascii() for w in own for ch in w)
    if (english_words <= 1 and unheard >= MIN_UNKNOWN_WORDS and unheard >= UNKNOWN_SHARE_ALONE * len(own)
            and (foreign or not_written)):
        return True
    if foreign <= english_words:
        return False
    return foreign >= MIN_FOREIGN_WORDS or len(unknown) >= MIN_UNKNOWN_SHARE * len(own)
