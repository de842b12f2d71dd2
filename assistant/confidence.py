"""A calibrated confidence that the top section answers the question: logistic regression on retrieval evidence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.retrieval import Candidate


@dataclass(frozen=True)
class Calibration:
    """P(answered) = sigmoid(bias + Σ weight × feature). Fitted by `python bench/eval.py --fit`."""

    bias: float = -11.0
    faq: float = 9.0
    dense: float = 9.0
    lexical: float = 1.5

    def features(self, candidate: Candidate) -> tuple[float, float, float]:
        return candidate.faq, candidate.dense, candidate.lexical

    def confidence(self, candidate: Candidate | None) -> float:
        if candidate is None:
            return 0.0
        faq, dense, lexical = self.features(candidate)
        z = self.bias + self.faq * faq + self.dense * dense + self.lexical * lexical
        return 1.0 / (1.0 + math.exp(-z))
