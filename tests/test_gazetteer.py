"""The generated Japanese gazetteer (checker/data/gazetteer.tsv.gz, issue 13):
its content, its readings, its merge into the glossary, its validation
and its cost."""

from __future__ import annotations

import gzip
import re
import time

import pytest

from checker.gazetteer import GAZETTEER_PATH, place_types, places_by_name, read_places
from checker.glossary import read_glossary


@pytest.fixture(scope="module")
def places():
    return read_places()


def test_content(places):
    types = {}
    for place in places:
        types[place.type] = types.get(place.type, 0) + 1
    assert types["prefecture"] == 47
    assert types["special-ward"] == 23  # Tokyo's
    assert types["ward"] >= 150  # of the 20 designated cities
    assert types["city"] + types["town"] + types["village"] >= 1700
    by_name = places_by_name()
    assert {p.type for p in by_name["Shinjuku"]} == {"special-ward"}
    assert "ward" in {p.type for p in by_name["Naka"]}  # Naka-ku of Yokohama, Nagoya...
    assert {p.parent for p in by_name["Fuchu"]} >= {"Tokyo", "Hiroshima"}


@pytest.mark.parametrize(("name", "reading"), [
    ("Gunma", "Quần Mã"), ("Tokyo", "Đông Kinh"), ("Osaka", "Đại Phản"), ("Fukuoka", "Phúc Cương"),
    ("Hiroshima", "Quảng Đảo"), ("Kanagawa", "Thần Nại Xuyên"), ("Nagasaki", "Trường Kỳ"),
    ("Okinawa", "Xung Thằng"), ("Sapporo", "Trát Hoảng"), ("Shinjuku", "Tân Túc"), ("Yokohama", "Hoành Tân"),
])
def test_known_readings(name, reading):
    readings = {r for place in places_by_name()[name] for r in place.readings}
    assert reading in readings


def test_romaji_as_the_press_writes_it(places):
    names = {p.name for p in places}
    assert {"Tokyo", "Osaka", "Kyoto", "Hyogo", "Oita", "Kochi", "Hachioji", "Chuo"} <= names
    assert all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Za-z]+)?", n) for n in names), [n for n in names if not n.isascii()]
    variants = {v for p in places_by_name()["Tokyo"] for v in p.variants}
    assert {"Tōkyō", "Toukyou"} <= variants
    assert "Hatiozi" in {v for p in places_by_name()["Hachioji"] for v in p.variants}  # Kunrei


def test_no_reading_is_an_ordinary_word_or_a_vietnamese_place(places):
    readings = {r for p in places for r in p.readings}
    assert all(len(r.split()) >= 2 for r in readings)  # multi-syllable names only
    assert not readings & {"Trung Ương", "Hà Nội", "Hà Nam", "Hải Dương", "Long Xuyên", "Tân Sơn", "Kinh Đô"}


def test_merged_into_the_shipped_glossary(shipped_glossary):
    by_name = {e.canonical: e for e in shipped_glossary.entries}
    assert "Đông Kinh" in by_name["Tokyo"].readings  # a YAML entry lends its readings
    assert by_name["Tokyo"].path.endswith("japan.yaml")
    shinjuku = by_name["Shinjuku"]  # a gazetteer entry
    assert shinjuku.kind == "place" and "新宿区" in shinjuku.source_forms and "Tân Túc" in shinjuku.readings
    # a reading that is an accepted form of another entry (a Vietnamese province) is dropped
    accepted = {form for e in shipped_glossary.entries for form in (e.canonical, *e.aliases)}
    assert not accepted & {r for e in shipped_glossary.entries for r in e.readings}


def test_glossary_check_validates_it(cli):
    result = cli("glossary", "check")
    assert result.exit_code == 0, result.output
    result = cli("glossary", "check", str(GAZETTEER_PATH))
    assert result.exit_code == 0, result.output


def test_glossary_check_reports_a_bad_row(cli, tmp_path):
    bad = tmp_path / "gazetteer.tsv"
    bad.write_text("# header\nSapporo\tcity\tHokkaido\t札幌市|札幌\tTrát Hoảng\t\n"
                   "Nowhere\tstate\t\t無\t\t\nShort\tcity\tX\t短\tĐông\t\n", encoding="utf-8")
    result = cli("glossary", "check", str(bad))
    assert result.exit_code == 2
    assert "gazetteer.tsv:3: type 'state'" in result.output
    assert "gazetteer.tsv:4:" in result.output and "one syllable" in result.output


def test_glossary_show_a_municipality(cli):
    result = cli("glossary", "show", "Sapporo")
    assert result.exit_code == 0
    assert "Trát Hoảng" in result.output and "札幌市" in result.output
    result = cli("glossary", "show", "Hachioji")
    assert "Bát Vương Tử" in result.output and "Japanese city in Tokyo" in result.output


def test_place_types_are_those_of_the_places(places):
    """The lint-time view (kept between runs on its own) says what the
    places themselves say: Hachioji a city, Hokkaido a prefecture, and a
    name two places share has both types."""
    expected: dict[str, set[str]] = {}
    for place in places:
        expected.setdefault(place.name, set()).add(place.type)
    types = place_types()
    assert types == expected
    assert types["Hokkaido"] == {"prefecture"} and "city" in types["Hachioji"]
    assert any(len(kinds) > 1 for kinds in types.values())


def test_loads_fast():
    places_by_name.cache_clear()
    start = time.perf_counter()
    places_by_name()
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, f"gazetteer load took {elapsed:.3f} s"
    glossary, problems = read_glossary([GAZETTEER_PATH], use_cache=False)
    assert not problems and len(glossary.entries) > 1500


def test_file_is_small_and_deterministic():
    data = GAZETTEER_PATH.read_bytes()
    assert len(data) < 100_000
    assert data[4:8] == b"\0\0\0\0"  # gzip without a timestamp: rebuilding gives the same bytes
    assert gzip.decompress(data).decode("utf-8").startswith("# name\t")


@pytest.mark.slow
def test_build_helpers():
    """The long-vowel marking of the build script (needs the gazetteer extra)."""
    pytest.importorskip("pykakasi")
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.mark_long_vowels("とうきょう") == "とーきょー"
    assert build.mark_long_vowels("おおさか") == "おーさか"
    assert build.mark_long_vowels("いのうえ") == "いのうえ"  # i-no-ue
    forms = build.Romaniser().forms("はちおうじ")
    assert forms["press"] == "Hachioji" and forms["macron"] == "Hachiōji"


def test_personal_names():
    """Names that tell the order (rule render-name-order); Vietnamese
    syllables and names frequent on both lists tell nothing."""
    from checker.gazetteer import NAMES_PATH, personal_names

    family, given = personal_names()
    assert {"Sato", "Suzuki", "Tanaka", "Ito", "Yamada", "Kishida"} <= family
    assert {"Haruki", "Hiroshi", "Naoki", "Fumio", "Shinzo", "Keiko"} <= given
    assert not family & given
    assert not {"Mai", "Kim", "Minami"} & (family | given)
    assert NAMES_PATH.stat().st_size < 100_000
