"""Settings: the only place that reads the environment (DESIGN 3.1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the bot may be configured with; nothing else reads os.environ."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = "sqlite:///exportdesk.db"
    manager_chat_id: int | None = None
    manager_user_ids: Annotated[tuple[int, ...], NoDecode] = ()
    manager_lang: Literal["en", "zh", "ru"] = "en"  # the language of lead cards and desk notes
    lead_raise_after_minutes: float = Field(default=30.0, gt=0)  # unclaimed: raised again once
    admin_user_ids: Annotated[tuple[int, ...], NoDecode] = ()
    crm_webhook_url: str | None = None
    crm_webhook_secret: SecretStr | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    brand_file: Path | None = Field(default=None, description="white-label brand YAML")
    reminder_interval_seconds: float = 60.0
    max_concurrent_updates: int = Field(default=32, ge=1, le=512)

    @field_validator(
        "telegram_bot_token", "crm_webhook_secret", "webhook_secret", "webhook_url", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """An empty variable (TELEGRAM_BOT_TOKEN=) means not set, not an empty secret."""
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _crm_needs_a_secret(self) -> Settings:
        """Unsigned events would be worthless to a CRM that checks them."""
        if self.crm_webhook_url and self.crm_webhook_secret is None:
            raise ValueError("CRM_WEBHOOK_URL is set but CRM_WEBHOOK_SECRET is not")
        return self

    @field_validator("manager_user_ids", "admin_user_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        """Accept "1,2,3" as people write it in an environment file."""
        if isinstance(value, str):
            return tuple(int(part) for part in value.replace(" ", "").split(",") if part)
        return value
