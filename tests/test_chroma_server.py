"""Client/server mode: a real `chroma run` server on a free loopback port, stopped and restarted mid-test."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.web import create_app
from ingest.loader import IngestError
from ingest.pipeline import run_ingest
from ingest.settings import Settings
from tests.conftest import write_blog
from tests.servers import free_port, serve

CHROMA = shutil.which("chroma", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(not CHROMA, reason="the chroma command (from the chromadb package) is missing")


class ChromaServer:
    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port, self.process = path, port, None

    def start(self) -> None:
        self.process = subprocess.Popen([CHROMA, "run", "--path", str(self.path), "--host", "127.0.0.1",
                                         "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1)
                return
            except OSError as err:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("chroma run did not start") from err
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def chroma(tmp_path_factory):
    server = ChromaServer(tmp_path_factory.mktemp("chroma-data"), free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server_settings(chroma, tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("server-mode")
    return Settings.from_env(environ={}, store=root / "local", chroma_url=f"http://127.0.0.1:{chroma.port}",
                             rate_limit=0, content=str(write_blog(root / "blog")))


def ask(url: str, question: str) -> tuple[int, dict]:
    request = urllib.request.Request(url + "/api/ask", data=json.dumps({"question": question}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_ingest_into_the_server_is_incremental_with_the_same_ids(server_settings, embedder):
    blog = server_settings.content_dirs[0]
    first = run_ingest([blog], server_settings, embedder=embedder)
    second = run_ingest([blog], server_settings, embedder=embedder)
    assert (first.added, first.faq_pairs) == (2, 3)
    assert (second.unchanged, second.embedded_texts, second.chunks) == (2, 0, first.chunks)
    assert not (server_settings.store / "chroma.sqlite3").exists()  # the vectors are on the server


def test_answers_through_the_server_and_recovers_after_an_outage(chroma, server_settings, embedder):
    run_ingest(server_settings.content_dirs, server_settings, embedder=embedder)
    assistant = Assistant(server_settings, embedder=embedder)
    with serve(create_app(server_settings, assistant, chat=False)) as url:
        status, data = ask(url, "do solar panels work on cloudy days?")
        assert status == 200 and data["citations"][0]["url"].endswith("#q1-do-solar-panels-work-on-cloudy-days")

        chroma.stop()
        status, data = ask(url, "how long do solar panels last?")
        assert status == 503 and "unreachable" in data["error"]
        with pytest.raises(urllib.error.HTTPError) as health:
            urllib.request.urlopen(url + "/health", timeout=30)
        assert health.value.code == 503
        with pytest.raises(urllib.error.HTTPError) as starters:
            urllib.request.urlopen(url + "/api/starters?page=sourdough-bread-beginners", timeout=30)
        assert starters.value.code == 503  # the widget then offers none
        with pytest.raises(urllib.error.HTTPError) as starters:
            urllib.request.urlopen(url + "/api/starters", timeout=30)
        assert starters.value.code == 503  # nor anywhere else on the blog

        chroma.start()
        status, data = ask(url, "how long do solar panels last?")
        assert status == 200 and data["answered"] is True


def test_a_server_that_is_down_at_start_up_gets_a_clear_message(tmp_path, embedder):
    settings = Settings.from_env(environ={}, store=tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(IngestError, match="Chroma server at http://127.0.0.1:.* does not answer"):
        Assistant(settings, embedder=embedder)
