"""Knowledge-base answers: multilingual retrieval over curated entries, with honest fallback."""
