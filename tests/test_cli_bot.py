"""The bot's commands as a newcomer runs them: chat, run without a token, db upgrade, leads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.support.cli import exportdesk

# /start, English, dealer, check; then answers as a dealer types them, up to the verdict.
SESSION = "\n".join(
    [
        "1", "1", "1", "1",  # English, dealer, check a car, skip the VIN
        "1", "1", "yes", "2026-10-01", "1", "12k",  # passenger, petrol, registered, dates, km
        "no", "1", "1", "1", "1", "none",  # no letter, paperwork yes x4, no problems
        "Kazakhstan", "1", "2",  # destination, left-hand drive, Euro 5
        "1",  # show the verdict
        "/contact",  # talk to a manager
    ]
)  # fmt: skip


def test_a_newcomer_gets_a_verdict_in_the_terminal(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "TELEGRAM_BOT_TOKEN": ""}
    done = exportdesk("chat", stdin=SESSION + "\n", env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Choose your language" in out
    assert "Please check your answers" in out
    assert "Not yet" in out or "Possible" in out
    assert "request no. 1" in out
    assert "Traceback" not in done.stderr
    leads = exportdesk("leads", "export", "--format", "jsonl", env=env)
    rows = [json.loads(line) for line in leads.stdout.splitlines()]
    assert len(rows) == 1
    assert json.loads(rows[0]["vehicle"])["destination"] == "KZ"
    table = list(csv.DictReader(io.StringIO(exportdesk("leads", "export", env=env).stdout)))
    assert table[0]["lang"] == "en"
    again = exportdesk("chat", stdin="", env=env)
    assert "Welcome back" not in again.stdout  # the check was finished: a fresh start


def test_run_without_a_token_says_what_to_do(tmp_path: Path) -> None:
    done = exportdesk(
        "run", env={"TELEGRAM_BOT_TOKEN": "", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    )
    assert done.returncode == 2
    assert "exportdesk chat" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_bad_setting_is_one_line(tmp_path: Path) -> None:
    done = exportdesk("db", "upgrade", env={"MANAGER_CHAT_ID": "not-a-number"})
    assert done.returncode == 2
    assert "MANAGER_CHAT_ID" in done.stderr
    assert "Traceback" not in done.stderr


def test_db_upgrade(tmp_path: Path) -> None:
    done = exportdesk("db", "upgrade", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'u.db'}"})
    assert done.returncode == 0
    assert (tmp_path / "u.db").exists()
