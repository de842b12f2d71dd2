"""How the lexical index reads the blog's two-word names: once, when it is built."""

from assistant.lexical import pair_key, two_word_names
from ingest.store import StoredChunk


def _chunk(slug: str, text: str) -> StoredChunk:
    return StoredChunk(id=f"{slug}-{hash(text)}", kind="passage", slug=slug, title="", section="", anchor="", url="",
                       text=text, question="", source="")


def test_two_common_words_the_blog_writes_as_one_name_are_a_name_with_their_posts():
    chunks = [_chunk("vision-pro", "Apple's headset, the Vision Pro, shows each eye a 4K display."),
              _chunk("vision-pro", "**Vision Pro** owners praise its display."),
              _chunk("headsets", "Compared with the Vision Pro's price, the Quest 3 is a bargain."),
              _chunk("photography", "A pro photographer's vision is trained. Computer vision helps a pro, too.")]
    names = two_word_names(chunks)
    assert names[pair_key("vision", "pro")] == {"vision-pro", "headsets"}
    assert pair_key("vision", "pros") == pair_key("Vision", "Pro's") == "vision pro"


def test_a_pair_mostly_written_in_lower_case_is_no_name():
    chunks = [_chunk("homes", "A smart home saves energy; every smart home needs a hub. Start your smart home today."),
              _chunk("brands", "Google's Smart Home hub is one of many.")]
    assert pair_key("smart", "home") not in two_word_names(chunks)
