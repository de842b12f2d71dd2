"""The chat's Markdown: answers and their sources, with the blog's lists kept and readers' text never live."""

from __future__ import annotations

from markdown_it import MarkdownIt

from assistant.models import Answer, Citation
from assistant.render import answer_markdown, sources_markdown

BENEFITS = Citation(
    slug="ai-in-healthcare", title="AI in Healthcare", section="What are the benefits?", kind="faq", score=0.97,
    url="https://hyperdaily.one/blog/ai-in-healthcare/#q3-what-are-the-benefits",
    text="The benefits include:\n- Accuracy: Scans read with fewer misses.\n- Speed: Results in minutes.")


def html(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_an_answer_with_a_list_shows_as_a_list_with_its_citation_linked():
    answer = Answer(question="what are the benefits?", answered=True, confidence=0.97, citations=(BENEFITS,),
                    answer="The benefits include:\n- Accuracy: Scans read with fewer misses.\n- Speed: Results in "
                           "minutes. [1]")
    page = html(answer_markdown(answer))
    assert "<li>Accuracy: Scans read with fewer misses.</li>" in page
    assert f'<a href="{BENEFITS.url}">[1]</a>' in page


def test_the_sources_panel_quotes_a_cited_list_whole():
    answer = Answer(question="what are the benefits?", answered=True, answer="… [1]", confidence=0.97,
                    citations=(BENEFITS,))
    page = html(sources_markdown(answer))
    quoted = page[page.index("<blockquote>"):page.index("</blockquote>")]
    assert "Accuracy: Scans read with fewer misses." in quoted and "Speed: Results in minutes." in quoted


def test_a_paragraph_after_a_list_is_not_part_of_its_last_item():
    answer = Answer(question="what are the benefits?", answered=True, confidence=0.97, citations=(BENEFITS,),
                    answer="The benefits include:\n- Accuracy\n- Speed\nDoctors keep the last word. [1]")
    page = html(answer_markdown(answer))
    assert "<li>Speed</li>\n</ul>\n<p>Doctors keep the last word." in page


def test_posts_offered_as_related_reading_show_as_a_linked_list_and_are_quoted_as_posts():
    post = Citation(slug="solar-roof-tiles", title="Solar Roof Tiles Explained", section="", kind="post", score=0.82,
                    url="https://hyperdaily.one/blog/solar-roof-tiles/", text="Solar roof tiles replace shingles.")
    answer = Answer(question="what else should I read?", answered=True, confidence=0.82, citations=(post,),
                    answer="Posts on the same subject:\n- Solar Roof Tiles Explained [1]")
    page = html(answer_markdown(answer))
    assert f'<li>Solar Roof Tiles Explained <a href="{post.url}">[1]</a></li>' in page
    sources = html(sources_markdown(answer))
    assert "(post)" in sources and "confidence" not in sources and "Solar roof tiles replace shingles." in sources


def test_an_answer_from_no_one_section_has_no_empty_sources_list():
    answer = Answer(question="who writes this blog?", answered=True, confidence=1.0,
                    answer="The blog's posts are by Dana Reyes (1 post) and Sam Ortiz (1 post).")
    assert html(answer_markdown(answer)) == f"<p>{answer.answer}</p>\n"  # no "Sources" heading over nothing
