"""Long messages are split under Telegram's limit without breaking HTML; callback codes fit."""

from __future__ import annotations

import pytest

from bot.domain.callbacks import decode, encode
from handlers.messages import shorten_label, split_text
from tests.support.fake_bot_api import parse_html


def test_short_text_is_one_part() -> None:
    assert split_text("hello") == ["hello"]


def test_long_text_splits_at_lines_and_keeps_html_valid() -> None:
    line = "<b>Title</b> " + "word &amp; more " * 20
    text = "\n".join([line] * 60)
    parts = split_text(text, limit=1000)
    assert len(parts) > 1
    assert all(len(p) <= 1000 for p in parts)
    assert "\n".join(parts) == text
    for part in parts:
        parse_html(part)  # raises on broken tags or entities


def test_one_huge_line_is_cut_between_words_not_inside_an_entity() -> None:
    text = ("abc &amp; def " * 800).strip()
    parts = split_text(text, limit=500)
    assert all(len(p) <= 500 for p in parts)
    for part in parts:
        parse_html(part)
    assert " ".join(parts).split() == text.split()


def test_callback_codes() -> None:
    data = encode("A", 12, 7, "s")
    assert decode(data) is not None
    assert decode(data) == decode("1:A:12:7:s")
    assert decode("2:A:1") is None
    assert decode("garbage") is None
    with pytest.raises(ValueError, match="64 bytes"):
        encode("W", 0, "x" * 70)
    with pytest.raises(ValueError, match="may not contain"):
        encode("K", 0, "a:b")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Short label", "Short label"),
        (
            "Import costs in Kazakhstan: VAT, recycling fee and electric cars",
            "Import costs in Kazakhstan: VAT…",
        ),
        (
            "进口到哈萨克斯坦的费用：增值税、回收利用费和电动车以及更多更多更多的内容说明文字和其他很多很多补充说明",
            None,
        ),
    ],
)
def test_a_long_label_is_cut_at_a_word_with_an_ellipsis(label: str, expected: str | None) -> None:
    shown = shorten_label(label)
    assert len(shown) <= 40
    if expected is not None:
        assert shown == expected
    else:
        assert shown.endswith("…")
        assert label.startswith(shown[:-1])
