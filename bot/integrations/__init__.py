"""Outside systems the bot talks to (the CRM webhook)."""
