"""`exportdesk check` end to end, as a subprocess, in all three languages and with bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import exportdesk

EXAMPLE = (
    '{"registration_date":"2026-01-20","application_date":"2026-02-15","after_sales_letter":false}'
)
SCRIPT = Path(sys.executable).with_name("exportdesk")


def test_console_script_gives_the_issue_example() -> None:
    done = subprocess.run(
        [str(SCRIPT), "check", "--json", "-"],
        input=EXAMPLE,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["verdict"] == "not_yet"
    assert doc["eligible_from"] == "2026-07-20"
    assert doc["days_since_registration"] == 26


def test_json_has_the_design_fields_and_the_reminder_day() -> None:
    done = exportdesk("check", "--json", "--on", "2026-02-15", stdin=EXAMPLE)
    doc = json.loads(done.stdout)
    assert set(doc) == {
        "remind_on",
        "arrival_date",
        "verdict",
        "eligible_from",
        "days_since_registration",
        "requirements",
        "advisories",
        "ruleset",
        "evaluated_on",
    }
    assert doc["evaluated_on"] == "2026-02-15"
    ids = [r["id"] for r in doc["requirements"]]
    assert ids == [
        "cn.used_car_scope",
        "cn.180_day_letter",
        "cn.exporter_filed",
        "cn.transfer_for_export",
        "cn.data_match",
        "cn.test_report",
        "cn.encumbrance",
        "cn.seized_or_stolen",
        "cn.violations",
        "cn.scrapping",
        "cn.modified",
        "cn.vin",
    ]
    for item in doc["requirements"]:
        assert set(item) >= {"id", "status", "reason", "message", "remedy", "sources"}
        assert set(item) - {"id", "status", "reason", "message", "remedy", "sources"} == {
            "citations",
            "confidence",
            "checked_on",
        }
        assert item["sources"]
        assert all(url.startswith("http") for url in item["sources"])
    for adv in doc["advisories"]:
        assert set(adv) == {
            "id", "message", "sources", "citations", "confidence", "checked_on", "relevance"
        }  # fmt: skip
        assert adv["sources"]
    letter = next(r for r in doc["requirements"] if r["id"] == "cn.180_day_letter")
    assert letter["status"] == "fail"
    assert "July 20, 2026" in letter["remedy"]


@pytest.mark.parametrize(
    ("lang", "date_text", "verdict_word"),
    [
        ("zh", "2026年7月20日", "暂不"),
        ("ru", "20 июля 2026", "Пока нет"),
        ("en", "July 20, 2026", "Not yet"),
    ],
)
def test_readable_checklist_in_each_language(lang: str, date_text: str, verdict_word: str) -> None:
    done = exportdesk("check", "--lang", lang, "-", stdin=EXAMPLE)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert verdict_word in out
    assert date_text in out
    assert "❌" in out
    assert "→" in out  # a remedy line
    assert "cn-2026-01" in out


def test_reads_a_file(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(EXAMPLE, encoding="utf-8")
    done = exportdesk("check", "--json", str(case))
    assert json.loads(done.stdout)["verdict"] == "not_yet"


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (("check",), "{not json", "not valid JSON"),
        (("check",), "[1, 2]", "JSON object"),
        (("check",), '{"registration_date": "2026-02-30"}', "registration_date"),
        (("check",), '{"odometer_km": -3}', "odometer_km"),
        (("check",), '{"powertrain": "steam"}', "powertrain"),
        (("check",), '{"destination": "ZZ"}', "destination"),
        (("check",), '{"wheels": 4}', "wheels"),
        (
            ("check",),
            '{"registration_date": "2026-03-01", "application_date": "2026-02-01"}',
            "registration_date",
        ),
        (("check", "/no/such/file.json"), "", "/no/such/file.json"),
        (("check", "--lang", "ru"), '{"odometer_km": -3}', "не меньше"),
        (("check", "--lang", "zh"), '{"registration_date": "2026-02-30"}', "日期"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    args: tuple[str, ...], stdin: str, needle: str
) -> None:
    done = exportdesk(*args, stdin=stdin)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert needle in lines[0]
    assert "Traceback" not in done.stderr
