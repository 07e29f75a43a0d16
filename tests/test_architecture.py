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


@pytest.mark.parametrize(("module", "path"), modules(), ids=str)
def test_imports_point_one_way(module: str, path: Path) -> None:
    layer = layer_of(module)
    if layer is None:
        return  # composition root (bot.app, bot.cli, bot.commands, bot.config) may import anything
    for imported in imports_of(path):
        target = layer_of(imported)
        internal = imported.split(".")[0] in {"bot", "knowledge", "handlers"}
        if internal:
            assert target in ALLOWED[layer], f"{module} imports {imported}"
    if layer in {"knowledge", "bot.domain"}:
        bad = [i for i in imports_of(path) if i.split(".")[0] in FORBIDDEN_IN_DOMAIN]
        assert not bad, f"{module} is pure but imports {bad}"


def test_the_walk_sees_the_layers() -> None:
    seen = {layer_of(m) for m, _ in modules()}
    assert {"knowledge", "bot.domain"} <= seen
