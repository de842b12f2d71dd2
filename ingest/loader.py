"""Read article folders from disk: every readable article, every skipped file with its reason, and the warnings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ingest.article import ArticleError, ArticleFile, read_article


class IngestError(Exception):
    """Nothing could be done (no such folder, no articles, store not writable); the message says what to do."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """What one read of the article folders found."""

    articles: tuple[ArticleFile, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    duplicate_slugs: dict[str, tuple[str, ...]]  # slug -> every file claiming it, the served one last


def find_markdown(folders: list[Path]) -> list[Path]:
    """Every .md file below the folders, refusing a folder that does not exist or holds none."""
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise IngestError(f"No such folder: {folder}. Pass a folder of Markdown articles (default: content/).")
        found = sorted(p for p in folder.rglob("*.md") if p.is_file())
        if not found:
            raise IngestError(f"No articles found in {folder}: add .md files or pass another folder.")
        files.extend(found)
    return files


def load_corpus(folders: list[Path], site_url: str) -> Corpus:
    """Parse every article; a broken file is skipped with its reason and never stops the others."""
    parsed: list[ArticleFile] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    for path in find_markdown(folders):
        try:
            article, notes = read_article(path.read_bytes(), str(path), site_url)
        except ArticleError as err:
            skipped.append(Skipped(str(path), f"{path}: {err}"))
            continue
        except OSError as err:
            skipped.append(Skipped(str(path), f"{path}: cannot be read ({err.strerror}); check its permissions"))
            continue
        parsed.append(article)
        warnings.extend(notes)

    articles, duplicates = _served_articles(parsed)
    for slug, paths in duplicates.items():
        shadowed = ", ".join(paths[:-1])
        warnings.append(
            f"slug {slug!r} is claimed by {len(paths)} files: {', '.join(paths)}. The site serves only {paths[-1]} "
            f"(its name sorts last), so {shadowed} is not ingested; give each file its own slug."
        )
    return Corpus(tuple(articles), tuple(skipped), tuple(warnings), duplicates)


def _served_articles(articles: list[ArticleFile]) -> tuple[list[ArticleFile], dict[str, tuple[str, ...]]]:
    """One article per slug: like the site, the file whose name sorts last wins."""
    by_slug: dict[str, list[ArticleFile]] = defaultdict(list)
    for article in articles:
        by_slug[article.slug].append(article)
    served: list[ArticleFile] = []
    duplicates: dict[str, tuple[str, ...]] = {}
    for slug, claims in by_slug.items():
        claims.sort(key=lambda a: (Path(a.source).name, a.source))
        served.append(claims[-1])
        if len(claims) > 1:
            duplicates[slug] = tuple(a.source for a in claims)
    served.sort(key=lambda a: a.source)
    return served, duplicates
