"""The CRM webhook: one signed, keyed POST of a lead event.

Each POST carries the event as JSON, `Idempotency-Key` (the event's id, the same on every
retry) and `X-ExportDesk-Signature: sha256=<hex HMAC-SHA256 of the raw body with
CRM_WEBHOOK_SECRET>`. Only a 2xx answer counts as delivered.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx


def signature(secret: bytes, body: bytes) -> str:
    """The value of X-ExportDesk-Signature for a body."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


class CrmClient:
    """POSTs events to CRM_WEBHOOK_URL with httpx."""

    def __init__(self, url: str, secret: bytes, client: httpx.AsyncClient) -> None:
        self.url = url
        self.secret = secret
        self.client = client

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self.client.aclose()

    async def post(self, key: str, payload: object) -> str | None:
        """One POST; None when the CRM took it, else what went wrong."""
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": key,
            "X-ExportDesk-Signature": signature(self.secret, body),
        }
        try:
            answer = await self.client.post(self.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        return None if answer.is_success else f"HTTP {answer.status_code}"
