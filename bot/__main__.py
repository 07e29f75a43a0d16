"""Lets `python -m bot` behave exactly like the `exportdesk` command."""

from bot.cli import main

raise SystemExit(main())
