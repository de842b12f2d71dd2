"""The Chroma collection that holds the chunks: the one place where Chroma's rows become our dataclasses."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ingest.loader import IngestError
from ingest.models import Chunk
from ingest.settings import Settings

_PAGE = 2000  # rows per get/upsert call, under Chroma's batch limit
_HIDDEN_MARGIN = 10  # extra hits a query asks for, to make up for unpublished chunks it drops
PATH_SEPARATOR = "\n"  # between the headings of a section's path in the metadata (no heading holds a line break)


@dataclass(frozen=True)
class SourceState:
    """What the store holds of one source file: its chunk ids and whether they are one complete, current set."""

    ids: tuple[str, ...]
    hashes: frozenset[str]
    expected: int  # chunk count the article had when it was written
    live: bool  # every chunk is published (a run killed between writing and publishing leaves hidden ones)

    def is_current(self, content_hash: str) -> bool:
        return self.hashes == {content_hash} and len(self.ids) == self.expected and self.live


@dataclass(frozen=True)
class Encoded:
    """What the model made of one embedded text: its vector, and its sentences' vectors packed (ingest.sentences)."""

    vector: np.ndarray
    sentences: str = ""
    heading: str = ""  # a passage's context line (title › section), read in the same pass, packed the same way


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the store, with its score when it came from a query."""

    id: str
    kind: str
    slug: str
    title: str
    section: str
    anchor: str
    url: str
    text: str
    question: str
    source: str
    score: float = 0.0
    sentences: str = ""  # the packed vectors of a passage's sentences (ingest.sentences.unpack)
    heading: str = ""  # the packed vector of its context line (title › section)
    path: tuple[str, ...] = ()  # its section's headings from the first `##` ancestor down; () in stores before v4
    position: int = -1  # its section's place in the article
    published: str = ""  # the article's publication date (ISO when its pubDate parses); "" in stores before v6
    author: str = ""  # the article's author as its frontmatter names it; "" in stores before v7
    category: str = ""  # the article's category as its frontmatter names it; "" in stores before v8

    def scored(self, score: float) -> StoredChunk:
        """This chunk with a query's score. A copy of its fields: `dataclasses.replace` runs the 15-field __init__,
        which took 0.9 ms of each question's 50 hits."""
        copy = object.__new__(StoredChunk)
        copy.__dict__.update(self.__dict__, score=score)
        return copy


def _client(settings: Settings):  # noqa: ANN202
    """The embedded PersistentClient, or an HttpClient when HYPERFAQ_CHROMA_URL names a Chroma server."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    Path(settings.store).mkdir(parents=True, exist_ok=True)  # the lexical index and the log live here either way
    if not settings.chroma_url:
        return chromadb.PersistentClient(path=str(settings.store), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise IngestError(f"HYPERFAQ_CHROMA_URL={settings.chroma_url!r} is not a URL like http://127.0.0.1:8000.")
    headers = {"Authorization": f"Bearer {settings.chroma_token}"} if settings.chroma_token else None
    try:
        return chromadb.HttpClient(host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                                   ssl=url.scheme == "https", headers=headers, settings=chroma_settings)
    except Exception as err:  # chromadb raises ValueError or httpx errors for a server it cannot reach
        raise StoreUnavailable(settings, err) from None


class Store:
    """The chunks collection (cosine space, our own embeddings only: Chroma's default embedder never runs)."""

    def __init__(self, settings: Settings, *, create: bool = True) -> None:
        self.settings = settings
        if not create and not settings.chroma_url and not (Path(settings.store) / "chroma.sqlite3").is_file():
            raise StoreMissing(settings)  # before the client makes the folder: a mistyped --store leaves nothing
        try:
            self.client = client = _client(settings)
            if create:
                self.collection = client.get_or_create_collection(
                    settings.collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                )
            else:
                self.collection = client.get_collection(settings.collection, embedding_function=None)
        except IngestError:
            raise
        except (PermissionError, OSError) as err:
            raise IngestError(
                f"Cannot open the store at {settings.store} ({err}); pass --store with a writable folder."
            ) from None
        except Exception as err:
            if not create and "does not exist" in str(err).lower():
                raise StoreMissing(settings) from None
            if settings.chroma_url:
                raise StoreUnavailable(settings, err) from None
            raise IngestError(f"Cannot open the store at {settings.store} ({err}).") from None

    def count(self) -> int:
        return self.collection.count()

    def count_kind(self, kind: str) -> int:
        return len(self.collection.get(where={"kind": kind}, include=[])["ids"])

    @property
    def version(self) -> str:
        """Changes whenever an ingest changes the collection, so that indexes beside it know to reload.

        Read afresh each time: another process (an ingest, a second replica) may have changed it.
        """
        current = self.client.get_collection(self.settings.collection, embedding_function=None)
        return str((current.metadata or {}).get("version", ""))

    def bump_version(self) -> None:
        self.collection.modify(metadata={"version": f"{time.time():.6f}"})

    def snapshot(self) -> dict[str, SourceState]:
        """Every source file the store holds chunks of, read from the chunks' own metadata."""
        ids: dict[str, list[str]] = {}
        hashes: dict[str, set[str]] = {}
        expected: dict[str, int] = {}
        hidden: set[str] = set()
        for offset in range(0, self.count(), _PAGE):
            rows = self.collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
            for chunk_id, meta in zip(rows["ids"], rows["metadatas"]):
                source = str(meta["source"])
                ids.setdefault(source, []).append(chunk_id)
                hashes.setdefault(source, set()).add(str(meta["content_hash"]))
                expected[source] = int(meta.get("chunk_count", -1))
                if not meta.get("live"):
                    hidden.add(source)
        return {s: SourceState(tuple(ids[s]), frozenset(hashes[s]), expected[s], s not in hidden) for s in ids}

    def embeddings_by_text(self, text_hashes: Sequence[str]) -> dict[str, Encoded]:
        """Vectors already in the store for these embedded texts, so identical text is embedded once."""
        found: dict[str, Encoded] = {}
        for start in range(0, len(text_hashes), 500):
            batch = list(text_hashes[start : start + 500])
            rows = self.collection.get(where={"text_hash": {"$in": batch}}, include=["embeddings", "metadatas"])
            for vector, meta in zip(rows["embeddings"], rows["metadatas"]):
                found[str(meta["text_hash"])] = Encoded(np.asarray(vector, dtype=np.float32),
                                                        str(meta.get("sentences", "")), str(meta.get("heading", "")))
        return found

    def upsert(self, chunks: Sequence[Chunk], encoded: Sequence[Encoded], counts: dict[str, int],
               hidden: frozenset[str] = frozenset()) -> None:
        """Write chunks; those of the `hidden` sources stay invisible to readers until `publish`."""
        for start in range(0, len(chunks), _PAGE):
            batch = chunks[start : start + _PAGE]
            vectors = encoded[start : start + _PAGE]
            self.collection.upsert(
                ids=[c.id for c in batch],
                embeddings=np.stack([e.vector for e in vectors]),
                documents=[c.text for c in batch],
                metadatas=[_metadata(c, counts[c.source], e, live=c.source not in hidden)
                           for c, e in zip(batch, vectors)],
            )

    def publish(self, chunks: Sequence[Chunk], replaced: Iterable[str]) -> None:
        """Swap articles' old chunks (`replaced`) for their new, written ones.

        The old ones go first, then the new ones become visible: between the two calls the article is briefly
        absent, but a query never mixes an article's old and new sections.
        """
        self.delete(replaced)
        for start in range(0, len(chunks), _PAGE):
            batch = chunks[start : start + _PAGE]
            self.collection.update(ids=[c.id for c in batch], metadatas=[{"live": True} for _ in batch])

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), _PAGE):
            self.collection.delete(ids=ids[start : start + _PAGE])

    def all_chunks(self) -> list[StoredChunk]:
        """Every published chunk."""
        return self._published(with_vectors=False)[0]

    def published(self) -> tuple[list[StoredChunk], np.ndarray]:
        """Every published chunk, with its vector (one row each, in the same order)."""
        return self._published(with_vectors=True)

    def _published(self, with_vectors: bool) -> tuple[list[StoredChunk], np.ndarray]:
        chunks: list[StoredChunk] = []
        vectors: list[np.ndarray] = []
        include = ["metadatas", "documents", *(["embeddings"] if with_vectors else [])]
        for offset in range(0, self.count(), _PAGE):
            rows = self.collection.get(include=include, limit=_PAGE, offset=offset)
            live = [n for n, meta in enumerate(rows["metadatas"]) if meta.get("live")]
            chunks.extend(_stored(rows["ids"][n], rows["metadatas"][n], rows["documents"][n]) for n in live)
            if with_vectors and live:
                vectors.append(np.asarray(rows["embeddings"], dtype=np.float32)[live])
        return chunks, np.concatenate(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)

    def query(self, vector: np.ndarray, n: int, known: Mapping[str, StoredChunk] | None = None) -> list[StoredChunk]:
        """The n nearest published chunks, best first, with score = cosine similarity.

        Chunks in `known` (published chunks already in memory, by id) are not read back: reading the metadata of
        the hits took 6 ms of a 7.5 ms query. A chunk's id names its content, so a known id is the same chunk.
        Unpublished chunks (an ingest in progress) are dropped here rather than by a `where` filter: Chroma
        filters by listing every matching id first, which made each query 7x slower on the corpus.
        """
        known = known or {}
        rows = self.collection.query(query_embeddings=[vector], n_results=n + _HIDDEN_MARGIN, include=["distances"])
        ids, distances = rows["ids"][0], rows["distances"][0]
        read: dict[str, StoredChunk] = {}
        if unknown := [i for i in ids if i not in known]:
            got = self.collection.get(ids=unknown, include=["metadatas", "documents"])
            read = {i: _stored(i, m, d) for i, m, d in zip(got["ids"], got["metadatas"], got["documents"])
                    if m.get("live")}
        found = [
            chunk.scored(1.0 - float(distance))
            for i, distance in zip(ids, distances)
            if (chunk := known.get(i) or read.get(i)) is not None
        ]
        return found[:n]

    def post_chunks(self, slug: str) -> tuple[list[StoredChunk], np.ndarray]:
        """Every published chunk of one post, with its vector: for reading a follow-up within one post."""
        rows = self.collection.get(where={"slug": slug}, include=["metadatas", "documents", "embeddings"])
        live = [i for i, meta in enumerate(rows["metadatas"]) if meta.get("live")]
        chunks = [_stored(rows["ids"][i], rows["metadatas"][i], rows["documents"][i]) for i in live]
        if not live:
            return [], np.zeros((0, 0), dtype=np.float32)
        return chunks, np.asarray(rows["embeddings"], dtype=np.float32)[live]


class StoreUnavailable(IngestError):
    """The Chroma server does not answer."""

    def __init__(self, settings: Settings, err: Exception) -> None:
        super().__init__(
            f"The Chroma server at {settings.chroma_url} does not answer ({err.__class__.__name__}: {err}). "
            "Start it (e.g. `chroma run --path DIR --port 8000`) or fix HYPERFAQ_CHROMA_URL."
        )


class StoreMissing(IngestError):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            f"The store at {settings.store} holds no articles yet: run `python -m ingest` "
            f"(or `python -m ingest FOLDER --store {settings.store}`) first."
        )


def _metadata(chunk: Chunk, chunk_count: int, encoded: Encoded, *, live: bool) -> dict[str, str | int | bool]:
    return {
        "live": live,
        "slug": chunk.slug,
        "title": chunk.title,
        "section": chunk.section,
        "anchor": chunk.anchor,
        "url": chunk.url,
        "kind": chunk.kind,
        "question": chunk.question,
        "source": chunk.source,
        "content_hash": chunk.content_hash,
        "text_hash": chunk.text_hash,
        "chunk_count": chunk_count,
        "sentences": encoded.sentences,
        "heading": encoded.heading,
        "path": PATH_SEPARATOR.join(chunk.path),
        "position": chunk.position,
        "published": chunk.published,
        "author": chunk.author,
        "category": chunk.category,
    }


def _stored(chunk_id: str, meta: dict, document: str | None, score: float = 0.0) -> StoredChunk:
    return StoredChunk(
        id=chunk_id,
        kind=str(meta["kind"]),
        slug=str(meta["slug"]),
        title=str(meta["title"]),
        section=str(meta["section"]),
        anchor=str(meta["anchor"]),
        url=str(meta["url"]),
        text=document or "",
        question=str(meta.get("question", "")),
        source=str(meta["source"]),
        score=score,
        sentences=str(meta.get("sentences", "")),
        heading=str(meta.get("heading", "")),
        path=tuple(str(meta["path"]).split(PATH_SEPARATOR)) if meta.get("path") else (),
        position=int(meta.get("position", -1)),
        published=str(meta.get("published", "")),
        author=str(meta.get("author", "")),
        category=str(meta.get("category", "")),
    )
