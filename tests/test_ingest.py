"""Ingest into a real Chroma store with the real model: incremental runs, bad input, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from ingest import pipeline
from ingest.embedder import ModelError, verify_sha256
from ingest.loader import IngestError
from ingest.pipeline import run_ingest
from ingest.query_model import query_model_dir
from ingest.settings import Settings
from ingest.store import Encoded, Store

ROOT = Path(__file__).resolve().parent.parent


def ingest(blog, settings, embedder):
    return run_ingest([blog], settings, embedder=embedder)


def store_state(settings):
    rows = Store(settings).collection.get(include=["metadatas"])
    return dict(zip(rows["ids"], (m["content_hash"] for m in rows["metadatas"])))


def test_first_run_adds_every_article_with_metadata(blog, settings, embedder):
    report = ingest(blog, settings, embedder)
    assert (report.articles, report.added, report.updated, report.unchanged) == (2, 2, 0, 0)
    assert report.faq_pairs == 3
    rows = Store(settings).collection.get(where={"kind": "faq"}, include=["metadatas"])
    meta = next(m for m in rows["metadatas"] if m["anchor"] == "q2-can-i-install-solar-panels-myself")
    assert meta["url"] == "https://hyperdaily.one/blog/home-solar-panels-guide/#q2-can-i-install-solar-panels-myself"
    assert {k: meta[k] for k in ("slug", "kind", "question")} == {
        "slug": "home-solar-panels-guide",
        "kind": "faq",
        "question": "Can I install solar panels myself?",
    }
    assert meta["title"] and meta["section"] and meta["source"].endswith("solar-panels.md") and meta["content_hash"]


def test_store_uses_cosine_space_and_survives_reopening(blog, settings, embedder):
    ingest(blog, settings, embedder)
    reopened = Store(settings, create=False)
    assert reopened.collection.configuration["hnsw"]["space"] == "cosine"
    assert reopened.count() == Store(settings).count() > 10


def test_unchanged_rerun_embeds_nothing_and_keeps_ids(blog, settings, embedder):
    ingest(blog, settings, embedder)
    before = store_state(settings)
    report = ingest(blog, settings, embedder)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 2)
    assert report.embedded_texts == 0
    assert store_state(settings) == before


def test_changed_article_is_the_only_one_embedded_again(blog, settings, embedder):
    ingest(blog, settings, embedder)
    path = blog / "sourdough.md"
    path.write_text(path.read_text().replace("every 12 hours", "every 8 hours"))
    report = ingest(blog, settings, embedder)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert report.changed_sources == (str(path),)
    assert report.embedded_texts == 1  # only the one passage whose text changed
    docs = Store(settings).collection.get(where={"slug": "sourdough-bread-beginners"}, include=["documents"])
    assert any("every 8 hours" in d for d in docs["documents"])
    assert not any("every 12 hours" in d for d in docs["documents"])


def test_deleted_article_loses_its_chunks(blog, settings, embedder):
    ingest(blog, settings, embedder)
    (blog / "sourdough.md").unlink()
    report = ingest(blog, settings, embedder)
    assert (report.removed, report.unchanged) == (1, 1)
    assert Store(settings).collection.get(where={"slug": "sourdough-bread-beginners"})["ids"] == []


def test_renamed_article_moves_without_embedding_again(blog, settings, embedder):
    ingest(blog, settings, embedder)
    before = set(store_state(settings))
    (blog / "sourdough.md").rename(blog / "bread.md")
    report = ingest(blog, settings, embedder)
    assert (report.added, report.removed, report.embedded_texts) == (1, 1, 0)
    assert set(store_state(settings)) == before  # same slug, same ids
    sources = {m["source"] for m in Store(settings).collection.get(include=["metadatas"])["metadatas"]}
    assert str(blog / "sourdough.md") not in sources


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken-yaml.md", b'---\ntitle: "unclosed\nslug: [x\n---\nbody\n', "not valid YAML"),
        ("no-frontmatter.md", b"# Just a heading\n\nSome text.\n", "no frontmatter"),
        ("no-title.md", b'---\nslug: "no-title"\n---\nbody\n', "no `title`"),
        ("empty-body.md", b'---\ntitle: "Empty"\nslug: "empty"\n---\n\n  \n', "empty body"),
        ("latin1.md", '---\ntitle: "Café"\n---\nbody\n'.encode("latin-1"), "not valid UTF-8"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ],
)
def test_bad_file_is_skipped_with_its_reason_and_the_rest_ingested(blog, settings, embedder, name, content, reason):
    (blog / name).write_bytes(content)
    report = ingest(blog, settings, embedder)
    assert report.articles == 2 and report.added == 2
    assert [s.path for s in report.skipped] == [str(blog / name)]
    assert reason in report.skipped[0].reason and name in report.skipped[0].reason


def test_two_files_claiming_one_slug_warn_and_the_sites_file_wins(blog, settings, embedder):
    copy = (blog / "sourdough.md").read_text().replace("Bake at 250", "Bake at 230")
    (blog / "z-sourdough-copy.md").write_text(copy)
    report = ingest(blog, settings, embedder)
    warning = next(w for w in report.warnings if "sourdough-bread-beginners" in w)
    assert "sourdough.md" in warning and "z-sourdough-copy.md" in warning
    docs = Store(settings).collection.get(where={"slug": "sourdough-bread-beginners"}, include=["documents"])
    assert any("Bake at 230" in d for d in docs["documents"])  # the name that sorts last is the one served


def test_huge_article_is_ingested(blog, settings, embedder):
    paragraph = "Solar inverters convert direct current into alternating current for the home. " * 8
    body = "\n\n".join([paragraph] * 8000)  # about 5 MB
    (blog / "huge.md").write_text(f'---\ntitle: "Huge"\nslug: "huge"\n---\n## Inverters\n\n{body}\n')
    assert (blog / "huge.md").stat().st_size > 5_000_000
    report = ingest(blog, settings, embedder)
    assert report.articles == 3 and not report.skipped
    assert len(Store(settings).collection.get(where={"slug": "huge"})["ids"]) > 1000


def test_interrupted_run_is_repaired_by_the_next(blog, settings, embedder, monkeypatch, tmp_path):
    def crash(done, total):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "ARTICLES_PER_WRITE", 1)
    with pytest.raises(KeyboardInterrupt):
        run_ingest([blog], settings, embedder=embedder, progress=crash)
    report = ingest(blog, settings, embedder)
    assert report.added == 1 and report.unchanged == 1

    # A kill in the middle of a write: part of an article's new chunks reached the store, unpublished.
    path = blog / "solar-panels.md"
    path.write_text(path.read_text().replace("twice a year", "every spring"))
    monkeypatch.setattr(Store, "publish", lambda *args, **kwargs: None)
    ingest(blog, settings, embedder)
    monkeypatch.undo()
    report = ingest(blog, settings, embedder)
    assert report.updated == 1

    fresh = settings.with_(store=tmp_path / "fresh")
    ingest(blog, fresh, embedder)
    assert store_state(settings) == store_state(fresh)


def test_readers_never_see_half_an_update(blog, settings, embedder):
    from ingest.article import parse_article
    from ingest.chunking import Chunker

    ingest(blog, settings, embedder)
    store = Store(settings)
    path = blog / "sourdough.md"
    path.write_text(path.read_text().replace("every 12 hours", "every 8 hours"))
    article = parse_article(path.read_bytes(), str(path), settings.site_url)
    chunks = Chunker(count_tokens=embedder.count_tokens, max_tokens=200, limit=embedder.limit).chunks(article)
    counts = {article.source: len(chunks)}
    encoded = [Encoded(v) for v in embedder.encode([c.embed_text for c in chunks])]
    store.upsert(chunks, encoded, counts, hidden=frozenset(counts))

    def visible() -> set[str]:
        question = embedder.encode(["how often do I feed the starter"])[0]
        return {c.text for c in store.query(question, n=50) if c.slug == "sourdough-bread-beginners"}

    assert any("every 12 hours" in t for t in visible()) and not any("every 8 hours" in t for t in visible())
    old = [i for i in store_state(settings) if i.startswith("sourdough") and i not in {c.id for c in chunks}]
    store.publish(chunks, replaced=old)
    assert any("every 8 hours" in t for t in visible()) and not any("every 12 hours" in t for t in visible())


def test_stores_ingested_by_one_embedder_share_its_exported_query_model(blog, tmp_path, embedder):
    """The second store hard-links the first one's ONNX files (2 s and 90 MB saved) and still stands alone."""
    first, second = (Settings.from_env(environ={}, store=tmp_path / name) for name in ("first", "second"))
    ingest(blog, first, embedder)
    ingest(blog, second, embedder)
    exported = [query_model_dir(s.store) / "model.onnx" for s in (first, second)]
    assert exported[0].stat().st_ino == exported[1].stat().st_ino
    shutil.rmtree(first.store)
    assistant = Assistant(second, embedder=embedder)
    assert assistant.query_encoder is not None
    assert assistant.ask("why is my sourdough so dense?").answered


def test_missing_folder_and_empty_folder_say_what_to_do(tmp_path, settings, embedder):
    with pytest.raises(IngestError, match="No such folder"):
        run_ingest([tmp_path / "nope"], settings, embedder=embedder)
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="No articles found"):
        run_ingest([tmp_path / "empty"], settings, embedder=embedder)


def test_model_file_with_the_wrong_hash_is_refused(tmp_path):
    fake = tmp_path / "model.safetensors"
    fake.write_bytes(b"not the model")
    with pytest.raises(ModelError, match="sha256"):
        verify_sha256(fake, "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "ingest", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300,
    )


def test_cli_json_reports_the_run(blog, tmp_path):
    (blog / "broken.md").write_bytes(b"---\ntitle: [x\n---\nbody")
    (blog / "noslug.md").write_text('---\ntitle: "No slug"\n---\nSome body text.\n')
    result = run_cli(blog, "--store", tmp_path / "cli-store", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"articles", "chunks", "faq_pairs", "added", "updated", "removed", "unchanged", "skipped",
                         "warnings", "seconds"}
    assert (data["articles"], data["added"], data["faq_pairs"]) == (3, 3, 3)
    assert data["skipped"][0]["path"].endswith("broken.md") and "YAML" in data["skipped"][0]["reason"]
    assert any("noslug.md" in w and "'noslug'" in w for w in data["warnings"])


def test_cli_fails_with_a_sentence_when_nothing_can_be_done(tmp_path):
    result = run_cli(tmp_path / "missing", "--store", tmp_path / "s")
    assert result.returncode == 2
    assert result.stderr.startswith("ingest: No such folder:") and result.stdout == ""
    not_a_folder = tmp_path / "store-file"
    not_a_folder.write_text("a file where the store folder should be")
    result = run_cli(ROOT / "content", "--store", not_a_folder)
    assert result.returncode == 2 and "writable folder" in result.stderr
