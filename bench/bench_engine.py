"""Eligibility engine throughput in-process: microseconds per case (target: under 50)."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import statistics
import time
from typing import Any

from bot.domain.case import VehicleCase, parse_case
from bot.domain.eligibility import Engine
from bot.domain.explain import Explainer
from knowledge.loader import load_locale, load_markets, load_planning, load_ruleset, load_sources

TODAY = dt.date(2026, 11, 28)
VINS = ["LRW3F7FS9PC893577", "LRW3E7FA2LC146763", "1HGCM82633A004352", "LRW3F7FS8PC893577", None]


def make_cases(count: int, seed: int = 7, destinations: bool = False) -> list[dict[str, Any]]:
    """Varied cases: every rule through its outcomes, dates across 2025-2026, some destinations."""
    rng = random.Random(seed)
    flags = [True, False, None]
    cases = []
    for _ in range(count):
        reg = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
        app = reg + dt.timedelta(days=rng.randrange(0, 400))
        case: dict[str, Any] = {
            "vin": rng.choice(VINS),
            "vehicle_type": rng.choice(["passenger", "commercial", "trailer", None]),
            "powertrain": rng.choice(["ice", "bev", "phev", None]),
            "registration_date": reg.isoformat(),
            "application_date": app.isoformat(),
            "odometer_km": rng.choice([0, 50, 12000, None]),
        }
        if destinations:
            case["destination"] = rng.choice(["KZ", "RU", "KE", "ET", "SA", "BR"])
            case["model_year"] = rng.choice([None, 2018, 2023])
        for field in (
            "after_sales_letter", "exporter_filed", "transfer_for_export",
            "data_matches_certificate", "test_report", "encumbered", "seized_or_stolen",
            "unresolved_violations", "near_scrapping", "modified",
        ):  # fmt: skip
            case[field] = rng.choice(flags)
        cases.append(case)
    return cases


def per_case_us(func: Any, items: list[Any], repeat: int) -> list[float]:
    """Wall time per item in microseconds, one figure per repeat."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            func(item)
        runs.append((time.perf_counter() - start) / len(items) * 1e6)
    return runs


def main() -> None:
    """Print evaluation, parse+evaluation and render costs per case."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ruleset = load_ruleset()
    markets = load_markets()
    engine = Engine(ruleset, markets, load_planning())
    for label, destinations in (("China side only", False), ("with a destination", True)):
        raw = make_cases(args.cases, destinations=destinations)
        parsed: list[VehicleCase] = [parse_case(c, TODAY) for c in raw]
        explainer = Explainer(ruleset, load_locale("en"), markets, load_sources())
        for case in itertools.islice(parsed, 200):  # warm caches (VIN decoding is memoised)
            engine.evaluate(case, TODAY)

        def evaluate(case: VehicleCase) -> None:
            engine.evaluate(case, TODAY)

        def parse_and_evaluate(case: dict[str, Any]) -> None:
            engine.evaluate(parse_case(case, TODAY), TODAY)

        def render(case: VehicleCase, explainer: Explainer = explainer) -> None:
            explainer.as_json(engine.evaluate(case, TODAY))

        rows = [
            ("evaluate (parsed case)", per_case_us(evaluate, parsed, args.repeat)),
            ("parse + evaluate", per_case_us(parse_and_evaluate, raw, args.repeat)),
            ("evaluate + render JSON (en)", per_case_us(render, parsed, args.repeat)),
        ]
        verdicts: dict[str, int] = {}
        for case in parsed:
            verdict = engine.evaluate(case, TODAY).verdict.value
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
        print(f"{label}: {args.cases} cases, {args.repeat} repeats, verdicts {verdicts}")
        for name, runs in rows:
            best, median = min(runs), statistics.median(runs)
            print(
                f"  {name:30s} best {best:7.1f} us  median {median:7.1f} us  ({1e6 / best:,.0f}/s)"
            )
        if not destinations:
            met = "met" if min(rows[0][1]) < 50 else "NOT met"
            print(f"  target < 50 us per China-side evaluation: {met}")


if __name__ == "__main__":
    main()
