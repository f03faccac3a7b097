"""text-casing on Markdown structure (headings, list items, bold labels,
link texts), the list of names mined from native text, and text-doubled on
a whole document."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from checker import rules as registry
from checker.config import Config
from checker.linter import Linter
from checker.vocabulary import PROPER_NOUNS_FILE, proper_nouns

ROOT = Path(__file__).resolve().parent.parent

LESSON = """\
# Kiến trúc mạng

## Các loại cổng

- Cổng Đăng ký (1024-49151): được dùng cho các ứng dụng đã đăng ký.
- Cổng động (49152-65535): có sẵn cho việc sử dụng tạm thời.

**Đội Ứng phó Sự cố:** một đội ngũ chuyên biệt ứng phó với sự cố.

1. Tạo một Nhóm Tài nguyên cho dự án này.

Đọc thêm trên [trang Kinh tuyến Gốc trên Wikipedia](https://wikipedia.org/wiki/Prime_meridian).

Kinh tuyến gốc đi qua Greenwich, ở nước Anh, gần Luân Đôn.

1. Lớp Vật lý (Physical Layer)
2. Lớp Liên kết Dữ liệu (Data Link Layer)

## Ôn tập & Tự học
"""


def _lint(tmp_path, text, name="lesson.md", **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    config = Config(select=("text-casing",), default_glossary=False)
    for key, value in options.items():
        config = config.with_rule_options(registry, f"text-casing.{key}={value}")
    from checker.glossary import load_glossary

    result = Linter(load_glossary([]), config).lint_paths([path])
    lines = text.split("\n")
    return [lines[f.line - 1][f.column - 1:f.end_column - 1] for f in result.findings]


def test_markdown_labels_list_items_and_link_texts(tmp_path):
    spans = _lint(tmp_path, LESSON)
    assert spans == ["Đăng ký", "Ứng phó Sự cố", "Nhóm Tài nguyên", "Kinh tuyến Gốc", "Liên kết Dữ liệu", "Tự"]


def test_plain_text_running_prose_stays_quiet(tmp_path):
    # The same words in a .txt file: no Markdown labels, and the running
    # text never writes these phrases in lower case.
    text = "Hội nghị có sự tham gia của Đội Ứng phó Sự cố và Nhóm Tài nguyên tỉnh.\n"
    assert _lint(tmp_path, text, name="news.txt") == []


def test_running_text_with_the_phrase_in_lower_case_elsewhere(tmp_path):
    text = ("Quản lý Tư thế Bảo mật giúp đánh giá an ninh của tổ chức.\n"
            "Việc quản lý tư thế bảo mật diễn ra liên tục.\n")
    assert _lint(tmp_path, text, name="doc.txt") == ["Tư thế Bảo mật"]


def test_names_from_the_native_corpus_are_kept(tmp_path):
    text = "## Khí hậu ở Bắc Cực và trên Trái Đất\n"
    assert _lint(tmp_path, text) == []


def test_the_shipped_name_list_is_compact_and_loads():
    assert PROPER_NOUNS_FILE.exists()
    assert PROPER_NOUNS_FILE.stat().st_size < 100_000
    names, transitions = proper_nouns()
    assert "trái đất" in names and "chính phủ" in names
    assert "bộ ngoại" in transitions  # Bộ Ngoại giao


def test_mining_script_on_a_small_corpus(tmp_path):
    spec = importlib.util.spec_from_file_location("mine", ROOT / "scripts" / "mine_proper_nouns.py")
    mine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mine)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"a{i}.txt").write_text(
            "Các nhà khoa học nghiên cứu Trái Đất và khí hậu.\n"
            "Đại diện Bộ Ngoại giao đã phát biểu.\n"
            "Người dân tin tưởng vào dữ liệu của ông Nguyễn Văn An.\n", encoding="utf-8")
    out = tmp_path / "names.tsv.gz"
    mine.main([str(corpus), "-o", str(out)])
    lines = gzip.open(out, "rt", encoding="utf-8").read().splitlines()
    assert "n\ttrái đất" in lines
    assert "t\tbộ ngoại" in lines
    assert not any(line.endswith("dữ liệu") for line in lines)


@pytest.mark.parametrize(("text", "count"), [
    ("Bộ nhớ ít hơn hơn một triệu lần. Xe chạy từ từ.\n", 1),
    ("Dữ liệu nằm trong `data`     trong thư mục.\n", 0),  # a blanked code span
])
def test_doubled_words_in_a_document(tmp_path, text, count):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    from checker.glossary import load_glossary

    config = Config(select=("text-doubled",), default_glossary=False)
    result = Linter(load_glossary([]), config).lint_paths([path])
    assert len(result.findings) == count


def test_cluster_pattern_matches_its_plain_form():
    """_CLUSTER is written for speed (possessive quantifiers, no lazy
    repeat); it must find exactly what the plain pattern finds."""
    import random
    import re

    from checker.rules.text_casing import _CLUSTER
    from checker.vietnamese import UPPER

    sep = r"[ \t]{1,2}(?:&[ \t]{1,2})?"
    plain = re.compile(rf"[{UPPER}][^\W\d_]*(?:(?:{sep}[^\W\d_]+){{0,3}}?{sep}[{UPPER}][^\W\d_]*){{2,}}")
    pieces = ["A", "Đ", "Bộ", "a", "đ", "ngoại", "ǅ", "中", "1", " ", "  ", "   ", "\t", "&", " & ", ".", "\n"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        assert [m.span() for m in _CLUSTER.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_running_text_tokenises_only_the_phrases_with_a_cluster(monkeypatch):
    """In running text the rule tokenises only the phrases of a line that
    hold a run of three capitals (_clustered_phrase_tokens). On real text
    (native news, and the machine-translated lessons as plain text, with
    the line filters opened wide so that many more lines and phrases are
    judged) their tokens are the whole line's, flags included, and the
    findings are those the whole lines give."""
    from checker.glossary import load_glossary
    from checker.loaders import document_from_bytes
    from checker.rules import text_casing
    from checker.vocabulary import tokens

    mt_docs = ROOT.parent / "shared" / "corpus" / "mt-docs" / "vi"
    news = ROOT.parent / "shared" / "corpus" / "vi-news"
    if not mt_docs.is_dir() or not news.is_dir():
        pytest.skip("the shared corpora are not present")
    texts = [path.read_text(encoding="utf-8").replace("#", "") for path in sorted(mt_docs.glob("*.md"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(news.rglob("*.txt"))[:150]]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]

    def flags(words):
        return [(t.start, t.end, t.text, t.initial, t.joined, t.shape) for t in words]

    phrases = 0
    for text in texts:
        lines = {text.rfind("\n", 0, cluster.start()) + 1 for cluster in text_casing._CLUSTER.finditer(text)}
        for start in lines:
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            whole = {t.start: t for t in tokens(text, start, end)}
            chosen = text_casing._clustered_phrase_tokens(text, start, end)
            assert flags(chosen) == flags(whole[t.start] for t in chosen)
            phrases += len(chosen)
    assert phrases > 10_000

    linter = Linter(load_glossary([]), Config(select=("text-casing",), default_glossary=False))

    def findings():
        docs = [document_from_bytes(f"doc{i}.txt", text.encode("utf-8")) for i, text in enumerate(texts)]
        return [(f.path, f.line, f.column, f.message, f.suggestion) for doc in docs for f in linter.lint_document(doc)[0]]

    monkeypatch.setattr(text_casing, "_also_lower", lambda *args: True)
    monkeypatch.setattr(text_casing, "_written_lower", lambda *args: True)
    by_phrase = findings()
    monkeypatch.setattr(text_casing, "_clustered_phrase_tokens", tokens)
    assert findings() == by_phrase
    assert len(by_phrase) > 30
