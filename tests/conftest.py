"""Fixtures: a tiny blog written into tmp_path, settings pointed at tmp_path, and the real model loaded once."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from ingest.embedder import Embedder
from ingest.pipeline import run_ingest
from ingest.settings import PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

ARTICLES = {
    "solar-panels.md": """\
        ---
        title: "Home Solar Panels: A Buyer's Guide"
        description: "What solar panels cost and how long they last."
        slug: "home-solar-panels-guide"
        pubDate: "Mar 02 2025"
        category: "Energy"
        author: "Dana Reyes"
        ---

        # Home Solar Panels: A Buyer's Guide

        Solar panels turn sunlight into electricity for your home.

        ## How Much Do Solar Panels Cost?

        A typical residential system costs between $15,000 and $25,000 before incentives.
        Federal tax credits can cut that price by 30 percent.

        ## Maintenance & Lifespan

        Panels need little care: rinse off dust twice a year. Most panels last 25 to 30 years
        and keep about 80 percent of their output by the end.

        ## Frequently Asked Questions (FAQs)

        ### Q1. Do solar panels work on cloudy days?

        Yes. Panels still produce power under clouds, but only 10 to 25 percent of their rated output.

        ### Q2. Can I install solar panels myself?

        Only if you are a licensed electrician; most utilities require a certified installer.
        """,
    "sourdough.md": """\
        ---
        title: "Sourdough Bread for Beginners"
        description: "Bake your first loaf."
        slug: "sourdough-bread-beginners"
        pubDate: "Jan 10 2025"
        category: "Food"
        author: "Sam Ortiz"
        ---

        # Sourdough Bread for Beginners

        ## Feeding Your Starter

        Feed the starter equal weights of flour and water every 12 hours, and keep it at room temperature.

        ## Baking the Loaf

        Bake at 250 degrees Celsius in a covered Dutch oven for 20 minutes, then uncovered for 25 more.

        ## FAQs

        ### Q1. Why is my sourdough so dense?

        A dense crumb usually means the dough was under-proofed: let it rise longer before baking.
        """,
}


# A FAQ whose answer is a list: a reply taller than a phone-sized chat.
GARDEN_TOOLS = """\
    ---
    title: "Garden Tools for Beginners"
    slug: "garden-tools-beginners"
    ---

    # Garden Tools for Beginners

    A small garden needs few tools, but good ones.

    ## FAQs

    ### Q1. What tools does a beginner gardener need?

    Three tools cover most jobs:
    - Spade: For digging beds and moving soil.
    - Rake: For levelling the soil before sowing.
    - Watering can: For seedlings that a hose would wash away.
    """


def write_blog(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def ingested(root: Path, articles: dict[str, str], embedder: Embedder) -> Assistant:
    """An assistant on a tiny blog of these articles, written and ingested under `root`."""
    settings = Settings.from_env(environ={}, store=root / "store")
    run_ingest([write_blog(root / "blog", articles)], settings, embedder=embedder)
    return Assistant(settings, embedder=embedder)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own HYPERFAQ_* variables or writes to the project's store."""
    import os

    for name in list(os.environ):
        if name.startswith(PREFIX):
            monkeypatch.delenv(name)
    monkeypatch.setenv(PREFIX + "STORE", str(tmp_path / "store"))


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return write_blog(tmp_path / "blog")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(store=tmp_path / "store")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(threads=2)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's, driven by Playwright); the test is skipped on a machine without them."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Debian's chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright (see .ci/run)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    folder = CORPUS / "hyperdaily"
    if not folder.is_dir():
        pytest.skip("../shared/corpus is not here")
    return folder


@pytest.fixture(scope="session")
def anchors() -> dict:
    path = CORPUS / "anchors.json"
    if not path.is_file():
        pytest.skip("../shared/corpus/anchors.json is not here")
    return json.loads(path.read_text(encoding="utf-8"))
