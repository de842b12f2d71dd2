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

    @property
    def answerable(self) -> bool:
        return bool(self.expected)


def load_questions(path: Path = QUESTIONS) -> list[EvalQuestion]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        expected = [(row["slug"], row["anchor"])] if row.get("slug") else []
        expected += [tuple(pair) for pair in row.get("also", [])]
        questions.append(EvalQuestion(row["question"], row["kind"], tuple(expected)))
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
