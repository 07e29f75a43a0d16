"""Plain-language summary of one destination's rules and advisories, with their freshness."""

from __future__ import annotations

from bot.domain.countries import country_name
from bot.domain.explain import format_day
from knowledge.schema import (
    AgeRule,
    LocaleBundle,
    Market,
    MarketAdvisory,
    MarketRule,
    PowertrainRule,
    Sourced,
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
        if rule.min_year is not None:
            text = ui["market_age_min"].format(min_year=rule.min_year, basis=basis)
        else:
            text = ui["market_age_max"].format(max_years=rule.max_years, basis=basis)
    elif isinstance(rule, PowertrainRule):
        text = ui["market_powertrain"].format(drives=_labels("powertrain", rule.accepted, locale))
    elif isinstance(rule, UsedImportBanRule):
        text = ui[f"market_used_ban.{rule.scope}"]
    else:
        text = ui["market_emissions"].format(min_euro=rule.min_euro)
    scope = getattr(rule, "applies_to", None)
    if scope is not None and (scope.vehicle_types or scope.powertrains):
        only = _labels("vehicle_type", scope.vehicle_types, locale) or _labels(
            "powertrain", scope.powertrains, locale
        )
        text = f"{text} ({only})"
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


def freshness(fact: Sourced, locale: LocaleBundle) -> str:
    """Confidence grade and the date the source gives."""
    dated = (
        format_day(fact.source_date, locale)
        if fact.source_date is not None
        else locale.ui["undated"]
    )
    return f"[{locale.ui[f'confidence.{fact.confidence}']}; {locale.ui['source_label']}: {dated}]"


def describe_market(market: Market, locale: LocaleBundle) -> list[str]:
    """Lines for `exportdesk markets`: the country, each rule and advisory, how fresh each is."""
    reviewed = format_day(market.reviewed_on, locale)
    name = country_name(market.country, locale)
    lines = [f"{name} ({market.country}), {locale.ui['reviewed_label']} {reviewed}"]
    for rule in market.rules:
        title = locale.requirements[rule.id].title
        lines.append(f"  ■ {title}: {rule_summary(rule, locale)} {freshness(rule, locale)}")
    for adv in market.advisories:
        condition = advisory_condition(adv, locale)
        shown = f"({condition}) " if condition else ""
        lines.append(f"  • {shown}{adv.text.get(locale.lang)} {freshness(adv, locale)}")
    return lines
