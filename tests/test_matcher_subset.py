"""The first scans of a process use an automaton of only the keys a text can
hold (checker/matcher.py, ``TermMatcher._found``): the same whole-word
occurrences as the automaton of all keys, on real text of every kind."""

from __future__ import annotations

import pickle
import sys

from conftest import CORPUS, FIXTURES, SEEDS, SHARED

from checker import matcher as matcher_module
from checker.matcher import _WORD, is_word_char
from checker.vietnamese import fold

MT_DOCS = SHARED / "corpus" / "mt-docs"

# Names against their neighbours: CJK source forms inside CJK prose and
# beside Latin letters, a name at the very start and end of the text,
# after punctuation, joined by "&" and "_", and inside a longer word.
EDGES = (
    "Tokyo là thủ đô; 東京都は日本の首都です。群馬県の知事、大阪府でも。東京都",
    "Gunma&Co, Gunma_x, xGunma, (Gunma), Gunma-ken, Tỉnh Gunma.\nPhạm Minh Chính\tthăm Vĩnh Long",
    "Nhật Bản東京Nhật Bản群馬Thủ tướng Phạm Minh Chinh; Thủ tướng Chinh; Bảo Chính Phủ; Naoki Ito",
)


def _texts():
    yield from EDGES
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    yield (FIXTURES / "structure" / "bilingual-ja.txt").read_text(encoding="utf-8")
    for folder in (MT_DOCS / "vi", MT_DOCS / "en"):
        for path in sorted(folder.glob("*"))[:12]:
            yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(CORPUS.rglob("*.txt"))[:400]:
        yield path.read_text(encoding="utf-8")


def test_a_word_of_the_text_is_a_run_of_word_characters():
    """``[\\w&]`` is :func:`is_word_char`, for every code point."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    in_runs = set()
    for match in _WORD.finditer(every):
        in_runs.update(range(match.start(), match.end()))
    assert in_runs == {i for i, char in enumerate(every) if is_word_char(char)}


def test_the_first_scans_find_what_the_whole_automaton_finds(shipped_glossary, monkeypatch):
    whole = pickle.loads(pickle.dumps(shipped_glossary.matcher))
    whole.build_automaton()
    first = pickle.loads(pickle.dumps(shipped_glossary.matcher))
    monkeypatch.setattr(matcher_module, "SUBSET_SCANS", 10**9)
    texts = hits = cjk = 0
    for text in _texts():
        folded = fold(text)
        expected = whole._hits(folded)
        assert first._hits(folded) == expected, text[:80]
        texts += 1
        hits += len(expected)
        cjk += any(ord(whole._keys[index][0]) >= 0x2E80 for _, _, index in expected)
    assert first._automaton is None  # every text was scanned with its own automaton
    assert texts > 420 and hits > 6_000 and cjk >= 2  # Latin and CJK keys both put to the test


def test_a_run_on_one_file_never_builds_the_whole_automaton(shipped_glossary):
    matcher = pickle.loads(pickle.dumps(shipped_glossary.matcher))
    folded = fold(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8"))
    found = [matcher._hits(folded) for _ in range(matcher_module.SUBSET_SCANS)]
    assert matcher._automaton is None and found[0]
    assert matcher._hits(folded) == found[0]  # the scan after them builds it
    assert matcher._automaton is not None
    again = pickle.loads(pickle.dumps(matcher))  # a worker that unpickles the matcher starts afresh
    assert again._automaton is None and again._subset_scans == 0


def test_keys_are_indexed_by_their_first_word(shipped_glossary):
    """The index the first scans read: whole-word keys by their first word,
    CJK forms (which may touch other characters) by their first character."""
    matcher = shipped_glossary.matcher
    for word, numbers in matcher._by_first_word.items():
        for number in numbers:
            key = matcher._keys[number]
            assert key.startswith(word) and (len(key) == len(word) or not is_word_char(key[len(word)]))
    for char, numbers in matcher._by_first_char.items():
        assert all(matcher._keys[number][0] == char for number in numbers)
    indexed = sorted(n for numbers in (*matcher._by_first_word.values(), *matcher._by_first_char.values())
                     for n in numbers)
    assert indexed == list(range(len(matcher._keys)))  # every key once
    assert len(matcher._by_first_word) > 1_000 and matcher._by_first_char  # both kinds of key
