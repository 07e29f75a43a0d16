"""Pure domain: vehicle facts, rules and verdicts; no Telegram, SQL or HTTP here."""
