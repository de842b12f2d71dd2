"""Parsing articles: the site's heading ids, clean headings, sections and FAQ pairs."""

from __future__ import annotations

import textwrap

from ingest.article import parse_article, read_article
from ingest.faq import clean_question
from ingest.markdown import parse_sections
from ingest.slugger import Slugger

SITE = "https://hyperdaily.one"


def article(body: str, front: str = 'title: "T"\nslug: "t"'):
    return parse_article(f"---\n{front}\n---\n{textwrap.dedent(body)}".encode(), "t.md", SITE)


def test_heading_ids_follow_github_slugger():
    slugger = Slugger()
    assert slugger.slug("AI & Your Career: Mastering Tomorrow’s Skills") == "ai--your-career-mastering-tomorrows-skills"
    assert slugger.slug("FAQs") == "faqs"
    assert slugger.slug("FAQs") == "faqs-1"
    assert slugger.slug("FAQs") == "faqs-2"


def test_headings_lose_markdown_and_html_but_ids_match_the_site():
    sections = parse_sections("## Choosing **Eco-Adventure** Operators\n\ntext\n\n### <h3>Q1. What is `AI`?</h3>\n\nyes\n")
    assert [(s.heading, s.anchor) for s in sections] == [
        ("Choosing Eco-Adventure Operators", "choosing-eco-adventure-operators"),
        ("Q1. What is AI?", "q1-what-is-ai"),
    ]


def test_hash_in_code_fence_is_not_a_heading():
    sections = parse_sections("## Setup\n\n```bash\n# not a heading\npip install x\n```\n")
    assert [s.heading for s in sections] == ["Setup"]
    assert "# not a heading" in sections[0].text


def test_section_path_follows_nesting():
    sections = parse_sections("# Title\n\nintro\n\n## Costs\n\n### Panels\n\nx\n\n## Care\n\ny\n")
    assert [s.path for s in sections] == [(), ("Costs",), ("Costs", "Panels"), ("Care",)]


def test_related_link_lines_and_images_are_not_text():
    sections = parse_sections("## A\n\n![alt](/x.webp)\n\n[Related: Other post](https://x/)\n\nReal text.\n")
    assert sections[0].blocks == ("Real text.",)


def test_a_heading_level_left_in_a_heading_is_no_part_of_it_but_stays_in_its_id():
    sections = parse_sections("## FAQs\n\n### H3: What is AI art analysis?\n\nIt reads a work's style.\n")
    assert (sections[1].heading, sections[1].anchor) == ("What is AI art analysis?", "h3-what-is-ai-art-analysis")


def test_faq_questions_are_cleaned_of_numbers_html_and_doubled_hashes():
    assert clean_question("Q1. What is GPT-4o?") == ("What is GPT-4o?", 1)
    assert clean_question("### Q2. Can AI write a story?") == ("Can AI write a story?", 2)
    assert clean_question("<h3>Q3. Is it safe?</h3>") == ("Is it safe?", 3)
    assert clean_question("What is an AI agent?") == ("What is an AI agent?", None)


def test_faq_pairs_keep_their_own_heading_ids():
    a = article(
        """\
        ## Intro

        Hello.

        ## FAQs: Your Top Questions About Solar

        ### ### Q1. Is solar worth it?

        Usually, within ten years.

        #### Q2. Does it work at night?

        No, but batteries help.
        """
    )
    assert [(p.question, p.anchor, p.number) for p in a.faq] == [
        ("Is solar worth it?", "-q1-is-solar-worth-it", 1),
        ("Does it work at night?", "q2-does-it-work-at-night", 2),
    ]
    assert a.faq[0].answer == "Usually, within ten years."
    assert a.faq_anchor == "faqs-your-top-questions-about-solar"


def test_faq_heading_at_the_same_level_as_its_questions():
    a = article("## Conclusion\n\nBye.\n\n### Frequently Asked Questions\n\n### Q1. Why?\n\nBecause.\n\n### Q2. How?\n\nSo.\n")
    assert [p.question for p in a.faq] == ["Why?", "How?"]


def test_answer_paragraph_above_a_rule_stays_the_answer():
    # "text\n---" is a setext heading to Markdown; in a FAQ it is still the answer, and later questions count.
    a = article(
        "## FAQs\n\n### Q1. What are Genmoji?\n\nGenmoji are custom emoji made from a text prompt, and they "
        "work inside Messages, Notes and other apps on the phone.\n---\n### Q2. Is it free?\n\nYes.\n"
    )
    assert [p.question for p in a.faq] == ["What are Genmoji?", "Is it free?"]
    assert a.faq[0].answer.startswith("Genmoji are custom emoji")


def test_article_metadata_and_url():
    a = article("# T\n\ntext\n", 'title: "T"\nslug: "my-post"\npubDate: "Sep 14 2025"\ncategory: "Tech"')
    assert (a.slug, a.url, a.pub_date, a.category) == ("my-post", f"{SITE}/blog/my-post/", "2025-09-14", "Tech")
    assert a.link("costs") == f"{SITE}/blog/my-post/#costs"


def test_an_author_is_read_as_a_reader_reads_it():
    assert article("# T\n\ntext\n", 'title: "T"\nauthor: "Dana Reyes"').author == "Dana Reyes"
    assert article("# T\n\ntext\n", 'title: "T"\nauthor: [Ana Ruiz, Bo Li]').author == "Ana Ruiz and Bo Li"
    assert article("# T\n\ntext\n", 'title: "T"\nauthor:\n  name: Kim Lee').author == "Kim Lee"
    assert article("# T\n\ntext\n").author == ""


def test_missing_slug_comes_from_the_file_name_with_a_warning():
    file, warnings = read_article(b'---\ntitle: "T"\n---\nbody\n', "blog/My Post.md", SITE)
    assert file.slug == "my-post"
    assert "no `slug`" in warnings[0] and "My Post.md" in warnings[0]


def test_every_heading_of_the_corpus_gets_the_sites_id(corpus_dir, anchors):
    mismatched = []
    for name, expected in anchors.items():
        parsed = parse_article((corpus_dir / name).read_bytes(), name, SITE)
        got = [(s.level, s.anchor) for s in parsed.sections if s.level]
        if got != [(h["depth"], h["id"]) for h in expected["headings"]]:
            mismatched.append(name)
    assert mismatched == []
    assert sum(len(v["headings"]) for v in anchors.values()) == 13673


def test_corpus_faq_pairs(corpus_dir, anchors):
    total = 0
    without_faq = []
    for name, expected in anchors.items():
        parsed = parse_article((corpus_dir / name).read_bytes(), name, SITE)
        ids = {h["id"] for h in expected["headings"]}
        assert all(p.anchor in ids and p.answer and p.question for p in parsed.faq), name
        assert not any(p.question.startswith(("#", "Q1.", "<", "H3:")) for p in parsed.faq), name
        total += len(parsed.faq)
        if not parsed.faq:
            without_faq.append(name)
    assert without_faq == ["energy-saving-smart-home-tech.md"]
    assert 3150 <= total <= 3200, total
