"""Glossary loading and validation: broken glossaries are rejected with a
message naming the file and line."""

from __future__ import annotations

import unicodedata

import pytest

from checker.glossary import DEFAULT_GLOSSARY_DIR, GlossaryError, load_glossary, read_glossary


def _problems(tmp_path, text, name="g.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, problems = read_glossary([path])
    return [str(p) for p in problems]


BROKEN = {
    "yaml syntax": ("entries:\n  - canonical: Gunma\n    kind: [place\n", "invalid YAML"),
    "missing canonical": ("entries:\n  - kind: place\n", "g.yaml:2: entry has no 'canonical'"),
    "unknown kind": ("entries:\n  - canonical: Gunma\n    kind: prefecture\n", "g.yaml:2: kind 'prefecture'"),
    "unknown key": ("entries:\n  - canonical: Gunma\n    kind: place\n    varients: [Sơn Ma]\n", "unknown key(s) varients"),
    "duplicate key": ("entries:\n  - canonical: Gunma\n    kind: place\n    kind: person\n", "g.yaml:4: invalid YAML: duplicate key 'kind'"),
    "not nfc": ("entries:\n  - canonical: " + unicodedata.normalize("NFD", "Vĩnh Long") + "\n    kind: place\n", "not Unicode NFC"),
    "stray whitespace": ("entries:\n  - canonical: 'Gunma '\n    kind: place\n", "stray whitespace"),
    "duplicate entry": ("entries:\n  - canonical: Gunma\n    kind: place\n  - canonical: Gunma\n    kind: place\n",
                        "g.yaml:4: duplicate entry 'Gunma' (also at"),
    "variant is another canonical": (
        "entries:\n  - canonical: Gunma\n    kind: place\n    variants: [Osaka]\n  - canonical: Osaka\n    kind: place\n",
        "g.yaml:2: variant 'Osaka' of 'Gunma' is an accepted form of 'Osaka'"),
    "variant equals own canonical": ("entries:\n  - canonical: Gunma\n    kind: place\n    variants: [gunma]\n",
                                     "equals the accepted form of its own entry"),
    "fold collision": ("entries:\n  - canonical: Hà Nam\n    kind: place\n  - canonical: Hạ Nam\n    kind: place\n",
                       "g.yaml:4: 'Hạ Nam' collides with 'Hà Nam'"),
    "order on a place": ("entries:\n  - canonical: Ito Naoki\n    kind: place\n    order: family-first\n", "'order' is only for persons"),
    "order on three words": ("entries:\n  - canonical: Ito Naoki San\n    kind: person\n    order: family-first\n", "needs a two-word name"),
    "short form without title": ("entries:\n  - canonical: Phạm Minh Chính\n    kind: person\n    short_forms: [Chính]\n", "need titles"),
    "not a mapping": ("- Gunma\n- Osaka\n", "g.yaml:1: a glossary must be a mapping"),
    "empty file": ("", "glossary file is empty"),
    "figure min above max": ("figures:\n  - subject: GDP\n    min: 10\n    max: 1\n", "g.yaml:2: min 10 is above max 1"),
}


@pytest.mark.parametrize("text,expected", BROKEN.values(), ids=BROKEN.keys())
def test_broken_glossary_is_rejected_with_file_and_line(tmp_path, text, expected):
    problems = _problems(tmp_path, text)
    assert any(expected in p for p in problems), problems


def test_collision_across_files_names_both(tmp_path):
    (tmp_path / "a.yaml").write_text("entries:\n  - canonical: Gunma\n    kind: place\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("entries:\n  - canonical: Gunma\n    kind: place\n", encoding="utf-8")
    _, problems = read_glossary([tmp_path])
    assert [str(p) for p in problems] == [f"{tmp_path / 'b.yaml'}:2: duplicate entry 'Gunma' (also at {tmp_path / 'a.yaml'}:2)"]


def test_load_glossary_raises_on_problems(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - canonical: Gunma\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="kind None"):
        load_glossary([path])


def test_missing_glossary_path(tmp_path):
    _, problems = read_glossary([tmp_path / "nope.yaml"])
    assert "no such glossary file or folder" in str(problems[0])


def test_valid_entry_fields_are_loaded(mini_glossary):
    gunma = next(e for e in mini_glossary.entries if e.canonical == "Gunma")
    assert [v.form for v in gunma.variants] == ["Sơn Ma", "Quần Mã"]
    assert gunma.variants[1].after == ("tỉnh",)
    ito = next(e for e in mini_glossary.entries if e.canonical == "Ito Naoki")
    assert ito.reversed_name == "Naoki Ito"


def test_shipped_glossaries_are_valid():
    glossary, problems = read_glossary([DEFAULT_GLOSSARY_DIR])
    assert problems == []
    kinds = {e.kind for e in glossary.entries}
    assert {"person", "place", "org", "publication", "country", "body", "phrase"} <= kinds


def test_shipped_glossaries_cover_the_domain(shipped_glossary):
    canonicals = {e.canonical for e in shipped_glossary.entries}
    japan = [e for e in shipped_glossary.entries if e.path.endswith("japan.yaml")]
    assert len({e.canonical for e in japan if any("県" in s or s in ("北海道", "東京都", "大阪府", "京都府") for s in e.source_forms)}) == 47
    for name in ("Phạm Minh Chính", "Tô Lâm", "Bùi Thanh Sơn", "Ishiba Shigeru", "Takaichi Sanae", "Ito Naoki",
                 "Yamamoto Ichita", "Takebe Tsutomu", "Việt Nam", "Nhật Bản", "Hàn Quốc", "Quốc hội", "Chính phủ",
                 "Bộ Ngoại giao", "B&Company", "Vĩnh Long", "Quảng Ninh", "Gunma", "Yamanashi"):
        assert name in canonicals, name
    gunma = next(e for e in shipped_glossary.entries if e.canonical == "Gunma")
    assert "Sơn Ma" in {v.form for v in gunma.variants}
    assert "Quần Mã" in {v.form for v in gunma.variants}


def test_cache_serves_a_valid_glossary_and_follows_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - canonical: Gunma\n    kind: place\n", encoding="utf-8")
    first, _ = read_glossary([path])
    assert len(list((tmp_path / "cache").glob("glossary-*.pickle"))) == 1
    cached, problems = read_glossary([path])
    assert problems == [] and [e.canonical for e in cached.entries] == ["Gunma"]
    assert [m.raw for m in cached.matcher.scan("tỉnh Gunma")] == ["Gunma"]
    path.write_text("entries:\n  - canonical: Osaka\n    kind: place\n  - canonical: Gunma\n    kind: place\n",
                    encoding="utf-8")
    edited, _ = read_glossary([path])
    assert [e.canonical for e in edited.entries] == ["Osaka", "Gunma"]


def test_what_rules_derive_is_kept_with_the_cached_glossary(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    registered = []
    monkeypatch.setattr("checker.glossary.atexit.register", lambda *args: registered.append(args))
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - canonical: Gunma\n    kind: place\n", encoding="utf-8")
    builds = []

    def index(glossary):
        builds.append(1)
        return {e.canonical.lower(): e.canonical for e in glossary.entries}

    first, _ = read_glossary([path])
    assert first.derived("names", index) == first.derived("names", index) == {"gunma": "Gunma"}
    assert len(builds) == 1 and len(registered) == 1   # one write at exit, not one per use
    _write_derived, glossary, pid = registered[0]
    _write_derived(glossary, pid + 1)   # a forked worker: its parent writes
    assert read_glossary([path])[0].derived("names", index) == {"gunma": "Gunma"} and len(builds) == 2
    registered.clear()
    _write_derived(glossary, pid)       # the process that loaded it, at exit
    again, _ = read_glossary([path])
    assert again.derived("names", index) == {"gunma": "Gunma"} and len(builds) == 2 and not registered


def test_a_cached_glossary_behaves_as_the_one_built_from_yaml(tmp_path, monkeypatch):
    """The cache keeps each entry packed until it is used (EntryTable) and
    the rules' derived indexes name entries by number: read from the cache,
    with or without what rules derived, the shipped glossary has the same
    entries and gives the same findings as when built from its files."""
    from checker.config import Config
    from checker.glossary import Entry, EntryTable
    from checker.linter import Linter
    from conftest import SEED_000

    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    registered = []
    monkeypatch.setattr("checker.glossary.atexit.register", lambda *args: registered.append(args))
    sample = tmp_path / "sample.txt"
    sample.write_text("Đại diện từ các tỉnh Yamanasi, Niigata và Vĩnh Lon (Vĩnh Long), ông Pham Minh Chinh, "
                      "Thủ tướng Chính, Son Ma, 東京都.\n", encoding="utf-8")

    def findings(glossary):
        return Linter(glossary, Config()).run([SEED_000, sample]).findings

    monkeypatch.setenv("MTLINT_NO_CACHE", "1")
    built, _ = read_glossary([DEFAULT_GLOSSARY_DIR])
    expected = findings(built)
    assert any(f.rule == "term-fuzzy" for f in expected) and any(f.rule == "term-variant" for f in expected)
    monkeypatch.delenv("MTLINT_NO_CACHE")
    read_glossary([DEFAULT_GLOSSARY_DIR])  # writes the cache, without what rules derive
    cached, _ = read_glossary([DEFAULT_GLOSSARY_DIR])
    assert cached.__dict__["_derived"] == {}
    assert isinstance(cached.entries, EntryTable) and len(cached.entries) == len(built.entries)
    assert findings(cached) == expected  # the derived indexes built from the packed entries
    _write_derived, glossary, pid = registered[-1]
    _write_derived(glossary, pid)
    with_derived, _ = read_glossary([DEFAULT_GLOSSARY_DIR])
    assert {"term-fuzzy", "render-forms"} <= set(with_derived.__dict__["_derived"])
    assert findings(with_derived) == expected
    assert list(with_derived.entries) == list(built.entries)
    assert all(type(e) is Entry for e in with_derived.entries)
    assert with_derived.entries[-1] is with_derived.entries[len(built.entries) - 1]  # unpacked once


def test_a_damaged_cache_is_rebuilt_before_any_entry_is_unpacked(tmp_path, monkeypatch):
    """Entries are unpacked when a run meets them: a damaged cache file
    must be refused as a whole when it is read (its checksum), not fail
    or mislead in the middle of a lint."""
    import marshal

    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - canonical: Phạm Minh Chính\n    kind: person\n    variants: [Phạm Minh Chinh]\n"
                    "  - canonical: Vĩnh Long\n    kind: place\n", encoding="utf-8")
    read_glossary([path])
    (cache,) = (tmp_path / "cache").glob("glossary-*.pickle")
    data = bytearray(cache.read_bytes())
    where = data.find(marshal.dumps("Phạm Minh Chinh")[1:])  # inside the packed entry
    assert where > 0
    data[where + 3] ^= 0x01  # "Phạm" -> another letter: still valid marshal, a different name
    cache.write_bytes(bytes(data))
    again, problems = read_glossary([path])
    assert not problems
    assert [v.form for v in again.entries[0].variants] == ["Phạm Minh Chinh"]
    assert [m.verdict.value for m in again.matcher.scan("ông Phạm Minh Chinh")] == ["variant"]


def test_broken_glossary_is_never_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "g.yaml"
    path.write_text("entries:\n  - canonical: Gunma\n", encoding="utf-8")
    read_glossary([path])
    _, problems = read_glossary([path])
    assert problems and not (tmp_path / "cache").exists()


# --------------------------------------------------------------------------
# A user glossary over the shipped ones (issue 11, row 16)

def _user(tmp_path, text, name="user.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_entry_extends_the_shipped_entry_of_that_name(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    kind: place\n    variants: [Quần Mạ]\n"
                           "    aliases: [tỉnh Gunma]\n    note: Our house style.\n")
    glossary, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert problems == []
    gunma = [e for e in glossary.entries if e.canonical == "Gunma"]
    assert len(gunma) == 1
    forms = [v.form for v in gunma[0].variants]
    assert "Sơn Ma" in forms and forms[-1] == "Quần Mạ"  # the shipped variants stay, the user's are added
    assert gunma[0].aliases[-1] == "tỉnh Gunma"
    assert gunma[0].note.endswith("Our house style.") and gunma[0].note.startswith("Prefecture")
    assert gunma[0].path.endswith("japan.yaml")
    assert [m.verdict.value for m in glossary.matcher.scan("Quần Mạ và Sơn Ma")] == ["variant", "variant"]


def test_an_extending_entry_needs_no_kind_and_may_change_case(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    variants: [Gun-ma]\n    case: ignore\n")
    glossary, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert problems == []
    gunma = next(e for e in glossary.entries if e.canonical == "Gunma")
    assert gunma.kind == "place" and gunma.case == "ignore" and gunma.variants[-1].form == "Gun-ma"


def test_remove_true_deletes_a_shipped_entry(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    remove: true\n")
    glossary, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert problems == []
    assert "Gunma" not in {e.canonical for e in glossary.entries}
    assert all(m.entry.canonical != "Gunma" for m in glossary.matcher.scan("tỉnh Sơn Ma và Gunma"))


def test_remove_of_an_unknown_entry_is_a_problem(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Atlantis\n    remove: true\n")
    _, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert [str(p) for p in problems] == [f"{user}:2: 'remove: true' names 'Atlantis', which no earlier glossary has"]


def test_remove_takes_only_the_name(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    remove: true\n    variants: [X]\n")
    _, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert any("only names the entry to remove" in str(p) for p in problems)


def test_a_new_entry_without_kind_is_still_an_error(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Atlantis\n")
    _, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert len(problems) == 1 and "kind None of 'Atlantis'" in str(problems[0])


def test_a_duplicate_within_the_user_file_is_still_an_error(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    variants: [Gun-ma]\n"
                           "  - canonical: Gunma\n    kind: place\n")
    _, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert [str(p) for p in problems] == [f"{user}:4: duplicate entry 'Gunma' (also at {user}:2)"]
    fresh = _user(tmp_path, "entries:\n  - canonical: Atlantis\n    kind: place\n"
                            "  - canonical: Atlantis\n    kind: place\n", "fresh.yaml")
    _, problems = read_glossary([DEFAULT_GLOSSARY_DIR, fresh])
    assert len(problems) == 1 and "duplicate entry 'Atlantis'" in str(problems[0])


def test_an_extension_is_cross_checked(tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    variants: [Yamanashi]\n")
    _, problems = read_glossary([DEFAULT_GLOSSARY_DIR, user])
    assert len(problems) == 1 and "variant 'Yamanashi' of 'Gunma' is an accepted form of 'Yamanashi'" in str(problems[0])


def test_the_cli_takes_an_extending_glossary(cli, tmp_path):
    user = _user(tmp_path, "entries:\n  - canonical: Gunma\n    kind: place\n    variants: [Quần Mạ]\n")
    text = _user(tmp_path, "Thống đốc tỉnh Quần Mạ đến thăm.\n", "t.txt")
    result = cli("lint", "--glossary", user, text)
    assert result.exit_code == 1 and "glossary error" not in result.stderr
    assert "Quần Mạ" in result.output and "Gunma" in result.output


def test_glossary_check_counts_a_malformed_file(cli, tmp_path):
    bad = _user(tmp_path, "entries:\n  - canonical: Gunma\n    kind: [place\n", "bad.yaml")
    result = cli("glossary", "check", bad)
    assert result.exit_code == 2
    assert "1 problem(s) in 1 glossary file(s)" in result.stderr
    good = _user(tmp_path, "entries:\n  - canonical: Osaka\n    kind: place\n", "good.yaml")
    result = cli("glossary", "check", bad, good)
    assert "1 problem(s) in 2 glossary file(s)" in result.stderr
