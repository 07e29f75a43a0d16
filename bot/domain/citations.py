"""Who says so: official texts by number and title first, then the pages, each with its kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.formatting import format_day
from knowledge.schema import Cited, Document, LocaleBundle, Page, SourceRegistry


@dataclass(frozen=True, slots=True)
class Citation:
    """One source of a fact: an official text (no page) or a page with its kind and date."""

    title: str
    kind: str
    date: Any
    url: str | None
    site: str | None = None
    copy_of: str | None = None
    ref: str | None = None  # a document's id, which its reproductions name in copy_of
    short: str | None = None  # how a line of sources names a document: its number and issuer

    def as_json(self) -> dict[str, Any]:
        """The DESIGN 3.2 citation object."""
        return {
            "url": self.url,
            "title": self.title,
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
        }


class Citations:
    """Resolves a fact's documents and URLs against knowledge/sources.yaml."""

    def __init__(self, registry: SourceRegistry) -> None:
        self._documents = {d.id: d for d in registry.documents}
        self._pages = {str(p.url): p for p in registry.pages}
        self._cache: dict[int, tuple[Cited, list[Citation]]] = {}

    def of(self, fact: Cited) -> list[Citation]:
        """Documents first (named by the fact or reproduced by its pages), then the pages."""
        cached = self._cache.get(id(fact))
        if cached is not None and cached[0] is fact:
            return cached[1]
        found = self._resolve(fact)
        self._cache[id(fact)] = (fact, found)
        return found

    def _resolve(self, fact: Cited) -> list[Citation]:
        pages = [self._pages[str(url)] for url in fact.sources if str(url) in self._pages]
        doc_ids = list(dict.fromkeys([*fact.documents, *(p.copy_of for p in pages if p.copy_of)]))
        found = [_document(self._documents[d]) for d in doc_ids if d in self._documents]
        return found + [_page(p) for p in pages]

    def missing(self, fact: Cited) -> list[str]:
        """URLs and document ids a fact cites that the registry does not know."""
        urls = [str(u) for u in fact.sources if str(u) not in self._pages]
        return urls + [d for d in fact.documents if d not in self._documents]


def _document(doc: Document) -> Citation:
    title = f"{doc.number} {doc.title}" if doc.number and doc.number not in doc.title else doc.title
    short = f"{doc.number} ({doc.issuer})" if doc.number else f"{title} ({doc.issuer})"
    return Citation(
        title=f"{title} ({doc.issuer})",
        kind="official",
        date=doc.date,
        url=None,
        ref=doc.id,
        short=short,
    )


def _page(page: Page) -> Citation:
    return Citation(
        title=page.title,
        kind=page.kind,
        date=page.date,
        url=str(page.url),
        site=page.site,
        copy_of=page.copy_of,
    )


def cite_line(citations: list[Citation], locale: LocaleBundle) -> str:
    """Sources in one line: each document, its reproductions as "text at", then other pages."""
    ui = locale.ui
    parts: list[str] = []
    shown_copies: set[str | None] = set()
    for doc in (c for c in citations if c.url is None):
        dated = f", {format_day(doc.date, locale)}" if doc.date else ""
        copies = [c for c in citations if c.url is not None and c.copy_of == doc.ref]
        parts.append(f"{doc.short or doc.title}{dated}")
        shown_copies.update(c.url for c in copies)
        if copies:
            sites = ui["list_separator"].join(dict.fromkeys(c.site or "" for c in copies))
            parts[-1] += f"; {ui['cite.text_at']} {sites}"
    for page in (c for c in citations if c.url is not None and c.url not in shown_copies):
        dated = format_day(page.date, locale) if page.date else ui["undated"]
        parts.append(f"{page.site} ({ui['kind.' + page.kind]}, {dated})")
    return " · ".join(parts)
