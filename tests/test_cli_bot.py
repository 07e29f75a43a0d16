"""The bot's commands as a newcomer runs them: chat, run without a token, db upgrade, leads."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.loader import load_locales
from tests.support.cli import exportdesk

# /start, English, dealer, check; then answers as a dealer types them, up to the verdict.
SESSION = "\n".join(
    [
        "1", "1", "1", "1",  # English, dealer, check a car, skip the VIN
        "1", "1", "yes", "2026-10-01", "1", "12k",  # passenger, petrol, registered, dates, km
        "no", "1", "1", "1", "1", "none",  # no letter, paperwork yes x4, no problems
        "Kazakhstan", "1", "2",  # destination, left-hand drive, Euro 5
        "1",  # show the verdict
        "/contact", "1", "1", "1",  # talk to a manager: here in Telegram, no message, consent
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


def chat_process(tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}", "TELEGRAM_BOT_TOKEN": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--lang", "ru"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_until(process: subprocess.Popen[str], marker: str) -> str:
    """Lines of output up to the one holding marker (the process is waiting for input then)."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError("".join(seen))


def test_ctrl_c_quits_at_once_with_a_goodbye_in_the_chat_language(tmp_path: Path) -> None:
    locales = load_locales()
    process = chat_process(tmp_path)
    assert process.stdin is not None
    read_until(process, locales["ru"].ui["terminal.choose"])
    process.stdin.write("3\n")  # Русский: from now on the chat speaks Russian
    process.stdin.flush()
    read_until(process, locales["ru"].ui["terminal.choose"])
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert locales["ru"].ui["terminal.bye"] in out
    assert "Traceback" not in err


@pytest.mark.parametrize("word", ["exit", "выход", "退出"])
def test_a_quit_word_ends_the_chat(tmp_path: Path, word: str) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}", "TELEGRAM_BOT_TOKEN": ""}
    done = exportdesk("chat", stdin=f"1\n{word}\n/privacy\n", env=env)
    assert done.returncode == 0, done.stderr
    en = load_locales()["en"].ui
    assert en["terminal.bye"] in done.stdout
    assert en["privacy"][:40] not in done.stdout  # nothing after the quit word was read
