"""Runs the `exportdesk` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys


def exportdesk(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS`, with stdin, capturing output; never raises on exit status."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
