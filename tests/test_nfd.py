"""NFD (decomposed) input is checked as NFC (checker/normalise.py): it gets
exactly the findings of the NFC text, at the positions of the file as
written (code points of the raw NFD text), plus one text-unicode note."""

from __future__ import annotations

import json
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEEDS, SHARED, gold_entries, overlaps
from checker.loaders import text_document
from checker.normalise import NOTE, TABLES_VERSION, _ATTACHING, _REPLACED, _tables, to_nfc

MT_DOC = SHARED / "corpus" / "mt-docs" / "vi" / "02-iot-getting-started-deeper-dive.md"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _line_starts(text):
    starts = [0]
    for i, char in enumerate(text):
        if char == "\n":
            starts.append(i + 1)
    return starts


def covered(text: str, f: dict) -> str:
    """The text a finding's span covers in ``text`` (the file as written)."""
    starts = _line_starts(text)
    return text[starts[f["line"] - 1] + f["column"] - 1:starts[f["end_line"] - 1] + f["end_column"] - 1]


def is_note(f: dict) -> bool:
    return f["rule"] == "text-unicode" and f["message"].startswith(NOTE)


# -- the map -------------------------------------------------------------------------

def test_nfc_text_pays_nothing():
    assert to_nfc("Bệnh viện Bạch Mai, Hà Nội\r\n") is None
    assert text_document("a.txt", "Việt Nam").offsets is None


def test_a_decomposed_character_is_one_cluster():
    raw = "Vie\u0323\u0302t Nam"            # "Việt" typed with two combining marks
    text, mapping = to_nfc(raw)
    assert text == "Việt Nam" and list(mapping.changes()) == [(2, 3, 2, 5)]
    assert [mapping.to_raw(i) for i in range(len(text) + 1)] == [0, 1, 2, 5, 6, 7, 8, 9, 10]
    assert mapping.to_raw(3, end=True) == 5                  # a span ending after "ệ"
    assert mapping.to_raw(2, end=True) == 2                  # a span ending before it
    assert mapping.line_col(5) == (1, 8) and mapping.line_col(3, end=True) == (1, 6)
    assert [mapping.to_text(i) for i in range(len(raw) + 1)] == [0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8]


def test_spans_never_split_a_cluster():
    # NFC may leave marks of its own (no precomposed q̣́): such a cluster is atomic.
    raw = "aq\u0301\u0323b"
    text, mapping = to_nfc(raw)
    assert text == "aq\u0323\u0301b"
    assert [mapping.to_raw(i) for i in range(5)] == [0, 1, 1, 1, 4]
    assert [mapping.to_raw(i, end=True) for i in range(1, 6)] == [1, 4, 4, 4, 5]


def test_crlf_bom_and_other_scripts():
    raw = "\ufeff" + nfd("Đắk Lắk\r\nQuảng Nam\r\n") + "\u212b \u1100\u1161\u11a8 \u0915\u093c"
    text, mapping = to_nfc(raw)
    assert text == unicodedata.normalize("NFC", raw)
    assert text.count("\r\n") == 2 and text.startswith("\ufeff")
    line = text.index("Quảng")
    assert mapping.line_col(line) == (2, 1)
    assert mapping.line_col(line + len("Quảng"), end=True) == (2, 1 + len(nfd("Quảng")))
    doc = text_document("crlf.txt", nfd("Hà Nội\r\nHuế\r\n"))
    assert doc.text == "Hà Nội\r\nHuế\r\n"
    assert doc.line_col(doc.text.index("Huế") + 3, end=True) == (2, 1 + len(nfd("Huế")))


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.lists(st.sampled_from(["a", "e", "o", "u", "\u0301", "\u0323", "\u0302", "\u031b", "\u0306", " ",
                                   "\n", "\u1100", "\u1161", "\u11a8", "\u0b47", "\u0b3e", "\u212b", "\u0958"]),
                  max_size=30).map("".join))
def test_map_is_exact_and_monotone(raw):
    result = to_nfc(raw)
    if result is None:
        assert unicodedata.is_normalized("NFC", raw)
        return
    text, mapping = result
    assert text == unicodedata.normalize("NFC", raw)
    starts = [mapping.to_raw(i) for i in range(len(text) + 1)]
    ends = [mapping.to_raw(i, end=True) for i in range(len(text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert starts[0] == 0 and ends[-1] == len(raw)
    for i in range(len(text)):       # every span maps to whole raw clusters
        for j in range(i + 1, min(len(text), i + 6) + 1):
            assert unicodedata.normalize("NFC", raw[starts[i]:ends[j]]).find(text[i:j]) != -1


def test_tables_match_this_pythons_unicode():
    if unicodedata.unidata_version != TABLES_VERSION:
        pytest.skip(f"tables are for Unicode {TABLES_VERSION}")
    assert _tables() == (" ".join(_ATTACHING.split()), " ".join(_REPLACED.split()))


# -- the findings ------------------------------------------------------------------------

def _lint_pair(cli, tmp_path, name, text):
    (tmp_path / "nfc").mkdir(exist_ok=True)
    (tmp_path / "nfd").mkdir(exist_ok=True)
    (tmp_path / "nfc" / name).write_text(text, encoding="utf-8", newline="")
    (tmp_path / "nfd" / name).write_text(nfd(text), encoding="utf-8", newline="")
    runs = []
    for folder in ("nfc", "nfd"):
        result = cli("lint", "--format", "json", tmp_path / folder / name)
        runs.append(json.loads(result.output)["findings"])
    return runs


CASES = [path for path in sorted(SEEDS.glob("*.txt"))] + [FIXTURES / "structure" / "every-construct.md"]
if MT_DOC.exists():
    CASES.append(MT_DOC)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_nfd_copy_gets_the_findings_of_the_original(cli, tmp_path, path):
    original = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", original)
    raw = nfd(original)
    assert raw != original
    nfc_findings, nfd_findings = _lint_pair(cli, tmp_path, path.name, original)
    notes = [f for f in nfd_findings if is_note(f)]
    assert len(notes) == 1 and notes[0]["severity"] == "info"
    assert covered(raw, notes[0]) == nfd(notes[0]["suggestion"])
    nfd_findings = [f for f in nfd_findings if not is_note(f)]
    assert not any(is_note(f) for f in nfc_findings)
    assert len(nfd_findings) == len(nfc_findings)

    def key(f):
        return (f["line"], f["end_line"], f["rule"], f["severity"], f["category"], f["message"], f["suggestion"])

    assert [key(f) for f in nfd_findings] == [key(f) for f in nfc_findings]
    for mine, theirs in zip(nfd_findings, nfc_findings):
        span = covered(raw, mine)
        assert unicodedata.normalize("NFC", span) == covered(original, theirs)
        assert span == nfd(span)      # whole clusters: the raw span is NFD text itself


def test_seed_000_gold_recall_is_kept_on_an_nfd_copy(cli, tmp_path):
    golds = gold_entries()
    path = next(SEEDS.glob("000_*.txt"))
    original = path.read_text(encoding="utf-8")
    _, findings = _lint_pair(cli, tmp_path, path.name, original)
    lines = original.split("\n")
    missed = []
    for gold in golds:
        # the gold columns are those of the NFC file: move them to the NFD copy
        line = lines[gold["line"] - 1]
        moved = dict(gold, column=len(nfd(line[:gold["column"] - 1])) + 1,
                     end_column=len(nfd(line[:gold["end_column"] - 1])) + 1)
        if not any(overlaps(f, moved, slack=3) for f in findings if f["severity"] != "info"):
            missed.append((gold["line"], gold["text"]))
    assert len(golds) == 43
    assert missed == []


# -- fix, directives, other entry points -------------------------------------------------

def test_fix_writes_nfc_and_the_same_fixes(cli, tmp_path):
    original = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text(nfd(original), encoding="utf-8")
    cli("fix", tmp_path / "a.txt")
    cli("fix", tmp_path / "b.txt")
    fixed = (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", fixed)
    assert fixed == (tmp_path / "a.txt").read_text(encoding="utf-8")


def test_fix_without_the_note_edits_at_raw_offsets(cli, tmp_path):
    text = "Hôm nay ông Pham Minh Chinh đến Hà Nội.\r\nCuộc họp kết thúc lúc 5 giờ.\r\n"
    path = tmp_path / "c.txt"
    path.write_bytes(nfd(text).encode("utf-8"))
    cli("fix", "--select", "term", path)
    fixed = path.read_bytes().decode("utf-8")
    assert "Phạm Minh Chính" in fixed                     # written in NFC at the right place
    assert unicodedata.normalize("NFC", fixed) == text.replace("Pham Minh Chinh", "Phạm Minh Chính")
    assert fixed.count("\r\n") == 2


def test_directives_work_in_an_nfd_file(cli, tmp_path):
    text = ("Thủ tướng Pham Minh Chinh phát biểu. <!-- mtlint: disable-line=term -->\n"
            "Thủ tướng Pham Minh Chinh phát biểu.\n")
    runs = _lint_pair(cli, tmp_path, "d.txt", text)
    for findings in runs:
        assert {f["line"] for f in findings if f["rule"].startswith("term")} == {2}
    doc = text_document("d.txt", nfd(text))
    assert "mtlint" not in doc.text and doc.directives[0].line == 1
    assert doc.directives[0].column == len(nfd(text.split("<!--")[0])) + 1


def test_markdown_code_stays_blanked(tmp_path):
    text = "# Tiêu đề\n\n```\nbiến = \"Việt\"\n```\n\nĐoạn văn có `mã` ở giữa.\n"
    doc = text_document("x.md", nfd(text))
    assert doc.text == text_document("x.md", text).text
    assert [k for _, _, k in doc.skipped] == ["code", "inline-code"]


def test_mixed_input_keeps_its_nfc_parts():
    words = ["Việt", "Nam", "Hà", "Nội", "Đà", "Nẵng", "quốc", "tế"]
    rng = random.Random(7)
    raw = " ".join(nfd(w) if rng.random() < 0.5 else w for w in words * 20)
    doc = text_document("m.txt", raw)
    assert doc.text == " ".join(words * 20)
    for i in range(len(doc.text) + 1):
        line, column = doc.line_col(i)
        assert line == 1 and 1 <= column <= len(raw) + 1


# -- formats with a loader (checked as NFC after extraction) ------------------------------

_SENTENCES = ["Thủ tướng Pham Minh Chinh đã gặp các đại biểu tại Tōkyō.",
              "Tổng vốn đầu tư đạt 900,000 USD, hơn 81.300 tỷ đồng năm ngoái."]
_SOURCES = ["Prime Minister Pham Minh Chinh met the delegates in Tokyo.",
            "Total investment reached 900,000 USD, over 81,300 billion dong last year."]


def _formatted(suffix: str, form: str) -> bytes:
    vi = [unicodedata.normalize(form, s) for s in _SENTENCES]
    if suffix == ".html":
        body = f"<h1>{vi[0]}</h1>\n<p>Ngày 5/3 &amp; {vi[1]}</p>\n"
        return f"<html><body>\n{body}</body></html>\n".encode()
    if suffix == ".po":
        units = "".join(f'\nmsgid "{en}"\nmsgstr "{t}"\n' for en, t in zip(_SOURCES, vi))
        return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + units).encode()
    if suffix == ".xlf":
        units = "".join(f'<trans-unit id="{i}"><source>{en}</source><target>{t}</target></trans-unit>\n'
                        for i, (en, t) in enumerate(zip(_SOURCES, vi)))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="en" '
                f'target-language="vi" datatype="plaintext" original="x"><body>\n{units}</body></file></xliff>\n'
                ).encode()
    import io

    import docx

    document = docx.Document()
    for sentence in vi:
        document.add_paragraph(sentence)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("suffix", [".html", ".po", ".xlf", ".docx"])
def test_formats_get_the_findings_of_nfc(cli, tmp_path, suffix):
    runs = []
    for form in ("NFC", "NFD"):
        path = tmp_path / form / f"a{suffix}"
        path.parent.mkdir()
        path.write_bytes(_formatted(suffix, form))
        runs.append(json.loads(cli("lint", "--format", "json", path).output)["findings"])
    nfc_findings, nfd_findings = runs
    assert len([f for f in nfd_findings if is_note(f)]) == 1
    assert {f["rule"] for f in nfc_findings} >= {"term-diacritics", "figure-format"}

    def key(f):
        return (f["line"], f["rule"], f["message"], f["suggestion"])

    assert [key(f) for f in nfd_findings if not is_note(f)] == [key(f) for f in nfc_findings]
    if suffix != ".docx":   # positions of the markup as written
        raw = (tmp_path / "NFD" / f"a{suffix}").read_text(encoding="utf-8")
        original = (tmp_path / "NFC" / f"a{suffix}").read_text(encoding="utf-8")
        for mine, theirs in zip([f for f in nfd_findings if not is_note(f)], nfc_findings):
            assert unicodedata.normalize("NFC", covered(raw, mine)) == covered(original, theirs)


@pytest.mark.parametrize("suffix", [".html", ".po", ".xlf"])
def test_fix_of_a_format_writes_nfc(cli, tmp_path, suffix):
    for form in ("NFC", "NFD"):
        (tmp_path / f"{form}{suffix}").write_bytes(_formatted(suffix, form))
        cli("fix", tmp_path / f"{form}{suffix}")
    assert (tmp_path / f"NFD{suffix}").read_bytes() == (tmp_path / f"NFC{suffix}").read_bytes()
