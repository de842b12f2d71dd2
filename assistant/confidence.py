"""A calibrated confidence that the top section answers the question: logistic regression on retrieval evidence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.retrieval import Candidate


@dataclass(frozen=True)
class Calibration:
    """P(the blog answers) = sigmoid(bias + similarity × s + bm25 × b), from the best section's evidence.

    s is the section's best cosine similarity (FAQ question or passage), b its raw BM25 score. Fitted by
    `python bench/eval.py --fit` on bench/eval_questions.jsonl.
    """

    bias: float = -8.44
    similarity: float = 14.11
    bm25: float = 0.369

    @staticmethod
    def features(candidate: Candidate) -> tuple[float, float]:
        return candidate.similarity, candidate.bm25

    def confidence(self, candidate: Candidate | None) -> float:
        if candidate is None:
            return 0.0
        similarity, bm25 = self.features(candidate)
        z = self.bias + self.similarity * similarity + self.bm25 * bm25
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
