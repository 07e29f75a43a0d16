"""Import direction (DESIGN 2): knowledge, domain, storage/integrations, services, handlers, app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each layer may import only the layers listed for it (and itself).
ALLOWED = {
    "knowledge": {"knowledge"},
    "bot.domain": {"knowledge", "bot.domain"},
    "bot.storage": {"knowledge", "bot.domain", "bot.storage"},
    "bot.integrations": {"knowledge", "bot.domain", "bot.integrations"},
    "bot.services": {"knowledge", "bot.domain", "bot.storage", "bot.integrations", "bot.services"},
    "handlers": {
        "knowledge", "bot.domain", "bot.storage", "bot.integrations", "bot.services", "handlers",
        "bot.config",
    },
}  # fmt: skip
FORBIDDEN_IN_DOMAIN = ("telegram", "sqlalchemy", "httpx", "aiohttp", "requests", "urllib")
# Use cases decide without knowing the transport; handlers adapt without touching the database.
FORBIDDEN = {
    "knowledge": FORBIDDEN_IN_DOMAIN,
    "bot.domain": FORBIDDEN_IN_DOMAIN,
    "bot.services": ("telegram",),
    "handlers": ("sqlalchemy",),
}


def layer_of(module: str) -> str | None:
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules() -> list[tuple[str, Path]]:
    found = []
    for base in ("knowledge", "bot", "handlers"):
        for path in (ROOT / base).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            found.append((".".join(rel.parts), path))
    return found


def violations(module: str, path: Path) -> list[str]:
    """Imports of this module that break the layering."""
    layer = layer_of(module)
    if layer is None:
        return []  # the composition root (bot.app, bot.cli, bot.commands) may import anything
    found = []
    for imported in imports_of(path):
        internal = imported.split(".")[0] in {"bot", "knowledge", "handlers"}
        if internal and layer_of(imported) not in ALLOWED[layer]:
            found.append(imported)
        if imported.split(".")[0] in FORBIDDEN.get(layer, ()):
            found.append(imported)
    return found


@pytest.mark.parametrize(("module", "path"), modules(), ids=str)
def test_imports_point_one_way(module: str, path: Path) -> None:
    assert violations(module, path) == [], f"{module} imports what its layer may not"


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        ("bot.services.planted", "from telegram import Update"),
        ("handlers.planted", "from sqlalchemy import select"),
        ("bot.domain.planted", "import httpx"),
        ("bot.domain.planted", "from bot.services.turn import Turn"),
    ],
)
def test_a_planted_import_is_caught(tmp_path: Path, module: str, planted: str) -> None:
    path = tmp_path / "planted.py"
    path.write_text(f"{planted}\n", encoding="utf-8")
    assert violations(module, path) != []


def test_the_walk_sees_the_layers() -> None:
    seen = {layer_of(m) for m, _ in modules()}
    assert {"knowledge", "bot.domain"} <= seen
