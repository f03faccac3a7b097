"""The word lists kept in pieces (checker/wordtable.py): every look-up gives
what it gives on the plain frozenset or dict, whether the table was built
in this run or decoded from the cache a piece at a time; a stored table of
another format, or a damaged file (its checksum), is a rebuild, never a
misread or an error."""

from __future__ import annotations

import marshal

import pytest

from checker import datacache, wordtable
from checker.language import _english, _read_english, english_frequency
from checker.vocabulary import _read_proper_nouns, dictionary_word, dictionary_words, proper_nouns
from checker.wordtable import FORMAT, WordTable, cached_tables, stored_form

ENGLISH = {"apple": "4.5\t0", "zebra": "3.1\t0", "naïve": "3.0\t0", "relay": "3.9\t2.1", "": "empty key"}
SYLLABLES = frozenset({"bộ ngoại", "trái đất", "a", "zzz", "đường", "ở", "nhà"})
# sort before and after every key, or between them; not one of them
ABSENT = ["", "\x00", " ", "0", "A", "Apple", "apple ", "appl", "applf", "zebr", "zebraa", "\U0010ffff",
          "bo ngoai", "bộ", "ngoại", "đ", "\ud800", "\udcff lone surrogates"]


def _table(words) -> WordTable:
    return WordTable(stored_form(words))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    return tmp_path


def _same_lookups(table, words) -> None:
    """Every key of ``words``, and keys that are not, look up alike."""
    for key in words:
        assert key in table
        if isinstance(words, dict):
            assert table.get(key) == words[key]
    for key in ABSENT + [f"{key}x" for key in words] + [key.upper() for key in words if key.upper() != key]:
        assert (key in table) == (key in words), key
        if isinstance(words, dict):
            assert table.get(key) == words.get(key) and table.get(key, "dflt") == words.get(key, "dflt")


@pytest.mark.parametrize("words", [ENGLISH, SYLLABLES, frozenset(), {}])
def test_small_tables_look_up_like_the_plain_list(words, monkeypatch):
    for per_piece in (1, 2, 250):  # one key a piece, several, one piece
        monkeypatch.setattr(wordtable, "KEYS_PER_PIECE", per_piece)
        _same_lookups(_table(words), words)
        _same_lookups(WordTable.holding(words), words)


def test_first_and_last_keys_of_each_piece_are_found(monkeypatch):
    words = frozenset(f"từ{i:04d}" for i in range(1000)) | SYLLABLES
    monkeypatch.setattr(wordtable, "KEYS_PER_PIECE", 40)
    blobs = stored_form(words)
    assert len(blobs) == 26
    table = _table(words)
    for blob in blobs:
        keys = sorted(marshal.loads(blob))
        assert keys and keys[0] in table and keys[-1] in table
    ordered = sorted(words)
    assert ordered[0] in table and ordered[-1] in table
    assert "" not in table and "\x00" not in table and "\U0010ffff" not in table
    assert table == words and len(table) == len(words) and set(table) == words


def test_keys_that_are_not_strings_are_in_no_list():
    for table in (_table(SYLLABLES), _table(ENGLISH)):
        for key in (None, 1, b"apple", ("a",)):
            assert key not in table
        assert _table(ENGLISH).get(None, "dflt") == "dflt"


def test_the_shipped_lists_look_up_alike_in_pieces():
    english = _read_english()
    names, transitions = _read_proper_nouns()
    for words in (english, transitions):
        _same_lookups(_table(words), words)
    table = _table(english)
    assert table.whole() == english


def _counted(*tables):
    """A build function returning ``tables``, and the list of its calls."""
    calls = []

    def build():
        calls.append(1)
        return tables

    return build, calls


def test_cached_tables_are_built_then_read_in_pieces(cache):
    build, calls = _counted(ENGLISH, SYLLABLES)
    for _ in range(2):  # built and stored, then read
        english, syllables = cached_tables("example", build, 2)
        _same_lookups(english, ENGLISH)
        _same_lookups(syllables, SYLLABLES)
    assert len(calls) == 1
    assert [p.name for p in cache.iterdir()] == [f"data-example-{datacache.code_hash()[:24]}.pickle"]


def _stored_file(cache):
    (path,) = cache.glob("data-example-*.pickle")
    header = datacache.code_hash()[:24].encode() + b"\n"
    return path, header


@pytest.mark.parametrize("stored", [
    {"apple": "4.5\t0"},  # the plain dict an older mtlint stored under the name
    ("mtlint-wordtable-1", (((b"",), (0,)),)),  # the format with a checksum per piece
    (FORMAT, ()),  # too few tables
    (FORMAT, ((),)),  # a table without pieces
    (FORMAT, (("not bytes",),)),
    (FORMAT, "not a tuple"),
    None,
])
def test_a_table_of_another_format_or_shape_is_rebuilt(cache, stored):
    build, calls = _counted(ENGLISH)
    cached_tables("example", build, 1)
    path, header = _stored_file(cache)
    datacache.write_pickle(path, header, stored)
    (english,) = cached_tables("example", build, 1)
    _same_lookups(english, ENGLISH)
    assert len(calls) == 2


def test_a_damaged_file_is_rebuilt(cache):
    build, calls = _counted(ENGLISH)
    cached_tables("example", build, 1)
    path, _ = _stored_file(cache)
    whole = path.read_bytes()
    flipped = bytearray(whole)
    flipped[-20] ^= 0x01  # inside a piece: still a valid pickle, a different word
    for damage in (b"", b"garbage", whole[:-7], whole[: len(whole) // 2], bytes(flipped)):
        path.write_bytes(damage)
        (english,) = cached_tables("example", build, 1)
        _same_lookups(english, ENGLISH)
    assert len(calls) == 6


def test_no_cache_holds_the_built_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("MTLINT_NO_CACHE", "1")
    (english,) = cached_tables("example", lambda: (ENGLISH,), 1)
    _same_lookups(english, ENGLISH)
    assert not list(tmp_path.iterdir())


def test_the_rules_lists_read_from_the_cache_equal_the_built_ones(cache):
    """English words, pyvi's dictionary and the mined proper nouns, built
    and stored, then read back in pieces: the same look-ups."""
    functions = (_english, dictionary_words, proper_nouns)
    for function in functions:
        function.cache_clear()
    try:
        built = (_english().whole(), dictionary_words()[0].whole(), proper_nouns()[1].whole())
        assert len(list(cache.glob("data-*.pickle"))) == 3
        for function in functions:
            function.cache_clear()
        english, words, transitions = _english(), dictionary_words()[0], proper_nouns()[1]
        assert "relay" in english
        assert sum(piece is not None for piece in english._pieces) == 1  # one look-up, one piece decoded
        en, _, vi = built[0]["relay"].partition("\t")
        assert english_frequency("relay") == (float(en), float(vi)) and english_frequency("zzzzqx") is None
        assert dictionary_word("Trái Đất") == ("trái đất" in built[1])
        for table, words_built in zip((english, words, transitions), built):
            _same_lookups(table, words_built)
        assert built[0] == _read_english()
        assert dictionary_words()[1] and proper_nouns()[0] == _read_proper_nouns()[0]
    finally:
        for function in functions:
            function.cache_clear()
