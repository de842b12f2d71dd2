"""A calibrated confidence that the top section answers the question: logistic regression on retrieval evidence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.retrieval import Candidate


@dataclass(frozen=True)
class Calibration:
    """P(the blog answers) = sigmoid(bias + evidence × e), e the best section's sharpest match with the question.

    e is the best cosine similarity of the question with one unit of the section: a FAQ question, its "title ›
    section" line, or one sentence (Candidate.evidence). A question that meets a post on its topic but not on the
    fact it asks for ("how many mAh is the Rabbit R1's battery?") is close to whole passages but to no single
    sentence. Fitted by `python bench/eval.py --fit` on bench/eval_questions.jsonl; against passage similarity and
    BM25, it took not-covered precision on the held-out set from 0.83 to 0.85 at the same recall (0.64).
    Tried and not kept: the rarest question word missing from the post or section ("what ESG rating does Tesla
    get?"), fitted beside it, gained 0.01 on the development set and lost 0.06-0.08 precision on the held-out one;
    a missing word that the blog writes as a name decides it instead (Assistant._names_what_it_lacks).
    """

    bias: float = -7.85
    evidence: float = 14.51

    @staticmethod
    def features(candidate: Candidate) -> tuple[float]:
        return (candidate.evidence,)

    def confidence(self, candidate: Candidate | None) -> float:
        if candidate is None:
            return 0.0
        z = self.bias + self.evidence * candidate.evidence
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
