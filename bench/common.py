"""What the benchmarks share: the corpus folder, a full-corpus store kept between runs, the evaluation set."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "hyperdaily"
CACHE = ROOT / "bench" / ".cache"  # ignored by git
QUESTIONS = ROOT / "bench" / "eval_questions.jsonl"


@dataclass(frozen=True)
class EvalQuestion:
    question: str
    kind: str  # "faq", "body" or "none"
    expected: tuple[tuple[str, str], ...]  # acceptable (slug, anchor) pairs, the first the main one
    judged: tuple[tuple[str, str], ...] = ()  # sections judged to answer as well, from pooled judging (see README)

    @property
    def answerable(self) -> bool:
        return bool(self.expected)

    def accepts(self, key: tuple[str, str], *, judged: bool = True) -> bool:
        return key in self.expected or (judged and key in self.judged)


SETS = {"dev": QUESTIONS, "heldout": ROOT / "bench" / "heldout_questions.jsonl",
        "sides": ROOT / "bench" / "side_questions.jsonl",
        "sides-heldout": ROOT / "bench" / "side_questions_heldout.jsonl",
        "figures": ROOT / "bench" / "figure_questions.jsonl",
        "figures-heldout": ROOT / "bench" / "figure_questions_heldout.jsonl",
        "figures-third": ROOT / "bench" / "figure_questions_third.jsonl"}


def load_questions(path: Path = QUESTIONS) -> list[EvalQuestion]:
    """Questions of a set. "also" lists the sections its writer found to answer as well; "judged" those found later
    by judging the top five of both retrieval recipes (TREC-style pooling), so that neither recipe is favoured."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        expected = [(row["slug"], row["anchor"])] if row.get("slug") else []
        expected += [tuple(pair) for pair in row.get("also", [])]
        judged = tuple(tuple(pair) for pair in row.get("judged", []))
        questions.append(EvalQuestion(row["question"], row["kind"], tuple(expected), judged))
    return questions


def corpus_store(name: str = "store-corpus") -> Path:
    """A store holding the whole corpus (bench/.cache/<name>), ingested (incrementally) on first use."""
    from ingest.pipeline import run_ingest
    from ingest.settings import Settings

    if not CORPUS.is_dir():
        sys.exit(f"No corpus at {CORPUS}: the benchmarks need ../shared/corpus.")
    store = CACHE / name
    report = run_ingest([CORPUS], Settings.from_env(store=store))
    if report.added or report.updated or report.removed:
        print(f"(ingested the corpus into {store}: {report.seconds:.0f} s)", file=sys.stderr)
    return store
