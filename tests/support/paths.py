"""Where the vendored test data lies: inside the checkout, so a bare clone runs the tests."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The Telegram Bot API as data (MIT licence, see bot_api/LICENSE), vendored from
# the telegram-bot-api-spec project for the fake Bot API server.
API_JSON = Path(__file__).resolve().parent / "bot_api" / "api.json"
