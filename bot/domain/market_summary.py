"""Plain-language summary of one destination's rules and advisories, with their freshness."""

from __future__ import annotations

from bot.domain.countries import country_name
from bot.domain.explain import fact_text
from bot.domain.formatting import format_day, format_month, format_text
from knowledge.schema import (
    AgeRule,
    LocaleBundle,
    Market,
    MarketAdvisory,
    MarketFact,
    MarketRule,
    PowertrainRule,
    SteeringRule,
    UsedImportBanRule,
)


def _labels(prefix: str, codes: tuple[str, ...], locale: LocaleBundle) -> str:
    return locale.ui["list_separator"].join(locale.ui.get(f"{prefix}.{c}", c) for c in codes)


def rule_summary(rule: MarketRule, locale: LocaleBundle) -> str:
    """What the rule requires, in one short phrase."""
    ui = locale.ui
    if isinstance(rule, SteeringRule):
        return ui["market_steering"].format(sides=_labels("steering", rule.accepted, locale))
    if isinstance(rule, AgeRule):
        basis = ui[f"counted_from.{rule.counted_from}"]
        if rule.no_limit:
            text = ui["market_age_none"]
        elif rule.min_year is not None:
            text = ui["market_age_min"].format(min_year=rule.min_year, basis=basis)
        else:
            values = {"max_years": rule.max_years, "basis": basis}
            text = format_text(ui["market_age_max"], locale, values)
    elif isinstance(rule, PowertrainRule):
        text = ui["market_powertrain"].format(drives=_labels("powertrain", rule.accepted, locale))
    elif isinstance(rule, UsedImportBanRule):
        text = ui[f"market_used_ban.{rule.scope}"]
    else:
        text = ui["market_emissions"].format(min_euro=rule.min_euro)
    scope = getattr(rule, "applies_to", None)
    if scope is not None and (scope.vehicle_types or scope.powertrains or scope.weight):
        only = [
            _labels("vehicle_type", scope.vehicle_types, locale),
            _labels("powertrain", scope.powertrains, locale),
            ui[f"weight.{scope.weight}"] if scope.weight else "",
        ]
        text = f"{text} ({ui['list_separator'].join(o for o in only if o)})"
    return text


def advisory_condition(adv: MarketAdvisory, locale: LocaleBundle) -> str:
    """When a conditional advisory is shown, e.g. "above 160 hp" or "battery electric"."""
    ui, when = locale.ui, adv.when
    parts = [
        _labels("powertrain", when.powertrains, locale),
        _labels("vehicle_type", when.vehicle_types, locale),
    ]
    if when.engine_power_hp_above is not None:
        parts.append(ui["when_hp_above"].format(hp=when.engine_power_hp_above))
    if when.engine_power_hp_at_most is not None:
        parts.append(ui["when_hp_at_most"].format(hp=when.engine_power_hp_at_most))
    return ui["list_separator"].join(p for p in parts if p)


def freshness(fact: MarketFact, locale: LocaleBundle) -> str:
    """Grade, the date the source gives, the stated validity and the last re-check."""
    ui = locale.ui
    dated = format_day(fact.source_date, locale) if fact.source_date else ui["undated"]
    parts = [ui[f"confidence.{fact.confidence}"], f"{ui['source_label']}: {dated}"]
    if fact.valid_from or fact.valid_to:
        start = format_day(fact.valid_from, locale) if fact.valid_from else "…"
        end = format_day(fact.valid_to, locale) if fact.valid_to else "…"
        parts.append(ui["valid_label"].format(start=start, end=end))
    parts.append(ui["last_confirmed"].format(month=format_month(fact.checked_on, locale)))
    return f"[{'; '.join(parts)}]"


def describe_market(market: Market, locale: LocaleBundle) -> list[str]:
    """Lines for `exportdesk markets`: the country, each rule and advisory, how fresh each is."""
    name = country_name(market.country, locale)
    lines = [f"{name} ({market.country})"]
    for rule in market.rules:
        title = locale.requirements[rule.id].title
        lines.append(f"  ■ {title}: {rule_summary(rule, locale)} {freshness(rule, locale)}")
    for adv in market.advisories:
        condition = advisory_condition(adv, locale)
        shown = f"({condition}) " if condition else ""
        text = fact_text(adv, locale)
        lines.append(f"  • {shown}{text} {freshness(adv, locale)}")
    return lines
