"""Use cases: each owns one transaction; no Telegram imports."""
