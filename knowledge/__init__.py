"""Curated data (rules, markets, FAQ, UI text) and the schema that guards it."""
