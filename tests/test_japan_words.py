"""term-reading's search for the words that say a text is about Japan
(_japan_words, which tries _JAPAN_WORDS only where a match can start)
against the plain finditer of _JAPAN_WORDS, on real text (the seeds, the
news corpus's texts that hold a key word) and on written edge cases."""

from __future__ import annotations

import pytest

from conftest import CORPUS, SEEDS
from checker.rules.term_reading import _JAPAN_WORDS, _has_japan_key, _japan_words

EDGES = [
    "Nhật Bản", "người Nhật Bản và người Nhật", "NGƯỜI Nhật, Người Nhật, người  Nhật", "Chủ Nhật, nhật ký",
    "xứ Nhật ký; nước Nhật Tân; Đại sứ quán Nhật Bản; đại sứ quán Nhật", "Chính phủ Nhật hoàng",
    "Việt - Nhật", "Việt\n \t–  Nhật Bản", "người Việt—Nhật", "Nhật-Việt", "quan hệ Việt – Nhật – Việt",
    "Japanese Japan JICA JETRO Thiên hoàng", "JICAx xJapan aNhật Bản", "yên Nhật", "văn hoá Nhật văn hóa Nhật",
    "Hoàng gia Nhật", "tiếng Nhật", "phía Nhật", "đồng Nhật", "a Nhật", " Nhật",
]


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.txt"))
    texts = (path.read_text(encoding="utf-8") for path in paths)
    return [text for text in texts if _has_japan_key(text)]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases(text):
    assert _japan_words(text) == [m.start() for m in _JAPAN_WORDS.finditer(text)]


def test_real_texts():
    texts = _texts()
    found = 0
    for text in texts:
        expected = [m.start() for m in _JAPAN_WORDS.finditer(text)]
        assert _japan_words(text) == expected
        found += len(expected)
    assert found >= 20  # the texts hold enough anchors to test
