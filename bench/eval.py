"""Retrieval and not-covered quality on an evaluation set, beside the textbook recipe on the same questions.

    python bench/eval.py [--set dev|heldout|sides|sides-heldout|figures|figures-heldout] [--fit] [--verbose]

Prints section@1, section@5, MRR and article@1 for our retrieval and for the textbook recipe (1,000-character
chunks with 200 overlap, top-k by cosine), and the not-covered precision and recall at the configured threshold.
`dev` (bench/eval_questions.jsonl) is the set weights and the calibration were chosen on; `heldout`
(bench/heldout_questions.jsonl) was written afterwards, by someone else, from other posts, and never tuned on.
`sides` and `sides-heldout` (bench/side_questions*.jsonl) ask for one side of a subject ("drawbacks of X?"), and
`figures` and `figures-heldout` (bench/figure_questions*.jsonl) for a figure (a price, a date, a count...), some that
the blog never gives; the first was used to revise the figure rule, the second written after it and never tuned on.
Questions are read as Assistant.ask reads them; one it finds unanswered is counted as refused.
Figures come on the labels as written and with pooled judgments: every section in the top five
of either recipe was judged against the question, blind to which recipe found it.
--fit refits the confidence calibration (logistic regression, 5-fold cross-validated figures) and prints it.
"""

from __future__ import annotations

import argparse
import math
import random
import re
from dataclasses import replace

import numpy as np
from common import CACHE, CORPUS, SETS, EvalQuestion, corpus_store, load_questions


def misspelled(question: str, rng: random.Random) -> str:
    """The question with its longest word (of five letters or more) misspelled by one letter: dropped, doubled,
    swapped with the next, or replaced by a neighbour on the keyboard."""
    words = [m for m in re.finditer(r"[a-zA-Z]{5,}", question)]
    if not words:
        return question
    m = max(words, key=lambda w: len(w.group()))
    word, i = m.group(), rng.randrange(1, len(m.group()) - 1)  # readers rarely miss a word's first letter
    kind = rng.choice(("drop", "double", "swap", "neighbour"))
    if kind == "drop":
        typo = word[:i] + word[i + 1:]
    elif kind == "double":
        typo = word[:i] + word[i] + word[i:]
    elif kind == "swap":
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    else:
        typo = word[:i] + rng.choice(_NEIGHBOURS.get(word[i].lower(), word[i])) + word[i + 1:]
    return question[:m.start()] + typo + question[m.end():]


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {ch: "".join(r[j] for j in (i - 1, i + 1) if 0 <= j < len(r)) for r in _ROWS for i, ch in enumerate(r)}


def ranks_of(found: list[tuple[str, str]], q: EvalQuestion, judged: bool = True) -> int | None:
    """1-based rank of the first acceptable section, or None."""
    for rank, key in enumerate(found, 1):
        if q.accepts(key, judged=judged):
            return rank
    return None


def retrieval_figures(results: list[tuple[EvalQuestion, list[tuple[str, str]]]], judged: bool = True) -> dict[str, float]:
    answerable = [(q, found) for q, found in results if q.answerable]
    ranks = [ranks_of(found, q, judged) for q, found in answerable]
    n = len(answerable)
    return {
        "section@1": sum(r == 1 for r in ranks) / n,
        "section@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "MRR": sum(1 / r for r in ranks if r) / n,
        "article@1": sum(bool(found) and found[0][0] in {s for s, _ in q.expected + (q.judged if judged else ())}
                         for q, found in answerable) / n,
    }


def not_covered_figures(labels: list[bool], refused: list[bool]) -> dict[str, float]:
    """Positive class: "not covered". labels[i] is True when question i is really not covered."""
    tp = sum(truth and r for truth, r in zip(labels, refused))
    fp = sum(r and not truth for truth, r in zip(labels, refused))
    fn = sum(truth and not r for truth, r in zip(labels, refused))
    answerable = sum(not truth for truth in labels)
    return {
        "not-covered precision": tp / (tp + fp) if tp + fp else 1.0,
        "not-covered recall": tp / (tp + fn) if tp + fn else 1.0,
        "wrongly refused": fp / answerable if answerable else 0.0,
        "wrongly answered": fn / (tp + fn) if tp + fn else 0.0,
    }


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 5000) -> np.ndarray:
    """Weights [bias, w1, ...] of a logistic regression on the raw features, by gradient descent on standardised
    ones (no extra dependency)."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    xb = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]]
        w -= 1.0 * grad
    return np.r_[w[0] - np.sum(w[1:] * mean / std), w[1:] / std]


def textbook_results(questions: list[EvalQuestion], embedder) -> list[list[tuple[str, str]]]:
    """The textbook recipe: 1,000-character windows with 200 overlap over each served article, top-k cosine."""
    from markdown_it import MarkdownIt

    from ingest.loader import load_corpus
    from ingest.settings import Settings

    md = MarkdownIt("commonmark")
    texts, owners = [], []
    for article_file in load_corpus([CORPUS], Settings.from_env().site_url).articles:
        body = article_file.body
        article = article_file.parse()
        anchors = [s.anchor for s in article.sections if s.level]
        line_starts = np.cumsum([0] + [len(line) + 1 for line in body.split("\n")])
        heading_offsets = [int(line_starts[t.map[0]]) for t in md.parse(body) if t.type == "heading_open"]
        for start in range(0, max(len(body) - 200, 1), 800):
            middle = start + 500
            before = [i for i, off in enumerate(heading_offsets) if off <= middle]
            texts.append(body[start : start + 1000])
            owners.append((article.slug, anchors[before[-1]] if before and before[-1] < len(anchors) else ""))
    cache = CACHE / f"textbook-{len(texts)}.npy"
    if cache.exists():
        vectors = np.load(cache)
    else:
        print(f"(embedding {len(texts)} textbook chunks once; cached in {cache})")
        vectors = embedder.encode(texts)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors)
    results = []
    for q in questions:
        scores = vectors @ embedder.encode([q.question])[0]
        found: list[tuple[str, str]] = []
        for i in np.argsort(-scores)[:40]:
            if owners[i] not in found:
                found.append(owners[i])
        results.append(found[:10])
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=list(SETS), default="dev",
                        help="dev: the set the weights were chosen on; heldout: written later by someone else, never "
                        "tuned on; sides, sides-heldout: questions about one side of a subject; figures, figures-heldout, "
                        "figures-third: questions that ask for a figure")
    parser.add_argument("--fit", action="store_true", help="refit the confidence calibration")
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    parser.add_argument("--no-textbook", action="store_true", help="skip the textbook recipe")
    parser.add_argument("--typos", action="store_true",
                        help="misspell one word of each question (its longest, by one letter) as a reader on a phone "
                        "might: how well typos are read")
    parser.add_argument("--store-name", default="store-corpus",
                        help="store under bench/.cache to use (e.g. one ingested with other HYPERFAQ_CHUNK_TOKENS)")
    args = parser.parse_args()

    from assistant.assistant import Assistant
    from assistant.confidence import Calibration
    from ingest.settings import Settings

    questions = load_questions(SETS[args.set])
    if args.typos:
        questions = [replace(q, question=misspelled(q.question, random.Random(n))) for n, q in enumerate(questions)]
    settings = Settings.from_env(store=corpus_store(args.store_name))
    assistant = Assistant(settings)
    readings = [assistant.read(q.question) for q in questions]
    retrieved = [list(reading.candidates) for reading in readings]
    ours = [(q, [(c.slug, c.anchor) for c in cands]) for q, cands in zip(questions, retrieved)]
    textbook = None if args.no_textbook else textbook_results(questions, assistant.embedder)

    answerable = sum(q.answerable for q in questions)
    print(f"{args.set} set: {len(questions)} questions ({answerable} answerable: "
          f"{sum(q.kind == 'faq' for q in questions)} FAQ, {sum(q.kind == 'body' for q in questions)} body; "
          f"{len(questions) - answerable} not covered)")
    label_sets = [(False, "labels as written")]
    if any(q.judged for q in questions):
        label_sets.append((True, "with pooled judgments (top 5 of both recipes judged)"))
    for judged, name in label_sets:
        print(f"\n{name}:")
        figures = retrieval_figures(ours, judged)
        theirs = retrieval_figures(list(zip(questions, textbook)), judged) if textbook else None
        print(f"{'':24}{'ours':>8}" + (f"{'textbook':>10}{'ratio':>8}" if theirs else ""))
        for metric, value in figures.items():
            line = f"{metric:24}{value:8.3f}"
            if theirs:
                line += f"{theirs[metric]:10.3f}{value / theirs[metric] if theirs[metric] else math.inf:8.2f}"
            print(line)
        for kind in ("faq", "body"):
            subset = [(q, f) for q, f in ours if q.kind == kind]
            if subset:
                print(f"  {kind:6} section@1 {retrieval_figures(subset, judged)['section@1']:.3f} ({len(subset)} questions)")
    print()

    calibration = assistant.calibration
    features = np.array([calibration.features(c[0]) if c else (0.0,) for c in retrieved])
    labels = np.array([not q.answerable for q in questions])
    if args.fit:
        order = list(range(len(questions)))
        random.Random(3).shuffle(order)
        refused_cv = [False] * len(questions)
        for fold in range(5):
            test = set(order[fold::5])
            train = [i for i in order if i not in test]
            w = fit_logistic(features[train], (~labels[train]).astype(float))
            for i in test:
                p = 1 / (1 + np.exp(-(w[0] + features[i] @ w[1:])))
                refused_cv[i] = p < settings.min_confidence
        print("cross-validated (5 folds):", _fmt(not_covered_figures(list(labels), refused_cv)))
        w = fit_logistic(features, (~labels).astype(float))
        calibration = Calibration(bias=round(float(w[0]), 2), evidence=round(float(w[1]), 2))
        print("fitted:", calibration)
    confidences = [calibration.confidence(r.vouched or (c[0] if c else None)) for r, c in zip(readings, retrieved)]
    # a question about one side that the best section never speaks of is refused whatever its confidence
    confidences = [0.0 if reading.unanswered else p for reading, p in zip(readings, confidences)]
    refused = [p < settings.min_confidence for p in confidences]
    print(f"threshold {settings.min_confidence}:", _fmt(not_covered_figures(list(labels), refused)))

    if args.verbose:
        for (q, found), p in zip(ours, confidences):
            rank = ranks_of(found, q)
            if q.answerable and rank != 1:
                print(f"MISS rank={rank} p={p:.2f} {q.kind}: {q.question!r}\n   want {q.expected[0]}\n   got  {found[:2]}")
            elif not q.answerable and p >= settings.min_confidence:
                print(f"ANSWERED p={p:.2f}: {q.question!r} -> {found[:1]}")
            elif q.answerable and p < settings.min_confidence:
                print(f"REFUSED p={p:.2f}: {q.question!r}")


def _fmt(figures: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in figures.items())


if __name__ == "__main__":
    main()
