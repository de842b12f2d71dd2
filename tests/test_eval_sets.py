"""The evaluation sets under bench/: every expected section is a heading the live site has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SETS = ["eval_questions.jsonl", "heldout_questions.jsonl"]
SIDE_SETS = ["side_questions.jsonl", "side_questions_heldout.jsonl"]  # questions about one side of a subject
# questions that ask for a price, a date, a count...
FIGURE_SETS = ["figure_questions.jsonl", "figure_questions_heldout.jsonl", "figure_questions_third.jsonl"]


def served_anchors(anchors: dict) -> dict[str, set[str]]:
    """Heading ids per slug, from the file the site serves (of several claiming a slug, the last by name)."""
    served: dict[str, set[str]] = {}
    for name in sorted(anchors):
        served[anchors[name]["slug"]] = {h["id"] for h in anchors[name]["headings"]}
    return served


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (BENCH / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", SETS + SIDE_SETS + FIGURE_SETS)
def test_every_expected_section_exists_on_the_served_page(name, anchors):
    served = served_anchors(anchors)
    missing = []
    for row in rows(name):
        pairs = ([[row["slug"], row["anchor"]]] if row.get("slug") else []) + row.get("also", []) + row.get("judged", [])
        missing += [(row["question"], slug, anchor) for slug, anchor in pairs if anchor not in served.get(slug, ())]
    assert missing == []


@pytest.mark.parametrize("name", SETS)
def test_a_set_has_answerable_and_uncovered_questions_and_no_repeats(name):
    questions = rows(name)
    kinds = [row["kind"] for row in questions]
    assert len(questions) >= 150 and kinds.count("none") >= 40
    assert set(kinds) == {"faq", "body", "none"}
    assert all(bool(row.get("slug")) == (row["kind"] != "none") for row in questions)
    assert len({row["question"].lower() for row in questions}) == len(questions)


def test_no_question_is_in_both_sets():
    dev, heldout = ({row["question"].lower() for row in rows(name)} for name in SETS)
    assert dev & heldout == set()


@pytest.mark.parametrize(("name", "size"), [("follow_ups_heldout.jsonl", 40), ("follow_ups_shift.jsonl", 30)])
def test_every_section_the_blind_follow_ups_expect_exists_on_the_served_page(anchors, name, size):
    served = served_anchors(anchors)
    cases = rows(name)
    expected = [e.split("#", 1) for case in cases for e in case["expect"] + case.get("judged", [])]
    assert [(slug, anchor) for slug, anchor in expected if anchor not in served.get(slug, ())] == []
    assert sum(not case["expect"] for case in cases) >= 5 and len(cases) >= size
