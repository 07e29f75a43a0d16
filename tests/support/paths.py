"""Where the shared project files lie: `shared/` sits beside the checkout, in CI as here."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
API_JSON = REPO.parent / "shared" / "telegram-bot-api" / "api.json"
