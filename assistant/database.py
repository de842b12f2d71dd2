"""Where the question log lives: a SQLite file (the default), or a PostgreSQL database given by URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

COLUMNS = (
    "id TEXT PRIMARY KEY, asked_at {real} NOT NULL, channel TEXT NOT NULL, page TEXT, question TEXT NOT NULL, "
    "answered INTEGER NOT NULL, confidence {real} NOT NULL, top_slug TEXT, top_section TEXT, top_url TEXT, "
    "top_kind TEXT, answer TEXT NOT NULL, feedback INTEGER, vector {blob}"
)


class Database:
    """One connection to the log's database, with the SQL dialect's few differences kept here.

    `target` is a file path (SQLite, in WAL mode so that several processes on one machine can share it) or a
    `postgresql://user:password@host/db` URL for replicas on several machines (needs `pip install psycopg`).
    """

    def __init__(self, target: str) -> None:
        self.target = target
        self.postgres = target.startswith(("postgresql://", "postgres://"))
        if self.postgres:
            try:
                import psycopg
            except ImportError:
                raise ValueError("HYPERFAQ_LOG_DB is a PostgreSQL URL: run `pip install 'psycopg[binary]'`.") from None
            self.connection: Any = psycopg.connect(target, autocommit=True)
        else:
            path = target.removeprefix("sqlite:///")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            self.connection.execute("PRAGMA journal_mode=WAL")  # readers and other processes never block the writer
            self.connection.execute("PRAGMA synchronous=NORMAL")

    def create_schema(self) -> None:
        types = {"real": "DOUBLE PRECISION", "blob": "BYTEA"} if self.postgres else {"real": "REAL", "blob": "BLOB"}
        self.execute(f"CREATE TABLE IF NOT EXISTS questions ({COLUMNS.format(**types)})")
        self.execute("CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at)")

    def execute(self, sql: str, params: tuple | list = ()) -> Any:
        """Run one statement written with `?` placeholders; returns the cursor."""
        if self.postgres:
            sql = sql.replace("?", "%s")
        cursor = self.connection.cursor()
        cursor.execute(sql, params)
        return cursor

    def close(self) -> None:
        self.connection.close()
