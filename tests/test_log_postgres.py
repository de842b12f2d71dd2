"""The question log in PostgreSQL, for replicas on several machines: a real server started in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from assistant.models import Answer, Citation
from assistant.questionlog import QuestionLog
from tests.servers import free_port

BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), Path("/nonexistent"))
pytest.importorskip("psycopg", reason="pip install 'psycopg[binary]'")
pytestmark = pytest.mark.skipif(not (BIN / "initdb").exists(), reason="Debian's postgresql is not installed")


def as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@pytest.fixture(scope="module")
def postgres_url():
    # Outside pytest's tmp folder: the postgres user must be able to reach it, and pytest's is private to root.
    root = Path(tempfile.mkdtemp(prefix="hyperfaq-pg-"))
    os.chmod(root, 0o711)
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    port = free_port()
    subprocess.run(as_postgres(str(BIN / "initdb"), "-D", str(data), "--auth=trust", "-U", "postgres"),
                   check=True, capture_output=True)
    subprocess.run(as_postgres(str(BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"), "-o",
                               f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"),
                   check=True, capture_output=True)
    yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    subprocess.run(as_postgres(str(BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"), capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def test_two_replicas_write_one_postgres_log(postgres_url):
    first, second = QuestionLog(postgres_url), QuestionLog(postgres_url)
    top = Citation("solar", "Solar", "Costs", "https://hyperdaily.one/blog/solar/#costs", "passage", 0.9)
    a = first.record(Answer("how much do panels cost?", True, "About $20,000. [1]", 0.9, (top,)), channel="api")
    second.record(Answer("who won the world cup?", False, "The blog doesn't cover that yet.", 0.1), channel="widget",
                  page="solar")
    first.feedback(a, -1)
    first.flush()
    second.flush()
    rows = {q.question: q for q in QuestionLog(postgres_url).questions(since=time.time() - 60)}
    assert set(rows) == {"how much do panels cost?", "who won the world cup?"}
    assert rows["how much do panels cost?"].feedback == -1
    assert rows["how much do panels cost?"].top_url.endswith("#costs")
    assert rows["who won the world cup?"].page == "solar" and not rows["who won the world cup?"].answered
